/*
 * clock.h - time as the guest reads it: the virtual counter, system time,
 * bounded waits and sleeps.
 *
 * System time is floor(CNTVCT_EL0 * 10^9 / CNTFRQ_EL0) nanoseconds
 * (spec: sched_op.rst, hvabi~sched-op-system-time~1).  Every wait of a test
 * is bounded by a deadline in counter ticks.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_CLOCK_H
#define HVABI_CONFORMANCE_SUPPORT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "guest/platform.h"

/* CNTVCT_EL0, read after an ISB so that it is not read early. */
uint64_t clock_counter(void);

/* CNTFRQ_EL0. */
uint64_t clock_frequency(void);

/* Counter ticks to nanoseconds and back, without overflow. */
uint64_t clock_ticks_to_ns(uint64_t ticks);
uint64_t clock_ns_to_ticks(uint64_t ns);

/* The system time now, in nanoseconds. */
uint64_t clock_system_time(void);

/* The counter value `ns` nanoseconds from now. */
uint64_t clock_deadline(uint64_t ns);

/* Whether the counter has reached `deadline`. */
bool clock_passed(uint64_t deadline);

/* Busy-waits for `ns` nanoseconds (the vCPU keeps running). */
void clock_spin(uint64_t ns);

/*
 * Prepares clock_wait_timer() on the calling vCPU, which must be vCPU 0
 * (the guest library's interrupt support serves it only): sets up the GIC
 * and enables the virtual timer's interrupt (from the /timer node of the
 * device tree, compatible "arm,armv8-timer").  Returns 0, or -1 when the
 * tree has no usable timer or GIC (the cause is printed).
 */
int clock_timer_init(const struct guest_platform *platform);

/*
 * Waits in WFI, with IRQs masked, until `ns` nanoseconds have passed: the
 * virtual timer, armed for that moment, ends the WFI.  The timer is off
 * again on return.  Returns false when the time did not pass within 1000
 * wake-ups (a hypervisor whose WFI ends early and often).  When the vCPU
 * reaches the wait with less than half of the time left (a loaded host
 * stalled it), the wait starts again: a wait always blocks the vCPU.
 */
bool clock_wait_timer(uint64_t ns);

/*
 * Like clock_wait_timer(), but waits in SCHEDOP_block (spec: sched_op.rst),
 * which returns with IRQs unmasked: the timer's interrupt is taken then,
 * and IRQs are masked again before the function returns.
 */
bool clock_block_timer(uint64_t ns);

/*
 * Disarms the virtual timer and takes an interrupt it left pending, which
 * would otherwise end the next WFI at once.
 */
void clock_disarm_timer(void);

/* The virtual timer's INTID, once clock_timer_init() succeeded; else 0. */
uint32_t clock_timer_intid(void);

/* Arms the virtual timer for the counter value `deadline`, or disarms it (0). */
void clock_arm_timer(uint64_t deadline);

#define CLOCK_MS 1000000ULL
#define CLOCK_S  1000000000ULL

#endif /* HVABI_CONFORMANCE_SUPPORT_CLOCK_H */
