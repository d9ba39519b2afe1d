/*
 * identity_map.h - identity-mapped stage-1 translation tables.
 *
 * Both the guest (EL1) and the reference hypervisor (EL2) run with their
 * MMU on and virtual addresses equal to physical ones.  Memory is Normal
 * write-back where the image knows it is RAM and Device everywhere else:
 * Device memory must not be cached, and RAM shared with another party must
 * be Normal write-back on both sides (the hvabi spec requires it).
 *
 * Tables use the 4 KiB granule and a 39-bit address space starting at level
 * 1: 512 entries of 1 GiB.  A 1 GiB entry that holds any Normal memory is
 * split into 512 blocks of 2 MiB, so the granularity of Normal memory is
 * 2 MiB.  The caller provides all storage; this code has no state of its own.
 */
#ifndef HVABI_RUNTIME_IDENTITY_MAP_H
#define HVABI_RUNTIME_IDENTITY_MAP_H

#include <stdint.h>

#define IDMAP_ENTRIES 512
#define IDMAP_ADDRESS_BITS 39
#define IDMAP_BLOCK_SIZE (2ULL * 1024 * 1024)

/* MAIR attribute indexes the descriptors use; the image programs MAIR_ELx. */
#define IDMAP_ATTR_DEVICE 0 /* MAIR attribute 0x04: Device-nGnRE */
#define IDMAP_ATTR_NORMAL 1 /* MAIR attribute 0xff: Normal, write-back */
#define IDMAP_MAIR_VALUE 0xff04ULL

struct identity_map {
    uint64_t *level1;                  /* IDMAP_ENTRIES, 4 KiB aligned */
    uint64_t (*level2)[IDMAP_ENTRIES]; /* pool of tables, 4 KiB aligned */
    unsigned int level2_total;
    unsigned int level2_used;
    /*
     * Regime-specific descriptor bits: the execute-never bits differ
     * between the EL1 and EL2 regimes, so the caller supplies them.
     */
    uint64_t device_extra; /* ORed into every Device block */
    uint64_t normal_extra; /* ORed into every Normal block */
    /*
     * Called between removing and writing a live entry (break-before-make)
     * to invalidate the TLB of the regime.  NULL while the MMU is off.
     */
    void (*flush_tlb)(void);
};

/* Maps the whole address space as Device memory. */
void idmap_init(struct identity_map *map);

/*
 * Makes [base, base + size) Normal memory, rounded out to 2 MiB.
 * Returns 0, or -1 if the range is beyond the address space or the pool
 * of level-2 tables is exhausted.
 */
int idmap_map_normal(struct identity_map *map, uint64_t base, uint64_t size);

/*
 * As idmap_map_normal(), but the blocks are read-only (AP[2] = 1): a write
 * to them takes a permission fault.  idmap_map_normal() makes them
 * writable again.
 */
int idmap_map_normal_readonly(struct identity_map *map, uint64_t base, uint64_t size);

/*
 * As idmap_map_normal(), with `permissions` in place of normal_extra: the
 * access permission (AP[2:1]) and execute-never bits of the blocks, whose
 * meaning depends on the regime, so the caller encodes them.
 */
int idmap_map_normal_permissions(struct identity_map *map, uint64_t base, uint64_t size,
                                 uint64_t permissions);

/*
 * Removes the mapping of the 2 MiB blocks of [base, base + size): every
 * access to them takes a translation fault.  Returns 0 or -1 as
 * idmap_map_normal() does.
 */
int idmap_unmap(struct identity_map *map, uint64_t base, uint64_t size);

#endif /* HVABI_RUNTIME_IDENTITY_MAP_H */
