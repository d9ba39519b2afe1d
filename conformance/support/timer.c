/*
 * timer.c - the virtual timer (see timer.h).
 */
#include <libfdt.h>

#include "support/clock.h"
#include "support/timer.h"

#define CNTV_CTL_ENABLE (1ULL << 0)

/* In the timer binding, interrupt 2 of 4 is the virtual timer. */
#define VIRTUAL_TIMER_INDEX 2
#define GIC_PPI_TYPE 1
#define GIC_PPI_BASE 16

uint32_t timer_virtual_intid(const struct guest_platform *platform)
{
    int node = fdt_node_offset_by_compatible(platform->fdt, -1, "arm,armv8-timer");
    const fdt32_t *cells;
    int length = 0;

    if (node < 0) {
        return 0;
    }
    cells = fdt_getprop(platform->fdt, node, "interrupts", &length);
    /* Three cells per interrupt: type, number, flags. */
    if (cells == NULL || length < (VIRTUAL_TIMER_INDEX + 1) * 3 * (int)sizeof(fdt32_t)) {
        return 0;
    }
    cells += VIRTUAL_TIMER_INDEX * 3;
    if (fdt32_to_cpu(cells[0]) != GIC_PPI_TYPE || fdt32_to_cpu(cells[1]) >= 16) {
        return 0;
    }
    return GIC_PPI_BASE + fdt32_to_cpu(cells[1]);
}

void timer_arm_ms(uint64_t ms)
{
    uint64_t compare = clock_count() + clock_ticks_of_ms(ms);

    __asm__ volatile("msr cntv_cval_el0, %0\n\t"
                     "msr cntv_ctl_el0, %1\n\t"
                     "isb" : : "r"(compare), "r"(CNTV_CTL_ENABLE) : "memory");
}

void timer_disarm(void)
{
    __asm__ volatile("msr cntv_ctl_el0, xzr\n\t"
                     "isb" ::: "memory");
}
