/*
 * stage2.c - stage-2 translation: what a domain's guest-physical addresses
 * are backed by.
 *
 * 4 KiB granule, 39-bit IPA space, walks start at level 1 (one 4 KiB root
 * table of 512 x 1 GiB).  Memory is mapped with 2 MiB blocks where both
 * addresses and the size allow, 4 KiB pages elsewhere.
 *
 * Placing or removing a page after boot (memory_op) splits a 2 MiB block
 * into a table of pages.  A guest may place pages only in its RAM and its
 * grant window (memory_op.rst), so the most tables its stage 2 can ever
 * need is known at boot: the root, one level-2 table for each 1 GiB region
 * and one level-3 table for each 2 MiB region that the RAM or the window
 * touches.  Each domain gets exactly that many, in memory of its own
 * reserved when it is built (arch_stage2_tables_size()): no guest can use
 * up tables another domain needs, and placing a page never fails for lack
 * of a table.
 */
#include <stdbool.h>
#include <string.h>

#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"
#include "core/config.h"

#define ENTRIES 512
#define TABLE_SIZE (ENTRIES * sizeof(uint64_t))
#define LEVEL1_REGION (1ULL << 30) /* what one level-2 table maps */

#define DESC_VALID   (1ULL << 0)
#define DESC_TABLE   (1ULL << 1) /* at levels 1-2: next-level table */
#define DESC_PAGE    (1ULL << 1) /* at level 3: a page */
#define S2_MEMATTR_NORMAL_WB (0xfULL << 2)
#define S2_AP_READ_WRITE     (3ULL << 6)
#define S2_SH_INNER          (3ULL << 8)
#define S2_ACCESS_FLAG       (1ULL << 10)
#define DESC_ADDRESS_MASK    0x0000fffffffff000ULL

#define S2_RAM (S2_MEMATTR_NORMAL_WB | S2_AP_READ_WRITE | S2_SH_INNER | S2_ACCESS_FLAG)

/* VTCR_EL2: 39-bit IPA, start at level 1, 4 KiB granule, cacheable walks. */
#define VTCR_RES1       (1ULL << 31)
#define VTCR_T0SZ       25ULL
#define VTCR_SL0_LEVEL1 (1ULL << 6)
#define VTCR_IRGN0_WBWA (1ULL << 8)
#define VTCR_ORGN0_WBWA (1ULL << 10)
#define VTCR_SH0_INNER  (3ULL << 12)
#define VTCR_PS_SHIFT   16

/* Block and page descriptors carry the same attribute bits at the same places. */
#define DESC_ATTRIBUTES_MASK 0xfff0000000000ffcULL

/* How many regions of `granule` bytes [base, base + size) touches. */
static uint64_t regions(uint64_t base, uint64_t size, uint64_t granule)
{
    uint64_t first = base & ~(granule - 1);
    uint64_t end = (base + size + granule - 1) & ~(granule - 1);

    return (end - first) / granule;
}

uint64_t arch_stage2_tables_size(uint64_t ram_ipa, uint64_t ram_size)
{
    uint64_t tables = 1 + regions(ram_ipa, ram_size, LEVEL1_REGION) +
                      regions(ram_ipa, ram_size, BLOCK_2M) +
                      regions(GUEST_GRANT_WINDOW_BASE, GUEST_GRANT_WINDOW_SIZE, LEVEL1_REGION) +
                      regions(GUEST_GRANT_WINDOW_BASE, GUEST_GRANT_WINDOW_SIZE, BLOCK_2M);

    return tables * TABLE_SIZE;
}

/*
 * A zeroed table from the domain's own reserve; NULL when the reserve is
 * used up, which arch_stage2_tables_size() makes impossible for the
 * mappings a guest may ask for.  Called at boot, or under the domain's
 * stage-2 lock.
 */
static uint64_t *new_table(struct domain *d)
{
    uint64_t *table;

    if (d->arch.tables_used >= d->arch.tables_count) {
        return NULL;
    }
    table = (uint64_t *)(uintptr_t)(d->arch.tables_pa + d->arch.tables_used * TABLE_SIZE);
    d->arch.tables_used++;
    memset(table, 0, TABLE_SIZE);
    return table;
}

/* The table under `entry`, created if the entry is empty; NULL if it is a block. */
static uint64_t *next_table(struct domain *d, uint64_t *entry)
{
    uint64_t *table;

    if ((*entry & DESC_VALID) != 0) {
        if ((*entry & DESC_TABLE) == 0) {
            return NULL;
        }
        return (uint64_t *)(uintptr_t)(*entry & DESC_ADDRESS_MASK);
    }
    table = new_table(d);
    if (table != NULL) {
        *entry = (uint64_t)(uintptr_t)table | DESC_VALID | DESC_TABLE;
    }
    return table;
}

uint64_t stage2_vtcr(void)
{
    uint64_t parange = SYSREG_READ(id_aa64mmfr0_el1) & 0xf;

    return VTCR_RES1 | VTCR_T0SZ | VTCR_SL0_LEVEL1 | VTCR_IRGN0_WBWA | VTCR_ORGN0_WBWA |
           VTCR_SH0_INNER | (parange << VTCR_PS_SHIFT);
}

int arch_domain_init(struct domain *d, uint64_t tables_pa, uint64_t tables_size)
{
    d->arch.tables_pa = tables_pa;
    d->arch.tables_count = tables_size / TABLE_SIZE;
    d->arch.tables_used = 0;
    d->arch.stage2_root = new_table(d);
    d->arch.vmid = d->id;
    return d->arch.stage2_root != NULL ? 0 : -1;
}

/* Maps one 2 MiB block or one 4 KiB page; refuses to replace a mapping. */
static int map_one(struct domain *d, uint64_t ipa, uint64_t pa, bool block)
{
    uint64_t *level2 = next_table(d, &d->arch.stage2_root[(ipa >> 30) & (ENTRIES - 1)]);
    uint64_t *entry, *level3;

    if (level2 == NULL) {
        return -1;
    }
    entry = &level2[(ipa >> 21) & (ENTRIES - 1)];
    if (block) {
        if (*entry != 0) {
            return -1;
        }
        *entry = pa | DESC_VALID | S2_RAM;
        return 0;
    }
    level3 = next_table(d, entry);
    if (level3 == NULL) {
        return -1;
    }
    entry = &level3[(ipa >> 12) & (ENTRIES - 1)];
    if (*entry != 0) {
        return -1;
    }
    *entry = pa | DESC_VALID | DESC_PAGE | S2_RAM;
    return 0;
}

int arch_map_guest_ram(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size)
{
    uint64_t end = ipa + size;

    if (((ipa | pa | size) & (PAGE_SIZE - 1)) != 0 || end < ipa || end > (1ULL << 39)) {
        return -1;
    }
    while (ipa < end) {
        bool block = ((ipa | pa) & (BLOCK_2M - 1)) == 0 && end - ipa >= BLOCK_2M;

        if (map_one(d, ipa, pa, block) != 0) {
            return -1;
        }
        ipa += block ? BLOCK_2M : PAGE_SIZE;
        pa += block ? BLOCK_2M : PAGE_SIZE;
    }
    dsb_ishst();
    return 0;
}

/* The stage-2 lock of a domain, kept in its arch part. */
static void lock_tables(struct domain *d)
{
    while (__atomic_test_and_set(&d->arch.stage2_lock, __ATOMIC_ACQUIRE)) {
    }
}

static void unlock_tables(struct domain *d)
{
    __atomic_clear(&d->arch.stage2_lock, __ATOMIC_RELEASE);
}

/*
 * Invalidates the domain's cached translations (every CPU), with the
 * domain's VMID current for the duration: the caller may be another domain
 * or no domain at all.
 */
static void flush_domain_tlb(struct domain *d, uint64_t ipa, bool whole)
{
    uint64_t saved = SYSREG_READ(vttbr_el2);

    SYSREG_WRITE(vttbr_el2, (uint64_t)(uintptr_t)d->arch.stage2_root | ((uint64_t)d->arch.vmid << 48));
    isb();
    dsb_ishst();
    if (whole) {
        __asm__ volatile("tlbi vmalls12e1is" ::: "memory");
    } else {
        __asm__ volatile("tlbi ipas2e1is, %0\n\t"
                         "dsb ish\n\t"
                         "tlbi vmalle1is" : : "r"(ipa >> 12) : "memory");
    }
    __asm__ volatile("dsb ish\n\t"
                     "isb" ::: "memory");
    SYSREG_WRITE(vttbr_el2, saved);
    isb();
}

/*
 * The level-3 entry for `ipa`, turning a 2 MiB block that covers it into a
 * table of 512 pages with the same mappings first (break-before-make).
 * NULL when no table is left or nothing maps the 2 MiB region.
 */
static uint64_t *page_entry(struct domain *d, uint64_t ipa, bool create)
{
    uint64_t *level1_entry = &d->arch.stage2_root[(ipa >> 30) & (ENTRIES - 1)];
    uint64_t *level2, *entry, *level3;

    if ((*level1_entry & DESC_VALID) == 0 && !create) {
        return NULL;
    }
    level2 = next_table(d, level1_entry);
    if (level2 == NULL) {
        return NULL;
    }
    entry = &level2[(ipa >> 21) & (ENTRIES - 1)];
    if ((*entry & DESC_VALID) != 0 && (*entry & DESC_TABLE) == 0) {
        uint64_t block = *entry;

        level3 = new_table(d);
        if (level3 == NULL) {
            return NULL;
        }
        for (uint64_t i = 0; i < ENTRIES; i++) {
            level3[i] = ((block & DESC_ADDRESS_MASK) + i * PAGE_SIZE) | DESC_VALID | DESC_PAGE |
                        (block & DESC_ATTRIBUTES_MASK);
        }
        dsb_ishst();
        *entry = 0;
        flush_domain_tlb(d, 0, true);
        *entry = (uint64_t)(uintptr_t)level3 | DESC_VALID | DESC_TABLE;
        dsb_ishst();
    }
    if ((*entry & DESC_VALID) == 0 && !create) {
        return NULL;
    }
    level3 = next_table(d, entry);
    return level3 == NULL ? NULL : &level3[(ipa >> 12) & (ENTRIES - 1)];
}

int arch_map_guest_page(struct domain *d, uint64_t ipa, uint64_t pa)
{
    uint64_t *entry;
    int status = -1;

    if (((ipa | pa) & (PAGE_SIZE - 1)) != 0 || ipa >= (1ULL << 39)) {
        return -1;
    }
    lock_tables(d);
    entry = page_entry(d, ipa, true);
    if (entry != NULL) {
        if (*entry != 0) {
            *entry = 0;
            flush_domain_tlb(d, ipa, false);
        }
        *entry = pa | DESC_VALID | DESC_PAGE | S2_RAM;
        dsb_ishst();
        status = 0;
    }
    unlock_tables(d);
    return status;
}

int arch_unmap_guest_page(struct domain *d, uint64_t ipa)
{
    uint64_t *entry;
    int status = -1;

    if ((ipa & (PAGE_SIZE - 1)) != 0 || ipa >= (1ULL << 39)) {
        return -1;
    }
    lock_tables(d);
    entry = page_entry(d, ipa, false);
    if (entry != NULL && *entry != 0) {
        *entry = 0;
        flush_domain_tlb(d, ipa, false);
        status = 0;
    }
    unlock_tables(d);
    return status;
}

bool arch_translate_guest_ipa(struct domain *d, uint64_t ipa, uint64_t *pa)
{
    uint64_t entry;
    bool mapped = false;

    if (ipa >= (1ULL << 39)) {
        return false;
    }
    lock_tables(d);
    entry = d->arch.stage2_root[(ipa >> 30) & (ENTRIES - 1)];
    if ((entry & DESC_VALID) != 0) {
        entry = ((uint64_t *)(uintptr_t)(entry & DESC_ADDRESS_MASK))[(ipa >> 21) & (ENTRIES - 1)];
        if ((entry & (DESC_VALID | DESC_TABLE)) == DESC_VALID) {
            *pa = (entry & DESC_ADDRESS_MASK & ~(BLOCK_2M - 1)) | (ipa & (BLOCK_2M - 1));
            mapped = true;
        } else if ((entry & DESC_VALID) != 0) {
            entry = ((uint64_t *)(uintptr_t)(entry & DESC_ADDRESS_MASK))[(ipa >> 12) & (ENTRIES - 1)];
            if ((entry & DESC_VALID) != 0) {
                *pa = (entry & DESC_ADDRESS_MASK) | (ipa & (PAGE_SIZE - 1));
                mapped = true;
            }
        }
    }
    unlock_tables(d);
    return mapped;
}
