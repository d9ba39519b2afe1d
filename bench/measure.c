/*
 * measure.c - instruction counts from the virtual counter (see measure.h).
 */
#include "measure.h"

uint64_t counter_read(void)
{
    uint64_t value;

    /* The ISB keeps the read from happening before the preceding loop ends. */
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(value) : : "memory");
    return value;
}

uint64_t ticks_to_instructions(uint64_t ticks)
{
    uint64_t frequency;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    if (frequency == 0) {
        return 0;
    }
    return ticks * 1000000000ULL / frequency;
}

void bench_compute(struct bench_result *r)
{
    uint64_t extra = 0;

    if (r->loop_instructions > r->baseline_instructions) {
        extra = r->loop_instructions - r->baseline_instructions;
    }
    r->tenths_per_operation = r->operations == 0 ? 0 : extra * 10 / r->operations;
}
