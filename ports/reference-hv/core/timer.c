/*
 * timer.c - system time and per-CPU deadlines (see timer.h).
 */
#include "core/arch.h"
#include "core/timer.h"

#include <hvabi/sched_op.h>

#define NANOSECONDS_PER_SECOND 1000000000ULL

uint64_t system_time_now(void)
{
    /* floor(count * 10^9 / frequency), with a 128-bit product: no overflow. */
    unsigned __int128 product = (unsigned __int128)arch_counter_now() * NANOSECONDS_PER_SECOND;

    return (uint64_t)(product / arch_counter_frequency());
}

/* The earliest deadline of the vCPU and, on its domain's vCPU 0, of the watchdogs; 0 if none. */
static uint64_t earliest_deadline(struct vcpu *v)
{
    struct domain *d = v->domain;
    uint64_t earliest = v->poll_deadline;

    if (v->id == 0) {
        spin_lock(&d->lock);
        for (unsigned int i = 0; i < HVABI_SCHED_WATCHDOG_MAX; i++) {
            const struct watchdog *w = &d->watchdogs[i];

            if (w->in_use && (earliest == 0 || w->expiry < earliest)) {
                earliest = w->expiry;
            }
        }
        spin_unlock(&d->lock);
    }
    return earliest;
}

/* Arms this CPU's timer for `deadline` (system time), or disarms it for 0. */
static void arm_for(uint64_t deadline)
{
    if (deadline == 0) {
        arch_timer_disarm();
        return;
    }
    /* ns to counter ticks, rounded up so the timer never fires early. */
    arch_timer_arm((uint64_t)(((unsigned __int128)deadline * arch_counter_frequency() +
                               NANOSECONDS_PER_SECOND - 1) /
                              NANOSECONDS_PER_SECOND));
}

void timer_rearm(struct vcpu *v)
{
    arm_for(earliest_deadline(v));
}

void timer_expired(struct vcpu *v)
{
    struct domain *d = v->domain;
    uint64_t now = system_time_now();
    uint64_t deadline;
    bool expired = false;

    if (v->id == 0) {
        spin_lock(&d->lock);
        for (unsigned int i = 0; i < HVABI_SCHED_WATCHDOG_MAX; i++) {
            if (d->watchdogs[i].in_use && d->watchdogs[i].expiry <= now) {
                expired = true;
            }
        }
        spin_unlock(&d->lock);
    }
    if (expired) {
        domain_stop(d, STOP_WATCHDOG, HVABI_SHUTDOWN_WATCHDOG);
    }
    /*
     * A poll deadline needs no action here: the waiting vCPU looks at the
     * time.  A deadline that has passed is not armed again: a timer armed
     * in the past fires at once, and the interrupt handler would take it
     * again and again before the vCPU could look at the time.
     */
    deadline = earliest_deadline(v);
    arm_for(deadline > now ? deadline : 0);
}
