/*
 * sched_op.c - the sched_op hypercall.
 *
 * Specification: spec/chapters/sched_op.rst.
 */
#include "core/guest_memory.h"
#include "core/hypercall.h"

#include <hvabi/errno.h>
#include <hvabi/sched_op.h>

static int64_t shutdown(struct vcpu *v, uint64_t arg)
{
    struct hvabi_sched_shutdown request;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    if (request.reason > HVABI_SHUTDOWN_SOFT_RESET) {
        return -HVABI_EINVAL;
    }
    domain_shutdown(v->domain, request.reason);
    /* The vCPU is stopped now; the trap handler will not resume it. */
    return 0;
}

int64_t do_sched_op(struct vcpu *v, uint32_t cmd, uint64_t arg)
{
    switch (cmd) {
    case HVABI_SCHEDOP_SHUTDOWN:
        return shutdown(v, arg);
    default:
        return -HVABI_ENOSYS;
    }
}
