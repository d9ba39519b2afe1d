/*
 * timer.h - the virtual timer of the calling vCPU (CNTV), as a source of
 * interrupts that wake a vCPU from SCHEDOP_block.
 *
 * The timer's interrupt is the third interrupt of the "arm,armv8-timer"
 * node of the guest's device tree (the virtual timer), a PPI.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_TIMER_H
#define HVABI_CONFORMANCE_SUPPORT_TIMER_H

#include <stdint.h>

#include "guest/platform.h"

/* The INTID of the virtual timer's PPI, or 0 when the tree names none. */
uint32_t timer_virtual_intid(const struct guest_platform *platform);

/* Makes the timer fire `ms` milliseconds from now (0: at once). */
void timer_arm_ms(uint64_t ms);

/* Disables the timer: its interrupt is no longer asserted. */
void timer_disarm(void);

#endif /* HVABI_CONFORMANCE_SUPPORT_TIMER_H */
