/*
 * clock.c - bounded waits on the virtual counter (see clock.h).
 */
#include "support/clock.h"

uint64_t clock_ticks(void)
{
    uint64_t ticks;

    __asm__ volatile("isb\n\t"
                     "mrs %0, cntvct_el0" : "=r"(ticks) : : "memory");
    return ticks;
}

uint64_t clock_frequency(void)
{
    uint64_t frequency;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    /* A hypervisor that leaves CNTFRQ_EL0 at 0 breaks its own requirement;
     * assume QEMU's 62.5 MHz rather than divide by zero. */
    return frequency != 0 ? frequency : 62500000;
}

uint64_t clock_us_to_ticks(uint64_t us)
{
    return (uint64_t)(((unsigned __int128)us * clock_frequency()) / 1000000);
}

uint64_t clock_ticks_to_us(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * 1000000) / clock_frequency());
}

uint64_t clock_deadline_ms(uint32_t ms)
{
    return clock_ticks() + clock_us_to_ticks((uint64_t)ms * 1000);
}

bool clock_passed(uint64_t deadline)
{
    return clock_ticks() >= deadline;
}

void clock_delay_us(uint64_t us)
{
    uint64_t deadline = clock_ticks() + clock_us_to_ticks(us);

    while (clock_ticks() < deadline) {
    }
}
