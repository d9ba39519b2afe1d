/*
 * psci_vcpus.c - PSCI with a second vCPU: CPU_ON, CPU_OFF, AFFINITY_INFO,
 * and the virtual counter seen from two vCPUs.
 *
 * Specification: spec/chapters/psci.rst and guest_entry.rst.  These tests
 * run in the scenario "vcpus" (a domain with two vCPUs); vCPU 1 runs
 * functions through support/secondary_cpu.h and powers itself off after
 * each.
 */
#include <stddef.h>
#include <stdint.h>

#include "framework/suite.h"
#include "support/clock.h"
#include "support/psci_call.h"
#include "support/secondary_cpu.h"
#include "tests/addresses.h"

#include <hvabi/psci.h>

#define SECOND 1 /* the vCPU these tests start */
#define TIMEOUT (5 * CLOCK_S) /* generous: TCG on a loaded host is slow */

static uint32_t vcpu_count(struct test_context *t)
{
    uint32_t count = secondary_cpu_count(t->platform->fdt);

    expect(t, count >= 2, "the domain has %u vCPU(s); the scenario gives it 2", (unsigned)count);
    return count;
}

/* Waits for vCPU 1 to finish its function and power itself off. */
static bool finish(struct test_context *t)
{
    struct secondary_cpu *cpu = secondary_cpu_get(SECOND);

    if (!expect(t, secondary_cpu_wait_finished(SECOND, TIMEOUT),
                "vCPU 1 did not finish its function within 5 s")) {
        return false;
    }
    if (!expect(t, secondary_cpu_wait_off(SECOND, TIMEOUT),
                "vCPU 1 was not off within 5 s after CPU_OFF")) {
        return false;
    }
    return expect(t, __atomic_load_n(&cpu->cpu_off_returned, __ATOMIC_ACQUIRE) == 0,
                  "CPU_OFF returned to vCPU 1 with %d", (int)cpu->cpu_off_result);
}

/* Before any CPU_ON: only vCPU 0 runs (this code), every other vCPU is off. */
static void other_vcpus_off(struct test_context *t)
{
    uint32_t count = vcpu_count(t);

    expect(t, psci_own_affinity() == 0, "the vCPU running at start has affinity 0x%llx, not 0",
           (unsigned long long)psci_own_affinity());
    for (uint32_t v = 1; v < count; v++) {
        int32_t state = psci_affinity_info(psci_vcpu_affinity(v), 0);

        expect(t, state == HVABI_PSCI_AFFINITY_OFF,
               "AFFINITY_INFO of vCPU %u before any CPU_ON: expected OFF (1), got %d",
               (unsigned)v, (int)state);
    }
}

struct spin_control {
    uint32_t release;  /* set by vCPU 0: the function returns */
    uint32_t running;  /* set by vCPU 1 once it runs */
    uint64_t mpidr;
    uint64_t loops;
};

static struct spin_control spin;

static void spin_until_released(struct secondary_cpu *cpu, void *argument)
{
    struct spin_control *c = argument;
    uint64_t mpidr;

    (void)cpu;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    c->mpidr = mpidr;
    __atomic_store_n(&c->running, 1, __ATOMIC_RELEASE);
    while (__atomic_load_n(&c->release, __ATOMIC_ACQUIRE) == 0) {
        __atomic_fetch_add(&c->loops, 1, __ATOMIC_RELAXED);
    }
}

/* Starts vCPU 1 spinning; returns whether it runs. */
static bool start_spinning(struct test_context *t)
{
    uint64_t deadline = clock_deadline(TIMEOUT);
    int32_t rc;

    spin = (struct spin_control){ 0 };
    rc = secondary_cpu_start(SECOND, spin_until_released, &spin);
    if (!expect(t, rc == HVABI_PSCI_SUCCESS, "CPU_ON of vCPU 1: expected 0, got %d", (int)rc)) {
        return false;
    }
    while (__atomic_load_n(&spin.running, __ATOMIC_ACQUIRE) == 0) {
        if (clock_passed(deadline)) {
            expect(t, false, "vCPU 1 did not run its function within 5 s of CPU_ON");
            return false;
        }
    }
    return true;
}

static void release_spin(void)
{
    __atomic_store_n(&spin.release, 1, __ATOMIC_RELEASE);
}

static void cpu_on_starts_vcpu(struct test_context *t)
{
    struct secondary_cpu *cpu = secondary_cpu_get(SECOND);

    if (vcpu_count(t) < 2 || !start_spinning(t)) {
        return;
    }
    release_spin();
    if (!finish(t)) {
        return;
    }
    expect(t, cpu->start.entry.recorded == 1, "vCPU 1 did not record its entry state");
    expect(t, cpu->start.entry.x[0] == secondary_cpu_context(SECOND),
           "vCPU 1 started with X0 = 0x%llx: expected the context ID 0x%llx",
           (unsigned long long)cpu->start.entry.x[0],
           (unsigned long long)secondary_cpu_context(SECOND));
    expect(t, (spin.mpidr & 0xff00ffffffULL) == 1,
           "MPIDR_EL1 of vCPU 1 = 0x%llx: expected Aff0 = 1 and Aff1..Aff3 = 0",
           (unsigned long long)spin.mpidr);
}

static void cpu_off(struct test_context *t)
{
    if (vcpu_count(t) < 2 || !start_spinning(t)) {
        return;
    }
    release_spin();
    finish(t);
    /* Off means off: CPU_ON may start it again. */
    if (start_spinning(t)) {
        release_spin();
        finish(t);
    }
}

static void affinity_info(struct test_context *t)
{
    if (vcpu_count(t) < 2 || !start_spinning(t)) {
        return;
    }
    expect_result(t, "AFFINITY_INFO (SMC64) of vCPU 1 while it runs",
                  psci_affinity_info(psci_vcpu_affinity(SECOND), 0), HVABI_PSCI_AFFINITY_ON);
    expect_result(t, "AFFINITY_INFO (SMC32) of vCPU 1 while it runs",
                  psci_w0(smccc_hvc(HVABI_PSCI_AFFINITY_INFO_32, SECOND, 0, 0, NULL)),
                  HVABI_PSCI_AFFINITY_ON);
    release_spin();
    if (!finish(t)) {
        return;
    }
    expect_result(t, "AFFINITY_INFO (SMC64) of vCPU 1 after CPU_OFF",
                  psci_affinity_info(psci_vcpu_affinity(SECOND), 0), HVABI_PSCI_AFFINITY_OFF);
    expect_result(t, "AFFINITY_INFO (SMC32) of vCPU 1 after CPU_OFF",
                  psci_w0(smccc_hvc(HVABI_PSCI_AFFINITY_INFO_32, SECOND, 0, 0, NULL)),
                  HVABI_PSCI_AFFINITY_OFF);
}

static void cpu_on_already_on(struct test_context *t)
{
    struct secondary_cpu *cpu = secondary_cpu_get(SECOND);
    uint64_t loops, deadline;

    if (vcpu_count(t) < 2 || !start_spinning(t)) {
        return;
    }
    cpu->start.entry.recorded = 0; /* a restart would record it again */
    expect_result(t, "CPU_ON (SMC64) of vCPU 1 while it runs",
                  psci_cpu_on(psci_vcpu_affinity(SECOND), secondary_cpu_entry_point(),
                              secondary_cpu_context(SECOND)),
                  HVABI_PSCI_ALREADY_ON);
    expect_result(t, "CPU_ON (SMC32) of vCPU 1 while it runs",
                  psci_w0(smccc_hvc(HVABI_PSCI_CPU_ON_32, SECOND, secondary_cpu_entry_point(),
                                    secondary_cpu_context(SECOND), NULL)),
                  HVABI_PSCI_ALREADY_ON);
    /* vCPU 1 goes on with its function (its loop count still grows). */
    loops = __atomic_load_n(&spin.loops, __ATOMIC_RELAXED);
    deadline = clock_deadline(TIMEOUT);
    while (__atomic_load_n(&spin.loops, __ATOMIC_RELAXED) == loops && !clock_passed(deadline)) {
    }
    expect(t, __atomic_load_n(&spin.loops, __ATOMIC_RELAXED) != loops,
           "vCPU 1 stopped running its function after CPU_ON returned ALREADY_ON");
    expect(t, cpu->start.entry.recorded == 0, "vCPU 1 was started again");
    release_spin();
    finish(t);
}

/*
 * Ping-pong with vCPU 1: each of its counter reads lies between a read of
 * vCPU 0 before the request and one after the answer.
 */
struct counter_exchange {
    uint32_t request;
    uint32_t answer;
    uint64_t value;
};

static struct counter_exchange exchange;
#define EXCHANGES 20

static void answer_counter(struct secondary_cpu *cpu, void *argument)
{
    struct counter_exchange *x = argument;
    uint64_t deadline = clock_deadline(TIMEOUT);

    (void)cpu;
    for (uint32_t n = 1; n <= EXCHANGES && !clock_passed(deadline);) {
        if (__atomic_load_n(&x->request, __ATOMIC_ACQUIRE) == n) {
            x->value = clock_counter();
            __atomic_store_n(&x->answer, n, __ATOMIC_RELEASE);
            n++;
            deadline = clock_deadline(TIMEOUT);
        }
    }
}

static void counter_consistent(struct test_context *t)
{
    uint64_t deadline;
    int32_t rc;

    if (vcpu_count(t) < 2) {
        return;
    }
    exchange = (struct counter_exchange){ 0 };
    rc = secondary_cpu_start(SECOND, answer_counter, &exchange);
    if (!expect(t, rc == HVABI_PSCI_SUCCESS, "CPU_ON of vCPU 1: expected 0, got %d", (int)rc)) {
        return;
    }
    for (uint32_t n = 1; n <= EXCHANGES; n++) {
        uint64_t before = clock_counter(), after, theirs;

        deadline = clock_deadline(TIMEOUT);
        __atomic_store_n(&exchange.request, n, __ATOMIC_RELEASE);
        while (__atomic_load_n(&exchange.answer, __ATOMIC_ACQUIRE) != n) {
            if (clock_passed(deadline)) {
                expect(t, false, "vCPU 1 did not answer request %u within 5 s", (unsigned)n);
                return;
            }
        }
        after = clock_counter();
        theirs = exchange.value;
        if (!expect(t, before <= theirs && theirs <= after,
                    "exchange %u: vCPU 1 read CNTVCT_EL0 = 0x%llx, not between vCPU 0's reads "
                    "0x%llx and 0x%llx", (unsigned)n, (unsigned long long)theirs,
                    (unsigned long long)before, (unsigned long long)after)) {
            break;
        }
    }
    finish(t);
}

/*
 * CPU_ON with an entry point that is misaligned or outside the domain's
 * RAM.  A hypervisor that starts vCPU 1 there leaves it unusable, so this
 * test comes last in its scenario.
 */
static void cpu_on_invalid_address(struct test_context *t)
{
    uint32_t count = vcpu_count(t);
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t context = secondary_cpu_context(SECOND);
    uint64_t misaligned = secondary_cpu_entry_point() + 2;

    if (count < 2) {
        return;
    }
    expect_result(t, "CPU_ON of a vCPU beyond the domain with a misaligned entry point",
                  psci_cpu_on(count, misaligned, context), HVABI_PSCI_INVALID_PARAMETERS);
    expect_result(t, "CPU_ON of vCPU 1 at an entry point that is not 4-byte aligned",
                  psci_cpu_on(SECOND, misaligned, context), HVABI_PSCI_INVALID_ADDRESS);
    expect_result(t, "AFFINITY_INFO of vCPU 1 afterwards", psci_affinity_info(SECOND, 0),
                  HVABI_PSCI_AFFINITY_OFF);
    if (unbacked != 0) {
        expect_result(t, "CPU_ON of vCPU 1 at an entry point outside the domain's RAM",
                      psci_cpu_on(SECOND, unbacked, context), HVABI_PSCI_INVALID_ADDRESS);
        expect_result(t, "AFFINITY_INFO of vCPU 1 afterwards", psci_affinity_info(SECOND, 0),
                      HVABI_PSCI_AFFINITY_OFF);
    }
}

const struct conformance_test psci_vcpus_tests[] = {
    { .name = "guest_entry_other_vcpus_off",
      .verifies = "hvabi~guest-entry-other-vcpus-off~1 hvabi~psci-affinity-info~1",
      .run = other_vcpus_off },
    { .name = "psci_cpu_on_starts_vcpu",
      .verifies = "hvabi~psci-cpu-on~1 hvabi~psci-vcpu-affinity~1",
      .run = cpu_on_starts_vcpu },
    { .name = "psci_cpu_off", .verifies = "hvabi~psci-cpu-off~1", .run = cpu_off },
    { .name = "psci_affinity_info_on_off", .verifies = "hvabi~psci-affinity-info~1",
      .run = affinity_info },
    { .name = "psci_cpu_on_vcpu_already_on", .verifies = "hvabi~psci-cpu-on-already-on~1",
      .run = cpu_on_already_on },
    { .name = "guest_entry_counter_consistent",
      .verifies = "hvabi~guest-entry-counter-consistent~1",
      .run = counter_consistent },
    { .name = NULL },
};

const struct conformance_test psci_vcpus_last_tests[] = {
    { .name = "psci_cpu_on_invalid_address", .verifies = "hvabi~psci-cpu-on-invalid-address~1",
      .run = cpu_on_invalid_address },
    { .name = NULL },
};
