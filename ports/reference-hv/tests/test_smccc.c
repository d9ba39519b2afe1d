/*
 * test_smccc.c - firmware calls of guests (core/smccc.h): the SMCCC
 * discovery calls, PSCI routing, and NOT_SUPPORTED for everything else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/smccc.h"
#include "tests/support/core_fixture.h"

#include <hvabi/psci.h>

static struct vcpu *v;

static int setup(void **state)
{
    struct domain *d;

    (void)state;
    core_fixture_reset();
    d = core_fixture_domain("guest", 2);
    core_fixture_start(d);
    v = &d->vcpus[0];
    fake_arch.current_vcpu = v;
    return 0;
}

static struct smccc_result call(uint32_t function, uint64_t a1)
{
    const struct smccc_call c = { .function = function, .args = { a1, 0, 0 } };

    return smccc_dispatch(v, &c);
}

static void test_smccc_version_is_1_1(void **state)
{
    struct smccc_result r;

    (void)state;
    r = call(HVABI_SMCCC_VERSION, 0);
    assert_int_equal(r.x[0], HVABI_SMCCC_VERSION_1_1);
    assert_int_equal(r.x[0] & 0x80000000U, 0);
}

static void test_arch_features_knows_the_two_discovery_calls(void **state)
{
    (void)state;
    assert_int_equal(call(HVABI_SMCCC_ARCH_FEATURES, HVABI_SMCCC_VERSION).x[0], 0);
    assert_int_equal(call(HVABI_SMCCC_ARCH_FEATURES, HVABI_SMCCC_ARCH_FEATURES).x[0], 0);
    /* SMC32: bits 31:0 of the function ID asked about. */
    assert_int_equal(call(HVABI_SMCCC_ARCH_FEATURES, 0xffffffff00000000ULL | HVABI_SMCCC_VERSION)
                         .x[0],
                     0);
}

static void test_arch_features_offers_no_workaround(void **state)
{
    static const uint32_t functions[] = {
        0x80008000U, /* SMCCC_ARCH_WORKAROUND_1 */
        0x80007fffU, /* SMCCC_ARCH_WORKAROUND_2 */
        0x80003fffU, /* SMCCC_ARCH_WORKAROUND_3 */
        HVABI_PSCI_VERSION,
        0,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
        assert_int_equal(call(HVABI_SMCCC_ARCH_FEATURES, functions[i]).x[0], SMCCC_NOT_SUPPORTED);
    }
}

static void test_psci_functions_are_served_by_psci(void **state)
{
    struct smccc_result r;

    (void)state;
    r = call(HVABI_PSCI_VERSION, 0);
    assert_int_equal(r.x[0], HVABI_PSCI_VERSION_1_1);
    r = call(HVABI_PSCI_AFFINITY_INFO_64, 1);
    assert_int_equal(r.x[0], HVABI_PSCI_AFFINITY_OFF);
}

static void test_unknown_functions_are_not_supported_and_do_nothing(void **state)
{
    static const uint32_t functions[] = {
        0x82000000U, /* SiP service */
        0x83000000U, /* OEM service */
        0x86000000U, /* Standard Hypervisor service */
        0xc2000001U, 0xbf000000U, 0x84000005U, 0x80000002U, 0U, 0xffffffffU,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
        struct smccc_result r = call(functions[i], 1);

        assert_int_equal(r.x[0], SMCCC_NOT_SUPPORTED);
        assert_int_equal(r.x[1], 0);
        assert_int_equal(r.x[2], 0);
        assert_int_equal(r.x[3], 0);
    }
    assert_int_equal(v->domain->state, DOMAIN_RUNNING);
    assert_int_equal(v->domain->vcpus[1].state, VCPU_OFF);
    assert_int_equal(fake_arch.vcpu_inits, 0);
    expect_console("");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_smccc_version_is_1_1, setup),
        cmocka_unit_test_setup(test_arch_features_knows_the_two_discovery_calls, setup),
        cmocka_unit_test_setup(test_arch_features_offers_no_workaround, setup),
        cmocka_unit_test_setup(test_psci_functions_are_served_by_psci, setup),
        cmocka_unit_test_setup(test_unknown_functions_are_not_supported_and_do_nothing, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
