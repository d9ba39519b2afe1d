/*
 * main.c - the benchmark guest: measure, print the figures as KTAP
 * diagnostics, shut down.
 *
 * Output (read by tools/bench through the harness's KTAP file):
 *
 *   # bench: <name> instructions_per_operation=<n.n> operations=<n>
 *   ok <i> <name>          or "not ok" when the operation failed
 *
 * A "test" here says only that the figure could be measured; the figures
 * are never compared with a limit.
 */
#include <hvabi/sched_op.h>

#include "bench.h"
#include "guest/console.h"
#include "guest/guest.h"

static void report(unsigned int number, const char *name, int status,
                   const struct bench_result *r)
{
    if (status == 0) {
        console_printf("# bench: %s instructions_per_operation=%llu.%llu operations=%llu\n",
                       name, (unsigned long long)(r->tenths_per_operation / 10),
                       (unsigned long long)(r->tenths_per_operation % 10),
                       (unsigned long long)r->operations);
        console_printf("ok %u %s\n", number, name);
    } else {
        console_printf("not ok %u %s\n", number, name);
    }
}

uint32_t guest_main(const struct guest_platform *platform)
{
    struct bench_result null_call = { 0 };
    struct bench_result round_trip = { 0 };
    int status;

    console_printf("KTAP version 1\n");
    console_printf("# hvabi benchmark guest\n");
    console_printf("1..2\n");
    status = bench_null_hypercall(&null_call);
    report(1, "bench_null_hypercall", status, &null_call);
    status = bench_event_round_trip(platform, &round_trip);
    report(2, "bench_event_round_trip", status, &round_trip);
    return HVABI_SHUTDOWN_POWEROFF;
}
