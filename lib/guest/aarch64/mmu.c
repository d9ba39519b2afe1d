/*
 * mmu.c - enable the EL1 stage-1 MMU with an identity map (see mmu.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "guest/aarch64/mmu.h"
#include "guest/aarch64/secondary.h"
#include "runtime.h"
#include "runtime/aarch64/identity_map.h"

/* Access permission and execute-never bits of the EL1&0 regime. */
#define EL1_AP_EL0          (1ULL << 6)  /* AP[1]: EL0 may access as EL1 may */
#define EL1_PRIVILEGED_XN   (1ULL << 53) /* PXN: EL1 may not execute */
#define EL1_UNPRIVILEGED_XN (1ULL << 54) /* UXN: EL0 may not execute */

/* TCR_EL1: 4 KiB granule, 39-bit addresses, cacheable walks, no TTBR1. */
#define TCR_T0SZ        (64 - IDMAP_ADDRESS_BITS)
#define TCR_IRGN0_WBWA  (1ULL << 8)
#define TCR_ORGN0_WBWA  (1ULL << 10)
#define TCR_SH0_INNER   (3ULL << 12)
#define TCR_EPD1        (1ULL << 23)
#define TCR_IPS_SHIFT   32

/* SCTLR_EL1 bits. */
#define SCTLR_M (1ULL << 0)
#define SCTLR_C (1ULL << 2)
#define SCTLR_I (1ULL << 12)

#define LEVEL2_TABLES 8

/* The tables are the guest's one copy of its address space. */
static uint64_t level1[IDMAP_ENTRIES] __attribute__((aligned(4096)));
static uint64_t level2[LEVEL2_TABLES][IDMAP_ENTRIES] __attribute__((aligned(4096)));
static struct identity_map guest_map;

/*
 * What another vCPU programs to share this translation (secondary.S reads
 * it with its MMU off, so it is cleaned to the point of coherency).
 */
struct mmu_secondary_config {
    uint64_t mair;
    uint64_t tcr;
    uint64_t ttbr0;
    uint64_t sctlr;
};
struct mmu_secondary_config mmu_secondary_config __attribute__((aligned(64)));

/* Inner shareable: the other vCPUs of the guest use the same tables. */
static void flush_el1_tlb(void)
{
    __asm__ volatile("tlbi vmalle1is\n\t"
                     "dsb ish\n\t"
                     "isb" ::: "memory");
}

/*
 * Data written while the cache was off went straight to memory; make sure no
 * stale line for those addresses survives in a cache before turning it on.
 */
static void invalidate_data_cache(uint64_t base, uint64_t size)
{
    uint64_t ctr, line;

    /* CTR_EL0.DminLine: log2 of the smallest data cache line, in words. */
    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    line = 4ULL << ((ctr >> 16) & 0xf);
    for (uint64_t a = base & ~(line - 1); a < base + size; a += line) {
        __asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
    }
    __asm__ volatile("dsb sy" ::: "memory");
}

static uint64_t data_cache_line(void)
{
    uint64_t ctr;

    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    return 4ULL << ((ctr >> 16) & 0xf);
}

/* Writes back and drops every cache line of [base, base + size). */
static void clean_invalidate_data_cache(uint64_t base, uint64_t size)
{
    uint64_t line = data_cache_line();

    for (uint64_t a = base & ~(line - 1); a < base + size; a += line) {
        __asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
    }
    __asm__ volatile("dsb sy" ::: "memory");
}

int mmu_enable(uint64_t dtb, uint64_t dtb_size)
{
    uint64_t image = (uint64_t)(uintptr_t)__image_start;
    uint64_t image_size = (uint64_t)(uintptr_t)__image_end - image;
    uint64_t mmfr0, tcr, sctlr;

    guest_map = (struct identity_map){
        .level1 = level1,
        .level2 = level2,
        .level2_total = LEVEL2_TABLES,
        .device_extra = EL1_PRIVILEGED_XN | EL1_UNPRIVILEGED_XN,
        .normal_extra = EL1_UNPRIVILEGED_XN,
        .flush_tlb = NULL,
    };
    idmap_init(&guest_map);
    if (idmap_map_normal(&guest_map, image, image_size) != 0 ||
        idmap_map_normal(&guest_map, dtb, dtb_size) != 0) {
        return -1;
    }
    invalidate_data_cache(image, image_size);

    __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
    tcr = TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_EPD1 |
          ((mmfr0 & 0xf) << TCR_IPS_SHIFT);

    __asm__ volatile("msr mair_el1, %0" : : "r"(IDMAP_MAIR_VALUE));
    __asm__ volatile("msr tcr_el1, %0" : : "r"(tcr));
    __asm__ volatile("msr ttbr0_el1, %0" : : "r"((uint64_t)(uintptr_t)level1));
    __asm__ volatile("dsb sy\n\t"
                     "isb\n\t"
                     "tlbi vmalle1\n\t"
                     "dsb sy\n\t"
                     "isb" ::: "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr |= SCTLR_M | SCTLR_C | SCTLR_I;
    __asm__ volatile("msr sctlr_el1, %0\n\t"
                     "isb" : : "r"(sctlr) : "memory");

    guest_map.flush_tlb = flush_el1_tlb;
    mmu_secondary_config = (struct mmu_secondary_config){
        .mair = IDMAP_MAIR_VALUE, .tcr = tcr, .ttbr0 = (uint64_t)(uintptr_t)level1, .sctlr = sctlr,
    };
    clean_invalidate_data_cache((uint64_t)(uintptr_t)&mmu_secondary_config,
                                sizeof(mmu_secondary_config));
    return 0;
}

void guest_secondary_prepare(struct guest_secondary_start *start)
{
    clean_invalidate_data_cache((uint64_t)(uintptr_t)start, sizeof(*start));
}

int mmu_map_normal(uint64_t base, uint64_t size)
{
    return idmap_map_normal(&guest_map, base, size);
}

int mmu_set_block(uint64_t address, enum mmu_access access)
{
    uint64_t block = address & ~(MMU_BLOCK_SIZE - 1);
    int rc;

    switch (access) {
    case MMU_EL1_READ_WRITE:
        rc = idmap_map_normal(&guest_map, block, MMU_BLOCK_SIZE);
        break;
    case MMU_EL1_READ_ONLY:
        rc = idmap_map_normal_readonly(&guest_map, block, MMU_BLOCK_SIZE);
        break;
    case MMU_EL0_EXECUTE:
        /* EL1 does not execute what EL0 may write. */
        rc = idmap_map_normal_permissions(&guest_map, block, MMU_BLOCK_SIZE,
                                          EL1_AP_EL0 | EL1_PRIVILEGED_XN);
        break;
    case MMU_UNMAPPED:
        rc = idmap_unmap(&guest_map, block, MMU_BLOCK_SIZE);
        break;
    default:
        return -1;
    }
    /* The next instruction may access the block: it must see the new entry. */
    __asm__ volatile("isb" ::: "memory");
    return rc;
}
