/*
 * interrupts.h - physical interrupts at EL2 (see interrupts.c).
 */
#ifndef REFHV_ARCH_AARCH64_INTERRUPTS_H
#define REFHV_ARCH_AARCH64_INTERRUPTS_H

#include "core/boot_config.h"
#include "core/domain.h"

/* On the boot CPU: the distributor, then this CPU's part.  Returns 0 or -1. */
int interrupts_init(const struct boot_config *cfg);

/* On every CPU: its redistributor, CPU interface and list registers. */
int interrupts_init_cpu(void);

/* Acknowledges and handles the pending physical interrupts. */
void interrupts_handle(struct vcpu *v);

#endif /* REFHV_ARCH_AARCH64_INTERRUPTS_H */
