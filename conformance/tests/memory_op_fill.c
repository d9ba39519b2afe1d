/*
 * memory_op_fill.c - placing pages never fails for want of the hypervisor's
 * own resources, while another domain does the same.
 *
 * Specification: spec/chapters/memory_op.rst.  XENMEM_add_to_physmap has a
 * closed list of failures and none of them is a lack of memory, and
 * hvabi~safety-resource-quota~1 (safety.rst, verified by analysis) keeps one
 * domain's allocations from making another domain's calls fail.  These
 * tests run in both domains of scenarios/physmap_fill.conf at once: each
 * domain places its shared info page in turn in every free 2 MiB block of
 * its RAM, which makes a hypervisor that builds its stage-2 tables on
 * demand split every block, then places every frame its grant table may
 * have in the grant-table window, then places the shared info page back in
 * its image and uses it.
 *
 * Placing the shared info page over a RAM page takes that page away for
 * good (hvabi~memory-op-ram-page-kept~1), so the blocks used hold none of
 * the image (code, data, stacks), the device tree and the ramdisk, and this
 * role uses neither the spare block nor the read-only page.
 */
#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/aarch64/entry_state.h"
#include "support/clock.h"
#include "support/domains.h"
#include "support/evtchn.h"
#include "support/grant_frames.h"
#include "support/guest_memory.h"
#include "support/shared_info.h"
#include "support/physmap.h"

#include <hvabi/arch/aarch64/guest_entry.h>
#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>

#define PAGE_SIZE 4096ULL
#define BLOCK_SIZE 0x200000ULL
/* Sweeps over the blocks: each uses another frame of every block. */
#define SWEEPS 4
#define SWEEP_FRAME_STEP 0x81000ULL
/* How long a domain waits for the other to reach the start line. */
#define START_WAIT_MS 30000
/* The names of the scenario's two domains. */
static const char *const domain_names[] = { "fill_first", "fill_second" };

static int64_t place_shared_info(uint64_t gpfn)
{
    return physmap_add(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_SHARED_INFO, 0, gpfn);
}

static int64_t remove_page(uint64_t gpfn)
{
    return physmap_remove(HVABI_DOMID_SELF, gpfn);
}

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

/* Whether the 2 MiB block at `block` holds none of the image region and
 * the device tree (this role's domain has no ramdisk). */
static bool block_is_free(uint64_t block)
{
    const struct hvabi_aarch64_image_header *header =
        (const struct hvabi_aarch64_image_header *)(uintptr_t)guest_entry_state.image_start;
    uint64_t dtb = guest_entry_state.x[0];
    uint64_t dtb_size = fdt_totalsize((const void *)(uintptr_t)dtb);

    /* This image's image_size covers its file and its BSS (stacks included). */
    return !overlap(block, BLOCK_SIZE, guest_entry_state.image_start, header->image_size) &&
           !overlap(block, BLOCK_SIZE, dtb, dtb_size);
}

/*
 * The start line: both domains are running and past their boot.  Each
 * opens an unbound port for the other, then binds to the other's port of
 * the same number (both domains open the same ports in the same order, so
 * the numbers agree), which succeeds only once the other has opened it.
 */
static void wait_for_other_domain(struct test_context *t)
{
    uint16_t self = 0;
    uint16_t other = 0;
    uint32_t port = 0;
    uint32_t bound = 0;
    uint64_t deadline;
    int64_t result;

    if (!domains_self(t, &self)) {
        return;
    }
    for (unsigned int i = 0; i < sizeof(domain_names) / sizeof(domain_names[0]); i++) {
        uint16_t id;

        if (test_domain_id(t, domain_names[i], &id) && id != self) {
            other = id;
        }
    }
    if (!expect(t, other != 0, "the boot arguments name no other domain (hvabi.%s or hvabi.%s)",
                domain_names[0], domain_names[1]) ||
        !expect_result(t, "EVTCHNOP_alloc_unbound for the other domain",
                       evtchn_alloc_unbound(HVABI_DOMID_SELF, other, &port), 0)) {
        return;
    }
    deadline = clock_deadline(START_WAIT_MS * CLOCK_MS);
    do {
        result = evtchn_bind_interdomain(other, port, &bound);
    } while (result != 0 && !clock_passed(deadline));
    expect(t, result == 0,
           "the other domain d%u opened no port %u for this domain within %u ms (last "
           "EVTCHNOP_bind_interdomain: %lld)",
           (unsigned)other, (unsigned)port, START_WAIT_MS, (long long)result);
}

/*
 * The shared info page at one frame of every free block of RAM in turn,
 * SWEEPS times over: each placement returns 0, and so does each removal
 * that lets the page be placed again.
 */
static void fill_shared_info_every_block(struct test_context *t)
{
    struct guest_memory_range ranges[GUEST_MEMORY_RANGES_MAX];
    unsigned int count = guest_memory_ranges(t->platform->fdt, ranges, GUEST_MEMORY_RANGES_MAX);
    unsigned int placed = 0;
    unsigned int failed = 0;

    if (!expect(t, count > 0, "the device tree describes no RAM") ||
        !expect(t, !shared_info_is_placed(), "the shared info page was placed before this test")) {
        return;
    }
    wait_for_other_domain(t);
    for (unsigned int sweep = 0; sweep < SWEEPS; sweep++) {
        uint64_t offset = (sweep * SWEEP_FRAME_STEP) % BLOCK_SIZE;

        for (unsigned int r = 0; r < count; r++) {
            uint64_t end = ranges[r].base + ranges[r].size;

            for (uint64_t block = ranges[r].base & ~(BLOCK_SIZE - 1); block < end;
                 block += BLOCK_SIZE) {
                uint64_t address = block + offset;
                int64_t result;

                if (address < ranges[r].base || address + PAGE_SIZE > end ||
                    !block_is_free(block)) {
                    continue;
                }
                result = place_shared_info(address / PAGE_SIZE);
                placed++;
                if (result != 0) {
                    failed++;
                    expect(t, failed > 8,
                           "sweep %u: placing the shared info page at frame 0x%llx: expected "
                           "0, got %lld",
                           sweep, (unsigned long long)(address / PAGE_SIZE), (long long)result);
                    continue;
                }
                result = remove_page(address / PAGE_SIZE);
                if (result != 0) {
                    failed++;
                    expect(t, false,
                           "sweep %u: removing the shared info page from frame 0x%llx: "
                           "expected 0, got %lld; stopping",
                           sweep, (unsigned long long)(address / PAGE_SIZE), (long long)result);
                    return;
                }
            }
        }
    }
    test_note(t, "%u placements of the shared info page in %u sweeps, %u failed", placed, SWEEPS,
              failed);
    expect(t, placed >= SWEEPS, "no free block of RAM to place the shared info page in");
    expect(t, failed == 0, "%u of %u placements or removals failed", failed, placed);
}

/*
 * Every grant-table frame the table may have, at its page of the
 * grant-table window: each placement returns 0 and grows the table to
 * idx + 1 frames when it was smaller.
 */
static void fill_grant_window(struct test_context *t)
{
    uint64_t window_frame = t->platform->grant_window_base / PAGE_SIZE;
    uint64_t window_pages = t->platform->grant_window_size / PAGE_SIZE;
    uint32_t nr_frames = 0;
    uint32_t max_nr_frames = 0;
    uint32_t expected_frames;
    unsigned int failed = 0;

    if (!grant_frames_query(t, &nr_frames, &max_nr_frames) ||
        !expect(t, max_nr_frames > 0, "GNTTABOP_query_size gives max_nr_frames 0") ||
        !expect(t, window_pages >= max_nr_frames,
                "the grant-table window has %llu pages, fewer than max_nr_frames %u",
                (unsigned long long)window_pages, (unsigned)max_nr_frames)) {
        return;
    }
    test_note(t, "nr_frames %u, max_nr_frames %u, window at frame 0x%llx", (unsigned)nr_frames,
              (unsigned)max_nr_frames, (unsigned long long)window_frame);
    expected_frames = nr_frames;
    for (uint32_t idx = 0; idx < max_nr_frames; idx++) {
        int64_t result = grant_frames_place(idx, window_frame + idx);
        uint32_t now = 0;
        uint32_t max_now = 0;

        if (result != 0) {
            failed++;
            expect(t, failed > 8,
                   "placing grant-table frame %u at frame 0x%llx: expected 0, got %lld",
                   (unsigned)idx, (unsigned long long)(window_frame + idx), (long long)result);
            continue;
        }
        if (idx + 1 > expected_frames) {
            expected_frames = idx + 1;
        }
        if (!grant_frames_query(t, &now, &max_now)) {
            return;
        }
        if (now != expected_frames) {
            failed++;
            expect(t, failed > 8,
                   "after placing grant-table frame %u, nr_frames is %u: expected %u",
                   (unsigned)idx, (unsigned)now, (unsigned)expected_frames);
        }
    }
    expect(t, failed == 0, "%u of %u placements failed or grew the table wrongly", failed,
           (unsigned)max_nr_frames);
}

/*
 * The shared info page back at a page of this image, where the guest maps
 * it as Normal memory: an event sent to an IPI port shows as its pending
 * bit there, so the page placed is the domain's shared info page.
 */
static void fill_shared_info_back(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t port;

    if (shared == NULL) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port to vCPU 0");
    if (port == 0) {
        return;
    }
    evtchn_clear_bit(shared->evtchn_pending, port);
    if (expect_result(t, "EVTCHNOP_send to the IPI port", evtchn_send(port), 0)) {
        expect(t, evtchn_bit(shared->evtchn_pending, port),
               "after EVTCHNOP_send, the pending bit of port %u is clear in the shared info "
               "page at frame 0x%llx",
               (unsigned)port, (unsigned long long)shared_info_frame());
    }
    evtchn_clear_bit(shared->evtchn_pending, port);
    evtchn_expect_close(t, port);
}

const struct conformance_test memory_op_fill_tests[] = {
    {
        .name = "memory_op_fill_shared_info_every_block",
        .verifies = "hvabi~memory-op-add-shared-info~1 hvabi~memory-op-remove~1",
        .run = fill_shared_info_every_block,
    },
    {
        .name = "memory_op_fill_grant_window",
        .verifies = "hvabi~memory-op-add-grant-table~1 hvabi~memory-op-add-window~1",
        .run = fill_grant_window,
    },
    {
        .name = "memory_op_fill_shared_info_back",
        .verifies = "hvabi~memory-op-add-shared-info~1",
        .run = fill_shared_info_back,
    },
    { .name = NULL },
};
