/*
 * mmu.h - the guest's stage-1 translation: an identity map.
 *
 * The guest turns its MMU on before it parses the device tree: with the MMU
 * off every data access is to Device memory, which faults on unaligned
 * accesses and is not coherent with the hypervisor's cached view of memory
 * it shares with the guest.  At first only the image and the device tree are
 * Normal memory; mmu_map_normal() adds ranges later (a grant window, say).
 * Tests change the permissions of single blocks with mmu_set_block(): this
 * is the one place that writes the guest's descriptors.
 */
#ifndef HVABI_GUEST_AARCH64_MMU_H
#define HVABI_GUEST_AARCH64_MMU_H

#include <stdint.h>

#include "runtime/aarch64/identity_map.h"

/*
 * Builds the tables, maps the image and [dtb, dtb + dtb_size) as Normal
 * memory and enables the MMU and caches.  Other vCPUs of the guest use the
 * same tables (secondary.h).  Returns 0, or -1 when a range lies
 * beyond the 39-bit address space the tables cover (the MMU stays off).
 */
int mmu_enable(uint64_t dtb, uint64_t dtb_size);

/* Makes a range Normal memory while the MMU is on.  Returns 0 or -1. */
int mmu_map_normal(uint64_t base, uint64_t size);

/*
 * The granularity of the tables: what mmu_set_block() changes.  A test that
 * needs memory with other permissions than the rest takes a whole block.
 */
#define MMU_BLOCK_SIZE IDMAP_BLOCK_SIZE

/* What EL1 and EL0 may do with a block of Normal memory. */
enum mmu_access {
    MMU_EL1_READ_WRITE, /* as mmu_map_normal() maps it; EL0 no access */
    MMU_EL1_READ_ONLY,  /* EL1 may read, not write; EL0 no access */
    MMU_EL0_EXECUTE,    /* EL1 and EL0 may read and write; only EL0 may execute */
    MMU_UNMAPPED,       /* no mapping: every access takes a translation fault */
};

/*
 * Maps the 2 MiB block that holds `address` as Normal memory with `access`,
 * or unmaps it (break-before-make, TLB invalidated on every vCPU).  The
 * block need not be RAM: a test may map an address the domain has no
 * memory at, so that only stage 2 refuses an access.  Returns 0, or -1 when
 * the block is beyond the tables.
 */
int mmu_set_block(uint64_t address, enum mmu_access access);

#endif /* HVABI_GUEST_AARCH64_MMU_H */
