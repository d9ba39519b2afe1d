/*
 * interrupts.h - interrupts of a guest: its GICv3 and a handler per INTID.
 *
 * The guest finds its interrupt controller in the device tree (compatible
 * "arm,gic-v3": distributor, then redistributors), wakes its redistributor,
 * and uses the CPU interface through the ICC system registers.  Handlers
 * run in the IRQ exception with interrupts masked; each returns before the
 * interrupt is ended.
 */
#ifndef HVABI_GUEST_INTERRUPTS_H
#define HVABI_GUEST_INTERRUPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "guest/platform.h"

#define INTERRUPTS_PRIVATE 32 /* SGIs 0-15 and PPIs 16-31 */

typedef void (*interrupt_handler)(uint32_t intid, void *context);

/*
 * Sets up the GIC of the calling vCPU: distributor groups, this vCPU's
 * redistributor (woken, all private interrupts disabled and in group 1)
 * and CPU interface.  Returns 0, or a negative value when the tree has no
 * usable GICv3 (the cause is printed).
 */
int interrupts_init(const struct guest_platform *platform);

/* Routes private interrupt `intid` to `handler` and enables it at the GIC. */
int interrupts_attach(uint32_t intid, interrupt_handler handler, void *context);

/* Disables private interrupt `intid` at the GIC and forgets its handler. */
void interrupts_detach(uint32_t intid);

/* Unmask or mask IRQs at the CPU (PSTATE.I). */
void interrupts_unmask(void);
void interrupts_mask(void);

/* Waits for an interrupt (WFI) with IRQs unmasked, then masks them again. */
void interrupts_wait(void);

/* Sends SGI `intid` (0-15) to the vCPUs of this domain in `target_list` (bit n = vCPU n). */
void interrupts_send_sgi(uint32_t intid, uint16_t target_list);

/* Whether private interrupt `intid` is pending at this vCPU's redistributor. */
bool interrupts_is_pending(uint32_t intid);

/* Called by the exception code for an IRQ. */
void interrupts_dispatch(void);

#endif /* HVABI_GUEST_INTERRUPTS_H */
