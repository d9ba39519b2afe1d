/*
 * grant_frames.c - grant_table_op calls and the caller's grant-table
 * frames (see grant_frames.h).
 */
#include <string.h>

#include "guest/aarch64/mmu.h"
#include "support/grant_frames.h"
#include "support/physmap.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/types.h>

/* Where each grant-table frame is placed; 0: nowhere. */
static uint64_t placed_at[GRANT_FRAMES_MAX];
static bool window_mapped;

int64_t grant_table_op(uint64_t cmd, uint64_t uop, uint64_t count)
{
    return hvabi_hypercall3(HVABI_HYPERCALL_GRANT_TABLE_OP, cmd, uop, count);
}

bool grant_frames_query(struct test_context *t, uint32_t *nr_frames, uint32_t *max_nr_frames)
{
    struct hvabi_gnttab_query_size query;
    int64_t result;

    memset(&query, 0, sizeof(query));
    query.dom = HVABI_DOMID_SELF;
    result = grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, (uint64_t)(uintptr_t)&query, 1);
    if (!expect(t, result == 0 && query.status == HVABI_GNTST_OKAY,
                "GNTTABOP_query_size of DOMID_SELF: expected 0 and GNTST_okay, got %lld and "
                "status %d",
                (long long)result, query.status)) {
        return false;
    }
    *nr_frames = query.nr_frames;
    *max_nr_frames = query.max_nr_frames;
    return true;
}

static void forget_frame_at(uint64_t gpfn)
{
    for (unsigned int i = 0; i < GRANT_FRAMES_MAX; i++) {
        if (placed_at[i] == gpfn) {
            placed_at[i] = 0;
        }
    }
}

int64_t grant_frames_place(uint64_t idx, uint64_t gpfn)
{
    int64_t result = physmap_add(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_GRANT_TABLE, idx, gpfn);

    if (result == 0) {
        /* A frame placed over another grant-table frame replaces it. */
        forget_frame_at(gpfn);
        if (idx < GRANT_FRAMES_MAX) {
            placed_at[idx] = gpfn;
        }
    }
    return result;
}

int64_t grant_frames_remove(uint64_t gpfn)
{
    int64_t result = physmap_remove(HVABI_DOMID_SELF, gpfn);

    if (result == 0) {
        forget_frame_at(gpfn);
    }
    return result;
}

uint64_t grant_frames_where(uint64_t idx)
{
    return idx < GRANT_FRAMES_MAX ? placed_at[idx] : 0;
}

uint64_t grant_frames_window(struct test_context *t, uint64_t pages)
{
    uint64_t base = t->platform->grant_window_base;
    uint64_t size = t->platform->grant_window_size;
    uint64_t mapped = GRANT_FRAMES_MAX * GRANT_FRAMES_PAGE_SIZE;

    if (!expect(t, size != 0, "the /hypervisor node gives no grant-table window") ||
        !expect(t, pages < size / GRANT_FRAMES_PAGE_SIZE,
                "the grant-table window of 0x%llx bytes has no page %llu",
                (unsigned long long)size, (unsigned long long)pages) ||
        !expect(t, pages < GRANT_FRAMES_MAX, "page %llu of the window is beyond the %u pages "
                "the tests keep track of", (unsigned long long)pages, GRANT_FRAMES_MAX)) {
        return 0;
    }
    /* Frames the guest shares with the hypervisor are Normal write-back
     * memory; the guest's identity map makes all but its RAM Device. */
    if (!window_mapped) {
        if (size < mapped) {
            mapped = size;
        }
        if (!expect(t, mmu_map_normal(base, mapped) == 0,
                    "cannot map the grant-table window [0x%llx, +0x%llx) as Normal memory",
                    (unsigned long long)base, (unsigned long long)mapped)) {
            return 0;
        }
        window_mapped = true;
    }
    return base / GRANT_FRAMES_PAGE_SIZE + pages;
}

volatile struct hvabi_grant_entry_v1 *grant_frames_entry(hvabi_grant_ref_t ref)
{
    uint64_t frame = grant_frames_where(ref / HVABI_GNTTAB_ENTRIES_PER_FRAME);

    if (frame == 0) {
        return NULL;
    }
    return (volatile struct hvabi_grant_entry_v1 *)(uintptr_t)(frame * GRANT_FRAMES_PAGE_SIZE) +
           ref % HVABI_GNTTAB_ENTRIES_PER_FRAME;
}
