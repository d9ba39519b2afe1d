/*
 * null_hypercall.c - the cost of the cheapest hypercall: XENVER_version,
 * which reads nothing from the guest and writes nothing back.
 */
#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/xen_version.h>

#include "bench.h"
#include "measure.h"

#define CALLS 20000

/* The register set-up of hvabi_hypercall2() with the HVC replaced by a NOP. */
static inline int64_t no_call(uint64_t nr, uint64_t a0, uint64_t a1)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "mov x0, %[a0]\n\t"
                     "mov x1, %[a1]\n\t"
                     "nop\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [nr] "r"(nr), [a0] "r"(a0), [a1] "r"(a1)
                     : "x0", "x1", "x16", "cc", "memory");
    return result;
}

int bench_null_hypercall(struct bench_result *r)
{
    int64_t version = 0;
    int64_t sink = 0;
    uint64_t start;

    start = counter_read();
    for (unsigned int i = 0; i < CALLS; i++) {
        version |= hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0);
    }
    r->loop_instructions = ticks_to_instructions(counter_read() - start);

    start = counter_read();
    for (unsigned int i = 0; i < CALLS; i++) {
        sink |= no_call(HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0);
    }
    r->baseline_instructions = ticks_to_instructions(counter_read() - start);
    (void)sink;

    r->operations = CALLS;
    bench_compute(r);
    /* A negative result is an error code: the figure would measure an error path. */
    return version < 0 ? -1 : 0;
}
