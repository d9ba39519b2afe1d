/*
 * event_irq.h - the event interrupt, taken by vCPU 0 of a test domain.
 *
 * Specification: spec/chapters/event_channel.rst (The event interrupt) and
 * hypervisor_node.rst.  The interrupt is the PPI that /hypervisor
 * "interrupts" names (platform->event_intid).  IRQs stay masked
 * (PSTATE.I) except inside event_irq_window(), so a test decides when the
 * interrupt can be taken and counts how often it was.
 *
 * The handler does what a guest's handler does first: it records the
 * upcall flag of vCPU 0 and writes 0 to it, so that a hypervisor that
 * keeps the interrupt pending while the flag is 1 (which the
 * specification allows) does not interrupt the handler's caller forever.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_EVENT_IRQ_H
#define HVABI_CONFORMANCE_SUPPORT_EVENT_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

/* Called in the handler after the flag was recorded and cleared. */
typedef void (*event_irq_hook)(void *context);

/*
 * Sets up this vCPU's GIC (once per boot) and enables the event PPI at it
 * with the recording handler.  Records a failure and returns false when
 * the tree names no event PPI or has no usable GICv3.
 */
bool event_irq_setup(struct test_context *t);

/* Enables or disables the event PPI at the GIC (GICR_ISENABLER0/ICENABLER0). */
void event_irq_enable(bool enable);

/*
 * Unmasks IRQs for up to `ms` milliseconds and returns how many event
 * interrupts the vCPU took meanwhile; with `until_first` it returns as soon
 * as one was taken.  IRQs are masked again on return.
 */
uint32_t event_irq_window(uint32_t ms, bool until_first);

/* Takes every event interrupt left pending by earlier tests and clears
 * the upcall flag and selector of vCPU 0: a quiet start. */
void event_irq_drain(struct test_context *t);

/* The upcall flag as the handler found it when it last ran. */
uint8_t event_irq_last_flag(void);

/* Every interrupt, other than the event PPI, that the handler was called for
 * since event_irq_watch_all(true): its INTID, or 0 for none. */
uint32_t event_irq_other_intid(void);

/* Routes every other private interrupt (SGIs and PPIs) to a handler that
 * records it, and enables them, or disables them again. */
void event_irq_watch_all(bool watch);

/* Runs `hook(context)` in the handler, or nothing when hook is NULL. */
void event_irq_set_hook(event_irq_hook hook, void *context);

#endif /* HVABI_CONFORMANCE_SUPPORT_EVENT_IRQ_H */
