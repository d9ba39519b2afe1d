/*
 * hvabi/xen_version.h - the xen_version hypercall.
 *
 * Specification: spec/chapters/xen_version.rst.
 * Call: xen_version(cmd, arg) with HVABI_HYPERCALL_XEN_VERSION.
 */
#ifndef HVABI_XEN_VERSION_H
#define HVABI_XEN_VERSION_H

/* Commands (first argument). */
#define HVABI_XENVER_VERSION 0

/*
 * HVABI_XENVER_VERSION returns the implemented interface version as
 * (major << 16) | minor, a non-negative value below 2^32.
 */
#define HVABI_XENVER_MAJOR_SHIFT 16
#define HVABI_XENVER_MINOR_MASK  0xffff

#endif /* HVABI_XEN_VERSION_H */
