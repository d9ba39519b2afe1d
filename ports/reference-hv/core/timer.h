/*
 * timer.h - system time and the deadlines of a physical CPU.
 *
 * System time (spec/chapters/sched_op.rst) is the guest's virtual counter
 * in nanoseconds.  The reference hypervisor gives every domain a virtual
 * counter offset of 0, so system time is the same for all domains and for
 * the hypervisor.
 *
 * A CPU has at most two kinds of deadline: the timeout of a SCHEDOP_poll
 * of its vCPU, and, on the CPU of a domain's vCPU 0, the expiry of the
 * domain's watchdogs.  The CPU's hypervisor timer is armed for the earliest
 * of them whenever the vCPU returns to the guest or waits in the hypervisor.
 */
#ifndef REFHV_CORE_TIMER_H
#define REFHV_CORE_TIMER_H

#include <stdint.h>

#include "core/domain.h"

/* The current system time in nanoseconds. */
uint64_t system_time_now(void);

/* Arms this CPU's timer for the earliest deadline of `v` (and its domain, on vCPU 0's CPU). */
void timer_rearm(struct vcpu *v);

/* This CPU's timer fired: shut the domain down for any watchdog that expired. */
void timer_expired(struct vcpu *v);

#endif /* REFHV_CORE_TIMER_H */
