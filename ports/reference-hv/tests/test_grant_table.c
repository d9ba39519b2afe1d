/*
 * test_grant_table.c - grant tables and the grant_table_op hypercall
 * (core/grant_table.c, spec/chapters/grant_table.rst).
 *
 * The caller is domain 1 ("guest", 4 pages of RAM at GUEST_VA, its vCPU
 * current); domain 2 ("other") is another domain it may name.  Elements
 * go at ELEMENTS in the guest's RAM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/grant_table.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/grant_table.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>

#define UNMAPPED_VA  0x7000000ULL
#define READ_ONLY_VA 0x8000000ULL /* the first page of RAM, read-only */
#define ELEMENTS     0x100U       /* offset in RAM */
#define FILL         0xa5

static _Alignas(4096) uint8_t ram[4 * PAGE_SIZE];
static _Alignas(4096) uint8_t other_ram[PAGE_SIZE];
static struct vcpu *v;
static struct domain *other;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    other = core_fixture_domain("other", 1);
    core_fixture_give_ram(other, other_ram, sizeof(other_ram));
    core_fixture_start(other);
    memset(ram, FILL, sizeof(ram));
    assert_int_equal(fake_arch_map_va(READ_ONLY_VA, GUEST_RAM_BASE, false), 0);
    return 0;
}

static int64_t op(uint32_t cmd, uint64_t uop, uint32_t count)
{
    return do_grant_table_op(v, cmd, uop, count);
}

/* The entry of `ref` in the guest's table, as the guest sees it in a placed frame. */
static uint64_t *entry(uint32_t ref)
{
    return (uint64_t *)(uintptr_t)(grant_frame_pa(v->domain, ref / 512) + (ref % 512) * 8);
}

/* ---- The table ---- */

static void test_a_table_starts_with_one_zero_frame(void **state)
{
    const uint8_t *frame;

    (void)state;
    memset((void *)(uintptr_t)grant_frame_pa(v->domain, 3), 0xff, PAGE_SIZE);
    grant_table_init(v->domain);
    assert_int_equal(v->domain->grants.nr_frames, 1);
    for (uint32_t i = 0; i < GRANT_MAX_FRAMES; i++) {
        frame = (const uint8_t *)(uintptr_t)grant_frame_pa(v->domain, i);
        for (uint64_t b = 0; b < PAGE_SIZE; b++) {
            assert_int_equal(frame[b], 0);
        }
        assert_int_equal(v->domain->grants.frame_gfn[i], 0);
    }
    /* Domains have tables of their own. */
    assert_true(grant_frame_pa(other, 0) != grant_frame_pa(v->domain, 0));
}

static void test_a_table_grows_up_to_the_maximum_and_never_shrinks(void **state)
{
    (void)state;
    grant_table_grow(v->domain, 5);
    assert_int_equal(v->domain->grants.nr_frames, 5);
    grant_table_grow(v->domain, 2);
    assert_int_equal(v->domain->grants.nr_frames, 5);
    grant_table_grow(v->domain, GRANT_MAX_FRAMES + 10);
    assert_int_equal(v->domain->grants.nr_frames, GRANT_MAX_FRAMES);
}

static void test_frame_at_finds_placed_frames_only(void **state)
{
    (void)state;
    grant_table_grow(v->domain, 3);
    v->domain->grants.frame_gfn[2] = 0x38002;
    assert_int_equal(grant_frame_at(v->domain, 0x38002), 2);
    assert_int_equal(grant_frame_at(v->domain, 0x38000), -1);
    assert_int_equal(grant_frame_at(v->domain, 0), -1);
}

/* ---- Common rules ---- */

static void test_counts_from_2_31_fail_with_einval(void **state)
{
    static const uint32_t counts[] = { 0x80000000U, 0x80000001U, 0xffffffffU };
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    for (unsigned int i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        for (uint32_t cmd = 0; cmd <= 13; cmd++) {
            assert_int_equal(op(cmd, UNMAPPED_VA, counts[i]), -HVABI_EINVAL);
        }
    }
    assert_int_equal(fake_arch.va_lookups, lookups);
}

static void test_high_command_bits_fail_with_einval(void **state)
{
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    for (uint32_t cmd = 0; cmd <= 13; cmd++) {
        int64_t expected = cmd == HVABI_GNTTABOP_CACHE_FLUSH ? -HVABI_ENOSYS : -HVABI_EINVAL;

        assert_int_equal(op(cmd | 0x1000U, UNMAPPED_VA, 1), expected);
        assert_int_equal(op(cmd | 0x80000000U, UNMAPPED_VA, 1), expected);
    }
    assert_int_equal(fake_arch.va_lookups, lookups);
}

static void test_reserved_unspecified_and_missing_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = {
        HVABI_GNTTABOP_MAP_GRANT_REF, HVABI_GNTTABOP_UNMAP_GRANT_REF, HVABI_GNTTABOP_SETUP_TABLE,
        HVABI_GNTTABOP_DUMP_TABLE, HVABI_GNTTABOP_TRANSFER, HVABI_GNTTABOP_COPY,
        HVABI_GNTTABOP_UNMAP_AND_REPLACE, HVABI_GNTTABOP_GET_STATUS_FRAMES,
        HVABI_GNTTABOP_CACHE_FLUSH, 13, 0xfff,
    };
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(op(commands[i], GUEST_VA, 1), -HVABI_ENOSYS);
    }
    assert_int_equal(fake_arch.va_lookups, lookups);
}

static void test_the_hypercall_reaches_grant_table_op(void **state)
{
    struct hypercall call = {
        .number = HVABI_HYPERCALL_GRANT_TABLE_OP,
        .args = { 0xffffffff00000000ULL | HVABI_GNTTABOP_QUERY_SIZE, UNMAPPED_VA,
                  0xffffffff00000001ULL, 0, 0 },
    };

    (void)state;
    /* cmd and count are 32-bit: the upper halves are ignored. */
    assert_int_equal(hypercall_dispatch(v, &call), -HVABI_EFAULT);
}

/* ---- GNTTABOP_query_size ---- */

static struct hvabi_gnttab_query_size query(hvabi_domid_t dom, int64_t expected_rc)
{
    struct hvabi_gnttab_query_size q = { .dom = dom, .nr_frames = 77, .max_nr_frames = 88,
                                         .status = 99 };
    uint64_t uop = guest_fixture_put(ELEMENTS, &q, sizeof(q));

    assert_int_equal(op(HVABI_GNTTABOP_QUERY_SIZE, uop, 1), expected_rc);
    memcpy(&q, &ram[ELEMENTS], sizeof(q));
    return q;
}

static void test_query_size_of_the_caller(void **state)
{
    struct hvabi_gnttab_query_size q;

    (void)state;
    q = query(HVABI_DOMID_SELF, 0);
    assert_int_equal(q.status, HVABI_GNTST_OKAY);
    assert_int_equal(q.nr_frames, 1);
    assert_int_equal(q.max_nr_frames, GRANT_MAX_FRAMES);
    grant_table_grow(v->domain, 4);
    q = query(v->domain->id, 0);
    assert_int_equal(q.status, HVABI_GNTST_OKAY);
    assert_int_equal(q.nr_frames, 4);
}

static void test_query_size_of_unknown_and_other_domains(void **state)
{
    struct hvabi_gnttab_query_size q;

    (void)state;
    q = query(7, 0);
    assert_int_equal(q.status, HVABI_GNTST_BAD_DOMAIN);
    assert_int_equal(q.nr_frames, 77);
    assert_int_equal(q.max_nr_frames, 88);
    q = query(other->id, 0);
    assert_int_equal(q.status, HVABI_GNTST_PERMISSION_DENIED);
    assert_int_equal(q.nr_frames, 77);
    v->domain->is_control = true;
    q = query(other->id, 0);
    assert_int_equal(q.status, HVABI_GNTST_OKAY);
    assert_int_equal(q.nr_frames, 1);
}

static void test_query_size_count_and_faults(void **state)
{
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    assert_int_equal(op(HVABI_GNTTABOP_QUERY_SIZE, UNMAPPED_VA, 0), -HVABI_EINVAL);
    assert_int_equal(op(HVABI_GNTTABOP_QUERY_SIZE, UNMAPPED_VA, 2), -HVABI_EINVAL);
    assert_int_equal(fake_arch.va_lookups, lookups);
    assert_int_equal(op(HVABI_GNTTABOP_QUERY_SIZE, UNMAPPED_VA, 1), -HVABI_EFAULT);
    assert_int_equal(op(HVABI_GNTTABOP_QUERY_SIZE, READ_ONLY_VA, 1), -HVABI_EFAULT);
}

/* ---- GNTTABOP_set_version and GNTTABOP_get_version ---- */

static int64_t set_version(uint32_t version, uint32_t *in_force)
{
    uint64_t uop = guest_fixture_put(ELEMENTS, &version, sizeof(version));
    int64_t rc = op(HVABI_GNTTABOP_SET_VERSION, uop, 0); /* count is ignored */

    memcpy(in_force, &ram[ELEMENTS], sizeof(*in_force));
    return rc;
}

static void test_set_version(void **state)
{
    uint32_t in_force;

    (void)state;
    assert_int_equal(set_version(1, &in_force), 0);
    assert_int_equal(in_force, 1);
    assert_int_equal(set_version(2, &in_force), -HVABI_ENOSYS);
    assert_int_equal(in_force, 1);
    assert_int_equal(set_version(0, &in_force), -HVABI_EINVAL);
    assert_int_equal(in_force, 1);
    assert_int_equal(set_version(3, &in_force), -HVABI_EINVAL);
    assert_int_equal(op(HVABI_GNTTABOP_SET_VERSION, UNMAPPED_VA, 1), -HVABI_EFAULT);
    assert_int_equal(op(HVABI_GNTTABOP_SET_VERSION, READ_ONLY_VA, 1), -HVABI_EFAULT);
    assert_int_equal(v->domain->grants.nr_frames, 1);
}

static int64_t get_version(hvabi_domid_t dom, struct hvabi_gnttab_get_version *out)
{
    struct hvabi_gnttab_get_version request = { .dom = dom, .pad = 0x5555, .version = 9 };
    uint64_t uop = guest_fixture_put(ELEMENTS, &request, sizeof(request));
    int64_t rc = op(HVABI_GNTTABOP_GET_VERSION, uop, 5);

    memcpy(out, &ram[ELEMENTS], sizeof(*out));
    return rc;
}

static void test_get_version(void **state)
{
    struct hvabi_gnttab_get_version out;

    (void)state;
    assert_int_equal(get_version(HVABI_DOMID_SELF, &out), 0);
    assert_int_equal(out.version, 1);
    assert_int_equal(out.pad, 0x5555);
    assert_int_equal(get_version(v->domain->id, &out), 0);
    assert_int_equal(get_version(9, &out), -HVABI_ESRCH);
    assert_int_equal(out.version, 9);
    assert_int_equal(get_version(other->id, &out), -HVABI_EPERM);
    v->domain->is_control = true;
    assert_int_equal(get_version(other->id, &out), 0);
    assert_int_equal(out.version, 1);
    assert_int_equal(op(HVABI_GNTTABOP_GET_VERSION, UNMAPPED_VA, 1), -HVABI_EFAULT);
    /* Readable, so the checks pass, but version cannot be written. */
    out = (struct hvabi_gnttab_get_version){ .dom = HVABI_DOMID_SELF, .version = 9 };
    guest_fixture_put(0, &out, sizeof(out));
    assert_int_equal(op(HVABI_GNTTABOP_GET_VERSION, READ_ONLY_VA, 1), -HVABI_EFAULT);
}

/* ---- GNTTABOP_swap_grant_ref ---- */

static int16_t swap_status(unsigned int i)
{
    struct hvabi_gnttab_swap_grant_ref e;

    memcpy(&e, &ram[ELEMENTS + i * sizeof(e)], sizeof(e));
    return e.status;
}

static uint64_t put_swaps(const struct hvabi_gnttab_swap_grant_ref *elements, unsigned int n)
{
    return guest_fixture_put(ELEMENTS, elements, n * sizeof(elements[0]));
}

static void test_swap_exchanges_entries_in_order(void **state)
{
    const struct hvabi_gnttab_swap_grant_ref e[3] = {
        { .ref_a = 8, .ref_b = 9, .status = 5 },
        { .ref_a = 9, .ref_b = 10, .status = 5 },
        { .ref_a = 10, .ref_b = 10, .status = 5 },
    };

    (void)state;
    *entry(8) = 0x1111;
    *entry(9) = 0x2222;
    *entry(10) = 0x3333;
    assert_int_equal(op(HVABI_GNTTABOP_SWAP_GRANT_REF, put_swaps(e, 3), 3), 0);
    /* 8<->9, then 9<->10 in the state the first left. */
    assert_int_equal(*entry(8), 0x2222);
    assert_int_equal(*entry(9), 0x3333);
    assert_int_equal(*entry(10), 0x1111);
    for (unsigned int i = 0; i < 3; i++) {
        assert_int_equal(swap_status(i), HVABI_GNTST_OKAY);
    }
}

static void test_swap_beyond_the_table_and_in_use(void **state)
{
    const struct hvabi_gnttab_swap_grant_ref e[3] = {
        { .ref_a = 8, .ref_b = 512 },
        { .ref_a = 0xffffffffU, .ref_b = 8 },
        { .ref_a = 8, .ref_b = 9 },
    };

    (void)state;
    *entry(8) = HVABI_GTF_PERMIT_ACCESS | HVABI_GTF_READING;
    *entry(9) = 0x4444;
    assert_int_equal(op(HVABI_GNTTABOP_SWAP_GRANT_REF, put_swaps(e, 3), 3), 0);
    assert_int_equal(swap_status(0), HVABI_GNTST_BAD_GNTREF);
    assert_int_equal(swap_status(1), HVABI_GNTST_BAD_GNTREF);
    assert_int_equal(swap_status(2), HVABI_GNTST_EAGAIN);
    assert_int_equal(*entry(9), 0x4444);
    /* The table grown: 512 exists now. */
    grant_table_grow(v->domain, 2);
    *entry(8) = 0x5555;
    assert_int_equal(op(HVABI_GNTTABOP_SWAP_GRANT_REF, put_swaps(e, 1), 1), 0);
    assert_int_equal(swap_status(0), HVABI_GNTST_OKAY);
    assert_int_equal(*entry(512), 0x5555);
}

static void test_swap_stops_at_an_unreachable_element(void **state)
{
    struct hvabi_gnttab_swap_grant_ref e = { .ref_a = 8, .ref_b = 9 };
    /* The last element of the page: the second one would be in the unmapped page after RAM. */
    uint64_t last = sizeof(ram) - sizeof(e);

    (void)state;
    *entry(8) = 1;
    *entry(9) = 2;
    assert_int_equal(op(HVABI_GNTTABOP_SWAP_GRANT_REF, 0, 0), 0); /* count 0: nothing read */
    guest_fixture_put(last, &e, sizeof(e));
    assert_int_equal(op(HVABI_GNTTABOP_SWAP_GRANT_REF, GUEST_VA + last, 2), -HVABI_EFAULT);
    assert_int_equal(*entry(8), 2);
    /* A read-only element: its status cannot be written, so nothing is swapped. */
    guest_fixture_put(0, &e, sizeof(e));
    assert_int_equal(op(HVABI_GNTTABOP_SWAP_GRANT_REF, READ_ONLY_VA, 1), -HVABI_EFAULT);
    assert_int_equal(*entry(8), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_a_table_starts_with_one_zero_frame, setup),
        cmocka_unit_test_setup(test_a_table_grows_up_to_the_maximum_and_never_shrinks, setup),
        cmocka_unit_test_setup(test_frame_at_finds_placed_frames_only, setup),
        cmocka_unit_test_setup(test_counts_from_2_31_fail_with_einval, setup),
        cmocka_unit_test_setup(test_high_command_bits_fail_with_einval, setup),
        cmocka_unit_test_setup(test_reserved_unspecified_and_missing_commands_fail_with_enosys,
                               setup),
        cmocka_unit_test_setup(test_the_hypercall_reaches_grant_table_op, setup),
        cmocka_unit_test_setup(test_query_size_of_the_caller, setup),
        cmocka_unit_test_setup(test_query_size_of_unknown_and_other_domains, setup),
        cmocka_unit_test_setup(test_query_size_count_and_faults, setup),
        cmocka_unit_test_setup(test_set_version, setup),
        cmocka_unit_test_setup(test_get_version, setup),
        cmocka_unit_test_setup(test_swap_exchanges_entries_in_order, setup),
        cmocka_unit_test_setup(test_swap_beyond_the_table_and_in_use, setup),
        cmocka_unit_test_setup(test_swap_stops_at_an_unreachable_element, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
