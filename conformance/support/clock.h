/*
 * clock.h - time as a guest sees it: the virtual counter, and the system
 * time the hypervisor derives from it.
 *
 * System time (spec: sched_op.rst, "System time") is floor(V * 10^9 / F)
 * for the virtual count V and the frequency F of CNTFRQ_EL0.  Tests bound
 * every wait with a deadline in counter ticks.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_CLOCK_H
#define HVABI_CONFORMANCE_SUPPORT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* CNTVCT_EL0, read after the instructions before it. */
uint64_t clock_count(void);

/* CNTFRQ_EL0: counter ticks per second. */
uint64_t clock_frequency(void);

/* floor(count * 10^9 / frequency), without overflow. */
uint64_t clock_ns_of_count(uint64_t count);

/* The system time now, in nanoseconds. */
uint64_t clock_system_time(void);

/* Counter ticks in `ms` milliseconds. */
uint64_t clock_ticks_of_ms(uint64_t ms);

/* The counter value `ms` milliseconds from now: a deadline. */
uint64_t clock_deadline_ms(uint64_t ms);

/* Whether the counter has reached `deadline`. */
bool clock_passed(uint64_t deadline);

/* Milliseconds in `ticks` counter ticks, rounded down. */
uint64_t clock_ms_of_ticks(uint64_t ticks);

/* Spins for `ms` milliseconds. */
void clock_spin_ms(uint64_t ms);

#endif /* HVABI_CONFORMANCE_SUPPORT_CLOCK_H */
