/*
 * bench.h - the benchmarks of the benchmark guest.
 *
 * Each fills a struct bench_result and returns 0, or returns -1 after
 * printing why it could not measure (a "# " line).
 */
#ifndef HVABI_BENCH_BENCH_H
#define HVABI_BENCH_BENCH_H

#include "guest/platform.h"
#include "measure.h"

int bench_null_hypercall(struct bench_result *r);
int bench_event_round_trip(const struct guest_platform *platform, struct bench_result *r);

#endif /* HVABI_BENCH_BENCH_H */
