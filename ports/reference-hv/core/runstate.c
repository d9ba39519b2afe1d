/*
 * runstate.c - vCPU state times and runstate areas (see runstate.h).
 */
#include "core/guest_memory.h"
#include "core/runstate.h"
#include "core/timer.h"

#include <hvabi/errno.h>
#include <hvabi/vcpu_op.h>

/* Adds the time since the last change to the current state. */
static void account(struct vcpu *v, uint64_t now)
{
    v->runstate.time[v->runstate.state] += now - v->runstate.state_entry_time;
    v->runstate.state_entry_time = now;
}

void runstate_init(struct vcpu *v)
{
    v->runstate = (struct hvabi_vcpu_runstate_info){
        .state = HVABI_RUNSTATE_OFFLINE,
        .state_entry_time = system_time_now(),
    };
    v->runstate_area = 0;
}

void runstate_enter(struct vcpu *v, int32_t state)
{
    uint64_t now = system_time_now();

    account(v, now);
    v->runstate.state = state;
    /* An area that is not writable now is skipped (hvabi~vcpu-op-runstate-translation~1). */
    if (state == HVABI_RUNSTATE_RUNNING && v->runstate_area != 0) {
        guest_copy_to(v, v->runstate_area, &v->runstate, sizeof(v->runstate));
    }
}

int64_t runstate_register(struct vcpu *caller, struct vcpu *target, uint64_t address)
{
    struct hvabi_vcpu_runstate_info snapshot;

    if (address == 0) {
        target->runstate_area = 0;
        return 0;
    }
    snapshot = target->runstate;
    if (target == caller) {
        /* The caller is running: the record covers the time up to now. */
        account(target, system_time_now());
        snapshot = target->runstate;
    }
    if (guest_copy_to(caller, address, &snapshot, sizeof(snapshot)) != 0) {
        return -HVABI_EFAULT;
    }
    target->runstate_area = address;
    return 0;
}
