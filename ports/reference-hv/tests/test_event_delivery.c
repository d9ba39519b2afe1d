/*
 * test_event_delivery.c - the upcall flag of a vCPU (core/event_delivery.h):
 * it is the evtchn_upcall_pending byte of the vCPU's vcpu_info, and a vCPU
 * without a vcpu_info has no upcall.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/event_delivery.h"
#include "tests/support/core_fixture.h"

static struct domain *d;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    d = core_fixture_domain("guest", 2);
    core_fixture_start(d);
    return 0;
}

static void test_vcpu_0_uses_its_slot_in_the_shared_info_page(void **state)
{
    (void)state;
    assert_non_null(d->vcpus[0].vcpu_info);
    assert_false(event_upcall_pending(&d->vcpus[0]));
    d->vcpus[0].vcpu_info->evtchn_upcall_pending = 1;
    assert_true(event_upcall_pending(&d->vcpus[0]));
    d->vcpus[0].vcpu_info->evtchn_upcall_pending = 0;
    assert_false(event_upcall_pending(&d->vcpus[0]));
}

static void test_vcpu_without_a_vcpu_info_has_no_upcall(void **state)
{
    (void)state;
    assert_null(d->vcpus[1].vcpu_info);
    assert_false(event_upcall_pending(&d->vcpus[1]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_vcpu_0_uses_its_slot_in_the_shared_info_page, setup),
        cmocka_unit_test_setup(test_vcpu_without_a_vcpu_info_has_no_upcall, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
