/*
 * sched_op.c - the sched_op hypercall.
 *
 * Specification: spec/chapters/sched_op.rst.  Each vCPU owns its physical
 * CPU, so yielding returns at once and waiting (block, poll) waits on the
 * CPU itself, woken by a kick, the vCPU's own timer or its hypervisor timer.
 */
#include "core/arch.h"
#include "core/cpu.h"
#include "core/event_channel.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"
#include "core/runstate.h"
#include "core/sched.h"
#include "core/timer.h"
#include "core/vgic.h"

#include <hvabi/errno.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

#define NANOSECONDS_PER_SECOND 1000000000ULL
#define SCHEDOP_PIN_OVERRIDE 7 /* Xen's; not for guests of this hypervisor */

static bool valid_reason(uint32_t reason)
{
    return reason <= HVABI_SHUTDOWN_SOFT_RESET;
}

static int64_t shutdown(struct vcpu *v, uint64_t arg)
{
    struct hvabi_sched_shutdown request;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    if (!valid_reason(request.reason)) {
        return -HVABI_EINVAL;
    }
    domain_stop(v->domain, STOP_SHUTDOWN, request.reason);
    /* The vCPU is stopped now; the trap handler will not resume it. */
    return 0;
}

static int64_t shutdown_code(struct vcpu *v, uint64_t arg)
{
    struct domain *d = v->domain;
    struct hvabi_sched_shutdown request;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    if (!valid_reason(request.reason)) {
        return -HVABI_EINVAL;
    }
    spin_lock(&d->lock);
    if (!d->has_recorded_reason) {
        d->has_recorded_reason = true;
        d->recorded_reason = request.reason;
    }
    spin_unlock(&d->lock);
    return 0;
}

static int64_t remote_shutdown(struct vcpu *v, uint64_t arg)
{
    struct hvabi_sched_remote_shutdown request;
    struct domain *target;

    /* Order of checks: EFAULT, ESRCH, EPERM, EINVAL (hvabi~sched-op-remote-shutdown-order~1). */
    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    target = request.domain_id == HVABI_DOMID_SELF ? v->domain : domain_by_id(request.domain_id);
    if (target == NULL) {
        return -HVABI_ESRCH;
    }
    if (!v->domain->is_control) {
        return -HVABI_EPERM;
    }
    if (!valid_reason(request.reason)) {
        return -HVABI_EINVAL;
    }
    domain_stop(target, target == v->domain ? STOP_SHUTDOWN : STOP_REMOTE, request.reason);
    return 0;
}

static int64_t watchdog(struct vcpu *v, uint64_t arg)
{
    struct domain *d = v->domain;
    struct hvabi_sched_watchdog request;
    uint64_t now = system_time_now();
    int64_t result = -HVABI_EINVAL;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    spin_lock(&d->lock);
    if (request.id == 0) {
        result = -HVABI_ENOSPC;
        for (unsigned int i = 0; i < HVABI_SCHED_WATCHDOG_MAX; i++) {
            if (!d->watchdogs[i].in_use) {
                d->watchdogs[i].in_use = true;
                d->watchdogs[i].expiry = now + request.timeout * NANOSECONDS_PER_SECOND;
                result = (int64_t)i + 1;
                break;
            }
        }
    } else if (request.id <= HVABI_SCHED_WATCHDOG_MAX && d->watchdogs[request.id - 1].in_use) {
        struct watchdog *w = &d->watchdogs[request.id - 1];

        if (request.timeout == 0) {
            w->in_use = false;
        } else {
            w->expiry = now + request.timeout * NANOSECONDS_PER_SECOND;
        }
        result = 0;
    }
    spin_unlock(&d->lock);
    if (result >= 0) {
        /* The domain's watchdogs run on the CPU of its vCPU 0. */
        if (v->id == 0) {
            timer_rearm(v);
        } else {
            arch_kick_cpu(cpu_by_index(d->vcpus[0].pcpu));
        }
    }
    return result;
}

void sched_wait_for_interrupt(struct vcpu *v)
{
    runstate_enter(v, HVABI_RUNSTATE_BLOCKED);
    while (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) == VCPU_RUNNING &&
           !vgic_has_deliverable(v)) {
        timer_rearm(v);
        arch_wait();
        arch_handle_interrupts(v);
    }
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
}

/* SCHEDOP_block: the guest's interrupts are enabled and it waits for one. */
static int64_t block(struct vcpu *v)
{
    arch_vcpu_unmask_irq(v);
    sched_wait_for_interrupt(v);
    return 0;
}

/* Whether any of the ports in the guest's list is pending now. */
static bool any_pending(struct vcpu *v, uint64_t ports, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        uint32_t port;

        if (guest_copy_from(v, &port, ports + 4ULL * i, sizeof(port)) != 0) {
            return true; /* the list changed under us: let the guest look again */
        }
        if (evtchn_is_pending(v->domain, port)) {
            return true;
        }
    }
    return false;
}

static int64_t poll(struct vcpu *v, uint64_t arg)
{
    struct hvabi_sched_poll request;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    if (request.nr_ports > HVABI_SCHED_POLL_MAX_PORTS) {
        return -HVABI_EINVAL;
    }
    for (uint32_t i = 0; i < request.nr_ports; i++) {
        uint32_t port;

        if (guest_copy_from(v, &port, request.ports + 4ULL * i, sizeof(port)) != 0) {
            return -HVABI_EFAULT;
        }
        if (!evtchn_is_open(v->domain, port)) {
            return -HVABI_EINVAL;
        }
        if (evtchn_is_pending(v->domain, port)) {
            return 0;
        }
    }
    v->poll_deadline = request.timeout;
    runstate_enter(v, HVABI_RUNSTATE_BLOCKED);
    while (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) == VCPU_RUNNING &&
           !any_pending(v, request.ports, request.nr_ports) &&
           (request.timeout == 0 || system_time_now() < request.timeout)) {
        timer_rearm(v);
        arch_wait();
        arch_handle_interrupts(v);
    }
    v->poll_deadline = 0;
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
    return 0;
}

int64_t do_sched_op(struct vcpu *v, uint32_t cmd, uint64_t arg)
{
    switch (cmd) {
    case HVABI_SCHEDOP_YIELD:
        return 0;
    case HVABI_SCHEDOP_BLOCK:
        return block(v);
    case HVABI_SCHEDOP_SHUTDOWN:
        return shutdown(v, arg);
    case HVABI_SCHEDOP_POLL:
        return poll(v, arg);
    case HVABI_SCHEDOP_REMOTE_SHUTDOWN:
        return remote_shutdown(v, arg);
    case HVABI_SCHEDOP_SHUTDOWN_CODE:
        return shutdown_code(v, arg);
    case HVABI_SCHEDOP_WATCHDOG:
        return watchdog(v, arg);
    case SCHEDOP_PIN_OVERRIDE:
    default:
        return -HVABI_ENOSYS;
    }
}
