/*
 * vcpu_op.c - the vcpu_op hypercall: where a vCPU's vcpu_info and runstate
 * area are.
 *
 * Specification: spec/chapters/vcpu_op.rst.  Checks in the order the
 * chapter gives: -ENOSYS, -ENOENT, -EFAULT, -ENXIO, -EINVAL.
 */
#include <string.h>

#include "core/arch.h"
#include "core/event_channel.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"
#include "core/runstate.h"

#include <hvabi/errno.h>
#include <hvabi/vcpu_op.h>

#define VCPU_INFO_SIZE sizeof(struct hvabi_vcpu_info)

/* The hypervisor's address of guest frame `gfn` when it is a RAM page of d; 0 if not. */
static uint64_t ram_page(struct domain *d, uint64_t gfn)
{
    uint64_t ipa = gfn * PAGE_SIZE;
    uint64_t pa;

    if (gfn >= (1ULL << 52) || ipa < d->ram_ipa || ipa - d->ram_ipa >= d->ram_size ||
        !arch_translate_guest_ipa(d, ipa, &pa)) {
        return 0;
    }
    /* The frame must still hold its own RAM page, not a page placed there. */
    return pa == d->ram_pa + (ipa - d->ram_ipa) ? pa : 0;
}

static int64_t register_vcpu_info(struct vcpu *caller, struct vcpu *target, uint64_t arg)
{
    struct domain *d = caller->domain;
    struct hvabi_vcpu_register_vcpu_info request;
    struct hvabi_vcpu_info *info;
    uint64_t page;
    int64_t rc = 0;

    if (guest_copy_from(caller, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    if (request.offset > PAGE_SIZE - VCPU_INFO_SIZE || request.offset % 8 != 0) {
        return -HVABI_ENXIO;
    }
    spin_lock(&d->lock);
    page = ram_page(d, request.gfn);
    if (target->vcpu_info_registered ||
        (target != caller && __atomic_load_n(&target->state, __ATOMIC_ACQUIRE) == VCPU_RUNNING) ||
        page == 0) {
        rc = -HVABI_EINVAL;
    } else {
        target->vcpu_info_registered = true;
    }
    spin_unlock(&d->lock);
    if (rc != 0) {
        return rc;
    }
    info = (struct hvabi_vcpu_info *)(uintptr_t)(page + request.offset);
    if (target->vcpu_info != NULL) {
        memcpy(info, target->vcpu_info, VCPU_INFO_SIZE);
    } else {
        memset(info, 0, VCPU_INFO_SIZE);
    }
    evtchn_vcpu_info_moved(target, info);
    return 0;
}

static int64_t register_runstate(struct vcpu *caller, struct vcpu *target, uint64_t arg)
{
    struct hvabi_vcpu_register_runstate_memory_area request;

    if (guest_copy_from(caller, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    return runstate_register(caller, target, request.addr);
}

int64_t do_vcpu_op(struct vcpu *v, uint32_t cmd, uint32_t vcpuid, uint64_t arg)
{
    struct domain *d = v->domain;

    if (cmd != HVABI_VCPUOP_REGISTER_VCPU_INFO &&
        cmd != HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA) {
        return -HVABI_ENOSYS;
    }
    if (vcpuid >= d->vcpu_count) {
        return -HVABI_ENOENT;
    }
    if (cmd == HVABI_VCPUOP_REGISTER_VCPU_INFO) {
        return register_vcpu_info(v, &d->vcpus[vcpuid], arg);
    }
    return register_runstate(v, &d->vcpus[vcpuid], arg);
}
