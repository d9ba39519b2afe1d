/*
 * hvm_op.c - the hvm_op hypercall: the parameters of a domain.
 *
 * Specification: spec/chapters/hvm_op.rst.  This hypervisor gives domains
 * no Xenstore and no PV console, and reports CALLBACK_IRQ as 0 (the
 * /hypervisor node is where a guest finds its event interrupt), so every
 * parameter starts at 0; only a control domain may set them.
 */
#include "core/guest_memory.h"
#include "core/hypercall.h"

#include <hvabi/errno.h>
#include <hvabi/hvm_op.h>
#include <hvabi/types.h>

/* The slot of a specified parameter in struct domain's params, or -1. */
static int param_slot(uint32_t index)
{
    switch (index) {
    case HVABI_HVM_PARAM_CALLBACK_IRQ:
        return 0;
    case HVABI_HVM_PARAM_STORE_PFN:
        return 1;
    case HVABI_HVM_PARAM_STORE_EVTCHN:
        return 2;
    case HVABI_HVM_PARAM_CONSOLE_PFN:
        return 3;
    case HVABI_HVM_PARAM_CONSOLE_EVTCHN:
        return 4;
    case HVABI_HVM_PARAM_MONITOR_RING_PFN:
        return 5;
    default:
        return -1;
    }
}

static int64_t param(struct vcpu *v, uint64_t op, uint64_t arg)
{
    struct hvabi_hvm_param p;
    struct domain *d;
    bool self;
    int slot;

    if (guest_copy_from(v, &p, arg, sizeof(p)) != 0) {
        return -HVABI_EFAULT;
    }
    d = p.domid == HVABI_DOMID_SELF ? v->domain : domain_by_id(p.domid);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    self = d == v->domain;
    if (!self && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    slot = param_slot(p.index);
    if (slot < 0) {
        return -HVABI_EINVAL;
    }
    /* A domain may not set its own parameters, nor read the monitor ring's. */
    if (self && (op == HVABI_HVMOP_SET_PARAM || p.index == HVABI_HVM_PARAM_MONITOR_RING_PFN)) {
        return -HVABI_EPERM;
    }
    if (op == HVABI_HVMOP_SET_PARAM) {
        __atomic_store_n(&d->params[slot], p.value, __ATOMIC_SEQ_CST);
        return 0;
    }
    p.value = __atomic_load_n(&d->params[slot], __ATOMIC_SEQ_CST);
    /* Bytes 8 to 15 only: the value. */
    return guest_copy_to(v, arg + 8, &p.value, sizeof(p.value)) != 0 ? -HVABI_EFAULT : 0;
}

int64_t do_hvm_op(struct vcpu *v, uint64_t op, uint64_t arg)
{
    switch (op) {
    case HVABI_HVMOP_SET_PARAM:
    case HVABI_HVMOP_GET_PARAM:
        return param(v, op, arg);
    default:
        return -HVABI_ENOSYS; /* 24 (guest_request_vm_event) included */
    }
}
