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

#include <stdbool.h>
#include <stdint.h>

/*
 * Builds the tables, maps the image and [dtb, dtb + dtb_size) as Normal
 * memory and enables the MMU and caches.  Returns 0, or -1 when a range lies
 * beyond the 39-bit address space the tables cover (the MMU stays off).
 */
int mmu_enable(uint64_t dtb, uint64_t dtb_size);

/* Makes a range Normal memory while the MMU is on.  Returns 0 or -1. */
int mmu_map_normal(uint64_t base, uint64_t size);

/* Who may do what with a range of Normal memory (mmu_set_access()). */
enum mmu_access {
    MMU_EL1_READ_WRITE, /* EL1 reads, writes and executes: what mmu_map_normal() maps */
    MMU_EL1_READ_ONLY,  /* EL1 reads and executes, nobody writes */
    MMU_EL0_READ_WRITE, /* EL0 and EL1 read and write; nobody executes */
    MMU_EL0_EXECUTE,    /* EL0 and EL1 read and execute; nobody writes */
};

/*
 * Makes the 2 MiB blocks that cover a range Normal memory with the given
 * access, while the MMU is on.  Tests use it to hand the hypervisor a
 * buffer it must not write, or to run code at EL0.  Returns 0 or -1.
 */
int mmu_set_access(uint64_t base, uint64_t size, enum mmu_access access);

#endif /* HVABI_GUEST_AARCH64_MMU_H */
