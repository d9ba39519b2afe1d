/*
 * guest_entry_cpu_on.c - the state of a vCPU that PSCI CPU_ON starts.
 *
 * Specification: spec/chapters/guest_entry.rst, "vCPUs started with
 * CPU_ON".  vCPU 1 records its registers at its first instructions
 * (lib/guest/aarch64/secondary.h).  It is started twice: the second start
 * must not show what the first run left in its registers.
 */
#include <stddef.h>
#include <stdint.h>

#include "aarch64/simd_probe.h"
#include "framework/suite.h"
#include "support/clock.h"
#include "support/entry_checks.h"
#include "support/secondary_cpu.h"

#include <hvabi/psci.h>

#define SECOND 1
#define TIMEOUT (5 * CLOCK_S) /* generous: TCG on a loaded host is slow */

/* Leaves values in the registers a new start must clear. */
static void leave_traces(struct secondary_cpu *cpu, void *argument)
{
    const uint64_t trace = 0x7e7e7e7e00000000ULL;

    (void)cpu;
    (void)argument;
    __asm__ volatile("msr tpidr_el0, %0\n\t"
                     "msr tpidr_el1, %0\n\t"
                     "msr tpidrro_el0, %0\n\t"
                     "msr contextidr_el1, %1\n\t"
                     "msr par_el1, %0\n\t"
                     "msr far_el1, %0\n\t"
                     "msr esr_el1, %1\n\t"
                     "msr elr_el1, %0\n\t"
                     "msr spsr_el1, %1\n\t"
                     "msr cntkctl_el1, %2\n\t"
                     "msr cntv_cval_el0, %0\n\t"
                     "isb"
                     : : "r"(trace), "r"(trace >> 32), "r"(3ULL) : "memory");
    simd_fill(trace | 0x5a);
}

static void nothing(struct secondary_cpu *cpu, void *argument)
{
    (void)cpu;
    (void)argument;
}

static bool run_once(struct test_context *t, secondary_function function, const char *who)
{
    struct secondary_cpu *cpu = secondary_cpu_get(SECOND);
    const struct entry_state *s = &cpu->start.entry;
    int32_t rc = secondary_cpu_start(SECOND, function, NULL);

    if (!expect(t, rc == HVABI_PSCI_SUCCESS, "%s: CPU_ON: expected 0, got %d", who, (int)rc) ||
        !expect(t, secondary_cpu_wait_finished(SECOND, TIMEOUT), "%s: did not run", who) ||
        !expect(t, secondary_cpu_wait_off(SECOND, TIMEOUT), "%s: not off after CPU_OFF", who)) {
        return false;
    }
    entry_check_el1h(t, s, who);
    expect(t, s->x[0] == secondary_cpu_context(SECOND), "%s: X0: expected the context ID 0x%llx, "
           "got 0x%llx", who, (unsigned long long)secondary_cpu_context(SECOND),
           (unsigned long long)s->x[0]);
    entry_check_registers_zero(t, s, who);
    entry_check_pstate(t, s, who);
    entry_check_sctlr(t, s, who);
    entry_check_sysregs_zero(t, s, who);
    entry_check_simd_zero(t, s, who);
    return true;
}

static void cpu_on_state(struct test_context *t)
{
    if (!expect(t, secondary_cpu_count(t->platform->fdt) >= 2, "the domain has one vCPU")) {
        return;
    }
    if (run_once(t, leave_traces, "vCPU 1 (start leaving traces)")) {
        run_once(t, nothing, "vCPU 1 (start after the traces)");
    }
}

const struct conformance_test guest_entry_cpu_on_tests[] = {
    { .name = "guest_entry_cpu_on", .verifies = "hvabi~guest-entry-cpu-on~1",
      .run = cpu_on_state },
    { .name = NULL },
};
