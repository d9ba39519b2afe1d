/*
 * timer.c - the counter and the EL2 physical timer (CNTHP) of a CPU.
 *
 * The guests' virtual counter offset is 0, so the physical count is the
 * count every guest sees: system time needs no per-domain correction.
 */
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"

#define CNTHP_CTL_ENABLE (1ULL << 0)
#define CNTHP_CTL_IMASK  (1ULL << 1)

uint64_t arch_counter_now(void)
{
    isb();
    return SYSREG_READ(cntpct_el0);
}

uint64_t arch_counter_frequency(void)
{
    return SYSREG_READ(cntfrq_el0);
}

void arch_timer_arm(uint64_t count)
{
    SYSREG_WRITE(cnthp_cval_el2, count);
    SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
    isb();
}

void arch_timer_disarm(void)
{
    SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_IMASK);
    isb();
}
