/*
 * clock.c - the virtual counter and system time (see clock.h).
 */
#include "support/clock.h"

#define NS_PER_S 1000000000ULL

uint64_t clock_count(void)
{
    uint64_t count;

    __asm__ volatile("isb\n\t"
                     "mrs %0, cntvct_el0" : "=r"(count) : : "memory");
    return count;
}

uint64_t clock_frequency(void)
{
    uint64_t frequency;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    return frequency;
}

uint64_t clock_ns_of_count(uint64_t count)
{
    uint64_t frequency = clock_frequency();

    if (frequency == 0) {
        return 0;
    }
    /* (q*F + r) * 10^9 / F = q * 10^9 + r * 10^9 / F, and r * 10^9 fits in
     * 64 bits for every frequency below 18 GHz. */
    return count / frequency * NS_PER_S + count % frequency * NS_PER_S / frequency;
}

uint64_t clock_system_time(void)
{
    return clock_ns_of_count(clock_count());
}

uint64_t clock_ticks_of_ms(uint64_t ms)
{
    return clock_frequency() / 1000 * ms;
}

uint64_t clock_ms_of_ticks(uint64_t ticks)
{
    uint64_t per_ms = clock_frequency() / 1000;

    return per_ms == 0 ? 0 : ticks / per_ms;
}

uint64_t clock_deadline_ms(uint64_t ms)
{
    return clock_count() + clock_ticks_of_ms(ms);
}

bool clock_passed(uint64_t deadline)
{
    return clock_count() >= deadline;
}

void clock_spin_ms(uint64_t ms)
{
    uint64_t deadline = clock_deadline_ms(ms);

    while (!clock_passed(deadline)) {
    }
}
