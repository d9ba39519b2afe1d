/*
 * measure.h - counting instructions under QEMU's -icount shift=0.
 *
 * With -icount shift=0 QEMU advances virtual time by 1 ns per instruction,
 * whatever exception level executes it, and the generic timer counts that
 * virtual time at its own frequency (62.5 MHz on the virt machine: one tick
 * per 16 instructions).  So the virtual counter is an instruction counter:
 * instructions = ticks * 1e9 / CNTFRQ_EL0.  A benchmark repeats an
 * operation many times so that the 16-instruction grain does not matter,
 * and runs an empty loop of the same shape to subtract the loop's own cost.
 *
 * Without -icount the figures are wall-clock based and meaningless; the
 * harness's --icount option is what ./hvabi bench uses.
 */
#ifndef HVABI_BENCH_MEASURE_H
#define HVABI_BENCH_MEASURE_H

#include <stdint.h>

/* The virtual counter, read after earlier instructions have completed. */
uint64_t counter_read(void);

/* Converts counter ticks to instructions (nanoseconds of icount time). */
uint64_t ticks_to_instructions(uint64_t ticks);

/*
 * The result of one benchmark: instructions per operation, with the loop's
 * own cost subtracted, in tenths (the figure is printed with one decimal).
 */
struct bench_result {
    uint64_t operations;
    uint64_t loop_instructions;     /* the whole measured loop */
    uint64_t baseline_instructions; /* the same loop without the operation */
    uint64_t tenths_per_operation;
};

void bench_compute(struct bench_result *r);

#endif /* HVABI_BENCH_MEASURE_H */
