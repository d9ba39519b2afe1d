/*
 * test_system.c - the machine's safe state (core/system.h): power off when
 * no domain runs, or when the hypervisor itself cannot go on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/domain.h"
#include "core/system.h"
#include "tests/support/core_fixture.h"

#include <hvabi/sched_op.h>

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    system_init(PSCI_CONDUIT_SMC);
    return 0;
}

static void test_power_off_through_the_firmware_of_the_tree(void **state)
{
    jmp_buf escape;

    (void)state;
    system_init(PSCI_CONDUIT_HVC);
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        system_power_off();
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_SYSTEM_OFF);
    assert_int_equal(fake_arch.system_offs, 1);
    assert_int_equal(fake_arch.last_system_off_conduit, PSCI_CONDUIT_HVC);
    expect_console("");
}

static void test_power_off_without_firmware_says_so(void **state)
{
    jmp_buf escape;

    (void)state;
    system_init(PSCI_CONDUIT_NONE);
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        system_power_off();
    }
    assert_int_equal(fake_arch.last_system_off_conduit, PSCI_CONDUIT_NONE);
    expect_console("(hv) no PSCI firmware in the device tree: cannot power off, halting\n");
}

static void test_fatal_powers_off(void **state)
{
    jmp_buf escape;

    (void)state;
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        system_fatal();
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_SYSTEM_OFF);
    assert_int_equal(fake_arch.last_system_off_conduit, PSCI_CONDUIT_SMC);
    expect_console("(hv) hvabi: system stopped: hypervisor-error\n");
}

static void test_refused_configuration_powers_off(void **state)
{
    jmp_buf escape;

    (void)state;
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        system_refuse_configuration(3);
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_SYSTEM_OFF);
    assert_int_equal(fake_arch.last_system_off_conduit, PSCI_CONDUIT_SMC);
    expect_console("(hv) hvabi: system stopped: configuration-error: 3 problem(s) in the system "
                   "device tree; no domain was started\n");
}

static void test_last_stopped_domain_powers_off(void **state)
{
    jmp_buf escape;
    struct domain *d;

    (void)state;
    d = core_fixture_domain("d", 1);
    core_fixture_start(d);
    assert_true(domain_stop(d, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff\n");
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        system_vcpu_stopped(&d->vcpus[0]);
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_SYSTEM_OFF);
    assert_int_equal(fake_arch.last_system_off_conduit, PSCI_CONDUIT_SMC);
    assert_int_equal(fake_arch.waits, 0);
    expect_console("(hv) no domain is running: powering off\n");
}

static void test_stopped_vcpu_waits_while_another_domain_runs(void **state)
{
    jmp_buf escape;
    struct domain *d1, *d2;

    (void)state;
    d1 = core_fixture_domain("d1", 1);
    d2 = core_fixture_domain("d2", 1);
    core_fixture_start(d1);
    core_fixture_start(d2);
    domain_stop_for_fault(d1, "test");
    expect_console("(hv) hvabi: d1 stopped: guest-fault: test\n");
    fake_arch.waits_before_escape = 3;
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        system_vcpu_stopped(&d1->vcpus[0]);
    }
    /* Woken or not, it waits again: it never powers off while d2 runs. */
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_WAIT);
    assert_int_equal(fake_arch.waits, 4);
    assert_int_equal(fake_arch.system_offs, 0);
    expect_console("");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_power_off_through_the_firmware_of_the_tree, setup),
        cmocka_unit_test_setup(test_power_off_without_firmware_says_so, setup),
        cmocka_unit_test_setup(test_fatal_powers_off, setup),
        cmocka_unit_test_setup(test_refused_configuration_powers_off, setup),
        cmocka_unit_test_setup(test_last_stopped_domain_powers_off, setup),
        cmocka_unit_test_setup(test_stopped_vcpu_waits_while_another_domain_runs, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
