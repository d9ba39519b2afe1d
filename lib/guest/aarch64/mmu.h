/*
 * mmu.h - the guest's stage-1 translation: an identity map.
 *
 * The guest turns its MMU on before it parses the device tree: with the MMU
 * off every data access is to Device memory, which faults on unaligned
 * accesses and is not coherent with the hypervisor's cached view of memory
 * it shares with the guest.  At first only the image and the device tree are
 * Normal memory; mmu_map_normal() adds ranges later (a grant window, say).
 */
#ifndef HVABI_GUEST_AARCH64_MMU_H
#define HVABI_GUEST_AARCH64_MMU_H

#include <stdint.h>

/*
 * Builds the tables, maps the image and [dtb, dtb + dtb_size) as Normal
 * memory and enables the MMU and caches.  Other vCPUs of the guest use the
 * same tables (secondary.h).  Returns 0, or -1 when a range lies
 * beyond the 39-bit address space the tables cover (the MMU stays off).
 */
int mmu_enable(uint64_t dtb, uint64_t dtb_size);

/* Makes a range Normal memory while the MMU is on.  Returns 0 or -1. */
int mmu_map_normal(uint64_t base, uint64_t size);

/* Makes a range read-only Normal memory, rounded out to 2 MiB; mmu_map_normal()
 * makes it writable again.  Returns 0 or -1. */
int mmu_map_readonly(uint64_t base, uint64_t size);

#endif /* HVABI_GUEST_AARCH64_MMU_H */
