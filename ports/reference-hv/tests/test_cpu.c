/*
 * test_cpu.c - the physical CPUs (core/cpu.h): finding the boot CPU,
 * placing vCPUs, starting the secondary CPUs, and what each CPU runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/domain.h"
#include "core/system.h"
#include "tests/support/core_fixture.h"

#include <hvabi/vcpu_op.h>

static struct boot_config cfg;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    memset(&cfg, 0, sizeof(cfg));
    return 0;
}

/* /cpus of the boot configuration: `count` CPUs with the given MPIDRs. */
static void set_cpus(unsigned int count, const uint64_t *mpidrs)
{
    cfg.cpu_count = count;
    for (unsigned int i = 0; i < count; i++) {
        cfg.cpus[i].mpidr = mpidrs[i];
    }
}

static void test_boot_cpu_found_by_mpidr(void **state)
{
    static const uint64_t mpidrs[4] = { 0x0, 0x1, 0x100, 0x100000000ULL };

    (void)state;
    set_cpus(4, mpidrs);
    /* The MPIDR register has bit 31 (RES1) and MT (bit 24) besides the affinity. */
    assert_int_equal(cpus_init(&cfg, 0x81000100ULL), 0);
    assert_int_equal(cpu_boot()->index, 2);
    assert_ptr_equal(cpu_boot(), cpu_by_index(2));
    assert_true(cpu_by_index(2)->online);
    assert_false(cpu_by_index(0)->online);
    assert_false(cpu_by_index(3)->online);
    for (unsigned int i = 0; i < 4; i++) {
        assert_int_equal(cpu_by_index(i)->index, i);
        assert_int_equal(cpu_by_index(i)->mpidr, mpidrs[i]);
    }
    assert_null(cpu_by_index(4));
    expect_console("");
}

static void test_boot_cpu_found_by_aff3(void **state)
{
    static const uint64_t mpidrs[2] = { 0x0, 0x100000000ULL };

    (void)state;
    set_cpus(2, mpidrs);
    assert_int_equal(cpus_init(&cfg, 0x180000000ULL), 0);
    assert_int_equal(cpu_boot()->index, 1);
}

static void test_boot_cpu_not_in_the_tree(void **state)
{
    static const uint64_t mpidrs[2] = { 0x0, 0x1 };

    (void)state;
    set_cpus(2, mpidrs);
    assert_int_equal(cpus_init(&cfg, 0x80000003ULL), 1);
    expect_console("(hv) error: the boot CPU (MPIDR 0x80000003) is not in /cpus\n");
}

static void test_vcpus_placed_in_domain_and_vcpu_order(void **state)
{
    struct domain *d1, *d2;

    (void)state;
    core_fixture_cpus(4);
    d1 = core_fixture_domain("d1", 2);
    d2 = core_fixture_domain("d2", 1);
    assert_int_equal(cpus_place_vcpus(2), 0);
    assert_int_equal(d1->vcpus[0].pcpu, 0);
    assert_int_equal(d1->vcpus[1].pcpu, 1);
    assert_int_equal(d2->vcpus[0].pcpu, 2);
    assert_ptr_equal(cpu_by_index(0)->vcpu, &d1->vcpus[0]);
    assert_ptr_equal(cpu_by_index(1)->vcpu, &d1->vcpus[1]);
    assert_ptr_equal(cpu_by_index(2)->vcpu, &d2->vcpus[0]);
    assert_null(cpu_by_index(3)->vcpu);
    expect_console("");
}

static void test_vcpus_fill_every_cpu(void **state)
{
    struct domain *d1, *d2;

    (void)state;
    core_fixture_cpus(4);
    d1 = core_fixture_domain("d1", 3);
    d2 = core_fixture_domain("d2", 1);
    assert_int_equal(cpus_place_vcpus(2), 0);
    assert_int_equal(d1->vcpus[2].pcpu, 2);
    assert_int_equal(d2->vcpus[0].pcpu, 3);
}

static void test_more_vcpus_than_cpus_names_the_domain(void **state)
{
    (void)state;
    core_fixture_cpus(3);
    core_fixture_domain("domU1", 2);
    core_fixture_domain("domU2", 2);
    assert_int_equal(cpus_place_vcpus(2), 1);
    expect_console("(hv) error: /chosen/domU2: vCPU 1 has no physical CPU of its own: the "
                   "domains ask for more vCPUs than the 3 CPUs of /cpus\n");
}

/* CPUs 0-3, booted on CPU 1; vCPUs on CPUs 0, 1 and 2; CPU 3 has none. */
static void place_three_vcpus_boot_on_cpu_1(void)
{
    static const uint64_t mpidrs[4] = { 0x0, 0x1, 0x2, 0x3 };
    struct domain *d;

    set_cpus(4, mpidrs);
    assert_int_equal(cpus_init(&cfg, 0x1), 0);
    d = core_fixture_domain("d", 3);
    assert_int_equal(cpus_place_vcpus(1), 0);
    (void)d;
}

static void test_secondaries_with_a_vcpu_are_started(void **state)
{
    (void)state;
    place_three_vcpus_boot_on_cpu_1();
    /* As if each started CPU had come up at once. */
    cpu_by_index(0)->online = true;
    cpu_by_index(2)->online = true;
    assert_int_equal(cpus_start_secondaries(PSCI_CONDUIT_HVC), 0);
    assert_int_equal(fake_arch.secondary_preparations, 1);
    assert_int_equal(fake_arch.cpu_starts, 2);
    assert_int_equal(fake_arch.starts[0].conduit, PSCI_CONDUIT_HVC);
    assert_int_equal(fake_arch.starts[0].mpidr, 0x0);
    assert_int_equal(fake_arch.starts[0].index, 0);
    assert_int_equal(fake_arch.starts[1].mpidr, 0x2);
    assert_int_equal(fake_arch.starts[1].index, 2);
    expect_console("");
}

static void test_secondary_that_firmware_does_not_start(void **state)
{
    (void)state;
    place_three_vcpus_boot_on_cpu_1();
    fake_arch.cpu_start_result = -4; /* PSCI ALREADY_ON */
    assert_int_equal(cpus_start_secondaries(PSCI_CONDUIT_SMC), 2);
    expect_console("(hv) error: CPU 0 (MPIDR 0x0) did not start: PSCI CPU_ON returned -4\n"
                   "(hv) error: CPU 2 (MPIDR 0x2) did not start: PSCI CPU_ON returned -4\n");
}

static void test_secondary_that_does_not_come_online(void **state)
{
    (void)state;
    place_three_vcpus_boot_on_cpu_1();
    cpu_by_index(0)->online = true;
    /* CPU 2 never sets its flag: the boot CPU gives up after its polls. */
    assert_int_equal(cpus_start_secondaries(PSCI_CONDUIT_SMC), 1);
    expect_console("(hv) error: CPU 2 (MPIDR 0x2) did not come online\n");
}

static void test_cpu_runs_its_running_vcpu(void **state)
{
    jmp_buf escape;
    struct domain *d;

    (void)state;
    core_fixture_cpus(2);
    d = core_fixture_domain("d", 2);
    assert_int_equal(cpus_place_vcpus(1), 0);
    core_fixture_start(d);
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_run(cpu_by_index(0));
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_VCPU_RUN);
    assert_int_equal(fake_arch.vcpu_runs, 1);
    assert_ptr_equal(fake_arch.last_vcpu_run, &d->vcpus[0]);
}

static void test_cpu_waits_for_a_vcpu_that_is_off(void **state)
{
    jmp_buf escape;
    struct domain *d;

    (void)state;
    core_fixture_cpus(2);
    d = core_fixture_domain("d", 2);
    assert_int_equal(cpus_place_vcpus(1), 0);
    core_fixture_start(d);
    fake_arch.waits_before_escape = 2;
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_run(cpu_by_index(1));
    }
    /* It looked at the state after each wake-up, and never ran the vCPU. */
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_WAIT_FOR_EVENT);
    assert_int_equal(fake_arch.waits_for_event, 3);
    assert_int_equal(fake_arch.vcpu_runs, 0);
}

/* While the CPU waits: another vCPU's PSCI CPU_ON turns vCPU 1 on. */
static struct vcpu *vcpu_turned_on;

static void another_cpu_turns_the_vcpu_on(void)
{
    vcpu_turned_on->state = VCPU_RUNNING;
}

static void test_cpu_runs_its_vcpu_once_turned_on(void **state)
{
    jmp_buf escape;
    struct domain *d;

    (void)state;
    core_fixture_cpus(2);
    d = core_fixture_domain("d", 2);
    assert_int_equal(cpus_place_vcpus(1), 0);
    core_fixture_start(d);
    vcpu_turned_on = &d->vcpus[1];
    fake_arch.while_waiting = another_cpu_turns_the_vcpu_on;
    fake_arch.waits_before_escape = 1;
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_run(cpu_by_index(1));
    }
    assert_int_equal(fake_arch.waits_for_event, 1);
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_VCPU_RUN);
    assert_ptr_equal(fake_arch.last_vcpu_run, &d->vcpus[1]);
    assert_int_equal(d->vcpus[1].runstate.state, HVABI_RUNSTATE_RUNNING);
}

static void test_cpu_without_a_vcpu_waits_for_ever(void **state)
{
    jmp_buf escape;

    (void)state;
    core_fixture_cpus(2);
    fake_arch.waits_before_escape = 5;
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_run(cpu_by_index(1));
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_WAIT_FOR_EVENT);
    assert_int_equal(fake_arch.waits_for_event, 6);
    assert_int_equal(fake_arch.vcpu_runs, 0);
}

static void test_cpu_of_a_stopped_vcpu_stops(void **state)
{
    jmp_buf escape;
    struct domain *d1, *d2;

    (void)state;
    core_fixture_cpus(2);
    d1 = core_fixture_domain("d1", 1);
    d2 = core_fixture_domain("d2", 1);
    assert_int_equal(cpus_place_vcpus(2), 0);
    core_fixture_start(d1);
    core_fixture_start(d2);
    assert_true(domain_stop(d1, STOP_SHUTDOWN, 0));
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff\n");
    /* d2 still runs: the CPU of d1's vCPU waits for ever, without powering off. */
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_run(cpu_by_index(0));
    }
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_WAIT);
    assert_int_equal(fake_arch.vcpu_runs, 0);
    assert_int_equal(fake_arch.system_offs, 0);
    expect_console("");
}

static void test_secondary_waits_for_the_release_then_runs(void **state)
{
    jmp_buf escape;
    struct domain *d;

    (void)state;
    core_fixture_cpus(2);
    d = core_fixture_domain("d", 2);
    assert_int_equal(cpus_place_vcpus(1), 0);
    d->vcpus[1].state = VCPU_RUNNING;
    core_fixture_start(d);

    /* Before cpus_release(): online, then waiting. */
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_secondary_main(1);
    }
    assert_true(cpu_by_index(1)->online);
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_WAIT_FOR_EVENT);
    assert_int_equal(fake_arch.vcpu_runs, 0);

    /* The release wakes the CPUs and runs the boot CPU's vCPU. */
    fake_arch_reset();
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpus_release();
    }
    assert_int_equal(fake_arch.events_sent, 1);
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_VCPU_RUN);
    assert_ptr_equal(fake_arch.last_vcpu_run, &d->vcpus[0]);

    /* After it, a secondary runs its vCPU without waiting. */
    fake_arch_reset();
    fake_arch.escape = &escape;
    if (setjmp(escape) == 0) {
        cpu_secondary_main(1);
    }
    assert_int_equal(fake_arch.waits_for_event, 0);
    assert_int_equal(fake_arch.exit, FAKE_ARCH_EXIT_VCPU_RUN);
    assert_ptr_equal(fake_arch.last_vcpu_run, &d->vcpus[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_boot_cpu_found_by_mpidr, setup),
        cmocka_unit_test_setup(test_boot_cpu_found_by_aff3, setup),
        cmocka_unit_test_setup(test_boot_cpu_not_in_the_tree, setup),
        cmocka_unit_test_setup(test_vcpus_placed_in_domain_and_vcpu_order, setup),
        cmocka_unit_test_setup(test_vcpus_fill_every_cpu, setup),
        cmocka_unit_test_setup(test_more_vcpus_than_cpus_names_the_domain, setup),
        cmocka_unit_test_setup(test_secondaries_with_a_vcpu_are_started, setup),
        cmocka_unit_test_setup(test_secondary_that_firmware_does_not_start, setup),
        cmocka_unit_test_setup(test_secondary_that_does_not_come_online, setup),
        cmocka_unit_test_setup(test_cpu_runs_its_running_vcpu, setup),
        cmocka_unit_test_setup(test_cpu_waits_for_a_vcpu_that_is_off, setup),
        cmocka_unit_test_setup(test_cpu_runs_its_vcpu_once_turned_on, setup),
        cmocka_unit_test_setup(test_cpu_without_a_vcpu_waits_for_ever, setup),
        cmocka_unit_test_setup(test_cpu_of_a_stopped_vcpu_stops, setup),
        /* Last: cpus_release() is a one-way switch for the life of the program. */
        cmocka_unit_test_setup(test_secondary_waits_for_the_release_then_runs, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
