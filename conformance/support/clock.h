/*
 * clock.h - bounded waits on the generic timer's virtual counter.
 *
 * Every wait of a test is bounded: a test that waits for something the
 * hypervisor or a peer must do gives up after a deadline and records a
 * failure, it never hangs.  Time is the guest's virtual counter
 * (CNTVCT_EL0) at the frequency CNTFRQ_EL0, which needs no hypercall.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_CLOCK_H
#define HVABI_CONFORMANCE_SUPPORT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* The virtual counter, read after earlier instructions completed (ISB). */
uint64_t clock_ticks(void);

/* The counter frequency in Hz (CNTFRQ_EL0); never 0. */
uint64_t clock_frequency(void);

/* Ticks in `us` microseconds. */
uint64_t clock_us_to_ticks(uint64_t us);

/* Microseconds in `ticks` ticks. */
uint64_t clock_ticks_to_us(uint64_t ticks);

/* The counter value `ms` milliseconds from now. */
uint64_t clock_deadline_ms(uint32_t ms);

/* Whether the counter has reached `deadline`. */
bool clock_passed(uint64_t deadline);

/* Busy-waits `us` microseconds. */
void clock_delay_us(uint64_t us);

#endif /* HVABI_CONFORMANCE_SUPPORT_CLOCK_H */
