/*
 * test_psci.c - PSCI 1.1 for guests (core/psci.h, spec/chapters/psci.rst):
 * every function the hypervisor implements, with its errors.
 *
 * The domain under test has 3 vCPUs on CPUs 0-2; vCPU 0 is on and calls.
 * A second domain, on CPU 3, must never be touched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/psci.h"
#include "tests/support/core_fixture.h"

#include <hvabi/psci.h>
#include <hvabi/sched_op.h>
#include <hvabi/vcpu_op.h>

#define RAM_SIZE (4 * PAGE_SIZE)
#define ENTRY    (GUEST_RAM_BASE + 0x1000)

static _Alignas(4096) uint8_t ram[RAM_SIZE];
static _Alignas(4096) uint8_t other_ram[PAGE_SIZE];
static struct domain *d, *other;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    core_fixture_cpus(4);
    d = core_fixture_domain("d", 3);
    other = core_fixture_domain("other", 1);
    core_fixture_give_ram(d, ram, sizeof(ram));
    core_fixture_give_ram(other, other_ram, sizeof(other_ram));
    assert_int_equal(cpus_place_vcpus(2), 0);
    core_fixture_start(d);
    core_fixture_start(other);
    fake_arch.current_vcpu = &d->vcpus[0];
    return 0;
}

/* A PSCI call of `caller`; returns W0 as the signed 32-bit value PSCI defines. */
static int32_t psci(struct vcpu *caller, uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
    const struct smccc_call call = { .function = function, .args = { a1, a2, a3 } };
    struct smccc_result result;

    assert_true(psci_implements(function));
    result = psci_call(caller, &call);
    /* Results are 32-bit values sign-extended to X0; X1-X3 are 0. */
    assert_int_equal(result.x[0], (uint64_t)(int64_t)(int32_t)result.x[0]);
    assert_int_equal(result.x[1], 0);
    assert_int_equal(result.x[2], 0);
    assert_int_equal(result.x[3], 0);
    return (int32_t)result.x[0];
}

static void assert_other_domain_untouched(void)
{
    assert_int_equal(other->state, DOMAIN_RUNNING);
    assert_int_equal(other->vcpus[0].state, VCPU_RUNNING);
}

static void test_version_is_1_1(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_VERSION, 0, 0, 0), HVABI_PSCI_VERSION_1_1);
}

static void test_cpu_on_starts_a_vcpu_that_is_off(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY, 0xc0ffee0000000001ULL),
                     HVABI_PSCI_SUCCESS);
    assert_int_equal(d->vcpus[1].state, VCPU_RUNNING);
    assert_int_equal(d->vcpus[2].state, VCPU_OFF);
    assert_int_equal(fake_arch.vcpu_inits, 1);
    assert_ptr_equal(fake_arch.last_vcpu_init.vcpu, &d->vcpus[1]);
    assert_int_equal(fake_arch.last_vcpu_init.entry, ENTRY);
    assert_int_equal(fake_arch.last_vcpu_init.x0, 0xc0ffee0000000001ULL);
    /* Its CPU waits for an event, not an interrupt. */
    assert_int_equal(fake_arch.events_sent, 1);
    assert_other_domain_untouched();
}

static void test_cpu_on_target_is_the_affinity_only(void **state)
{
    (void)state;
    /* MPIDR bit 31 (RES1) and the MT bit are not part of the affinity. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 0x81000002ULL, ENTRY, 0),
                     HVABI_PSCI_SUCCESS);
    assert_int_equal(d->vcpus[2].state, VCPU_RUNNING);
}

static void test_cpu_on_invalid_target(void **state)
{
    static const uint64_t targets[] = { 3, 4, 0xff, 0x100, 0x10000, 0x100000000ULL };

    (void)state;
    for (unsigned int i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
        assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, targets[i], ENTRY, 0),
                         HVABI_PSCI_INVALID_PARAMETERS);
    }
    assert_int_equal(fake_arch.vcpu_inits, 0);
    assert_int_equal(fake_arch.events_sent, 0);
}

static void test_cpu_on_invalid_address(void **state)
{
    static const uint64_t entries[] = {
        0, GUEST_RAM_BASE - 4, GUEST_RAM_BASE + RAM_SIZE, ENTRY + 2, ENTRY + 1, UINT64_MAX,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
        assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, entries[i], 0),
                         HVABI_PSCI_INVALID_ADDRESS);
    }
    assert_int_equal(d->vcpus[1].state, VCPU_OFF);
    assert_int_equal(fake_arch.vcpu_inits, 0);
    /* The first and last word of RAM are valid entry points. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, GUEST_RAM_BASE, 0),
                     HVABI_PSCI_SUCCESS);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 2, GUEST_RAM_BASE + RAM_SIZE - 4, 0),
                     HVABI_PSCI_SUCCESS);
}

static void test_cpu_on_checks_the_target_first(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 7, 1, 0),
                     HVABI_PSCI_INVALID_PARAMETERS);
}

static void test_cpu_on_a_vcpu_that_is_on(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 0, ENTRY, 0),
                     HVABI_PSCI_ALREADY_ON);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY, 0), HVABI_PSCI_SUCCESS);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY + 4, 0),
                     HVABI_PSCI_ALREADY_ON);
    assert_int_equal(fake_arch.vcpu_inits, 1);
    assert_int_equal(fake_arch.last_vcpu_init.entry, ENTRY);
}

static void test_cpu_on_a_vcpu_of_a_stopped_domain_is_denied(void **state)
{
    (void)state;
    d->vcpus[2].state = VCPU_STOPPED;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 2, ENTRY, 0), HVABI_PSCI_DENIED);
    assert_int_equal(d->vcpus[2].state, VCPU_STOPPED);
}

static void test_cpu_on_32_uses_bits_31_to_0(void **state)
{
    (void)state;
    /* Upper halves set: only bits 31:0 of target, entry and context count. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_32, 0xffffffff00000001ULL,
                          0xdead000000000000ULL | ENTRY, 0x1234567800000042ULL),
                     HVABI_PSCI_SUCCESS);
    assert_int_equal(fake_arch.last_vcpu_init.entry, ENTRY);
    assert_int_equal(fake_arch.last_vcpu_init.x0, 0x42);
    /* The 64-bit form takes them whole: Aff3 = 1 names no vCPU. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 0x0000000100000002ULL, ENTRY, 0),
                     HVABI_PSCI_INVALID_PARAMETERS);
}

static void test_cpu_off_powers_the_caller_off(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY, 0), HVABI_PSCI_SUCCESS);
    fake_arch.counter = 1000;
    assert_int_equal(psci(&d->vcpus[1], HVABI_PSCI_CPU_OFF, 0, 0, 0), HVABI_PSCI_SUCCESS);
    assert_int_equal(d->vcpus[1].state, VCPU_OFF);
    assert_int_equal(d->vcpus[1].runstate.state, HVABI_RUNSTATE_OFFLINE);
    assert_int_equal(d->vcpus[0].state, VCPU_RUNNING);
    /* It can be started again. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY, 0), HVABI_PSCI_SUCCESS);
}

static void test_cpu_off_of_the_last_vcpu_is_denied(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_OFF, 0, 0, 0), HVABI_PSCI_DENIED);
    assert_int_equal(d->vcpus[0].state, VCPU_RUNNING);
    assert_int_equal(d->state, DOMAIN_RUNNING);
}

static void test_affinity_info_on_and_off(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 0, 0, 0),
                     HVABI_PSCI_AFFINITY_ON);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 1, 0, 0),
                     HVABI_PSCI_AFFINITY_OFF);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_ON_64, 1, ENTRY, 0), HVABI_PSCI_SUCCESS);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 1, 0, 0),
                     HVABI_PSCI_AFFINITY_ON);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_32, 2, 0, 0),
                     HVABI_PSCI_AFFINITY_OFF);
}

static void test_affinity_info_invalid_level_or_target(void **state)
{
    (void)state;
    for (uint64_t level = 1; level <= 3; level++) {
        assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 0, level, 0),
                         HVABI_PSCI_INVALID_PARAMETERS);
    }
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 3, 0, 0),
                     HVABI_PSCI_INVALID_PARAMETERS);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 0x100, 0, 0),
                     HVABI_PSCI_INVALID_PARAMETERS);
    /* SMC32: the level's upper half is ignored; in the 64-bit form it counts. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_32, 0, 0x100000000ULL, 0),
                     HVABI_PSCI_AFFINITY_ON);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_AFFINITY_INFO_64, 0, 0x100000000ULL, 0),
                     HVABI_PSCI_INVALID_PARAMETERS);
}

static void test_cpu_suspend_returns_at_once(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_SUSPEND_32, 0, ENTRY, 0),
                     HVABI_PSCI_SUCCESS);
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_CPU_SUSPEND_64, 0x10000, ENTRY, 0),
                     HVABI_PSCI_SUCCESS);
    assert_int_equal(d->vcpus[0].state, VCPU_RUNNING);
    assert_int_equal(fake_arch.vcpu_inits, 0);
}

static void test_migrate_info_type(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_MIGRATE_INFO_TYPE, 0, 0, 0),
                     HVABI_PSCI_MIGRATE_NOT_REQUIRED);
}

static void test_system_off_stops_the_domain(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_SYSTEM_OFF, 0, 0, 0), HVABI_PSCI_SUCCESS);
    assert_int_equal(d->state, DOMAIN_STOPPED);
    assert_int_equal(d->stop_cause, STOP_SHUTDOWN);
    assert_int_equal(d->shutdown_reason, HVABI_SHUTDOWN_POWEROFF);
    assert_int_equal(d->vcpus[0].state, VCPU_STOPPED);
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff\n");
    assert_other_domain_untouched();
    assert_int_equal(fake_arch.system_offs, 0);
}

static void test_system_reset_stops_the_domain_with_reason_reboot(void **state)
{
    (void)state;
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_SYSTEM_RESET, 0, 0, 0), HVABI_PSCI_SUCCESS);
    assert_int_equal(d->state, DOMAIN_STOPPED);
    assert_int_equal(d->shutdown_reason, HVABI_SHUTDOWN_REBOOT);
    expect_console("(hv) hvabi: d1 stopped: shutdown reboot\n");
    assert_other_domain_untouched();
}

static void test_features_of_every_function(void **state)
{
    static const uint32_t implemented[] = {
        HVABI_PSCI_VERSION,          HVABI_PSCI_CPU_SUSPEND_32,    HVABI_PSCI_CPU_SUSPEND_64,
        HVABI_PSCI_CPU_OFF,          HVABI_PSCI_CPU_ON_32,         HVABI_PSCI_CPU_ON_64,
        HVABI_PSCI_AFFINITY_INFO_32, HVABI_PSCI_AFFINITY_INFO_64,  HVABI_PSCI_MIGRATE_INFO_TYPE,
        HVABI_PSCI_SYSTEM_OFF,       HVABI_PSCI_SYSTEM_RESET,      HVABI_PSCI_FEATURES,
        HVABI_SMCCC_VERSION,
    };
    static const uint32_t not_implemented[] = {
        0x84000005U, /* CPU_FREEZE */
        0x84000007U, /* MIGRATE_INFO_UP_CPU */
        0x8400000cU, /* CPU_DEFAULT_SUSPEND */
        0xc4000012U, /* SYSTEM_RESET2, 64-bit */
        0xc4000002U, /* no 64-bit CPU_OFF */
        0x82000000U, 0U, 0xffffffffU,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(implemented) / sizeof(implemented[0]); i++) {
        assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_FEATURES, implemented[i], 0, 0),
                         HVABI_PSCI_SUCCESS);
    }
    for (unsigned int i = 0; i < sizeof(not_implemented) / sizeof(not_implemented[0]); i++) {
        assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_FEATURES, not_implemented[i], 0, 0),
                         HVABI_PSCI_NOT_SUPPORTED);
    }
    /* An SMC32 call: the function ID asked about is bits 31:0. */
    assert_int_equal(psci(&d->vcpus[0], HVABI_PSCI_FEATURES, 0xffffffff84000000ULL, 0, 0),
                     HVABI_PSCI_SUCCESS);
}

static void test_implements_exactly_the_psci_functions(void **state)
{
    (void)state;
    assert_true(psci_implements(HVABI_PSCI_CPU_ON_64));
    assert_true(psci_implements(HVABI_PSCI_FEATURES));
    assert_false(psci_implements(HVABI_SMCCC_VERSION)); /* served by smccc.c */
    assert_false(psci_implements(0x84000005U));
    assert_false(psci_implements(0xc4000000U));
    assert_false(psci_implements(0));
}

static void test_call_of_a_function_not_implemented(void **state)
{
    const struct smccc_call call = { .function = 0x84000005U, .args = { 0, 0, 0 } };
    struct smccc_result result;

    (void)state;
    /* psci_call() is only for implemented functions; even so it answers NOT_SUPPORTED. */
    result = psci_call(&d->vcpus[0], &call);
    assert_int_equal(result.x[0], (uint64_t)(int64_t)HVABI_PSCI_NOT_SUPPORTED);
    assert_int_equal(d->state, DOMAIN_RUNNING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_version_is_1_1, setup),
        cmocka_unit_test_setup(test_cpu_on_starts_a_vcpu_that_is_off, setup),
        cmocka_unit_test_setup(test_cpu_on_target_is_the_affinity_only, setup),
        cmocka_unit_test_setup(test_cpu_on_invalid_target, setup),
        cmocka_unit_test_setup(test_cpu_on_invalid_address, setup),
        cmocka_unit_test_setup(test_cpu_on_checks_the_target_first, setup),
        cmocka_unit_test_setup(test_cpu_on_a_vcpu_that_is_on, setup),
        cmocka_unit_test_setup(test_cpu_on_a_vcpu_of_a_stopped_domain_is_denied, setup),
        cmocka_unit_test_setup(test_cpu_on_32_uses_bits_31_to_0, setup),
        cmocka_unit_test_setup(test_cpu_off_powers_the_caller_off, setup),
        cmocka_unit_test_setup(test_cpu_off_of_the_last_vcpu_is_denied, setup),
        cmocka_unit_test_setup(test_affinity_info_on_and_off, setup),
        cmocka_unit_test_setup(test_affinity_info_invalid_level_or_target, setup),
        cmocka_unit_test_setup(test_cpu_suspend_returns_at_once, setup),
        cmocka_unit_test_setup(test_migrate_info_type, setup),
        cmocka_unit_test_setup(test_system_off_stops_the_domain, setup),
        cmocka_unit_test_setup(test_system_reset_stops_the_domain_with_reason_reboot, setup),
        cmocka_unit_test_setup(test_features_of_every_function, setup),
        cmocka_unit_test_setup(test_implements_exactly_the_psci_functions, setup),
        cmocka_unit_test_setup(test_call_of_a_function_not_implemented, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
