/*
 * vgic_list_registers.h - see vgic_list_registers.c.
 */
#ifndef REFHV_ARCH_AARCH64_VGIC_LIST_REGISTERS_H
#define REFHV_ARCH_AARCH64_VGIC_LIST_REGISTERS_H

#include "core/domain.h"

/* Clears the list registers and enables the virtual CPU interface. */
void vgic_list_registers_init(void);

/* On a trap: what the guest left in the list registers goes back to v->vgic. */
void vgic_take_from_hardware(struct vcpu *v);

/* Before returning to the guest: load what is pending or active. */
void vgic_give_to_hardware(struct vcpu *v);

#endif /* REFHV_ARCH_AARCH64_VGIC_LIST_REGISTERS_H */
