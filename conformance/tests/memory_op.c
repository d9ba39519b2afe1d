/*
 * memory_op.c - the memory_op hypercall: placing and removing the shared
 * info page, and the size of a domain's memory.
 *
 * Specification: spec/chapters/memory_op.rst.  Grant-table frames are
 * tested in grant_table_frames.c (scenario grant_table).  The tests run in a role
 * of their own (scenarios/smp.conf) because they need the shared info page
 * at no frame when they start: support/shared_info.h places it for good.
 * Each test takes fresh pages of its own from a pool in the image, so that
 * a test finds its pages as the domain started whatever ran before it in
 * the boot, and tracks where it placed the shared info page.  Tests that
 * name another domain run in the control scenario's target
 * (memory_op_other_domain_tests).
 */
#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#include "fdtutil/fdt_reg.h"
#include "framework/suite.h"
#include "support/domains.h"
#include "support/evtchn.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>

#define PAGE_SIZE 4096
#define POOL_PAGES 72
#define PATTERN 0x5a
#define HIGH_BIT (1ULL << 6)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* RAM pages of the image that the tests place pages over or remove. */
static uint8_t pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned int pool_used;

/* Where the tests of this boot placed the shared info page; 0: nowhere. */
static uint64_t shared_info_at;

static int64_t memory_op(uint64_t cmd, const void *arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, cmd, (uint64_t)(uintptr_t)arg);
}

static uint64_t frame_of(const void *address)
{
    return (uint64_t)(uintptr_t)address / PAGE_SIZE;
}

/* A page of the pool that nothing has touched, filled with PATTERN. */
static uint8_t *fresh_page(struct test_context *t)
{
    uint8_t *page;

    if (!expect(t, pool_used < POOL_PAGES, "the pool of %u test pages is used up",
                POOL_PAGES)) {
        return NULL;
    }
    page = pool[pool_used++];
    memset(page, PATTERN, PAGE_SIZE);
    return page;
}

static bool page_has_pattern(const uint8_t *page)
{
    for (unsigned int i = 0; i < PAGE_SIZE; i++) {
        if (page[i] != PATTERN) {
            return false;
        }
    }
    return true;
}

static int64_t add_to_physmap(uint64_t cmd, uint16_t domid, uint32_t space, uint64_t idx,
                              uint64_t gpfn, uint16_t size)
{
    struct hvabi_add_to_physmap arg;

    memset(&arg, 0, sizeof(arg));
    arg.domid = domid;
    arg.size = size;
    arg.space = space;
    arg.idx = idx;
    arg.gpfn = gpfn;
    return memory_op(cmd, &arg);
}

static int64_t place_shared_info(uint64_t gpfn)
{
    int64_t result = add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, HVABI_DOMID_SELF,
                                    HVABI_XENMAPSPACE_SHARED_INFO, 0, gpfn, 0);

    if (result == 0) {
        shared_info_at = gpfn;
    }
    return result;
}

static int64_t remove_from_physmap(uint64_t cmd, uint16_t domid, uint64_t gpfn)
{
    struct hvabi_remove_from_physmap arg;

    memset(&arg, 0, sizeof(arg));
    arg.domid = domid;
    arg.gpfn = gpfn;
    return memory_op(cmd, &arg);
}

static int64_t remove_frame(uint64_t gpfn)
{
    int64_t result = remove_from_physmap(HVABI_XENMEM_REMOVE_FROM_PHYSMAP, HVABI_DOMID_SELF, gpfn);

    if (result == 0 && gpfn == shared_info_at) {
        shared_info_at = 0;
    }
    return result;
}

/* Places the shared info page at a fresh page unless a test of this boot
 * has placed it; returns its frame, or 0 (recorded). */
static uint64_t shared_info_placed(struct test_context *t)
{
    uint8_t *page;

    if (shared_info_at != 0) {
        return shared_info_at;
    }
    page = fresh_page(t);
    if (page == NULL ||
        !expect_result(t, "XENMEM_add_to_physmap of the shared info page",
                       place_shared_info(frame_of(page)), 0)) {
        return 0;
    }
    return shared_info_at;
}

/* Whether the page at `frame` behaves as the shared info page: an event
 * raised on a new IPI port shows in its evtchn_pending. */
static bool shows_shared_info(struct test_context *t, uint64_t frame)
{
    volatile struct hvabi_shared_info *shared =
        (volatile struct hvabi_shared_info *)(uintptr_t)(frame * PAGE_SIZE);
    uint32_t port = 0;
    bool pending;

    if (!expect_result(t, "EVTCHNOP_bind_ipi", evtchn_bind_ipi(0, &port), 0)) {
        return false;
    }
    evtchn_send(port);
    pending = evtchn_bit(shared->evtchn_pending, port);
    evtchn_close(port);
    return pending;
}

static uint64_t ram_frames(const void *fdt)
{
    uint64_t frames = 0;
    int node;

    fdt_for_each_subnode(node, fdt, 0) {
        const char *type = fdt_getprop(fdt, node, "device_type", NULL);
        uint64_t base;
        uint64_t size;

        if (type == NULL || strcmp(type, "memory") != 0) {
            continue;
        }
        for (int i = 0; fdt_reg_read(fdt, node, i, &base, &size) == 0; i++) {
            frames += size / PAGE_SIZE;
        }
    }
    return frames;
}

/* The first frame of the GIC distributor: a device frame; 0 when none. */
static uint64_t device_frame(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
    uint64_t base = 0;
    uint64_t size = 0;

    if (node < 0 || fdt_reg_read(fdt, node, 0, &base, &size) != 0) {
        return 0;
    }
    return base / PAGE_SIZE;
}

/* Frames that are neither RAM nor in a region of /hypervisor: not mappable. */
static unsigned int unmappable_frames(const void *fdt, uint64_t *frames, unsigned int max)
{
    static const uint64_t candidates[] = {
        0x180000000ULL, 0x7ffffff000ULL, 0x4000000000ULL, 0xfffffffff000ULL,
    };
    int hypervisor = fdt_path_offset(fdt, "/hypervisor");
    unsigned int count = 0;

    for (unsigned int c = 0; c < COUNT(candidates) && count < max; c++) {
        bool in_use = false;
        uint64_t base;
        uint64_t size;
        int node;

        fdt_for_each_subnode(node, fdt, 0) {
            for (int i = 0; !in_use && fdt_reg_read(fdt, node, i, &base, &size) == 0; i++) {
                in_use = candidates[c] >= base && candidates[c] - base < size;
            }
        }
        for (int i = 0; !in_use && hypervisor >= 0 &&
                        fdt_reg_read(fdt, hypervisor, i, &base, &size) == 0;
             i++) {
            in_use = candidates[c] >= base && candidates[c] - base < size;
        }
        if (!in_use) {
            frames[count++] = candidates[c] / PAGE_SIZE;
        }
    }
    /* Beyond any 52-bit guest-physical address. */
    if (count < max) {
        frames[count++] = 1ULL << 40;
    }
    return count;
}

static void high_bits(struct test_context *t)
{
    static const uint64_t commands[] = {
        HVABI_XENMEM_CURRENT_RESERVATION, HVABI_XENMEM_MAXIMUM_RESERVATION,
        HVABI_XENMEM_ADD_TO_PHYSMAP, HVABI_XENMEM_REMOVE_FROM_PHYSMAP,
    };
    static const uint64_t high[] = { HIGH_BIT, 1ULL << 21, 1ULL << 32, 1ULL << 63, ~0x3fULL };

    for (unsigned int c = 0; c < COUNT(commands); c++) {
        for (unsigned int h = 0; h < COUNT(high); h++) {
            uint64_t cmd = commands[c] | high[h];
            /* The argument is not accessed: an unmapped one must not matter. */
            int64_t result = hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, cmd,
                                              unmapped_virtual_address());

            expect(t, result == -HVABI_EINVAL, "memory_op 0x%llx: expected %d, got %lld",
                   (unsigned long long)cmd, -HVABI_EINVAL, (long long)result);
        }
    }
}

static void reserved_command(struct test_context *t)
{
    static const uint64_t reserved[] = { 5, 8, 9, 10, 12, 13, 16, 17, 20, 22, 25, 29, 30, 40, 63 };

    for (unsigned int i = 0; i < COUNT(reserved); i++) {
        uint64_t commands[2] = { reserved[i], reserved[i] | HIGH_BIT | (1ULL << 40) };

        for (unsigned int k = 0; k < 2; k++) {
            int64_t result = hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, commands[k],
                                              unmapped_virtual_address());

            expect(t, result == -HVABI_ENOSYS, "memory_op 0x%llx: expected %d, got %lld",
                   (unsigned long long)commands[k], -HVABI_ENOSYS, (long long)result);
        }
    }
}

static void no_reservation_change(struct test_context *t)
{
    static const uint64_t commands[] = {
        HVABI_XENMEM_INCREASE_RESERVATION, HVABI_XENMEM_DECREASE_RESERVATION,
        HVABI_XENMEM_MAXIMUM_RAM_PAGE, HVABI_XENMEM_POPULATE_PHYSMAP,
    };
    /* Zeroes, as Xen's struct xen_memory_reservation of no extents would be. */
    static uint8_t argument[64] __attribute__((aligned(8)));
    struct hvabi_memory_domain self = { .domid = HVABI_DOMID_SELF };
    int64_t before = memory_op(HVABI_XENMEM_CURRENT_RESERVATION, &self);

    for (unsigned int i = 0; i < COUNT(commands); i++) {
        uint64_t variants[2] = { commands[i], commands[i] | HIGH_BIT };

        for (unsigned int k = 0; k < 2; k++) {
            int64_t result;

            memset(argument, 0, sizeof(argument));
            /* A reservation of DOMID_SELF at offset 40 of Xen's layout. */
            argument[40] = (uint8_t)(HVABI_DOMID_SELF & 0xff);
            argument[41] = (uint8_t)(HVABI_DOMID_SELF >> 8);
            result = memory_op(variants[k], argument);
            expect(t, result == -HVABI_ENOSYS, "memory_op 0x%llx: expected %d, got %lld",
                   (unsigned long long)variants[k], -HVABI_ENOSYS, (long long)result);
        }
    }
    expect_result(t, "XENMEM_current_reservation after the calls",
                  memory_op(HVABI_XENMEM_CURRENT_RESERVATION, &self), before);
}

static void reservation(struct test_context *t)
{
    uint64_t frames = ram_frames(t->platform->fdt);
    struct hvabi_memory_domain arg;
    uint16_t self = 0;
    uint8_t *page;

    if (!domains_self(t, &self) || !expect(t, frames > 0, "the device tree has no RAM")) {
        return;
    }
    arg.domid = HVABI_DOMID_SELF;
    expect_result(t, "XENMEM_current_reservation of DOMID_SELF",
                  memory_op(HVABI_XENMEM_CURRENT_RESERVATION, &arg), (int64_t)frames);
    expect_result(t, "XENMEM_maximum_reservation of DOMID_SELF",
                  memory_op(HVABI_XENMEM_MAXIMUM_RESERVATION, &arg), (int64_t)frames);
    arg.domid = self;
    expect_result(t, "XENMEM_current_reservation of the own ID",
                  memory_op(HVABI_XENMEM_CURRENT_RESERVATION, &arg), (int64_t)frames);
    expect_result(t, "XENMEM_maximum_reservation of the own ID",
                  memory_op(HVABI_XENMEM_MAXIMUM_RESERVATION, &arg), (int64_t)frames);
    /* A RAM page removed does not change the size. */
    page = fresh_page(t);
    if (page != NULL && expect_result(t, "XENMEM_remove_from_physmap of a RAM page",
                                      remove_frame(frame_of(page)), 0)) {
        arg.domid = HVABI_DOMID_SELF;
        expect_result(t, "XENMEM_current_reservation after removing a RAM page",
                      memory_op(HVABI_XENMEM_CURRENT_RESERVATION, &arg), (int64_t)frames);
        expect_result(t, "XENMEM_maximum_reservation after removing a RAM page",
                      memory_op(HVABI_XENMEM_MAXIMUM_RESERVATION, &arg), (int64_t)frames);
    }
}

static void reservation_errors(struct test_context *t)
{
    static const uint64_t commands[] = {
        HVABI_XENMEM_CURRENT_RESERVATION, HVABI_XENMEM_MAXIMUM_RESERVATION,
    };
    uint64_t unbacked = unbacked_guest_address(t->platform);

    for (unsigned int c = 0; c < COUNT(commands); c++) {
        struct hvabi_memory_domain arg;

        expect(t, hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, commands[c],
                                   unmapped_virtual_address()) == -HVABI_EFAULT,
               "memory_op %llu with arg at an unmapped virtual address: expected %d",
               (unsigned long long)commands[c], -HVABI_EFAULT);
        if (unbacked != 0) {
            expect(t, hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, commands[c], unbacked) ==
                          -HVABI_EFAULT,
                   "memory_op %llu with arg at a guest address without memory: expected %d",
                   (unsigned long long)commands[c], -HVABI_EFAULT);
        }
        for (unsigned int i = 0; i < domains_unused_id_count; i++) {
            arg.domid = domains_unused_ids[i];
            expect(t, memory_op(commands[c], &arg) == -HVABI_ESRCH,
                   "memory_op %llu of domain 0x%x, which does not exist: expected %d",
                   (unsigned long long)commands[c], (unsigned)arg.domid, -HVABI_ESRCH);
            /* The high bits come first. */
            expect(t, memory_op(commands[c] | HIGH_BIT, &arg) == -HVABI_EINVAL,
                   "memory_op %llu with bit 6 set, of domain 0x%x: expected %d",
                   (unsigned long long)commands[c], (unsigned)arg.domid, -HVABI_EINVAL);
        }
    }
}

static void add_shared_info(struct test_context *t)
{
    uint8_t *page = fresh_page(t);
    int64_t result;

    if (page == NULL || !expect(t, shared_info_at == 0, "the shared info page is placed already")) {
        return;
    }
    /* size is ignored. */
    result = add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, HVABI_DOMID_SELF,
                            HVABI_XENMAPSPACE_SHARED_INFO, 0, frame_of(page), 0x1234);
    if (!expect_result(t, "XENMEM_add_to_physmap of the shared info page with size 0x1234",
                       result, 0)) {
        return;
    }
    shared_info_at = frame_of(page);
    expect(t, !page_has_pattern(page), "the page still holds what the RAM page held");
    expect(t, shows_shared_info(t, frame_of(page)),
           "an event raised on a new IPI port does not show at the placed page");
}

static void add_already_placed(struct test_context *t)
{
    uint64_t placed = shared_info_placed(t);
    uint8_t *other = fresh_page(t);

    if (placed == 0 || other == NULL) {
        return;
    }
    expect_result(t, "XENMEM_add_to_physmap of the shared info page at another frame",
                  place_shared_info(frame_of(other)), -HVABI_EBUSY);
    expect_result(t, "XENMEM_add_to_physmap of the shared info page at its own frame",
                  place_shared_info(placed), -HVABI_EBUSY);
    expect(t, page_has_pattern(other), "the other frame's RAM page changed");
    expect(t, shows_shared_info(t, placed), "the shared info page left its frame");
}

/* One failing XENMEM_add_to_physmap over a fresh page, which must keep its
 * RAM page. */
static void expect_add_fails(struct test_context *t, const char *what, uint16_t domid,
                             uint32_t space, uint64_t idx, int64_t expected)
{
    uint8_t *page = fresh_page(t);
    int64_t result;

    if (page == NULL) {
        return;
    }
    result = add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, domid, space, idx, frame_of(page), 0);
    expect(t, result == expected, "XENMEM_add_to_physmap of %s: expected %lld, got %lld", what,
           (long long)expected, (long long)result);
    expect(t, page_has_pattern(page), "the RAM page changed after the failure (%s)", what);
}

static void add_errors(struct test_context *t)
{
    static const uint32_t bad_spaces[] = {
        HVABI_XENMAPSPACE_GMFN, HVABI_XENMAPSPACE_GMFN_RANGE, 6, 7, 100, 0xffffffffU,
    };
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint8_t *page;

    expect_result(t, "XENMEM_add_to_physmap with arg at an unmapped virtual address",
                  hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                                   unmapped_virtual_address()),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "XENMEM_add_to_physmap with arg at a guest address without memory",
                      hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                                       unbacked),
                      -HVABI_EFAULT);
    }
    expect_add_fails(t, "XENMAPSPACE_gmfn_foreign", HVABI_DOMID_SELF,
                     HVABI_XENMAPSPACE_GMFN_FOREIGN, 0, -HVABI_ENOSYS);
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        expect_add_fails(t, "the shared info page of a domain that does not exist",
                         domains_unused_ids[i], HVABI_XENMAPSPACE_SHARED_INFO, 0, -HVABI_ESRCH);
    }
    expect_add_fails(t, "XENMAPSPACE_dev_mmio", HVABI_DOMID_SELF, HVABI_XENMAPSPACE_DEV_MMIO, 0,
                     -HVABI_EACCES);
    for (unsigned int i = 0; i < COUNT(bad_spaces); i++) {
        expect_add_fails(t, "an unsupported space", HVABI_DOMID_SELF, bad_spaces[i], 0,
                         -HVABI_ENOSYS);
    }
    /* None of the failures placed the shared info page anywhere. */
    page = fresh_page(t);
    if (page != NULL && shared_info_at == 0) {
        expect_result(t, "XENMEM_add_to_physmap of the shared info page after the failures",
                      place_shared_info(frame_of(page)), 0);
    }
}

static void add_bad_idx(struct test_context *t)
{
    expect_add_fails(t, "the shared info page with idx 1", HVABI_DOMID_SELF,
                     HVABI_XENMAPSPACE_SHARED_INFO, 1, -HVABI_EINVAL);
    expect_add_fails(t, "the shared info page with idx 0x80000000", HVABI_DOMID_SELF,
                     HVABI_XENMAPSPACE_SHARED_INFO, HVABI_XENMAPIDX_GRANT_TABLE_STATUS,
                     -HVABI_EINVAL);
    /* max_nr_frames is a uint32_t: these frames are beyond any grant table. */
    expect_add_fails(t, "grant-table frame 0xffffffff", HVABI_DOMID_SELF,
                     HVABI_XENMAPSPACE_GRANT_TABLE, 0xffffffffULL, -HVABI_EINVAL);
    expect_add_fails(t, "grant-table frame 0x100000000", HVABI_DOMID_SELF,
                     HVABI_XENMAPSPACE_GRANT_TABLE, 1ULL << 32, -HVABI_EINVAL);
    expect_add_fails(t, "grant-table frame 0xffffffffffffffff", HVABI_DOMID_SELF,
                     HVABI_XENMAPSPACE_GRANT_TABLE, ~0ULL, -HVABI_EINVAL);
}

static void add_bad_gpfn(struct test_context *t)
{
    uint64_t frames[8];
    unsigned int count = unmappable_frames(t->platform->fdt, frames, COUNT(frames) - 1);
    uint64_t device = device_frame(t->platform->fdt);
    uint8_t *page;

    if (device != 0) {
        frames[count++] = device;
    }
    if (shared_info_at != 0) {
        remove_frame(shared_info_at);
    }
    for (unsigned int i = 0; i < count; i++) {
        int64_t result = place_shared_info(frames[i]);

        expect(t, result == -HVABI_EINVAL,
               "XENMEM_add_to_physmap of the shared info page at frame 0x%llx, which is "
               "neither RAM nor in a window: expected %d, got %lld",
               (unsigned long long)frames[i], -HVABI_EINVAL, (long long)result);
        if (result == 0) {
            remove_frame(frames[i]);
        }
    }
    /* The failures placed it nowhere: a RAM frame takes it. */
    page = fresh_page(t);
    if (page != NULL) {
        expect_result(t, "XENMEM_add_to_physmap of the shared info page at a RAM frame",
                      place_shared_info(frame_of(page)), 0);
    }
}

static void add_order(struct test_context *t)
{
    uint64_t placed = shared_info_placed(t);
    uint64_t frames[2];
    uint16_t nobody = domains_unused_ids[0];

    if (placed == 0 || unmappable_frames(t->platform->fdt, frames, 1) != 1) {
        return;
    }
    /* Each pair: the earlier check of the list wins. */
    expect_result(t, "bits [63:6] set, and arg unreadable",
                  hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP,
                                   HVABI_XENMEM_ADD_TO_PHYSMAP | HIGH_BIT,
                                   unmapped_virtual_address()),
                  -HVABI_EINVAL);
    expect_result(t, "bits [63:6] set, and a foreign space",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP | HIGH_BIT, HVABI_DOMID_SELF,
                                 HVABI_XENMAPSPACE_GMFN_FOREIGN, 0, placed, 0),
                  -HVABI_EINVAL);
    expect_result(t, "a foreign space, and a domain that does not exist",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, nobody,
                                 HVABI_XENMAPSPACE_GMFN_FOREIGN, 0, placed, 0),
                  -HVABI_ENOSYS);
    expect_result(t, "a domain that does not exist, and dev_mmio",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, nobody, HVABI_XENMAPSPACE_DEV_MMIO,
                                 0, placed, 0),
                  -HVABI_ESRCH);
    expect_result(t, "a domain that does not exist, and an unsupported space",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, nobody, 100, 0, placed, 0),
                  -HVABI_ESRCH);
    expect_result(t, "an unsupported space, and idx 1",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, HVABI_DOMID_SELF,
                                 HVABI_XENMAPSPACE_GMFN, 1, placed, 0),
                  -HVABI_ENOSYS);
    expect_result(t, "idx 1 of the shared info page, which is placed, at a frame that is not "
                     "mappable",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, HVABI_DOMID_SELF,
                                 HVABI_XENMAPSPACE_SHARED_INFO, 1, frames[0], 0),
                  -HVABI_EINVAL);
    expect_result(t, "the shared info page, which is placed, at a frame that is not mappable",
                  place_shared_info(frames[0]), -HVABI_EBUSY);
}

static void remove_pages(struct test_context *t)
{
    uint64_t placed = shared_info_placed(t);
    uint8_t *ram = fresh_page(t);
    uint8_t *other = fresh_page(t);

    if (placed == 0 || ram == NULL || other == NULL) {
        return;
    }
    /* A hypervisor page: the frame is empty, and the page at no frame. */
    expect_result(t, "XENMEM_remove_from_physmap of the shared info page", remove_frame(placed),
                  0);
    expect_result(t, "XENMEM_remove_from_physmap of its frame again", remove_frame(placed),
                  -HVABI_ENOENT);
    expect_result(t, "XENMEM_add_to_physmap of the removed shared info page at another frame",
                  place_shared_info(frame_of(other)), 0);
    expect(t, shows_shared_info(t, frame_of(other)), "the placed page is not the shared info");
    /* A RAM page: the frame is empty, and stays a RAM frame that can hold
     * a page. */
    expect_result(t, "XENMEM_remove_from_physmap of a RAM page", remove_frame(frame_of(ram)), 0);
    expect_result(t, "XENMEM_remove_from_physmap of the emptied RAM frame",
                  remove_frame(frame_of(ram)), -HVABI_ENOENT);
    expect_result(t, "XENMEM_remove_from_physmap of the shared info page",
                  remove_frame(frame_of(other)), 0);
    expect_result(t, "XENMEM_add_to_physmap of the shared info page at the emptied RAM frame",
                  place_shared_info(frame_of(ram)), 0);
}

static void remove_errors(struct test_context *t)
{
    uint64_t frames[8];
    unsigned int count = unmappable_frames(t->platform->fdt, frames, COUNT(frames) - 2);
    uint64_t device = device_frame(t->platform->fdt);
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint8_t *page = fresh_page(t);

    if (page == NULL) {
        return;
    }
    expect_result(t, "XENMEM_remove_from_physmap with bit 6 set and arg unreadable",
                  hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP,
                                   HVABI_XENMEM_REMOVE_FROM_PHYSMAP | HIGH_BIT,
                                   unmapped_virtual_address()),
                  -HVABI_EINVAL);
    expect_result(t, "XENMEM_remove_from_physmap with bit 6 set of a RAM page",
                  remove_from_physmap(HVABI_XENMEM_REMOVE_FROM_PHYSMAP | HIGH_BIT,
                                      HVABI_DOMID_SELF, frame_of(page)),
                  -HVABI_EINVAL);
    expect_result(t, "XENMEM_remove_from_physmap with arg at an unmapped virtual address",
                  hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_REMOVE_FROM_PHYSMAP,
                                   unmapped_virtual_address()),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "XENMEM_remove_from_physmap with arg at a guest address without "
                         "memory",
                      hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP,
                                       HVABI_XENMEM_REMOVE_FROM_PHYSMAP, unbacked),
                      -HVABI_EFAULT);
    }
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        expect(t, remove_from_physmap(HVABI_XENMEM_REMOVE_FROM_PHYSMAP, domains_unused_ids[i],
                                      frame_of(page)) == -HVABI_ESRCH,
               "XENMEM_remove_from_physmap in domain 0x%x, which does not exist: expected %d",
               (unsigned)domains_unused_ids[i], -HVABI_ESRCH);
    }
    expect(t, page_has_pattern(page), "a failed call removed the RAM page");
    /* Frames that hold no RAM or hypervisor page. */
    if (t->platform->grant_window_size != 0) {
        frames[count++] = t->platform->grant_window_base / PAGE_SIZE;
    }
    if (device != 0) {
        frames[count++] = device;
    }
    for (unsigned int i = 0; i < count; i++) {
        int64_t result = remove_frame(frames[i]);

        expect(t, result == -HVABI_ENOENT,
               "XENMEM_remove_from_physmap of frame 0x%llx, which holds no page: expected %d, "
               "got %lld",
               (unsigned long long)frames[i], -HVABI_ENOENT, (long long)result);
    }
}

const struct conformance_test memory_op_tests[] = {
    {
        .name = "memory_op_high_bits",
        .verifies = "hvabi~memory-op-high-bits~1",
        .run = high_bits,
    },
    {
        .name = "memory_op_reserved_command",
        .verifies = "hvabi~memory-op-reserved-command~1",
        .run = reserved_command,
    },
    {
        .name = "memory_op_no_reservation_change",
        .verifies = "hvabi~memory-op-no-reservation-change~1",
        .run = no_reservation_change,
    },
    {
        .name = "memory_op_reservation",
        .verifies = "hvabi~memory-op-reservation~1 hvabi~types-domid-self~1",
        .run = reservation,
    },
    {
        .name = "memory_op_reservation_errors",
        .verifies = "hvabi~memory-op-reservation-errors~1",
        .run = reservation_errors,
    },
    {
        .name = "memory_op_add_shared_info",
        .verifies = "hvabi~memory-op-add-shared-info~1 hvabi~memory-op-add-size~1",
        .run = add_shared_info,
    },
    {
        .name = "memory_op_add_already_placed",
        .verifies = "hvabi~memory-op-add-already-placed~1",
        .run = add_already_placed,
    },
    {
        .name = "memory_op_add_errors",
        .verifies = "hvabi~memory-op-add-fault~1 hvabi~memory-op-add-foreign~1 "
                    "hvabi~memory-op-add-bad-domain~1 hvabi~memory-op-add-dev-mmio~1 "
                    "hvabi~memory-op-add-bad-space~1 hvabi~memory-op-add-failure~1",
        .run = add_errors,
    },
    {
        .name = "memory_op_add_bad_idx",
        .verifies = "hvabi~memory-op-add-bad-idx~1 hvabi~memory-op-add-failure~1",
        .run = add_bad_idx,
    },
    {
        .name = "memory_op_add_bad_gpfn",
        .verifies = "hvabi~memory-op-add-bad-gpfn~1",
        .run = add_bad_gpfn,
    },
    {
        .name = "memory_op_add_order",
        .verifies = "hvabi~memory-op-add-order~1",
        .run = add_order,
    },
    {
        .name = "memory_op_remove",
        .verifies = "hvabi~memory-op-remove~1",
        .run = remove_pages,
    },
    {
        .name = "memory_op_remove_errors",
        .verifies = "hvabi~memory-op-remove-errors~1",
        .run = remove_errors,
    },
    { .name = NULL },
};

/* In a domain that is not a control domain, with a control domain "control". */

static void other_domain(struct test_context *t)
{
    struct hvabi_memory_domain arg;
    uint16_t other = 0;
    uint8_t *page = fresh_page(t);

    if (page == NULL || !domains_peer(t, "control", &other)) {
        return;
    }
    expect_result(t, "XENMEM_add_to_physmap of the shared info page of another domain",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, other,
                                 HVABI_XENMAPSPACE_SHARED_INFO, 0, frame_of(page), 0),
                  -HVABI_EPERM);
    /* dev_mmio before the other domain; the other domain before the space
     * and the index. */
    expect_result(t, "XENMEM_add_to_physmap of dev_mmio of another domain",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, other, HVABI_XENMAPSPACE_DEV_MMIO,
                                 0, frame_of(page), 0),
                  -HVABI_EACCES);
    expect_result(t, "XENMEM_add_to_physmap of an unsupported space of another domain",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, other, 100, 0, frame_of(page), 0),
                  -HVABI_EPERM);
    expect_result(t, "XENMEM_add_to_physmap of idx 1 of another domain",
                  add_to_physmap(HVABI_XENMEM_ADD_TO_PHYSMAP, other,
                                 HVABI_XENMAPSPACE_SHARED_INFO, 1, frame_of(page), 0),
                  -HVABI_EPERM);
    expect(t, page_has_pattern(page), "a failed call changed this domain's page");
    /* A frame of this domain and an empty frame 0: -EPERM comes before -ENOENT. */
    expect_result(t, "XENMEM_remove_from_physmap in another domain",
                  remove_from_physmap(HVABI_XENMEM_REMOVE_FROM_PHYSMAP, other, frame_of(page)),
                  -HVABI_EPERM);
    expect_result(t, "XENMEM_remove_from_physmap of frame 0 in another domain",
                  remove_from_physmap(HVABI_XENMEM_REMOVE_FROM_PHYSMAP, other, 0),
                  -HVABI_EPERM);
    arg.domid = other;
    expect_result(t, "XENMEM_current_reservation of another domain",
                  memory_op(HVABI_XENMEM_CURRENT_RESERVATION, &arg), -HVABI_EPERM);
    expect_result(t, "XENMEM_maximum_reservation of another domain",
                  memory_op(HVABI_XENMEM_MAXIMUM_RESERVATION, &arg), -HVABI_EPERM);
    expect_result(t, "XENMEM_current_reservation of another domain with bit 6 set",
                  memory_op(HVABI_XENMEM_CURRENT_RESERVATION | HIGH_BIT, &arg), -HVABI_EINVAL);
}

const struct conformance_test memory_op_other_domain_tests[] = {
    {
        .name = "memory_op_other_domain",
        .verifies = "hvabi~memory-op-add-other-domain~1 hvabi~memory-op-remove-errors~1 "
                    "hvabi~memory-op-reservation-errors~1 hvabi~memory-op-add-order~1 "
                    "hvabi~control-not-permitted~1",
        .run = other_domain,
    },
    { .name = NULL },
};
