/*
 * xen_version.h - what the xen_version hypercall needs from boot.
 */
#ifndef REFHV_CORE_XEN_VERSION_H
#define REFHV_CORE_XEN_VERSION_H

#include <stddef.h>

/*
 * Records the hypervisor's command line (`len` bytes at `line`, or fewer
 * up to a NUL) for XENVER_commandline from a control domain: truncated to
 * 1023 bytes and NUL-padded.  Called once at boot, before any guest runs.
 */
void xen_version_init(const char *line, size_t len);

#endif /* REFHV_CORE_XEN_VERSION_H */
