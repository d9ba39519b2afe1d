/*
 * gic_cpu_interface.h - the physical GICv3 CPU interface (ICC system
 * registers) of the CPU the hypervisor runs on.
 */
#ifndef REFHV_ARCH_AARCH64_GIC_CPU_INTERFACE_H
#define REFHV_ARCH_AARCH64_GIC_CPU_INTERFACE_H

#include <stdint.h>

/*
 * Enables group 1 interrupts at every priority, with EOImode 1: ending an
 * interrupt only drops the running priority, and deactivating it is a
 * separate step, which for forwarded interrupts the guest does through its
 * virtual interface.
 */
void gic_cpu_interface_init(void);

uint32_t gic_acknowledge(void);
void gic_drop_priority(uint32_t intid);
void gic_deactivate(uint32_t intid);

#endif /* REFHV_ARCH_AARCH64_GIC_CPU_INTERFACE_H */
