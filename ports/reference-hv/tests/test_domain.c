/*
 * test_domain.c - the domain table and the life cycle of a domain
 * (core/domain.h): IDs, running, and the stops: shutdown, remote shutdown,
 * watchdog, guest fault and hardware error, each with its stop line
 * (spec/chapters/safety.rst, "hvabi: d<ID> stopped: <cause>[: text]").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/domain.h"
#include "tests/support/core_fixture.h"

#include <hvabi/sched_op.h>

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    return 0;
}

/*
 * Two running domains on 5 CPUs: d1 with 3 vCPUs on CPUs 0-2 (vCPU 1 off),
 * d2 with 2 vCPUs on CPUs 3-4.
 */
static struct domain *d1, *d2;

static int setup_two_domains(void **state)
{
    (void)state;
    core_fixture_reset();
    core_fixture_cpus(5);
    d1 = core_fixture_domain("first", 3);
    d2 = core_fixture_domain("second", 2);
    assert_int_equal(cpus_place_vcpus(2), 0);
    core_fixture_start(d1);
    d1->vcpus[2].state = VCPU_RUNNING;
    core_fixture_start(d2);
    return 0;
}

static void assert_kicks(unsigned int k0, unsigned int k1, unsigned int k2, unsigned int k3,
                         unsigned int k4)
{
    assert_int_equal(fake_arch.kicks[0], k0);
    assert_int_equal(fake_arch.kicks[1], k1);
    assert_int_equal(fake_arch.kicks[2], k2);
    assert_int_equal(fake_arch.kicks[3], k3);
    assert_int_equal(fake_arch.kicks[4], k4);
    assert_int_equal(fake_arch.kicks_of_no_cpu, 0);
}

static void test_ids_start_at_1_in_allocation_order(void **state)
{
    struct domain *first, *second;

    (void)state;
    first = domain_alloc("first");
    second = domain_alloc("second");
    assert_non_null(first);
    assert_non_null(second);
    assert_int_equal(first->id, 1);
    assert_int_equal(second->id, 2);
    assert_string_equal(first->name, "first");
    assert_string_equal(second->name, "second");
    assert_int_equal(first->state, DOMAIN_EMPTY);
    assert_ptr_equal(domain_by_id(1), first);
    assert_ptr_equal(domain_by_id(2), second);
}

static void test_by_id_of_no_domain_is_null(void **state)
{
    (void)state;
    assert_non_null(domain_alloc("only"));
    assert_null(domain_by_id(0));
    assert_null(domain_by_id(2));
    assert_null(domain_by_id(MAX_DOMAINS));
    assert_null(domain_by_id(MAX_DOMAINS + 1));
    assert_null(domain_by_id(UINT16_MAX));
}

static void test_no_slot_after_max_domains(void **state)
{
    (void)state;
    for (unsigned int i = 1; i <= MAX_DOMAINS; i++) {
        struct domain *d = domain_alloc("d");

        assert_non_null(d);
        assert_int_equal(d->id, i);
    }
    assert_null(domain_alloc("one too many"));
    assert_non_null(domain_by_id(MAX_DOMAINS));
}

static void test_long_name_is_cut_to_fit(void **state)
{
    const char *name = "a-domain-name-that-is-longer-than-the-31-characters-kept";
    struct domain *d;

    (void)state;
    d = domain_alloc(name);
    assert_non_null(d);
    assert_int_equal(strlen(d->name), DOMAIN_NAME_MAX - 1);
    assert_memory_equal(d->name, name, DOMAIN_NAME_MAX - 1);
}

static void test_domains_running_counts_running_domains(void **state)
{
    struct domain *a, *b;

    (void)state;
    assert_int_equal(domains_running(), 0);
    a = core_fixture_domain("a", 1);
    b = core_fixture_domain("b", 1);
    assert_int_equal(domains_running(), 0); /* built, not started */
    domain_set_running(a);
    assert_int_equal(domains_running(), 1);
    domain_set_running(b);
    assert_int_equal(domains_running(), 2);
    assert_true(domain_stop(a, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(domains_running(), 1);
    domain_stop_for_fault(b, "test");
    assert_int_equal(domains_running(), 0);
}

static void test_stop_stops_every_vcpu_and_kicks_the_others(void **state)
{
    (void)state;
    fake_arch.current_vcpu = &d1->vcpus[0]; /* d1's vCPU 0 asks, on CPU 0 */
    assert_true(domain_stop(d1, STOP_SHUTDOWN, HVABI_SHUTDOWN_REBOOT));

    assert_int_equal(d1->state, DOMAIN_STOPPED);
    assert_int_equal(d1->stop_cause, STOP_SHUTDOWN);
    assert_int_equal(d1->shutdown_reason, HVABI_SHUTDOWN_REBOOT);
    for (unsigned int i = 0; i < d1->vcpu_count; i++) {
        assert_int_equal(d1->vcpus[i].state, VCPU_STOPPED);
    }
    expect_console("(hv) hvabi: d1 stopped: shutdown reboot\n");
    /* The CPUs of vCPUs 1 and 2, not the caller's own; vCPUs that are off wait for an event. */
    assert_kicks(0, 1, 1, 0, 0);
    assert_int_equal(fake_arch.events_sent, 1);

    /* The other domain is untouched. */
    assert_int_equal(d2->state, DOMAIN_RUNNING);
    assert_int_equal(d2->vcpus[0].state, VCPU_RUNNING);
    assert_int_equal(d2->vcpus[1].state, VCPU_OFF);
    assert_int_equal(domains_running(), 1);
}

static void test_stop_names_each_reason(void **state)
{
    static const char *const expected[] = {
        "(hv) hvabi: d1 stopped: shutdown poweroff\n",
        "(hv) hvabi: d1 stopped: shutdown reboot\n",
        "(hv) hvabi: d1 stopped: shutdown suspend\n",
        "(hv) hvabi: d1 stopped: shutdown crash\n",
        "(hv) hvabi: d1 stopped: shutdown watchdog\n",
        "(hv) hvabi: d1 stopped: shutdown soft_reset\n",
    };

    (void)state;
    for (uint32_t reason = 0; reason <= HVABI_SHUTDOWN_SOFT_RESET; reason++) {
        d1->state = DOMAIN_RUNNING;
        assert_true(domain_stop(d1, STOP_SHUTDOWN, reason));
        assert_int_equal(d1->shutdown_reason, reason);
        expect_console(expected[reason]);
    }
}

static void test_stop_with_an_unknown_reason_logs_a_question_mark(void **state)
{
    (void)state;
    assert_true(domain_stop(d1, STOP_SHUTDOWN, 6));
    assert_int_equal(d1->shutdown_reason, 6);
    expect_console("(hv) hvabi: d1 stopped: shutdown ?\n");
}

static void test_stop_of_a_stopped_domain_changes_nothing(void **state)
{
    (void)state;
    assert_true(domain_stop(d2, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    fake_arch_reset();
    expect_console("(hv) hvabi: d2 stopped: shutdown poweroff\n");

    assert_false(domain_stop(d2, STOP_SHUTDOWN, HVABI_SHUTDOWN_CRASH));
    assert_false(domain_stop(d2, STOP_WATCHDOG, HVABI_SHUTDOWN_WATCHDOG));
    assert_int_equal(d2->shutdown_reason, HVABI_SHUTDOWN_POWEROFF);
    assert_int_equal(d2->stop_cause, STOP_SHUTDOWN);
    expect_console("");
    assert_kicks(0, 0, 0, 0, 0);
    assert_int_equal(fake_arch.events_sent, 0);
}

static void test_stop_of_a_domain_never_started_changes_nothing(void **state)
{
    struct domain *built;

    (void)state;
    built = core_fixture_domain("built", 1);
    assert_false(domain_stop(built, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(built->state, DOMAIN_EMPTY);
    assert_int_equal(built->vcpus[0].state, VCPU_OFF);
    expect_console("");
}

static void test_fault_stop_records_crash_and_logs_the_reason(void **state)
{
    (void)state;
    /* No vCPU is current (the stop does not come from a trap of this domain): all are kicked. */
    domain_stop_for_fault(d2, "data abort at IPA 0x%llx", 0x8000000ULL);

    assert_int_equal(d2->state, DOMAIN_STOPPED);
    assert_int_equal(d2->stop_cause, STOP_FAULT);
    assert_int_equal(d2->shutdown_reason, HVABI_SHUTDOWN_CRASH);
    assert_int_equal(d2->vcpus[0].state, VCPU_STOPPED);
    assert_int_equal(d2->vcpus[1].state, VCPU_STOPPED);
    expect_console("(hv) hvabi: d2 stopped: guest-fault: data abort at IPA 0x8000000\n");
    assert_kicks(0, 0, 0, 1, 1);
    assert_int_equal(fake_arch.events_sent, 1);
    assert_int_equal(d1->state, DOMAIN_RUNNING);
}

static void test_fault_stop_of_a_stopped_domain_logs_nothing(void **state)
{
    (void)state;
    assert_true(domain_stop(d1, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff\n");
    domain_stop_for_fault(d1, "too late");
    domain_stop_for_hardware_error(d1, "too late");
    assert_int_equal(d1->stop_cause, STOP_SHUTDOWN);
    assert_int_equal(d1->shutdown_reason, HVABI_SHUTDOWN_POWEROFF);
    expect_console("");
}

static void test_fault_message_is_cut_to_191_characters(void **state)
{
    char message[300];
    char expected[400];

    (void)state;
    memset(message, 'x', sizeof(message) - 1);
    message[sizeof(message) - 1] = '\0';
    domain_stop_for_fault(d1, "%s", message);
    /* The message buffer holds 191 characters and the NUL. */
    snprintf(expected, sizeof(expected), "(hv) hvabi: d1 stopped: guest-fault: %.191s\n", message);
    expect_console(expected);
}

static void test_hardware_error_stop(void **state)
{
    (void)state;
    fake_arch.current_vcpu = &d2->vcpus[1];
    domain_stop_for_hardware_error(d2, "SError, ESR 0x%x", 0xbf000002U);
    assert_int_equal(d2->state, DOMAIN_STOPPED);
    assert_int_equal(d2->stop_cause, STOP_HARDWARE);
    assert_int_equal(d2->shutdown_reason, HVABI_SHUTDOWN_CRASH);
    expect_console("(hv) hvabi: d2 stopped: hardware-error: SError, ESR 0xbf000002\n");
    assert_kicks(0, 0, 0, 1, 0);
}

static void test_remote_and_watchdog_stops_say_so(void **state)
{
    (void)state;
    assert_true(domain_stop(d1, STOP_REMOTE, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(d1->stop_cause, STOP_REMOTE);
    expect_console("(hv) hvabi: d1 stopped: shutdown poweroff: by a control domain\n");
    assert_true(domain_stop(d2, STOP_WATCHDOG, HVABI_SHUTDOWN_WATCHDOG));
    assert_int_equal(d2->stop_cause, STOP_WATCHDOG);
    expect_console("(hv) hvabi: d2 stopped: shutdown watchdog: a watchdog expired\n");
}

static void test_recorded_reason_replaces_a_requested_one_only(void **state)
{
    (void)state;
    /* SCHEDOP_shutdown_code recorded "suspend" in both domains. */
    d1->has_recorded_reason = true;
    d1->recorded_reason = HVABI_SHUTDOWN_SUSPEND;
    d2->has_recorded_reason = true;
    d2->recorded_reason = HVABI_SHUTDOWN_SUSPEND;
    assert_true(domain_stop(d1, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(d1->shutdown_reason, HVABI_SHUTDOWN_SUSPEND);
    expect_console("(hv) hvabi: d1 stopped: shutdown suspend\n");
    /* A watchdog is not the guest's request: its own reason stands. */
    assert_true(domain_stop(d2, STOP_WATCHDOG, HVABI_SHUTDOWN_WATCHDOG));
    assert_int_equal(d2->shutdown_reason, HVABI_SHUTDOWN_WATCHDOG);
    expect_console("(hv) hvabi: d2 stopped: shutdown watchdog: a watchdog expired\n");
}

static void test_recorded_reason_replaces_a_remote_one(void **state)
{
    (void)state;
    d2->has_recorded_reason = true;
    d2->recorded_reason = HVABI_SHUTDOWN_CRASH;
    assert_true(domain_stop(d2, STOP_REMOTE, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(d2->shutdown_reason, HVABI_SHUTDOWN_CRASH);
    expect_console("(hv) hvabi: d2 stopped: shutdown crash: by a control domain\n");
}

static void test_fault_stop_ignores_a_recorded_reason(void **state)
{
    (void)state;
    d1->has_recorded_reason = true;
    d1->recorded_reason = HVABI_SHUTDOWN_POWEROFF;
    domain_stop_for_fault(d1, "undefined instruction");
    assert_int_equal(d1->shutdown_reason, HVABI_SHUTDOWN_CRASH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_ids_start_at_1_in_allocation_order, setup),
        cmocka_unit_test_setup(test_by_id_of_no_domain_is_null, setup),
        cmocka_unit_test_setup(test_no_slot_after_max_domains, setup),
        cmocka_unit_test_setup(test_long_name_is_cut_to_fit, setup),
        cmocka_unit_test_setup(test_domains_running_counts_running_domains, setup),
        cmocka_unit_test_setup(test_stop_stops_every_vcpu_and_kicks_the_others,
                               setup_two_domains),
        cmocka_unit_test_setup(test_stop_names_each_reason, setup_two_domains),
        cmocka_unit_test_setup(test_stop_with_an_unknown_reason_logs_a_question_mark,
                               setup_two_domains),
        cmocka_unit_test_setup(test_stop_of_a_stopped_domain_changes_nothing,
                               setup_two_domains),
        cmocka_unit_test_setup(test_stop_of_a_domain_never_started_changes_nothing,
                               setup_two_domains),
        cmocka_unit_test_setup(test_fault_stop_records_crash_and_logs_the_reason,
                               setup_two_domains),
        cmocka_unit_test_setup(test_fault_stop_of_a_stopped_domain_logs_nothing,
                               setup_two_domains),
        cmocka_unit_test_setup(test_fault_message_is_cut_to_191_characters, setup_two_domains),
        cmocka_unit_test_setup(test_hardware_error_stop, setup_two_domains),
        cmocka_unit_test_setup(test_remote_and_watchdog_stops_say_so, setup_two_domains),
        cmocka_unit_test_setup(test_recorded_reason_replaces_a_requested_one_only,
                               setup_two_domains),
        cmocka_unit_test_setup(test_recorded_reason_replaces_a_remote_one, setup_two_domains),
        cmocka_unit_test_setup(test_fault_stop_ignores_a_recorded_reason, setup_two_domains),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
