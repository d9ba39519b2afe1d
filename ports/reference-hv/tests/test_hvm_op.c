/*
 * test_hvm_op.c - the hvm_op hypercall (core/hvm_op.c,
 * spec/chapters/hvm_op.rst): reading and setting a domain's parameters,
 * who may do which, and the order of the checks.
 *
 * The caller is domain 1 ("guest"); domain 2 ("other") is the domain it
 * names when it acts on another one.  Every parameter starts at 0: the
 * hypervisor gives no Xenstore and no PV console, and reports CALLBACK_IRQ
 * as 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/hvm_op.h>
#include <hvabi/types.h>

/* Where the argument goes in the guest's RAM, and a page it may only read. */
#define ARG_OFFSET   0x100
#define READ_ONLY_VA 0x80000ULL

static _Alignas(4096) uint8_t ram[2 * PAGE_SIZE];
static _Alignas(4096) uint8_t other_ram[PAGE_SIZE];
static struct vcpu *v;
static struct domain *other;

static const uint32_t specified[] = {
    HVABI_HVM_PARAM_CALLBACK_IRQ, HVABI_HVM_PARAM_STORE_PFN,        HVABI_HVM_PARAM_STORE_EVTCHN,
    HVABI_HVM_PARAM_CONSOLE_PFN,  HVABI_HVM_PARAM_CONSOLE_EVTCHN,   HVABI_HVM_PARAM_MONITOR_RING_PFN,
};
#define SPECIFIED_COUNT (sizeof(specified) / sizeof(specified[0]))

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    other = core_fixture_domain("other", 1);
    core_fixture_give_ram(other, other_ram, sizeof(other_ram));
    core_fixture_start(other);
    /* The guest's second page, also mapped read-only at READ_ONLY_VA. */
    assert_int_equal(fake_arch_map_va(READ_ONLY_VA, GUEST_RAM_BASE + PAGE_SIZE, false), 0);
    return 0;
}

/* Calls hvm_op `op` with *p at `offset` of the guest's RAM; *p gets what the call left there. */
static int64_t hvm_op_at(uint64_t op, struct hvabi_hvm_param *p, uint64_t offset)
{
    int64_t rc = do_hvm_op(v, op, guest_fixture_put(offset, p, sizeof(*p)));

    memcpy(p, ram + offset, sizeof(*p));
    return rc;
}

static int64_t hvm_op(uint64_t op, struct hvabi_hvm_param *p)
{
    return hvm_op_at(op, p, ARG_OFFSET);
}

static int64_t get_param(hvabi_domid_t domid, uint32_t index, uint64_t *value)
{
    struct hvabi_hvm_param p = { .domid = domid, .index = index, .value = 0xbadbadbadULL };
    int64_t rc = hvm_op(HVABI_HVMOP_GET_PARAM, &p);

    *value = p.value;
    return rc;
}

static int64_t set_param(hvabi_domid_t domid, uint32_t index, uint64_t value)
{
    struct hvabi_hvm_param p = { .domid = domid, .index = index, .value = value };

    return hvm_op(HVABI_HVMOP_SET_PARAM, &p);
}

/* ---- Reading one's own parameters ---- */

/* Asserts that the five parameters a domain reads of itself are all 0. */
static void assert_own_parameters_are_0(void)
{
    uint64_t value;

    for (unsigned int i = 0; i < SPECIFIED_COUNT - 1; i++) { /* all but MONITOR_RING_PFN */
        assert_int_equal(get_param(HVABI_DOMID_SELF, specified[i], &value), 0);
        assert_int_equal(value, 0);
    }
}

/* Asserts, as a control domain, that every parameter of the other domain is 0. */
static void assert_other_parameters_are_0(void)
{
    uint64_t value;

    v->domain->is_control = true;
    for (unsigned int i = 0; i < SPECIFIED_COUNT; i++) {
        assert_int_equal(get_param(other->id, specified[i], &value), 0);
        assert_int_equal(value, 0);
    }
}


static void test_own_parameters_read_as_0(void **state)
{
    (void)state;
    /* hvabi~hvm-op-callback-irq~1 (0 is allowed), hvabi~hvm-op-store-none~1. */
    assert_own_parameters_are_0();
}

static void test_own_id_names_the_caller_as_domid_self_does(void **state)
{
    (void)state;
    /* A control domain may set another domain's parameter, not its own: */
    v->domain->is_control = true;
    assert_int_equal(set_param(other->id, HVABI_HVM_PARAM_STORE_PFN, 1), 0);
    assert_int_equal(set_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_STORE_PFN, 1), -HVABI_EPERM);
    /* ...and its own ID names itself. */
    assert_int_equal(set_param(v->domain->id, HVABI_HVM_PARAM_STORE_PFN, 1), -HVABI_EPERM);
}

static void test_get_param_writes_only_the_value(void **state)
{
    struct hvabi_hvm_param p = { .domid = HVABI_DOMID_SELF, .pad = 0xabcd,
                                 .index = HVABI_HVM_PARAM_CONSOLE_EVTCHN, .value = ~0ULL };

    (void)state;
    /* The pad is ignored (hvabi~hvm-op-param-pad~1); bytes 0 to 7 stay as they were. */
    assert_int_equal(hvm_op(HVABI_HVMOP_GET_PARAM, &p), 0);
    assert_int_equal(p.domid, HVABI_DOMID_SELF);
    assert_int_equal(p.pad, 0xabcd);
    assert_int_equal(p.index, HVABI_HVM_PARAM_CONSOLE_EVTCHN);
    assert_int_equal(p.value, 0);
}

static void test_argument_needs_no_alignment(void **state)
{
    struct hvabi_hvm_param p = { .domid = HVABI_DOMID_SELF, .index = HVABI_HVM_PARAM_STORE_PFN,
                                 .value = ~0ULL };

    (void)state;
    assert_int_equal(hvm_op_at(HVABI_HVMOP_GET_PARAM, &p, ARG_OFFSET + 3), 0);
    assert_int_equal(p.value, 0);
}

static void test_own_monitor_ring_pfn_cannot_be_read(void **state)
{
    uint64_t value;

    (void)state;
    assert_int_equal(get_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_MONITOR_RING_PFN, &value),
                     -HVABI_EPERM);
    assert_int_equal(value, 0xbadbadbadULL);
}

static void test_own_parameters_cannot_be_set(void **state)
{
    (void)state;
    for (unsigned int i = 0; i < SPECIFIED_COUNT; i++) {
        assert_int_equal(set_param(HVABI_DOMID_SELF, specified[i], 5), -HVABI_EPERM);
    }
    assert_own_parameters_are_0();
}

/* ---- Errors ---- */

static void test_unreadable_argument_fails_with_efault(void **state)
{
    (void)state;
    assert_int_equal(do_hvm_op(v, HVABI_HVMOP_GET_PARAM, 0xdead0000ULL), -HVABI_EFAULT);
    assert_int_equal(do_hvm_op(v, HVABI_HVMOP_SET_PARAM, 0xdead0000ULL), -HVABI_EFAULT);
}

static void test_argument_running_off_the_mapped_pages_fails_with_efault(void **state)
{
    struct hvabi_hvm_param p = { .domid = 2, .index = HVABI_HVM_PARAM_STORE_PFN, .value = 9 };
    uint64_t last = sizeof(ram) - 8; /* 8 of the 16 bytes are mapped */

    (void)state;
    v->domain->is_control = true;
    assert_int_equal(do_hvm_op(v, HVABI_HVMOP_SET_PARAM, guest_fixture_put(last, &p, 8)),
                     -HVABI_EFAULT);
    assert_other_parameters_are_0();
}

static void test_unwritable_value_fails_with_efault(void **state)
{
    struct hvabi_hvm_param p = { .domid = HVABI_DOMID_SELF, .index = HVABI_HVM_PARAM_STORE_PFN };

    (void)state;
    guest_fixture_put(PAGE_SIZE, &p, sizeof(p));
    assert_int_equal(do_hvm_op(v, HVABI_HVMOP_GET_PARAM, READ_ONLY_VA), -HVABI_EFAULT);
}

static void test_unknown_domain_fails_with_esrch(void **state)
{
    static const hvabi_domid_t unknown[] = {
        0, 3, MAX_DOMAINS, MAX_DOMAINS + 1, HVABI_DOMID_IO, HVABI_DOMID_XEN,
        HVABI_DOMID_COW, HVABI_DOMID_INVALID, HVABI_DOMID_IDLE, 0xffff,
    };
    uint64_t value;

    (void)state;
    for (unsigned int i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        assert_int_equal(get_param(unknown[i], HVABI_HVM_PARAM_STORE_PFN, &value), -HVABI_ESRCH);
        assert_int_equal(set_param(unknown[i], HVABI_HVM_PARAM_STORE_PFN, 1), -HVABI_ESRCH);
    }
}

static void test_another_domain_needs_a_control_domain(void **state)
{
    uint64_t value;

    (void)state;
    for (unsigned int i = 0; i < SPECIFIED_COUNT; i++) {
        assert_int_equal(get_param(other->id, specified[i], &value), -HVABI_EPERM);
        assert_int_equal(value, 0xbadbadbadULL);
        assert_int_equal(set_param(other->id, specified[i], 5), -HVABI_EPERM);
    }
    assert_other_parameters_are_0();
}

static void test_unknown_index_fails_with_einval(void **state)
{
    static const uint32_t unknown[] = { 3, 16, 19, 27, 29, HVABI_HVM_NR_PARAMS - 1,
                                        HVABI_HVM_NR_PARAMS, 0xffffffffU };
    uint64_t value;

    (void)state;
    for (unsigned int i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        assert_int_equal(get_param(HVABI_DOMID_SELF, unknown[i], &value), -HVABI_EINVAL);
        assert_int_equal(set_param(HVABI_DOMID_SELF, unknown[i], 1), -HVABI_EINVAL);
    }
}

/* ---- Order of the checks (hvabi~hvm-op-param-order~1) ---- */

static void test_efault_comes_before_esrch(void **state)
{
    struct hvabi_hvm_param p = { .domid = 3, .index = 99 };

    (void)state;
    /* Only the domid is readable: the rest of the argument runs off the mapped pages. */
    assert_int_equal(do_hvm_op(v, HVABI_HVMOP_GET_PARAM,
                               guest_fixture_put(sizeof(ram) - 4, &p, 4)),
                     -HVABI_EFAULT);
}

static void test_esrch_comes_before_eperm_and_einval(void **state)
{
    uint64_t value;

    (void)state;
    assert_int_equal(get_param(5, 99, &value), -HVABI_ESRCH);
}

static void test_eperm_for_another_domain_comes_before_einval(void **state)
{
    uint64_t value;

    (void)state;
    assert_int_equal(get_param(other->id, 99, &value), -HVABI_EPERM);
}

static void test_einval_comes_before_eperm_for_the_index(void **state)
{
    (void)state;
    /* A control domain setting its own unknown index: EINVAL, not the EPERM of a set. */
    v->domain->is_control = true;
    assert_int_equal(set_param(HVABI_DOMID_SELF, 99, 1), -HVABI_EINVAL);
}

static void test_eperm_for_the_index_comes_before_efault_of_the_result(void **state)
{
    struct hvabi_hvm_param p = { .domid = HVABI_DOMID_SELF,
                                 .index = HVABI_HVM_PARAM_MONITOR_RING_PFN };

    (void)state;
    guest_fixture_put(PAGE_SIZE, &p, sizeof(p));
    assert_int_equal(do_hvm_op(v, HVABI_HVMOP_GET_PARAM, READ_ONLY_VA), -HVABI_EPERM);
}

/* ---- A control domain (hvabi~hvm-op-control-get-param~1, -set-param~1) ---- */

static void test_control_domain_sets_and_reads_another_domains_parameters(void **state)
{
    uint64_t value;

    (void)state;
    v->domain->is_control = true;
    for (unsigned int i = 0; i < SPECIFIED_COUNT; i++) {
        assert_int_equal(set_param(other->id, specified[i], 0x100 + i), 0);
    }
    for (unsigned int i = 0; i < SPECIFIED_COUNT; i++) {
        assert_int_equal(get_param(other->id, specified[i], &value), 0);
        assert_int_equal(value, 0x100 + i);
    }
    /* Only the target's values changed. */
    assert_own_parameters_are_0();
}

static void test_control_domain_still_cannot_set_its_own_parameters(void **state)
{
    (void)state;
    v->domain->is_control = true;
    assert_int_equal(set_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_STORE_PFN, 1), -HVABI_EPERM);
}

/* ---- Other operations ---- */

static void test_other_operations_fail_with_enosys(void **state)
{
    static const uint64_t ops[] = {
        2, 5, 15, 23, 24, 25, 26, 0xffffffffULL,
        (1ULL << 32) | HVABI_HVMOP_GET_PARAM, /* op is 64 bits: this is not GET_PARAM */
        (1ULL << 63) | HVABI_HVMOP_SET_PARAM,
    };

    (void)state;
    /* The argument is not read: it is not even mapped. */
    for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        assert_int_equal(do_hvm_op(v, ops[i], 0xdead0000ULL), -HVABI_ENOSYS);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_own_parameters_read_as_0, setup),
        cmocka_unit_test_setup(test_own_id_names_the_caller_as_domid_self_does, setup),
        cmocka_unit_test_setup(test_get_param_writes_only_the_value, setup),
        cmocka_unit_test_setup(test_argument_needs_no_alignment, setup),
        cmocka_unit_test_setup(test_own_monitor_ring_pfn_cannot_be_read, setup),
        cmocka_unit_test_setup(test_own_parameters_cannot_be_set, setup),
        cmocka_unit_test_setup(test_unreadable_argument_fails_with_efault, setup),
        cmocka_unit_test_setup(test_argument_running_off_the_mapped_pages_fails_with_efault,
                               setup),
        cmocka_unit_test_setup(test_unwritable_value_fails_with_efault, setup),
        cmocka_unit_test_setup(test_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_another_domain_needs_a_control_domain, setup),
        cmocka_unit_test_setup(test_unknown_index_fails_with_einval, setup),
        cmocka_unit_test_setup(test_efault_comes_before_esrch, setup),
        cmocka_unit_test_setup(test_esrch_comes_before_eperm_and_einval, setup),
        cmocka_unit_test_setup(test_eperm_for_another_domain_comes_before_einval, setup),
        cmocka_unit_test_setup(test_einval_comes_before_eperm_for_the_index, setup),
        cmocka_unit_test_setup(test_eperm_for_the_index_comes_before_efault_of_the_result, setup),
        cmocka_unit_test_setup(test_control_domain_sets_and_reads_another_domains_parameters,
                               setup),
        cmocka_unit_test_setup(test_control_domain_still_cannot_set_its_own_parameters, setup),
        cmocka_unit_test_setup(test_other_operations_fail_with_enosys, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
