/*
 * test_xen_version.c - the xen_version hypercall (spec/chapters/xen_version.rst).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/xen_version.h>

static struct vcpu *v;

static int setup(void **state)
{
    struct domain *d;

    (void)state;
    core_fixture_reset();
    d = core_fixture_domain("guest", 1);
    core_fixture_start(d);
    v = &d->vcpus[0];
    return 0;
}

static void test_version_is_that_of_xen_4_17(void **state)
{
    int64_t version;

    (void)state;
    version = do_xen_version(v, HVABI_XENVER_VERSION, 0);
    assert_int_equal(version, 0x00040011);
    assert_int_equal(version >> HVABI_XENVER_MAJOR_SHIFT, 4);
    assert_int_equal(version & HVABI_XENVER_MINOR_MASK, 17);
    assert_int_equal((uint64_t)version >> 32, 0);
}

static void test_version_ignores_the_argument(void **state)
{
    (void)state;
    /* Not a pointer the guest has mapped: it must not even be looked at. */
    assert_int_equal(do_xen_version(v, HVABI_XENVER_VERSION, 0xffff000012345678ULL), 0x00040011);
    assert_int_equal(fake_arch.va_lookups, 0);
}

static void test_version_does_not_change(void **state)
{
    (void)state;
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(do_xen_version(v, HVABI_XENVER_VERSION, (uint64_t)i), 0x00040011);
    }
}

static void test_other_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = { 1, 2, 6, 14, 15, 0x80000000U, 0xffffffffU };

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_xen_version(v, commands[i], 0), -HVABI_ENOSYS);
    }
    assert_int_equal(fake_arch.va_lookups, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_version_is_that_of_xen_4_17, setup),
        cmocka_unit_test_setup(test_version_ignores_the_argument, setup),
        cmocka_unit_test_setup(test_version_does_not_change, setup),
        cmocka_unit_test_setup(test_other_commands_fail_with_enosys, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
