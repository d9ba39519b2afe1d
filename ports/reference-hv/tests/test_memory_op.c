/*
 * test_memory_op.c - the memory_op hypercall (core/memory_op.c,
 * spec/chapters/memory_op.rst): placing and removing the shared info page,
 * emptying frames, the size of a domain's memory, and the order of the
 * checks.
 *
 * The caller is domain 1 ("guest", 4 pages of RAM); domain 2 ("other") is
 * the domain it names when it acts on another one.  What a frame of a
 * domain holds is read from the fake architecture's record of the domain's
 * stage-2 translation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/memory_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>

#define RAM_PAGES   4
#define UNMAPPED_VA 0xdead0000ULL

/*
 * Arguments go in the guest's second RAM page, where no test places a page:
 * the hypervisor reads them through stage 2, and would find the shared
 * info page at a frame where a test placed it.
 */
#define ARG_OFFSET (PAGE_SIZE + 0x100)

/* Frames of the guest: its first and last RAM frame, the first and last of the window. */
#define RAM_FRAME       (GUEST_RAM_BASE / PAGE_SIZE)
#define LAST_RAM_FRAME  (RAM_FRAME + RAM_PAGES - 1)
#define WINDOW_FRAME    (GUEST_GRANT_WINDOW_BASE / PAGE_SIZE)
#define LAST_WINDOW_FRAME (WINDOW_FRAME + GUEST_GRANT_WINDOW_SIZE / PAGE_SIZE - 1)

static _Alignas(4096) uint8_t ram[RAM_PAGES * PAGE_SIZE];
static _Alignas(4096) uint8_t other_ram[2 * PAGE_SIZE];
static struct vcpu *v;
static struct domain *guest, *other;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    guest = v->domain;
    other = core_fixture_domain("other", 1);
    core_fixture_give_ram(other, other_ram, sizeof(other_ram));
    core_fixture_start(other);
    return 0;
}

/* Calls memory_op `cmd` with the `size` bytes at `arg` in the guest's RAM. */
static int64_t memory_op(uint64_t cmd, const void *arg, size_t size)
{
    return do_memory_op(v, cmd, guest_fixture_put(ARG_OFFSET, arg, size));
}

static int64_t add_to_physmap(hvabi_domid_t domid, uint32_t space, uint64_t idx, uint64_t gpfn)
{
    const struct hvabi_add_to_physmap a = { .domid = domid, .space = space, .idx = idx,
                                            .gpfn = gpfn };

    return memory_op(HVABI_XENMEM_ADD_TO_PHYSMAP, &a, sizeof(a));
}

static int64_t place_shared_info(hvabi_domid_t domid, uint64_t gpfn)
{
    return add_to_physmap(domid, HVABI_XENMAPSPACE_SHARED_INFO, 0, gpfn);
}

static int64_t remove_from_physmap(hvabi_domid_t domid, uint64_t gpfn)
{
    const struct hvabi_remove_from_physmap r = { .domid = domid, .gpfn = gpfn };

    return memory_op(HVABI_XENMEM_REMOVE_FROM_PHYSMAP, &r, sizeof(r));
}

static int64_t reservation(uint64_t cmd, hvabi_domid_t domid)
{
    const struct hvabi_memory_domain m = { .domid = domid };

    return memory_op(cmd, &m, sizeof(m));
}

/* What frame `gpfn` of d holds: the physical address of its page, or 0 when it is empty. */
static uint64_t frame(struct domain *d, uint64_t gpfn)
{
    uint64_t pa;

    return arch_translate_guest_ipa(d, gpfn * PAGE_SIZE, &pa) ? pa : 0;
}

/* The RAM page that frame `gpfn` of d held when the domain started. */
static uint64_t ram_page(const struct domain *d, uint64_t gpfn)
{
    return d->ram_pa + (gpfn * PAGE_SIZE - d->ram_ipa);
}

static uint64_t shared_info(const struct domain *d)
{
    return d->events.shared_info_pa;
}

/* Asserts that every frame of the guest holds what it held at the start. */
static void assert_frames_as_at_the_start(void)
{
    for (uint64_t gpfn = RAM_FRAME; gpfn <= LAST_RAM_FRAME; gpfn++) {
        assert_int_equal(frame(guest, gpfn), ram_page(guest, gpfn));
    }
    assert_int_equal(frame(guest, WINDOW_FRAME), 0);
    assert_int_equal(frame(guest, LAST_WINDOW_FRAME), 0);
}

/* ---- Commands ---- */

static void test_reserved_and_unimplemented_commands_fail_with_enosys(void **state)
{
    (void)state;
    for (uint64_t op = 0; op <= HVABI_MEMOP_CMD_MASK; op++) {
        bool specified = op == HVABI_XENMEM_CURRENT_RESERVATION ||
                         op == HVABI_XENMEM_MAXIMUM_RESERVATION ||
                         op == HVABI_XENMEM_ADD_TO_PHYSMAP ||
                         op == HVABI_XENMEM_REMOVE_FROM_PHYSMAP;

        if (specified) {
            continue;
        }
        /* Whatever bits [63:6] are, and without reading the argument. */
        assert_int_equal(do_memory_op(v, op, UNMAPPED_VA), -HVABI_ENOSYS);
        assert_int_equal(do_memory_op(v, op | (1ULL << 6), UNMAPPED_VA), -HVABI_ENOSYS);
        assert_int_equal(do_memory_op(v, op | (1ULL << 63), UNMAPPED_VA), -HVABI_ENOSYS);
    }
    assert_frames_as_at_the_start();
}

static void test_specified_commands_with_high_bits_fail_with_einval(void **state)
{
    static const uint64_t specified[] = {
        HVABI_XENMEM_CURRENT_RESERVATION, HVABI_XENMEM_MAXIMUM_RESERVATION,
        HVABI_XENMEM_ADD_TO_PHYSMAP, HVABI_XENMEM_REMOVE_FROM_PHYSMAP,
    };

    (void)state;
    /* The argument is not read: -EINVAL, not -EFAULT. */
    for (unsigned int i = 0; i < sizeof(specified) / sizeof(specified[0]); i++) {
        assert_int_equal(do_memory_op(v, specified[i] | (1ULL << 6), UNMAPPED_VA),
                         -HVABI_EINVAL);
        assert_int_equal(do_memory_op(v, specified[i] | (1ULL << 32), UNMAPPED_VA),
                         -HVABI_EINVAL);
        assert_int_equal(do_memory_op(v, specified[i] | (1ULL << 63), UNMAPPED_VA),
                         -HVABI_EINVAL);
    }
}

/* ---- XENMEM_current_reservation and XENMEM_maximum_reservation ---- */

static void test_reservation_is_the_number_of_ram_pages(void **state)
{
    (void)state;
    assert_int_equal(reservation(HVABI_XENMEM_CURRENT_RESERVATION, HVABI_DOMID_SELF), RAM_PAGES);
    assert_int_equal(reservation(HVABI_XENMEM_MAXIMUM_RESERVATION, HVABI_DOMID_SELF), RAM_PAGES);
    assert_int_equal(reservation(HVABI_XENMEM_CURRENT_RESERVATION, guest->id), RAM_PAGES);
    assert_int_equal(reservation(HVABI_XENMEM_MAXIMUM_RESERVATION, guest->id), RAM_PAGES);
}

static void test_reservation_keeps_counting_frames_with_a_page_placed_over_them(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, LAST_RAM_FRAME), 0);
    assert_int_equal(reservation(HVABI_XENMEM_CURRENT_RESERVATION, HVABI_DOMID_SELF), RAM_PAGES);
    assert_int_equal(reservation(HVABI_XENMEM_MAXIMUM_RESERVATION, HVABI_DOMID_SELF), RAM_PAGES);
}

static void test_reservation_with_an_unreadable_argument_fails_with_efault(void **state)
{
    (void)state;
    assert_int_equal(do_memory_op(v, HVABI_XENMEM_CURRENT_RESERVATION, UNMAPPED_VA),
                     -HVABI_EFAULT);
    assert_int_equal(do_memory_op(v, HVABI_XENMEM_MAXIMUM_RESERVATION, UNMAPPED_VA),
                     -HVABI_EFAULT);
}

static void test_reservation_of_an_unknown_domain_fails_with_esrch(void **state)
{
    (void)state;
    assert_int_equal(reservation(HVABI_XENMEM_CURRENT_RESERVATION, 3), -HVABI_ESRCH);
    assert_int_equal(reservation(HVABI_XENMEM_MAXIMUM_RESERVATION, HVABI_DOMID_XEN),
                     -HVABI_ESRCH);
}

static void test_reservation_of_another_domain_needs_a_control_domain(void **state)
{
    (void)state;
    assert_int_equal(reservation(HVABI_XENMEM_CURRENT_RESERVATION, other->id), -HVABI_EPERM);
    assert_int_equal(reservation(HVABI_XENMEM_MAXIMUM_RESERVATION, other->id), -HVABI_EPERM);
}

static void test_control_domain_reads_another_domains_reservation(void **state)
{
    (void)state;
    /* Not specified by memory_op.rst; this hypervisor answers as for the domain itself. */
    guest->is_control = true;
    assert_int_equal(reservation(HVABI_XENMEM_CURRENT_RESERVATION, other->id),
                     sizeof(other_ram) / PAGE_SIZE);
}

/* ---- XENMEM_add_to_physmap ---- */

static void test_shared_info_is_placed_at_a_ram_frame(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, LAST_RAM_FRAME), 0);
    assert_int_equal(frame(guest, LAST_RAM_FRAME), shared_info(guest));
    /* The other frames keep their RAM pages. */
    assert_int_equal(frame(guest, RAM_FRAME), ram_page(guest, RAM_FRAME));
}

static void test_shared_info_is_placed_at_a_window_frame(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, LAST_WINDOW_FRAME), 0);
    assert_int_equal(frame(guest, LAST_WINDOW_FRAME), shared_info(guest));
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, LAST_WINDOW_FRAME), 0);
    assert_int_equal(place_shared_info(guest->id, WINDOW_FRAME), 0);
    assert_int_equal(frame(guest, WINDOW_FRAME), shared_info(guest));
}

static void test_placed_shared_info_is_where_guest_copies_go(void **state)
{
    struct hvabi_shared_info *info = (struct hvabi_shared_info *)(uintptr_t)shared_info(guest);
    uint64_t word;

    (void)state;
    /* Hypercall arguments go through stage 2: at that frame they are the shared info page. */
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
    info->evtchn_pending[0] = 0x5a5a;
    assert_int_equal(guest_copy_from(v, &word,
                                     GUEST_VA + offsetof(struct hvabi_shared_info, evtchn_pending),
                                     sizeof(word)),
                     0);
    assert_int_equal(word, 0x5a5a);
}

static void test_size_is_ignored(void **state)
{
    const struct hvabi_add_to_physmap a = { .domid = HVABI_DOMID_SELF, .size = 0xffff,
                                            .space = HVABI_XENMAPSPACE_SHARED_INFO,
                                            .gpfn = RAM_FRAME };

    (void)state;
    assert_int_equal(memory_op(HVABI_XENMEM_ADD_TO_PHYSMAP, &a, sizeof(a)), 0);
    assert_int_equal(frame(guest, RAM_FRAME), shared_info(guest));
}

static void test_shared_info_placed_already_fails_with_ebusy(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), -HVABI_EBUSY);
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, LAST_RAM_FRAME), -HVABI_EBUSY);
    assert_int_equal(frame(guest, RAM_FRAME), shared_info(guest));
    assert_int_equal(frame(guest, LAST_RAM_FRAME), ram_page(guest, LAST_RAM_FRAME));
}

static void test_shared_info_index_other_than_0_fails_with_einval(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_SHARED_INFO, 1,
                                    RAM_FRAME),
                     -HVABI_EINVAL);
    assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_SHARED_INFO, ~0ULL,
                                    RAM_FRAME),
                     -HVABI_EINVAL);
    assert_frames_as_at_the_start();
}

static void test_frame_that_is_not_mappable_fails_with_einval(void **state)
{
    static const uint64_t frames[] = {
        0,                     /* below everything */
        WINDOW_FRAME - 1,      /* just below the window */
        LAST_WINDOW_FRAME + 1, /* just above it */
        RAM_FRAME - 1,         /* just below RAM */
        LAST_RAM_FRAME + 1,    /* just above it */
        1ULL << 52,            /* a frame whose address does not fit in 64 bits */
        ~0ULL,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
        assert_int_equal(place_shared_info(HVABI_DOMID_SELF, frames[i]), -HVABI_EINVAL);
    }
    assert_int_equal(fake_arch.page_maps, 0);
}

static void test_unreadable_add_to_physmap_argument_fails_with_efault(void **state)
{
    const struct hvabi_add_to_physmap a = { .domid = HVABI_DOMID_SELF,
                                            .space = HVABI_XENMAPSPACE_SHARED_INFO,
                                            .gpfn = RAM_FRAME };

    (void)state;
    assert_int_equal(do_memory_op(v, HVABI_XENMEM_ADD_TO_PHYSMAP, UNMAPPED_VA), -HVABI_EFAULT);
    /* The last 8 of its 24 bytes are past the guest's mapped pages. */
    assert_int_equal(do_memory_op(v, HVABI_XENMEM_ADD_TO_PHYSMAP,
                                  guest_fixture_put(sizeof(ram) - 16, &a, 16)),
                     -HVABI_EFAULT);
    assert_frames_as_at_the_start();
}

static void test_foreign_space_fails_with_enosys(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_GMFN_FOREIGN, 0,
                                    RAM_FRAME),
                     -HVABI_ENOSYS);
}

static void test_device_memory_fails_with_eacces(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_DEV_MMIO, 0, RAM_FRAME),
                     -HVABI_EACCES);
}

static void test_other_spaces_fail_with_enosys(void **state)
{
    static const uint32_t spaces[] = {
        HVABI_XENMAPSPACE_GMFN, HVABI_XENMAPSPACE_GMFN_RANGE, 6, 7, 0xffffffffU,
        /* Grant tables are not implemented yet (see the report of this port). */
        HVABI_XENMAPSPACE_GRANT_TABLE,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++) {
        assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, spaces[i], 0, WINDOW_FRAME),
                         -HVABI_ENOSYS);
    }
    assert_frames_as_at_the_start();
}

static void test_add_to_physmap_in_an_unknown_domain_fails_with_esrch(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(3, RAM_FRAME), -HVABI_ESRCH);
    assert_int_equal(place_shared_info(HVABI_DOMID_INVALID, RAM_FRAME), -HVABI_ESRCH);
}

static void test_add_to_physmap_in_another_domain_needs_a_control_domain(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(other->id, RAM_FRAME), -HVABI_EPERM);
    assert_int_equal(frame(other, RAM_FRAME), ram_page(other, RAM_FRAME));
}

static void test_control_domain_places_another_domains_shared_info(void **state)
{
    (void)state;
    guest->is_control = true;
    assert_int_equal(place_shared_info(other->id, RAM_FRAME), 0);
    assert_int_equal(frame(other, RAM_FRAME), shared_info(other));
    assert_int_equal(frame(guest, RAM_FRAME), ram_page(guest, RAM_FRAME));
}

static void test_failed_placement_changes_nothing(void **state)
{
    (void)state;
    /* The architecture has no translation table left for the page. */
    fake_arch.map_guest_page_result = -1;
    assert_true(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME) < 0);
    assert_frames_as_at_the_start();
    /* The page was not placed: it can be placed once the architecture can. */
    fake_arch.map_guest_page_result = 0;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
}

/* ---- Order of the checks of XENMEM_add_to_physmap (hvabi~memory-op-add-order~1) ---- */

static void test_foreign_space_is_checked_before_the_domain(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(3, HVABI_XENMAPSPACE_GMFN_FOREIGN, 0, RAM_FRAME),
                     -HVABI_ENOSYS);
}

static void test_domain_is_checked_before_device_memory(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(3, HVABI_XENMAPSPACE_DEV_MMIO, 0, RAM_FRAME), -HVABI_ESRCH);
}

static void test_device_memory_is_checked_before_the_permission(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(other->id, HVABI_XENMAPSPACE_DEV_MMIO, 0, RAM_FRAME),
                     -HVABI_EACCES);
}

static void test_permission_is_checked_before_the_space(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(other->id, HVABI_XENMAPSPACE_GMFN, 0, RAM_FRAME),
                     -HVABI_EPERM);
}

static void test_space_is_checked_before_the_index(void **state)
{
    (void)state;
    assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_GMFN_RANGE, 5, 0),
                     -HVABI_ENOSYS);
}

static void test_index_is_checked_before_a_placed_page(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(add_to_physmap(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_SHARED_INFO, 1,
                                    LAST_RAM_FRAME),
                     -HVABI_EINVAL);
}

static void test_placed_page_is_checked_before_the_frame(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, 0), -HVABI_EBUSY);
}

/* ---- XENMEM_remove_from_physmap ---- */

static void test_removing_the_shared_info_page_empties_its_frame(void **state)
{
    (void)state;
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(frame(guest, RAM_FRAME), 0);
    /* The page is at no frame now, and may be placed again. */
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, LAST_RAM_FRAME), 0);
    assert_int_equal(frame(guest, LAST_RAM_FRAME), shared_info(guest));
}

static void test_removing_a_ram_page_empties_its_frame(void **state)
{
    (void)state;
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, LAST_RAM_FRAME), 0);
    assert_int_equal(frame(guest, LAST_RAM_FRAME), 0);
    assert_int_equal(frame(guest, RAM_FRAME), ram_page(guest, RAM_FRAME));
    /* The empty RAM frame can hold a page. */
    assert_int_equal(place_shared_info(HVABI_DOMID_SELF, LAST_RAM_FRAME), 0);
}

static void test_removing_from_an_empty_frame_fails_with_enoent(void **state)
{
    (void)state;
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, WINDOW_FRAME), -HVABI_ENOENT);
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, RAM_FRAME), 0);
    assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, RAM_FRAME), -HVABI_ENOENT);
}

static void test_removing_from_a_frame_that_is_not_mappable_fails_with_enoent(void **state)
{
    static const uint64_t frames[] = { 0, RAM_FRAME - 1, LAST_RAM_FRAME + 1, 1ULL << 52, ~0ULL };

    (void)state;
    for (unsigned int i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
        assert_int_equal(remove_from_physmap(HVABI_DOMID_SELF, frames[i]), -HVABI_ENOENT);
    }
    assert_int_equal(fake_arch.page_unmaps, 0);
}

static void test_unreadable_remove_from_physmap_argument_fails_with_efault(void **state)
{
    (void)state;
    assert_int_equal(do_memory_op(v, HVABI_XENMEM_REMOVE_FROM_PHYSMAP, UNMAPPED_VA),
                     -HVABI_EFAULT);
}

static void test_removing_from_an_unknown_domain_fails_with_esrch(void **state)
{
    (void)state;
    /* Before the frame is looked at: frame 0 would fail with -ENOENT. */
    assert_int_equal(remove_from_physmap(3, 0), -HVABI_ESRCH);
}

static void test_removing_from_another_domain_needs_a_control_domain(void **state)
{
    (void)state;
    assert_int_equal(remove_from_physmap(other->id, 0), -HVABI_EPERM);
    assert_int_equal(remove_from_physmap(other->id, RAM_FRAME), -HVABI_EPERM);
    assert_int_equal(frame(other, RAM_FRAME), ram_page(other, RAM_FRAME));
}

static void test_control_domain_removes_a_page_of_another_domain(void **state)
{
    (void)state;
    guest->is_control = true;
    assert_int_equal(remove_from_physmap(other->id, RAM_FRAME), 0);
    assert_int_equal(frame(other, RAM_FRAME), 0);
    assert_int_equal(frame(guest, RAM_FRAME), ram_page(guest, RAM_FRAME));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_reserved_and_unimplemented_commands_fail_with_enosys, setup),
        cmocka_unit_test_setup(test_specified_commands_with_high_bits_fail_with_einval, setup),
        cmocka_unit_test_setup(test_reservation_is_the_number_of_ram_pages, setup),
        cmocka_unit_test_setup(test_reservation_keeps_counting_frames_with_a_page_placed_over_them,
                               setup),
        cmocka_unit_test_setup(test_reservation_with_an_unreadable_argument_fails_with_efault,
                               setup),
        cmocka_unit_test_setup(test_reservation_of_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_reservation_of_another_domain_needs_a_control_domain, setup),
        cmocka_unit_test_setup(test_control_domain_reads_another_domains_reservation, setup),
        cmocka_unit_test_setup(test_shared_info_is_placed_at_a_ram_frame, setup),
        cmocka_unit_test_setup(test_shared_info_is_placed_at_a_window_frame, setup),
        cmocka_unit_test_setup(test_placed_shared_info_is_where_guest_copies_go, setup),
        cmocka_unit_test_setup(test_size_is_ignored, setup),
        cmocka_unit_test_setup(test_shared_info_placed_already_fails_with_ebusy, setup),
        cmocka_unit_test_setup(test_shared_info_index_other_than_0_fails_with_einval, setup),
        cmocka_unit_test_setup(test_frame_that_is_not_mappable_fails_with_einval, setup),
        cmocka_unit_test_setup(test_unreadable_add_to_physmap_argument_fails_with_efault, setup),
        cmocka_unit_test_setup(test_foreign_space_fails_with_enosys, setup),
        cmocka_unit_test_setup(test_device_memory_fails_with_eacces, setup),
        cmocka_unit_test_setup(test_other_spaces_fail_with_enosys, setup),
        cmocka_unit_test_setup(test_add_to_physmap_in_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_add_to_physmap_in_another_domain_needs_a_control_domain,
                               setup),
        cmocka_unit_test_setup(test_control_domain_places_another_domains_shared_info, setup),
        cmocka_unit_test_setup(test_failed_placement_changes_nothing, setup),
        cmocka_unit_test_setup(test_foreign_space_is_checked_before_the_domain, setup),
        cmocka_unit_test_setup(test_domain_is_checked_before_device_memory, setup),
        cmocka_unit_test_setup(test_device_memory_is_checked_before_the_permission, setup),
        cmocka_unit_test_setup(test_permission_is_checked_before_the_space, setup),
        cmocka_unit_test_setup(test_space_is_checked_before_the_index, setup),
        cmocka_unit_test_setup(test_index_is_checked_before_a_placed_page, setup),
        cmocka_unit_test_setup(test_placed_page_is_checked_before_the_frame, setup),
        cmocka_unit_test_setup(test_removing_the_shared_info_page_empties_its_frame, setup),
        cmocka_unit_test_setup(test_removing_a_ram_page_empties_its_frame, setup),
        cmocka_unit_test_setup(test_removing_from_an_empty_frame_fails_with_enoent, setup),
        cmocka_unit_test_setup(test_removing_from_a_frame_that_is_not_mappable_fails_with_enoent,
                               setup),
        cmocka_unit_test_setup(test_unreadable_remove_from_physmap_argument_fails_with_efault,
                               setup),
        cmocka_unit_test_setup(test_removing_from_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_removing_from_another_domain_needs_a_control_domain, setup),
        cmocka_unit_test_setup(test_control_domain_removes_a_page_of_another_domain, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
