/*
 * grant_table_frames.c - the frames of a domain's grant table: how many it
 * starts with, how many it may have, and placing them in the address space
 * with XENMEM_add_to_physmap (space grant-table).
 *
 * Specification: spec/chapters/grant_table.rst ("The grant table") and
 * spec/chapters/memory_op.rst.  Placing a frame grows the table for the
 * life of the domain, and the first tests need the table and the address
 * space as the domain started, so the tests run in a role of their own
 * (scenarios/grant_table.conf).  The lists run in order: the first one
 * leaves grant-table frames 0, 1 and 2 at the first three pages of the
 * grant-table window for grant_table_swap.c; the last grows the table to
 * its maximum and moves frames around.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/domains.h"
#include "support/grant_frames.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/grant_table.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/types.h>

#define PAGE_SIZE GRANT_FRAMES_PAGE_SIZE
#define POOL_PAGES 6
#define PATTERN 0x5a
#define NOT_MAPPABLE_FRAME (1ULL << 40) /* beyond any 52-bit guest-physical address */

/* RAM pages of the image that the tests place pages over. */
static uint8_t pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned int pool_used;

/* Where the tests placed the shared info page; 0: nowhere. */
static uint64_t shared_info_at;

/* max_nr_frames, as the first test found it. */
static uint32_t max_frames;

static uint64_t frame_of(const void *address)
{
    return (uint64_t)(uintptr_t)address / PAGE_SIZE;
}

static const uint8_t *page_at(uint64_t frame)
{
    return (const uint8_t *)(uintptr_t)(frame * PAGE_SIZE);
}

static uint8_t *fresh_page(struct test_context *t)
{
    uint8_t *page;

    if (!expect(t, pool_used < POOL_PAGES, "the pool of %u test pages is used up", POOL_PAGES)) {
        return NULL;
    }
    page = pool[pool_used++];
    memset(page, PATTERN, PAGE_SIZE);
    return page;
}

static bool range_is(const uint8_t *bytes, unsigned int from, unsigned int to, uint8_t value)
{
    for (unsigned int i = from; i < to; i++) {
        if (bytes[i] != value) {
            return false;
        }
    }
    return true;
}

static int64_t place_shared_info(uint64_t gpfn)
{
    struct hvabi_add_to_physmap arg;
    int64_t result;

    memset(&arg, 0, sizeof(arg));
    arg.domid = HVABI_DOMID_SELF;
    arg.space = HVABI_XENMAPSPACE_SHARED_INFO;
    arg.gpfn = gpfn;
    result = hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                              (uint64_t)(uintptr_t)&arg);
    if (result == 0) {
        shared_info_at = gpfn;
    }
    return result;
}

/* Whether the table has `expected` frames, and still max_frames at most. */
static bool expect_size(struct test_context *t, const char *when, uint32_t expected)
{
    uint32_t nr = 0;
    uint32_t max = 0;

    if (!grant_frames_query(t, &nr, &max)) {
        return false;
    }
    expect(t, max == max_frames, "%s: max_nr_frames is %u, it was %u at the start", when, max,
           max_frames);
    return expect(t, nr == expected, "%s: expected nr_frames %u, got %u", when, expected, nr);
}

/* Places grant-table frame `idx` at page `page` of the window, expecting 0. */
static bool place_in_window(struct test_context *t, uint64_t idx, uint64_t page)
{
    uint64_t gpfn = grant_frames_window(t, page);
    int64_t result;

    if (gpfn == 0) {
        return false;
    }
    result = grant_frames_place(idx, gpfn);
    return expect(t, result == 0,
                  "XENMEM_add_to_physmap of grant-table frame %llu at page %llu of the window: "
                  "expected 0, got %lld",
                  (unsigned long long)idx, (unsigned long long)page, (long long)result);
}

static void initial_size(struct test_context *t)
{
    uint32_t nr = 0;

    if (!grant_frames_query(t, &nr, &max_frames)) {
        return;
    }
    test_note(t, "max_nr_frames %u", max_frames);
    expect(t, nr == 1, "a domain that just started has nr_frames %u, expected 1", nr);
    expect(t, max_frames >= 1, "max_nr_frames is 0");
}

static void initial_frames(struct test_context *t)
{
    uint64_t window_pages = t->platform->grant_window_size / PAGE_SIZE;
    uint8_t *ram = fresh_page(t);
    uint8_t *page = fresh_page(t);

    if (ram == NULL || page == NULL || grant_frames_window(t, 0) == 0) {
        return;
    }
    /* Nothing at the window frames: no page there to remove. */
    for (uint64_t i = 0; i < window_pages && i < GRANT_FRAMES_MAX; i++) {
        int64_t result = grant_frames_remove(grant_frames_window(t, i));

        if (!expect(t, result == -HVABI_ENOENT,
                    "XENMEM_remove_from_physmap of page %llu of the grant-table window: "
                    "expected %d (empty), got %lld",
                    (unsigned long long)i, -HVABI_ENOENT, (long long)result)) {
            break;
        }
    }
    /* A RAM page at a RAM frame. */
    expect_result(t, "XENMEM_remove_from_physmap of a frame of the image's RAM",
                  grant_frames_remove(frame_of(ram)), 0);
    /* The shared info page and the grant-table frames at no frame: placing
     * them does not fail with -EBUSY. */
    expect_result(t, "XENMEM_add_to_physmap of the shared info page",
                  place_shared_info(frame_of(page)), 0);
    place_in_window(t, 0, 0);
}

static void add_grant_table(struct test_context *t)
{
    uint64_t window = grant_frames_window(t, 0);
    uint8_t *page = fresh_page(t);

    if (window == 0 || page == NULL) {
        return;
    }
    if (grant_frames_where(0) == 0 && !place_in_window(t, 0, 0)) {
        return;
    }
    expect_size(t, "after placing frame 0", 1);
    /* A frame that is placed cannot be placed again. */
    expect_result(t, "XENMEM_add_to_physmap of frame 0 again, at its own frame",
                  grant_frames_place(0, grant_frames_where(0)), -HVABI_EBUSY);
    expect_result(t, "XENMEM_add_to_physmap of frame 0 again, at a RAM frame",
                  grant_frames_place(0, frame_of(page)), -HVABI_EBUSY);
    expect(t, range_is(page, 0, PAGE_SIZE, PATTERN), "the RAM page changed");
    if (max_frames < 3) {
        test_note(t, "max_nr_frames %u: the table cannot grow to 3 frames", max_frames);
        return;
    }
    /* Frame 2 grows the table to 3 frames; frame 1 then is in it. */
    if (place_in_window(t, 2, 2)) {
        expect_size(t, "after placing frame 2", 3);
    }
    if (place_in_window(t, 1, 1)) {
        expect_size(t, "after placing frame 1", 3);
    }
}

static void initial_entries(struct test_context *t)
{
    const uint8_t *frame0 = page_at(grant_frames_where(0));

    if (!expect(t, grant_frames_where(0) != 0, "grant-table frame 0 is not placed")) {
        return;
    }
    /* References 0 to 7 are the system's. */
    expect(t, range_is(frame0, HVABI_GNTTAB_NR_RESERVED_ENTRIES * 8, PAGE_SIZE, 0),
           "grant-table frame 0 is not zero from reference 8 on");
    for (uint64_t idx = 1; idx < 3 && idx < max_frames; idx++) {
        if (expect(t, grant_frames_where(idx) != 0, "grant-table frame %llu is not placed",
                   (unsigned long long)idx)) {
            expect(t, range_is(page_at(grant_frames_where(idx)), 0, PAGE_SIZE, 0),
                   "grant-table frame %llu, new, is not zero", (unsigned long long)idx);
        }
    }
}

/* Failed placements of frames beyond the table do not grow it. */
static void add_failure(struct test_context *t)
{
    uint32_t nr = 0;
    uint32_t max = 0;
    uint64_t beyond;
    int64_t result;

    if (!grant_frames_query(t, &nr, &max) ||
        !expect(t, grant_frames_window(t, 0) != 0, "no grant-table window")) {
        return;
    }
    if (nr >= max) {
        test_note(t, "the table has its %u frames already", max);
        return;
    }
    beyond = max - 1;
    result = grant_frames_place(beyond, NOT_MAPPABLE_FRAME);
    expect(t, result == -HVABI_EINVAL,
           "XENMEM_add_to_physmap of frame %llu at frame 0x%llx, which is not mappable: "
           "expected %d, got %lld",
           (unsigned long long)beyond, (unsigned long long)NOT_MAPPABLE_FRAME, -HVABI_EINVAL,
           (long long)result);
    expect_size(t, "after placing a frame beyond the table at a frame that is not mappable", nr);
    result = grant_frames_place(max, grant_frames_window(t, 0) + nr);
    expect(t, result == -HVABI_EINVAL,
           "XENMEM_add_to_physmap of frame %u (max_nr_frames): expected %d, got %lld", max,
           -HVABI_EINVAL, (long long)result);
    expect_size(t, "after placing frame max_nr_frames", nr);
}

const struct conformance_test grant_table_frames_tests[] = {
    {
        .name = "grant_table_initial_size",
        .verifies = "hvabi~gnttab-initial-size~1",
        .run = initial_size,
    },
    {
        .name = "memory_op_initial_frames",
        .verifies = "hvabi~memory-op-initial-frames~1",
        .run = initial_frames,
    },
    {
        .name = "memory_op_add_grant_table",
        .verifies = "hvabi~memory-op-add-grant-table~1 hvabi~memory-op-add-already-placed~1",
        .run = add_grant_table,
    },
    {
        .name = "grant_table_initial_entries",
        .verifies = "hvabi~gnttab-initial-entries~1",
        .run = initial_entries,
    },
    {
        .name = "memory_op_add_grant_table_failure",
        .verifies = "hvabi~memory-op-add-failure~1 hvabi~memory-op-add-bad-idx~1",
        .run = add_failure,
    },
    { .name = NULL },
};

/* Every frame up to max_nr_frames, each at its page of the window. */
static void add_window(struct test_context *t)
{
    uint64_t window_pages = t->platform->grant_window_size / PAGE_SIZE;
    uint32_t nr = 0;
    uint32_t max = 0;

    if (!grant_frames_query(t, &nr, &max)) {
        return;
    }
    if (!expect(t, window_pages >= max,
                "region 0 of /hypervisor has %llu pages, fewer than max_nr_frames %u",
                (unsigned long long)window_pages, max) ||
        !expect(t, max <= GRANT_FRAMES_MAX, "max_nr_frames %u: the test handles at most %u",
                max, GRANT_FRAMES_MAX)) {
        return;
    }
    for (uint32_t idx = 0; idx < max; idx++) {
        bool new_frame = idx >= nr;

        if (grant_frames_where(idx) == grant_frames_window(t, idx)) {
            continue; /* placed there by an earlier test */
        }
        if (grant_frames_where(idx) != 0 &&
            !expect_result(t, "XENMEM_remove_from_physmap of a grant-table frame",
                           grant_frames_remove(grant_frames_where(idx)), 0)) {
            return;
        }
        if (!place_in_window(t, idx, idx)) {
            return;
        }
        if (new_frame) {
            expect(t, range_is(page_at(grant_frames_where(idx)), 0, PAGE_SIZE, 0),
                   "grant-table frame %u, new, is not zero", idx);
            if (!expect_size(t, "after placing a frame beyond the table", idx + 1)) {
                return;
            }
        }
    }
    expect_size(t, "after placing every frame", max);
}

/* Frames removed from the address space stay in the table. */
static void never_shrinks(struct test_context *t)
{
    for (uint32_t idx = 1; idx < max_frames; idx++) {
        if (grant_frames_where(idx) != 0) {
            expect_result(t, "XENMEM_remove_from_physmap of a grant-table frame",
                          grant_frames_remove(grant_frames_where(idx)), 0);
        }
    }
    expect_size(t, "after removing every frame but frame 0", max_frames);
    if (max_frames > 1) {
        place_in_window(t, 1, 1);
    }
    expect_size(t, "after placing frame 1 again", max_frames);
}

/* Writes a recognisable entry at `ref`, through its placed frame. */
static bool mark_entry(struct test_context *t, hvabi_grant_ref_t ref, uint32_t value)
{
    volatile struct hvabi_grant_entry_v1 *entry = grant_frames_entry(ref);

    if (!expect(t, entry != NULL, "the frame of reference %u is not placed", ref)) {
        return false;
    }
    entry->frame = value;
    entry->domid = (uint16_t)value;
    entry->flags = HVABI_GTF_INVALID;
    return true;
}

static bool entry_marked(hvabi_grant_ref_t ref, uint32_t value)
{
    volatile struct hvabi_grant_entry_v1 *entry = grant_frames_entry(ref);

    return entry != NULL && entry->frame == value && entry->domid == (uint16_t)value &&
           entry->flags == HVABI_GTF_INVALID;
}

static int64_t swap_entries(hvabi_grant_ref_t a, hvabi_grant_ref_t b, int16_t *status)
{
    struct hvabi_gnttab_swap_grant_ref swap = { .ref_a = a, .ref_b = b, .status = 0x5a5a };
    int64_t result = grant_table_op(HVABI_GNTTABOP_SWAP_GRANT_REF, (uint64_t)(uintptr_t)&swap, 1);

    *status = swap.status;
    return result;
}

static void add_replaces(struct test_context *t)
{
    const hvabi_grant_ref_t in_frame_1 = HVABI_GNTTAB_ENTRIES_PER_FRAME + 20;
    const hvabi_grant_ref_t in_frame_2 = 2 * HVABI_GNTTAB_ENTRIES_PER_FRAME + 30;
    uint8_t *ram = fresh_page(t);
    uint8_t *spare = fresh_page(t);
    uint64_t hypervisor_page = shared_info_at;
    int16_t status = 0;

    if (ram == NULL || spare == NULL ||
        !expect(t, max_frames >= 4, "max_nr_frames %u: the test needs 4 frames", max_frames) ||
        !expect(t, hypervisor_page != 0, "the shared info page is not placed") ||
        !expect(t, grant_frames_where(1) != 0, "grant-table frame 1 is not placed") ||
        !mark_entry(t, in_frame_1, 0x11223344)) {
        return;
    }
    /* Frame 1 over a RAM page. */
    if (!expect_result(t, "XENMEM_remove_from_physmap of grant-table frame 1",
                       grant_frames_remove(grant_frames_where(1)), 0) ||
        !expect_result(t, "XENMEM_add_to_physmap of grant-table frame 1 over a RAM page",
                       grant_frames_place(1, frame_of(ram)), 0)) {
        return;
    }
    expect(t, entry_marked(in_frame_1, 0x11223344),
           "the RAM page does not show grant-table frame 1 after the call");

    /* Frame 2 over the shared info page, which then is at no frame. */
    if (grant_frames_where(2) != 0) {
        grant_frames_remove(grant_frames_where(2));
    }
    if (!expect_result(t, "XENMEM_add_to_physmap of grant-table frame 2 over the shared info "
                          "page",
                       grant_frames_place(2, hypervisor_page), 0)) {
        return;
    }
    shared_info_at = 0;
    if (mark_entry(t, in_frame_2, 0x55667788)) {
        expect(t, swap_entries(in_frame_1, in_frame_2, &status) == 0 &&
                      status == HVABI_GNTST_OKAY && entry_marked(in_frame_1, 0x55667788) &&
                      entry_marked(in_frame_2, 0x11223344),
               "a swap of entries %u and %u does not show at the frames of grant-table frames "
               "1 and 2 (status %d)",
               in_frame_1, in_frame_2, status);
    }
    expect_result(t, "XENMEM_add_to_physmap of the shared info page, replaced, at another frame",
                  place_shared_info(frame_of(spare)), 0);

    /* Frame 3 over frame 2, which then is at no frame. */
    expect_result(t, "XENMEM_add_to_physmap of grant-table frame 3 over grant-table frame 2",
                  grant_frames_place(3, hypervisor_page), 0);
    place_in_window(t, 2, 2); /* not -EBUSY */

    /* The shared info page over frame 1, which then is at no frame. */
    if (expect_result(t, "XENMEM_remove_from_physmap of the shared info page",
                      grant_frames_remove(frame_of(spare)), 0)) {
        shared_info_at = 0;
        expect_result(t, "XENMEM_add_to_physmap of the shared info page over grant-table frame 1",
                      place_shared_info(frame_of(ram)), 0);
        place_in_window(t, 1, 1); /* not -EBUSY */
    }
}

const struct conformance_test grant_table_frames_window_tests[] = {
    {
        .name = "memory_op_add_window",
        .verifies = "hvabi~memory-op-add-window~1 hvabi~memory-op-window-size~1 "
                    "hvabi~gnttab-max-frames~1 hvabi~gnttab-initial-entries~1",
        .run = add_window,
    },
    {
        .name = "grant_table_size_never_shrinks",
        .verifies = "hvabi~gnttab-size-never-shrinks~1 hvabi~gnttab-max-frames~1",
        .run = never_shrinks,
    },
    {
        .name = "memory_op_add_replaces",
        .verifies = "hvabi~memory-op-add-replaces~1",
        .run = add_replaces,
    },
    { .name = NULL },
};
