/*
 * mmu.c - the hypervisor's own stage-1 translation at EL2: an identity map.
 *
 * Turned on in two steps.  At first only the image and the device tree are
 * Normal memory (everything else Device), which is enough to parse the tree
 * with libfdt safely.  Then all RAM the tree lists becomes Normal memory,
 * so the hypervisor can load and build domains with its caches on.
 */
#include <stddef.h>

#include "arch/aarch64/mmu.h"
#include "arch/aarch64/sysreg.h"
#include "runtime.h"
#include "runtime/aarch64/identity_map.h"

/* Descriptor bits of the EL2 regime: XN (54); AP[1] (6) is RES1 there. */
#define EL2_DEVICE_EXTRA ((1ULL << 54) | (1ULL << 6))
#define EL2_NORMAL_EXTRA (1ULL << 6)

/* TCR_EL2: 4 KiB granule, 39-bit addresses, cacheable walks. */
#define TCR_EL2_RES1    ((1ULL << 31) | (1ULL << 23))
#define TCR_T0SZ        (64 - IDMAP_ADDRESS_BITS)
#define TCR_IRGN0_WBWA  (1ULL << 8)
#define TCR_ORGN0_WBWA  (1ULL << 10)
#define TCR_SH0_INNER   (3ULL << 12)
#define TCR_PS_SHIFT    16

/* SCTLR_EL2: RES1 bits plus MMU, data and instruction caches on. */
#define SCTLR_EL2_RES1 0x30c50830ULL
#define SCTLR_M (1ULL << 0)
#define SCTLR_C (1ULL << 2)
#define SCTLR_I (1ULL << 12)

#define LEVEL2_TABLES 16

/*
 * What a secondary CPU loads to turn its MMU on (entry.S): MAIR, TCR, TTBR0
 * and SCTLR of EL2, in that order.
 */
uint64_t secondary_mmu[4];

/* The hypervisor's one address space. */
static uint64_t level1[IDMAP_ENTRIES] __attribute__((aligned(4096)));
static uint64_t level2[LEVEL2_TABLES][IDMAP_ENTRIES] __attribute__((aligned(4096)));
static struct identity_map hv_map;

static void flush_el2_tlb(void)
{
    __asm__ volatile("tlbi alle2\n\t"
                     "dsb ish\n\t"
                     "isb" ::: "memory");
}

int mmu_enable(uint64_t fdt, uint64_t fdt_size)
{
    uint64_t image = (uint64_t)(uintptr_t)__image_start;
    uint64_t image_size = (uint64_t)(uintptr_t)__image_end - image;
    uint64_t parange = SYSREG_READ(id_aa64mmfr0_el1) & 0xf;

    hv_map = (struct identity_map){
        .level1 = level1,
        .level2 = level2,
        .level2_total = LEVEL2_TABLES,
        .device_extra = EL2_DEVICE_EXTRA,
        .normal_extra = EL2_NORMAL_EXTRA,
        .flush_tlb = NULL,
    };
    idmap_init(&hv_map);
    if (idmap_map_normal(&hv_map, image, image_size) != 0 ||
        idmap_map_normal(&hv_map, fdt, fdt_size) != 0) {
        return -1;
    }

    SYSREG_WRITE(mair_el2, IDMAP_MAIR_VALUE);
    SYSREG_WRITE(tcr_el2, TCR_EL2_RES1 | TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
                              TCR_SH0_INNER | (parange << TCR_PS_SHIFT));
    SYSREG_WRITE(ttbr0_el2, (uint64_t)(uintptr_t)level1);
    dsb_sy();
    isb();
    flush_el2_tlb();
    /* Nothing was cached while the MMU was off, so no maintenance is needed first. */
    SYSREG_WRITE(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
    isb();
    hv_map.flush_tlb = flush_el2_tlb;
    secondary_mmu[0] = SYSREG_READ(mair_el2);
    secondary_mmu[1] = SYSREG_READ(tcr_el2);
    secondary_mmu[2] = SYSREG_READ(ttbr0_el2);
    secondary_mmu[3] = SYSREG_READ(sctlr_el2);
    return 0;
}

int mmu_map_normal(uint64_t base, uint64_t size)
{
    return idmap_map_normal(&hv_map, base, size);
}
