/*
 * cache.c - cache maintenance for memory handed to a guest.
 *
 * A guest starts with its MMU and caches off, so it reads memory directly:
 * whatever the hypervisor wrote through its caches (kernel, device tree,
 * zeroed RAM) must be written back to memory first.
 */
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"
#include "runtime.h"

static uint64_t dcache_line_size(void)
{
    /* CTR_EL0.DminLine: log2 of the smallest data cache line, in words. */
    return 4ULL << ((SYSREG_READ(ctr_el0) >> 16) & 0xf);
}

void arch_clean_dcache(uint64_t pa, uint64_t size)
{
    uint64_t line = dcache_line_size();

    for (uint64_t a = pa & ~(line - 1); a < pa + size; a += line) {
        __asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
    }
    dsb_sy();
}

void arch_sync_icache(void)
{
    __asm__ volatile("ic ialluis\n\t"
                     "dsb ish\n\t"
                     "isb" ::: "memory");
}

void arch_wait(void)
{
    wait_for_interrupt();
}

void arch_wait_for_event(void)
{
    __asm__ volatile("wfe" ::: "memory");
}

void arch_send_event(void)
{
    __asm__ volatile("dsb ish\n\t"
                     "sev" ::: "memory");
}

void arch_prepare_secondary_start(void)
{
    /*
     * A starting CPU reads its MMU settings and the first instructions with
     * its caches off: write the whole image, tables and data included, back
     * to memory.
     */
    arch_clean_dcache((uint64_t)(uintptr_t)__image_start,
                      (uint64_t)(uintptr_t)__image_end - (uint64_t)(uintptr_t)__image_start);
}
