/*
 * xen_version.c - the xen_version hypercall.
 *
 * Specification: spec/chapters/xen_version.rst.
 */
#include "core/config.h"
#include "core/hypercall.h"

#include <hvabi/errno.h>
#include <hvabi/xen_version.h>

int64_t do_xen_version(struct vcpu *v, uint32_t cmd, uint64_t arg)
{
    (void)v;
    (void)arg; /* XENVER_version takes no argument */

    switch (cmd) {
    case HVABI_XENVER_VERSION:
        return ((int64_t)INTERFACE_VERSION_MAJOR << HVABI_XENVER_MAJOR_SHIFT) |
               INTERFACE_VERSION_MINOR;
    default:
        return -HVABI_ENOSYS;
    }
}
