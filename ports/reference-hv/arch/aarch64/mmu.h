/*
 * mmu.h - the hypervisor's identity map at EL2 (see mmu.c).
 */
#ifndef REFHV_ARCH_AARCH64_MMU_H
#define REFHV_ARCH_AARCH64_MMU_H

#include <stdint.h>

/* Maps the image and the device tree as Normal memory and turns the MMU on. */
int mmu_enable(uint64_t fdt, uint64_t fdt_size);

/* Makes a range Normal memory (RAM) while the MMU is on. */
int mmu_map_normal(uint64_t base, uint64_t size);

#endif /* REFHV_ARCH_AARCH64_MMU_H */
