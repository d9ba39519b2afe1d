/*
 * cpu_stack.h - size of the per-CPU hypervisor stacks of entry.S.
 */
#ifndef REFHV_ARCH_AARCH64_CPU_STACK_H
#define REFHV_ARCH_AARCH64_CPU_STACK_H

#define CPU_STACK_SIZE 16384

#endif /* REFHV_ARCH_AARCH64_CPU_STACK_H */
