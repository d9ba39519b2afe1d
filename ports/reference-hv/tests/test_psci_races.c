/*
 * test_psci_races.c - PSCI CPU_ON and CPU_OFF against a stop of their
 * domain from another CPU (core/psci.c, core/domain.c; spec/chapters/
 * safety.rst: a stopped domain's vCPUs never run again).
 *
 * Whatever the interleaving, a stopped domain must be left with every vCPU
 * stopped: none running, which would let it run again, and none off, which
 * a later CPU_ON could start.
 *
 * The other CPU is a thread.  The fake architecture's `interleave` hook
 * starts it while the core on this CPU is inside CPU_ON or CPU_OFF, holding
 * the domain's lock, and gives it time to finish.  If the stop does not wait
 * for that lock, it finishes at once, in the middle of the PSCI call, and
 * the call then overwrites the vCPU state the stop set.  If it waits, it
 * finishes after the call: the only interleaving the locks allow.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/psci.h"
#include "tests/support/core_fixture.h"

#include <hvabi/psci.h>
#include <hvabi/sched_op.h>

#define ENTRY (GUEST_RAM_BASE + 0x1000)

/* How long the interleaved stop is given before the PSCI call goes on. */
#define STOP_GRACE_NANOSECONDS 200000000L

static _Alignas(4096) uint8_t ram[4 * PAGE_SIZE];
static struct domain *d;

static pthread_t other_cpu;
static bool other_cpu_started;
static bool stop_finished; /* written by the other CPU; read with __atomic */

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    core_fixture_cpus(3);
    d = core_fixture_domain("d", 3);
    core_fixture_give_ram(d, ram, sizeof(ram));
    assert_int_equal(cpus_place_vcpus(1), 0);
    core_fixture_start(d);
    fake_arch.current_vcpu = &d->vcpus[0];
    other_cpu_started = false;
    __atomic_store_n(&stop_finished, false, __ATOMIC_SEQ_CST);
    return 0;
}

/* The other CPU: another vCPU of the domain calls PSCI SYSTEM_OFF. */
static void *stop_the_domain(void *unused)
{
    (void)unused;
    domain_stop(d, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF);
    __atomic_store_n(&stop_finished, true, __ATOMIC_SEQ_CST);
    return NULL;
}

/* The `interleave` hook: starts the stop on the other CPU and lets it run a while. */
static void other_cpu_stops_the_domain_now(void)
{
    struct timespec pause = { .tv_sec = 0, .tv_nsec = 1000000L };

    assert_int_equal(pthread_create(&other_cpu, NULL, stop_the_domain, NULL), 0);
    other_cpu_started = true;
    for (long waited = 0; waited < STOP_GRACE_NANOSECONDS; waited += pause.tv_nsec) {
        if (__atomic_load_n(&stop_finished, __ATOMIC_SEQ_CST)) {
            return;
        }
        nanosleep(&pause, NULL);
    }
}

/* Waits for the other CPU's stop to finish. */
static void join_other_cpu(void)
{
    assert_true(other_cpu_started);
    assert_int_equal(pthread_join(other_cpu, NULL), 0);
    assert_true(__atomic_load_n(&stop_finished, __ATOMIC_SEQ_CST));
}

static int32_t psci(struct vcpu *caller, uint32_t function, uint64_t a1, uint64_t a2)
{
    const struct smccc_call call = { .function = function, .args = { a1, a2, 0 } };

    return (int32_t)psci_call(caller, &call).x[0];
}

static void assert_every_vcpu_stopped(void)
{
    assert_int_equal(d->state, DOMAIN_STOPPED);
    for (unsigned int i = 0; i < d->vcpu_count; i++) {
        assert_int_equal(d->vcpus[i].state, VCPU_STOPPED);
    }
}

static void test_stop_during_cpu_on_leaves_the_target_stopped(void **state)
{
    (void)state;
    fake_arch.interleave = other_cpu_stops_the_domain_now; /* at arch_vcpu_init() */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY), HVABI_PSCI_SUCCESS);
    join_other_cpu();
    assert_every_vcpu_stopped();
}

static void test_stop_during_cpu_off_leaves_the_caller_stopped(void **state)
{
    (void)state;
    d->vcpus[1].state = VCPU_RUNNING;
    fake_arch.interleave = other_cpu_stops_the_domain_now; /* at the runstate's clock read */
    assert_int_equal(psci(&d->vcpus[1], HVABI_PSCI_CPU_OFF, 0, 0), HVABI_PSCI_SUCCESS);
    join_other_cpu();
    assert_every_vcpu_stopped();
}

static void test_cpu_on_after_the_stop_is_denied(void **state)
{
    (void)state;
    assert_true(domain_stop(d, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY), HVABI_PSCI_DENIED);
    assert_every_vcpu_stopped();
}

static void test_cpu_off_after_the_stop_is_denied(void **state)
{
    (void)state;
    d->vcpus[1].state = VCPU_RUNNING;
    assert_true(domain_stop(d, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    /* The caller was still in the hypervisor when its domain stopped. */
    assert_int_equal(psci(&d->vcpus[1], HVABI_PSCI_CPU_OFF, 0, 0), HVABI_PSCI_DENIED);
    assert_every_vcpu_stopped();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_stop_during_cpu_on_leaves_the_target_stopped, setup),
        cmocka_unit_test_setup(test_stop_during_cpu_off_leaves_the_caller_stopped, setup),
        cmocka_unit_test_setup(test_cpu_on_after_the_stop_is_denied, setup),
        cmocka_unit_test_setup(test_cpu_off_after_the_stop_is_denied, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
