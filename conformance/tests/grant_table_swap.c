/*
 * grant_table_swap.c - GNTTABOP_swap_grant_ref, and through it where the
 * hypervisor finds the entry of each reference.
 *
 * Specification: spec/chapters/grant_table.rst, "The grant table" and
 * "Swapping entries".  The tests run in the grant_table role after
 * grant_table_frames_tests, which leaves grant-table frames 0, 1 and 2
 * placed (scenarios/grant_table.conf).  No entry here is ever in use: the
 * tests write entries of type GTF_invalid only.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/grant_frames.h"
#include "tests/addresses.h"

#include <hvabi/errno.h>
#include <hvabi/grant_table.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define UNWRITTEN_STATUS 0x5a5a
#define PADDING 0xa5

/* A distinct 8-byte value for `ref`, bits 9 to 15 of flags included. */
static struct hvabi_grant_entry_v1 value_of(hvabi_grant_ref_t ref, uint32_t salt)
{
    struct hvabi_grant_entry_v1 value;

    value.flags = (uint16_t)(HVABI_GTF_INVALID | ((ref + salt) & 0x7f) << 9);
    value.domid = (uint16_t)(0x1000 + ref);
    value.frame = 0xc0000000U | (salt << 16) | ref;
    return value;
}

static bool write_entry(struct test_context *t, hvabi_grant_ref_t ref,
                        struct hvabi_grant_entry_v1 value)
{
    volatile struct hvabi_grant_entry_v1 *entry = grant_frames_entry(ref);

    if (!expect(t, entry != NULL, "the frame of reference %u is not placed", ref)) {
        return false;
    }
    entry->frame = value.frame;
    entry->domid = value.domid;
    entry->flags = value.flags;
    return true;
}

static bool entry_is(hvabi_grant_ref_t ref, struct hvabi_grant_entry_v1 value)
{
    volatile struct hvabi_grant_entry_v1 *entry = grant_frames_entry(ref);

    return entry != NULL && entry->flags == value.flags && entry->domid == value.domid &&
           entry->frame == value.frame;
}

static void prepare(struct hvabi_gnttab_swap_grant_ref *swap, hvabi_grant_ref_t a,
                    hvabi_grant_ref_t b)
{
    memset(swap, PADDING, sizeof(*swap));
    swap->ref_a = a;
    swap->ref_b = b;
    swap->status = UNWRITTEN_STATUS;
}

static int64_t swap_call(struct hvabi_gnttab_swap_grant_ref *swaps, uint64_t count)
{
    return grant_table_op(HVABI_GNTTABOP_SWAP_GRANT_REF, (uint64_t)(uintptr_t)swaps, count);
}

/* Whether the element kept its inputs and padding: only status is written. */
static bool only_status_written(const struct hvabi_gnttab_swap_grant_ref *swap,
                                hvabi_grant_ref_t a, hvabi_grant_ref_t b)
{
    const uint8_t *bytes = (const uint8_t *)swap;

    return swap->ref_a == a && swap->ref_b == b && bytes[10] == PADDING &&
           bytes[11] == PADDING;
}

/* Enough frames for the tests: frames 0 to 2 placed. */
static bool frames_ready(struct test_context *t)
{
    for (uint64_t idx = 0; idx < 3; idx++) {
        if (!expect(t, grant_frames_where(idx) != 0, "grant-table frame %llu is not placed",
                    (unsigned long long)idx)) {
            return false;
        }
    }
    return true;
}

/* A swap exchanges the 8 bytes at (r % 512) * 8 of frame r / 512, and
 * nothing next to them. */
static void layout(struct test_context *t)
{
    static const hvabi_grant_ref_t pairs[][2] = {
        { 8, 513 }, { 9, 1535 }, { 511, 1024 }, { 600, 1100 }, { 1030, 1031 },
    };

    if (!frames_ready(t)) {
        return;
    }
    for (unsigned int p = 0; p < COUNT(pairs); p++) {
        hvabi_grant_ref_t a = pairs[p][0];
        hvabi_grant_ref_t b = pairs[p][1];
        hvabi_grant_ref_t neighbours[4] = { a - 1, a + 1, b - 1, b + 1 };
        struct hvabi_gnttab_swap_grant_ref swap;
        int64_t result;

        for (unsigned int n = 0; n < COUNT(neighbours); n++) {
            if (neighbours[n] >= 8 && neighbours[n] < 1536) {
                write_entry(t, neighbours[n], value_of(neighbours[n], 7));
            }
        }
        if (!write_entry(t, a, value_of(a, 1)) || !write_entry(t, b, value_of(b, 2))) {
            return;
        }
        prepare(&swap, a, b);
        result = swap_call(&swap, 1);
        expect(t, result == 0 && swap.status == HVABI_GNTST_OKAY,
               "GNTTABOP_swap_grant_ref(%u, %u): expected 0 and GNTST_okay, got %lld and %d",
               a, b, (long long)result, swap.status);
        expect(t, entry_is(a, value_of(b, 2)) && entry_is(b, value_of(a, 1)),
               "GNTTABOP_swap_grant_ref(%u, %u) did not exchange the entries at frame %u "
               "offset %u and frame %u offset %u",
               a, b, a / 512, (a % 512) * 8, b / 512, (b % 512) * 8);
        for (unsigned int n = 0; n < COUNT(neighbours); n++) {
            if (neighbours[n] >= 8 && neighbours[n] < 1536 && neighbours[n] != a &&
                neighbours[n] != b) {
                expect(t, entry_is(neighbours[n], value_of(neighbours[n], 7)),
                       "GNTTABOP_swap_grant_ref(%u, %u) changed the entry of reference %u", a,
                       b, neighbours[n]);
            }
        }
    }
}

static void swap_entries(struct test_context *t)
{
    struct hvabi_gnttab_swap_grant_ref swaps[3];
    const hvabi_grant_ref_t x = 40;
    const hvabi_grant_ref_t y = 700;
    const hvabi_grant_ref_t z = 1300;
    int64_t result;

    if (!frames_ready(t) || !write_entry(t, x, value_of(x, 3)) ||
        !write_entry(t, y, value_of(y, 3)) || !write_entry(t, z, value_of(z, 3))) {
        return;
    }
    /* No element: uop is not read (hvabi~gnttab-op-count-zero~1, whose
     * other commands are not tested yet). */
    expect_result(t, "GNTTABOP_swap_grant_ref, count 0, uop unmapped",
                  grant_table_op(HVABI_GNTTABOP_SWAP_GRANT_REF, unmapped_virtual_address(), 0),
                  0);
    /* A reference with itself: nothing changes. */
    prepare(&swaps[0], y, y);
    result = swap_call(swaps, 1);
    expect(t, result == 0 && swaps[0].status == HVABI_GNTST_OKAY,
           "GNTTABOP_swap_grant_ref(%u, %u): expected 0 and GNTST_okay, got %lld and %d", y, y,
           (long long)result, swaps[0].status);
    expect(t, entry_is(y, value_of(y, 3)), "GNTTABOP_swap_grant_ref(%u, %u) changed the entry",
           y, y);
    expect(t, only_status_written(&swaps[0], y, y),
           "GNTTABOP_swap_grant_ref wrote a field other than status");

    /* Three elements, each on the entries the one before left. */
    prepare(&swaps[0], x, y);
    prepare(&swaps[1], y, z);
    prepare(&swaps[2], z, z);
    result = swap_call(swaps, 3);
    expect_result(t, "GNTTABOP_swap_grant_ref of 3 elements", result, 0);
    for (unsigned int i = 0; i < 3; i++) {
        expect(t, swaps[i].status == HVABI_GNTST_OKAY, "element %u: status %d", i,
               swaps[i].status);
    }
    expect(t, only_status_written(&swaps[0], x, y) && only_status_written(&swaps[1], y, z) &&
                  only_status_written(&swaps[2], z, z),
           "GNTTABOP_swap_grant_ref wrote a field other than status");
    expect(t, entry_is(x, value_of(y, 3)) && entry_is(y, value_of(z, 3)) &&
                  entry_is(z, value_of(x, 3)),
           "swapping (%u, %u) then (%u, %u) did not move the entries of %u, %u, %u to %u, %u, "
           "%u",
           x, y, y, z, y, z, x, x, y, z);
}

static void swap_bad_ref(struct test_context *t)
{
    struct hvabi_gnttab_swap_grant_ref swaps[6];
    const hvabi_grant_ref_t good_a = 50;
    const hvabi_grant_ref_t good_b = 51;
    uint32_t nr = 0;
    uint32_t max = 0;
    hvabi_grant_ref_t end;
    int64_t result;

    if (!frames_ready(t) || !grant_frames_query(t, &nr, &max) ||
        !write_entry(t, good_a, value_of(good_a, 4)) ||
        !write_entry(t, good_b, value_of(good_b, 4))) {
        return;
    }
    end = nr * HVABI_GNTTAB_ENTRIES_PER_FRAME;
    test_note(t, "the table has %u frames: references from %u on are beyond it", nr, end);
    prepare(&swaps[0], good_a, end);
    prepare(&swaps[1], end, good_a);
    prepare(&swaps[2], end + 1, end + 1);
    prepare(&swaps[3], good_b, 0xffffffffU);
    prepare(&swaps[4], 0x80000000U, good_b);
    /* The call goes on after the failed elements. */
    prepare(&swaps[5], good_a, good_b);
    result = swap_call(swaps, COUNT(swaps));
    expect_result(t, "GNTTABOP_swap_grant_ref with references beyond the table", result, 0);
    for (unsigned int i = 0; i < 5; i++) {
        expect(t, swaps[i].status == HVABI_GNTST_BAD_GNTREF,
               "element %u (%u, %u): expected status %d, got %d", i, swaps[i].ref_a,
               swaps[i].ref_b, HVABI_GNTST_BAD_GNTREF, swaps[i].status);
    }
    expect(t, swaps[5].status == HVABI_GNTST_OKAY, "element 5 (%u, %u): status %d", good_a,
           good_b, swaps[5].status);
    /* Only element 5 changed the entries. */
    expect(t, entry_is(good_a, value_of(good_b, 4)) && entry_is(good_b, value_of(good_a, 4)),
           "after the failed elements and one swap, entries %u and %u are not exchanged",
           good_a, good_b);
}

const struct conformance_test grant_table_swap_tests[] = {
    {
        .name = "grant_table_layout",
        .verifies = "hvabi~gnttab-table-layout~1",
        .run = layout,
    },
    {
        .name = "grant_table_swap",
        .verifies = "hvabi~gnttab-swap~1",
        .run = swap_entries,
    },
    {
        .name = "grant_table_swap_bad_ref",
        .verifies = "hvabi~gnttab-swap-bad-ref~1",
        .run = swap_bad_ref,
    },
    { .name = NULL },
};
