/*
 * test_timer.c - system time and the deadlines of a CPU (core/timer.h):
 * the counter in nanoseconds, the hypervisor timer armed for the earliest
 * deadline, and watchdogs that expire.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/timer.h"
#include "tests/support/core_fixture.h"

#include <hvabi/sched_op.h>

static struct domain *d;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    d = core_fixture_domain("guest", 2);
    core_fixture_start(d);
    d->vcpus[1].state = VCPU_RUNNING;
    return 0;
}

static void test_system_time_is_the_counter_in_nanoseconds(void **state)
{
    (void)state;
    /* 62.5 MHz: 16 ns a tick. */
    fake_arch.counter = 0;
    assert_int_equal(system_time_now(), 0);
    fake_arch.counter = 1000;
    assert_int_equal(system_time_now(), 16000);
    /* A product that needs more than 64 bits: 2^40 ticks. */
    fake_arch.counter = 1ULL << 40;
    assert_int_equal(system_time_now(), 1ULL << 44);
    /* 24 MHz: 41.67 ns a tick, rounded down. */
    fake_arch.counter_frequency = 24000000;
    fake_arch.counter = 1;
    assert_int_equal(system_time_now(), 41);
    fake_arch.counter = 3;
    assert_int_equal(system_time_now(), 125);
}

static void test_no_deadline_disarms_the_timer(void **state)
{
    (void)state;
    timer_rearm(&d->vcpus[0]);
    assert_int_equal(fake_arch.timer_disarms, 1);
    assert_int_equal(fake_arch.timer_arms, 0);
}

static void test_timer_armed_for_the_earliest_deadline_rounded_up(void **state)
{
    (void)state;
    /* 1001 ns is 62.56 ticks: armed at tick 63, so as not to fire early. */
    d->vcpus[0].poll_deadline = 1001;
    timer_rearm(&d->vcpus[0]);
    assert_true(fake_arch.timer_armed);
    assert_int_equal(fake_arch.timer_count, 63);

    d->watchdogs[1] = (struct watchdog){ .in_use = true, .expiry = 160 };
    d->watchdogs[0] = (struct watchdog){ .in_use = false, .expiry = 16 };
    timer_rearm(&d->vcpus[0]);
    assert_int_equal(fake_arch.timer_count, 10);
}

static void test_watchdogs_belong_to_vcpu_0_only(void **state)
{
    (void)state;
    d->watchdogs[0] = (struct watchdog){ .in_use = true, .expiry = 160 };
    timer_rearm(&d->vcpus[1]);
    assert_false(fake_arch.timer_armed);
    d->vcpus[1].poll_deadline = 320;
    timer_rearm(&d->vcpus[1]);
    assert_int_equal(fake_arch.timer_count, 20);
}

static void test_expired_watchdog_stops_the_domain(void **state)
{
    (void)state;
    d->watchdogs[0] = (struct watchdog){ .in_use = true, .expiry = 16000 };
    fake_arch.counter = 999;
    timer_expired(&d->vcpus[0]);
    assert_int_equal(d->state, DOMAIN_RUNNING);
    assert_int_equal(fake_arch.timer_count, 1000);
    expect_console("");

    fake_arch.counter = 1000;
    timer_expired(&d->vcpus[0]);
    assert_int_equal(d->state, DOMAIN_STOPPED);
    assert_int_equal(d->stop_cause, STOP_WATCHDOG);
    assert_int_equal(d->shutdown_reason, HVABI_SHUTDOWN_WATCHDOG);
    expect_console("(hv) hvabi: d1 stopped: shutdown watchdog: a watchdog expired\n");
}

static void test_timer_of_another_vcpu_does_not_check_watchdogs(void **state)
{
    (void)state;
    d->watchdogs[0] = (struct watchdog){ .in_use = true, .expiry = 16 };
    fake_arch.counter = 1000;
    timer_expired(&d->vcpus[1]);
    assert_int_equal(d->state, DOMAIN_RUNNING);
}

/* A timer armed in the past fires at once: after it fired for a poll
 * deadline that has passed, it is disarmed, not armed again. */
static void test_passed_deadline_is_not_armed_again(void **state)
{
    (void)state;
    d->vcpus[0].poll_deadline = 16000;
    fake_arch.counter = 1000;
    timer_expired(&d->vcpus[0]);
    assert_false(fake_arch.timer_armed);

    d->vcpus[0].poll_deadline = 32000;
    timer_expired(&d->vcpus[0]);
    assert_true(fake_arch.timer_armed);
    assert_int_equal(fake_arch.timer_count, 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_system_time_is_the_counter_in_nanoseconds, setup),
        cmocka_unit_test_setup(test_no_deadline_disarms_the_timer, setup),
        cmocka_unit_test_setup(test_timer_armed_for_the_earliest_deadline_rounded_up, setup),
        cmocka_unit_test_setup(test_watchdogs_belong_to_vcpu_0_only, setup),
        cmocka_unit_test_setup(test_expired_watchdog_stops_the_domain, setup),
        cmocka_unit_test_setup(test_timer_of_another_vcpu_does_not_check_watchdogs, setup),
        cmocka_unit_test_setup(test_passed_deadline_is_not_armed_again, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
