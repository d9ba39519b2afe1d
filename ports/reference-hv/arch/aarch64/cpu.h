/*
 * cpu.h - EL2 set-up of a physical CPU.
 */
#ifndef REFHV_ARCH_AARCH64_CPU_H
#define REFHV_ARCH_AARCH64_CPU_H

/* Programs the EL2 registers that do not depend on the domain. */
void cpu_init_el2(void);

#endif /* REFHV_ARCH_AARCH64_CPU_H */
