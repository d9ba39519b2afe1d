/*
 * hypercall.c - route a hypercall to its handler (see hypercall.h).
 */
#include "core/hypercall.h"

#include <hvabi/errno.h>
#include <hvabi/hypercall.h>

int64_t hypercall_dispatch(struct vcpu *v, const struct hypercall *call)
{
    const uint64_t *a = call->args;

    switch (call->number) {
    case HVABI_HYPERCALL_XEN_VERSION:
        return do_xen_version(v, (uint32_t)a[0], a[1]);
    case HVABI_HYPERCALL_CONSOLE_IO:
        return do_console_io(v, (uint32_t)a[0], (uint32_t)a[1], a[2]);
    case HVABI_HYPERCALL_SCHED_OP:
        return do_sched_op(v, (uint32_t)a[0], a[1]);
    default:
        return -HVABI_ENOSYS;
    }
}
