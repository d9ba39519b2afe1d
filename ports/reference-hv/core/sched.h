/*
 * sched.h - a vCPU waiting on its own physical CPU.
 */
#ifndef REFHV_CORE_SCHED_H
#define REFHV_CORE_SCHED_H

#include "core/domain.h"

/*
 * Waits on this CPU until the vCPU has an enabled interrupt pending (its
 * timer, an event upcall, an SGI) or it stops; the vCPU is blocked in its
 * runstate meanwhile and the CPU sleeps (arch_wait()).  PSTATE.I of the
 * vCPU is not looked at: the interrupt wakes it whether or not it will be
 * taken at once, as for WFI.  Used by SCHEDOP_block and a trapped WFI.
 */
void sched_wait_for_interrupt(struct vcpu *v);

#endif /* REFHV_CORE_SCHED_H */
