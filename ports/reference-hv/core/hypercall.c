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
    case HVABI_HYPERCALL_EVENT_CHANNEL_OP:
        return do_event_channel_op(v, (uint32_t)a[0], a[1]);
    case HVABI_HYPERCALL_VCPU_OP:
        return do_vcpu_op(v, (uint32_t)a[0], (uint32_t)a[1], a[2]);
    case HVABI_HYPERCALL_MEMORY_OP:
        return do_memory_op(v, a[0], a[1]);   /* cmd: all 64 bits (bits above 5 must be 0) */
    case HVABI_HYPERCALL_GRANT_TABLE_OP:
        return do_grant_table_op(v, (uint32_t)a[0], a[1], (uint32_t)a[2]);
    case HVABI_HYPERCALL_HVM_OP:
        return do_hvm_op(v, a[0], a[1]);      /* op: all 64 bits, as Xen */
    default:
        return -HVABI_ENOSYS;
    }
}
