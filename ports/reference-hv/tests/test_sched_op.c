/*
 * test_sched_op.c - the sched_op commands that stop domains
 * (spec/chapters/sched_op.rst): SCHEDOP_shutdown, SCHEDOP_shutdown_code and
 * SCHEDOP_remote_shutdown, and the commands that do nothing (yield) or do
 * not exist.  The commands that wait (block, poll) and the watchdogs are in
 * test_sched_op_wait.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

static _Alignas(4096) uint8_t ram[2 * PAGE_SIZE];
static struct vcpu *v;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    return 0;
}

/* SCHEDOP_shutdown with a struct hvabi_sched_shutdown at `offset` of the guest's RAM. */
static int64_t shutdown_at(uint64_t offset, uint32_t reason)
{
    const struct hvabi_sched_shutdown request = { .reason = reason };

    return do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN, guest_fixture_put(offset, &request,
                                                                     sizeof(request)));
}

static void assert_still_running(void)
{
    assert_int_equal(v->domain->state, DOMAIN_RUNNING);
    assert_int_equal(v->state, VCPU_RUNNING);
    expect_console("");
}

static void test_shutdown_with_each_reason(void **state)
{
    static const char *const lines[] = {
        "(hv) hvabi: d1 stopped: shutdown poweroff\n",
        "(hv) hvabi: d1 stopped: shutdown reboot\n",
        "(hv) hvabi: d1 stopped: shutdown suspend\n",
        "(hv) hvabi: d1 stopped: shutdown crash\n",
        "(hv) hvabi: d1 stopped: shutdown watchdog\n",
        "(hv) hvabi: d1 stopped: shutdown soft_reset\n",
    };

    (void)state;
    for (uint32_t reason = 0; reason <= HVABI_SHUTDOWN_SOFT_RESET; reason++) {
        v = guest_fixture_create(ram, sizeof(ram));
        assert_int_equal(shutdown_at(0, reason), 0);
        assert_int_equal(v->domain->state, DOMAIN_STOPPED);
        assert_int_equal(v->domain->stop_cause, STOP_SHUTDOWN);
        assert_int_equal(v->domain->shutdown_reason, reason);
        assert_int_equal(v->state, VCPU_STOPPED);
        assert_int_equal(domains_running(), 0);
        expect_console(lines[reason]);
    }
}

static void test_shutdown_stops_and_kicks_the_other_vcpus(void **state)
{
    struct domain *d;

    (void)state;
    /* A domain of 3 vCPUs on CPUs 0-2; vCPU 1 calls. */
    core_fixture_reset();
    core_fixture_cpus(3);
    d = core_fixture_domain("smp", 3);
    core_fixture_give_ram(d, ram, sizeof(ram));
    assert_int_equal(cpus_place_vcpus(1), 0);
    core_fixture_start(d);
    d->vcpus[1].state = VCPU_RUNNING;
    v = &d->vcpus[1];
    fake_arch.current_vcpu = v;
    assert_int_equal(fake_arch_map_va(GUEST_VA, GUEST_RAM_BASE, false), 0);
    memset(ram, 0, sizeof(ram));
    ram[0] = HVABI_SHUTDOWN_POWEROFF;

    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN, GUEST_VA), 0);
    for (unsigned int i = 0; i < 3; i++) {
        assert_int_equal(d->vcpus[i].state, VCPU_STOPPED);
    }
    assert_int_equal(fake_arch.kicks[0], 1);
    assert_int_equal(fake_arch.kicks[1], 0);
    assert_int_equal(fake_arch.kicks[2], 1);
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff\n");
}

static void test_unknown_reason_fails_with_einval(void **state)
{
    (void)state;
    assert_int_equal(shutdown_at(0, HVABI_SHUTDOWN_SOFT_RESET + 1), -HVABI_EINVAL);
    assert_int_equal(shutdown_at(0, 0x80000000U), -HVABI_EINVAL);
    assert_int_equal(shutdown_at(0, UINT32_MAX), -HVABI_EINVAL);
    assert_still_running();
}

static void test_unreadable_argument_fails_with_efault(void **state)
{
    (void)state;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN, 0), -HVABI_EFAULT);
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN, 0xffff800000000000ULL),
                     -HVABI_EFAULT);
    /* The last two bytes of the mapped RAM, and two beyond. */
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN, GUEST_VA + sizeof(ram) - 2),
                     -HVABI_EFAULT);
    assert_still_running();
}

static void test_argument_across_two_pages_is_read_whole(void **state)
{
    (void)state;
    assert_int_equal(shutdown_at(PAGE_SIZE - 2, HVABI_SHUTDOWN_WATCHDOG), 0);
    assert_int_equal(v->domain->shutdown_reason, HVABI_SHUTDOWN_WATCHDOG);
    expect_console("(hv) hvabi: d1 stopped: shutdown watchdog\n");
}

static void test_other_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = { 7, 8, 100, 0x80000002U, 0xffffffffU };
    const uint32_t reason = HVABI_SHUTDOWN_POWEROFF;
    const uint64_t request = guest_fixture_put(0, &reason, sizeof(reason));

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_sched_op(v, commands[i], request), -HVABI_ENOSYS);
    }
    assert_still_running();
}

/* SCHEDOP_shutdown_code with a reason at `offset` of the guest's RAM. */
static int64_t shutdown_code_at(uint64_t offset, uint32_t reason)
{
    const struct hvabi_sched_shutdown request = { .reason = reason };

    return do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN_CODE,
                       guest_fixture_put(offset, &request, sizeof(request)));
}

static void test_shutdown_code_records_the_first_reason(void **state)
{
    (void)state;
    assert_int_equal(shutdown_code_at(0, HVABI_SHUTDOWN_CRASH), 0);
    assert_int_equal(shutdown_code_at(8, HVABI_SHUTDOWN_REBOOT), 0);
    assert_still_running();
    assert_true(v->domain->has_recorded_reason);
    assert_int_equal(v->domain->recorded_reason, HVABI_SHUTDOWN_CRASH);
    /* The shutdown itself then stops the domain with the recorded reason. */
    assert_int_equal(shutdown_at(16, HVABI_SHUTDOWN_POWEROFF), 0);
    assert_int_equal(v->domain->shutdown_reason, HVABI_SHUTDOWN_CRASH);
    expect_console("(hv) hvabi: d1 stopped: shutdown crash\n");
}

static void test_shutdown_code_errors(void **state)
{
    (void)state;
    assert_int_equal(shutdown_code_at(0, HVABI_SHUTDOWN_SOFT_RESET + 1), -HVABI_EINVAL);
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_SHUTDOWN_CODE, 0), -HVABI_EFAULT);
    assert_false(v->domain->has_recorded_reason);
    assert_still_running();
}

/* A second running domain, and SCHEDOP_remote_shutdown from the guest. */
static struct domain *make_target(void)
{
    struct domain *target = core_fixture_domain("target", 1);

    core_fixture_start(target);
    return target;
}

static int64_t remote_shutdown(hvabi_domid_t domain_id, uint32_t reason)
{
    const struct hvabi_sched_remote_shutdown request = { .domain_id = domain_id,
                                                         .reason = reason };

    return do_sched_op(v, HVABI_SCHEDOP_REMOTE_SHUTDOWN,
                       guest_fixture_put(32, &request, sizeof(request)));
}

static void test_remote_shutdown_by_a_control_domain(void **state)
{
    struct domain *target;

    (void)state;
    target = make_target();
    v->domain->is_control = true;
    assert_int_equal(remote_shutdown(target->id, HVABI_SHUTDOWN_REBOOT), 0);
    assert_int_equal(target->state, DOMAIN_STOPPED);
    assert_int_equal(target->stop_cause, STOP_REMOTE);
    assert_int_equal(target->shutdown_reason, HVABI_SHUTDOWN_REBOOT);
    expect_console("(hv) hvabi: d2 stopped: shutdown reboot: by a control domain\n");
    assert_still_running();
    /* Stopping it again changes nothing and is no error. */
    assert_int_equal(remote_shutdown(target->id, HVABI_SHUTDOWN_CRASH), 0);
    assert_int_equal(target->shutdown_reason, HVABI_SHUTDOWN_REBOOT);
    expect_console("");
}

static void test_remote_shutdown_of_itself_is_a_shutdown(void **state)
{
    (void)state;
    v->domain->is_control = true;
    assert_int_equal(remote_shutdown(HVABI_DOMID_SELF, HVABI_SHUTDOWN_POWEROFF), 0);
    assert_int_equal(v->domain->stop_cause, STOP_SHUTDOWN);
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff\n");
}

static void test_remote_shutdown_errors_in_order(void **state)
{
    struct domain *target;

    (void)state;
    target = make_target();
    /* EFAULT first, then ESRCH, then EPERM, then EINVAL. */
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_REMOTE_SHUTDOWN, 0), -HVABI_EFAULT);
    assert_int_equal(remote_shutdown(7, HVABI_SHUTDOWN_SOFT_RESET + 1), -HVABI_ESRCH);
    assert_int_equal(remote_shutdown(target->id, HVABI_SHUTDOWN_SOFT_RESET + 1), -HVABI_EPERM);
    assert_int_equal(remote_shutdown(HVABI_DOMID_SELF, HVABI_SHUTDOWN_POWEROFF), -HVABI_EPERM);
    v->domain->is_control = true;
    assert_int_equal(remote_shutdown(target->id, HVABI_SHUTDOWN_SOFT_RESET + 1), -HVABI_EINVAL);
    assert_int_equal(target->state, DOMAIN_RUNNING);
    assert_still_running();
}

static void test_yield_returns_at_once(void **state)
{
    (void)state;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_YIELD, 0xdead), 0);
    assert_int_equal(fake_arch.va_lookups, 0);
    assert_int_equal(fake_arch.waits, 0);
    assert_still_running();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_shutdown_with_each_reason, setup),
        cmocka_unit_test_setup(test_shutdown_stops_and_kicks_the_other_vcpus, setup),
        cmocka_unit_test_setup(test_unknown_reason_fails_with_einval, setup),
        cmocka_unit_test_setup(test_unreadable_argument_fails_with_efault, setup),
        cmocka_unit_test_setup(test_argument_across_two_pages_is_read_whole, setup),
        cmocka_unit_test_setup(test_shutdown_code_records_the_first_reason, setup),
        cmocka_unit_test_setup(test_shutdown_code_errors, setup),
        cmocka_unit_test_setup(test_remote_shutdown_by_a_control_domain, setup),
        cmocka_unit_test_setup(test_remote_shutdown_of_itself_is_a_shutdown, setup),
        cmocka_unit_test_setup(test_remote_shutdown_errors_in_order, setup),
        cmocka_unit_test_setup(test_yield_returns_at_once, setup),
        cmocka_unit_test_setup(test_other_commands_fail_with_enosys, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
