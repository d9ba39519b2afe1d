/*
 * test_vcpu_op.c - the vcpu_op hypercall (core/vcpu_op.c, core/runstate.c,
 * spec/chapters/vcpu_op.rst): placing a vCPU's vcpu_info, registering its
 * runstate area, and the order of the checks.
 *
 * The domain has 2 vCPUs: vCPU 0 runs and calls, vCPU 1 is off.  Its RAM
 * is 4 pages at GUEST_RAM_BASE; the guest's virtual addresses GUEST_VA..
 * map them page for page, writable, and READ_ONLY_VA maps its last page
 * read-only.  Time: the counter runs at 62.5 MHz (16 ns a tick).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/event_channel.h"
#include "core/hypercall.h"
#include "core/runstate.h"
#include "core/vgic.h"
#include "tests/support/core_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/memory_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>
#include <hvabi/vcpu_op.h>

#define RAM_PAGES    4
#define GUEST_VA     0x10000ULL
#define READ_ONLY_VA 0x80000ULL
#define UNMAPPED_VA  0xdead0000ULL
#define ARG_OFFSET   0x100            /* the argument of a call, in page 0 */
#define AREA_OFFSET  (PAGE_SIZE + 0x200) /* a runstate area, in page 1 */
#define INFO_FRAME   (GUEST_RAM_BASE / PAGE_SIZE + 2) /* page 2 takes vcpu_infos */
#define LAST_FRAME   (GUEST_RAM_BASE / PAGE_SIZE + RAM_PAGES - 1)
#define NS_PER_TICK  16ULL

static _Alignas(4096) uint8_t ram[RAM_PAGES * PAGE_SIZE];
static struct domain *d;
static struct vcpu *v0, *v1;
static struct hvabi_vcpu_info *slot_in_shared_info; /* vCPU 0's vcpu_info at the start */

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    fake_arch.counter = 1000;
    d = core_fixture_domain("guest", 2);
    core_fixture_give_ram(d, ram, sizeof(ram));
    core_fixture_start(d);
    v0 = &d->vcpus[0];
    v1 = &d->vcpus[1];
    slot_in_shared_info = v0->vcpu_info;
    fake_arch.current_vcpu = v0;
    runstate_enter(v0, HVABI_RUNSTATE_RUNNING); /* as cpu_run() does when it starts vCPU 0 */
    for (uint64_t page = 0; page < RAM_PAGES; page++) {
        assert_int_equal(fake_arch_map_va(GUEST_VA + page * PAGE_SIZE,
                                          GUEST_RAM_BASE + page * PAGE_SIZE, true),
                         0);
    }
    assert_int_equal(fake_arch_map_va(READ_ONLY_VA, GUEST_RAM_BASE + (RAM_PAGES - 1) * PAGE_SIZE,
                                      false),
                     0);
    memset(ram, 0, sizeof(ram));
    return 0;
}

/* Calls vcpu_op on vCPU 0 with the `size` bytes of `arg` in the guest's page 0. */
static int64_t vcpu_op(uint32_t cmd, uint32_t vcpuid, const void *arg, size_t size)
{
    memcpy(ram + ARG_OFFSET, arg, size);
    return do_vcpu_op(v0, cmd, vcpuid, GUEST_VA + ARG_OFFSET);
}

static int64_t register_vcpu_info(uint32_t vcpuid, uint64_t gfn, uint32_t offset)
{
    const struct hvabi_vcpu_register_vcpu_info r = { .gfn = gfn, .offset = offset,
                                                     .rsvd = 0xdeadbeef };

    return vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, vcpuid, &r, sizeof(r));
}

static int64_t register_runstate(uint32_t vcpuid, uint64_t addr)
{
    const struct hvabi_vcpu_register_runstate_memory_area r = { .addr = addr };

    return vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, vcpuid, &r, sizeof(r));
}

/* The vcpu_info at `offset` of the guest's page INFO_FRAME, in host memory. */
static struct hvabi_vcpu_info *info_at(uint32_t offset)
{
    return (struct hvabi_vcpu_info *)(ram + (INFO_FRAME * PAGE_SIZE - GUEST_RAM_BASE) + offset);
}

/* The runstate area at AREA_OFFSET of the guest's RAM. */
static struct hvabi_vcpu_runstate_info *area(void)
{
    return (struct hvabi_vcpu_runstate_info *)(ram + AREA_OFFSET);
}

static bool upcall_interrupt_pending(const struct vcpu *v)
{
    return v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].pending;
}

static void advance_ticks(uint64_t ticks)
{
    fake_arch.counter += ticks;
}

/* ---- Commands and vCPU IDs ---- */

static void test_unsupported_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = { 0, 1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14, 15, 0xffffffffU };

    (void)state;
    /* First of all checks: whatever vcpuid and arg are. */
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_vcpu_op(v0, commands[i], 0, UNMAPPED_VA), -HVABI_ENOSYS);
        assert_int_equal(do_vcpu_op(v0, commands[i], 99, UNMAPPED_VA), -HVABI_ENOSYS);
    }
}

static void test_vcpuid_of_no_vcpu_fails_with_enoent_before_the_argument_is_read(void **state)
{
    static const uint32_t ids[] = { 2, MAX_VCPUS_PER_DOMAIN, 0xffffffffU };

    (void)state;
    for (unsigned int i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        assert_int_equal(do_vcpu_op(v0, HVABI_VCPUOP_REGISTER_VCPU_INFO, ids[i], UNMAPPED_VA),
                         -HVABI_ENOENT);
        assert_int_equal(do_vcpu_op(v0, HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, ids[i],
                                    UNMAPPED_VA),
                         -HVABI_ENOENT);
    }
}

/* ---- VCPUOP_register_vcpu_info ---- */

static void test_vcpu_info_moves_to_the_frame_and_offset_given(void **state)
{
    (void)state;
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 64), 0);
    assert_ptr_equal(v0->vcpu_info, info_at(64));
}

static void test_new_vcpu_info_starts_from_the_old_one(void **state)
{
    struct hvabi_vcpu_info *old = slot_in_shared_info;

    (void)state;
    old->time.version = 6;
    old->time.system_time = 0x123456789ULL;
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), 0);
    assert_int_equal(info_at(0)->time.version, 6);
    assert_int_equal(info_at(0)->time.system_time, 0x123456789ULL);
}

static void test_vcpu_info_of_a_vcpu_that_had_none_starts_from_zeros(void **state)
{
    struct hvabi_vcpu_info *info = info_at(48);

    (void)state;
    memset(info, 0xa5, sizeof(*info));
    assert_null(v1->vcpu_info);
    assert_int_equal(register_vcpu_info(1, INFO_FRAME, 48), 0);
    assert_ptr_equal(v1->vcpu_info, info);
    assert_int_equal(info->time.version, 0);
    assert_int_equal(info->time.system_time, 0);
    assert_int_equal(info->pad0, 0);
}

static void test_registration_sets_every_selector_bit_and_the_upcall(void **state)
{
    (void)state;
    assert_int_equal(register_vcpu_info(1, INFO_FRAME, 0), 0);
    assert_int_equal(info_at(0)->evtchn_pending_sel, ~0ULL);
    assert_int_equal(info_at(0)->evtchn_upcall_pending, 1);
    assert_true(upcall_interrupt_pending(v1));
    assert_false(upcall_interrupt_pending(v0));
}

static void test_registration_with_the_upcall_already_set_raises_no_interrupt(void **state)
{
    (void)state;
    /* The flag was 1 in the old place: step 4 of raising an event stops there. */
    v0->vcpu_info->evtchn_upcall_pending = 1;
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), 0);
    assert_int_equal(info_at(0)->evtchn_upcall_pending, 1);
    assert_false(upcall_interrupt_pending(v0));
}

static void test_old_vcpu_info_is_no_longer_written(void **state)
{
    struct hvabi_vcpu_info *old = slot_in_shared_info;
    struct hvabi_evtchn_bind_ipi ipi = { .vcpu = 0 };
    struct hvabi_evtchn_send send;

    (void)state;
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), 0);
    info_at(0)->evtchn_pending_sel = 0;
    info_at(0)->evtchn_upcall_pending = 0;
    /* An event for vCPU 0: an IPI port, sent on. */
    memcpy(ram + ARG_OFFSET, &ipi, sizeof(ipi));
    assert_int_equal(do_event_channel_op(v0, HVABI_EVTCHNOP_BIND_IPI, GUEST_VA + ARG_OFFSET), 0);
    memcpy(&ipi, ram + ARG_OFFSET, sizeof(ipi));
    send.port = ipi.port;
    memcpy(ram + ARG_OFFSET, &send, sizeof(send));
    assert_int_equal(do_event_channel_op(v0, HVABI_EVTCHNOP_SEND, GUEST_VA + ARG_OFFSET), 0);
    assert_int_equal(info_at(0)->evtchn_upcall_pending, 1);
    assert_int_equal(info_at(0)->evtchn_pending_sel, 1);
    assert_int_equal(old->evtchn_upcall_pending, 0);
    assert_int_equal(old->evtchn_pending_sel, 0);
}

static void test_vcpu_info_at_the_last_offset_that_fits(void **state)
{
    (void)state;
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, PAGE_SIZE - sizeof(struct hvabi_vcpu_info)),
                     0);
}

static void test_vcpu_info_crossing_the_page_or_misaligned_fails_with_enxio(void **state)
{
    static const uint32_t offsets[] = { 4049, 4056, 4095, 4096, 0xfffffff8U, 4, 12, 4047 };

    (void)state;
    for (unsigned int i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        assert_int_equal(register_vcpu_info(0, INFO_FRAME, offsets[i]), -HVABI_ENXIO);
    }
    assert_ptr_equal(v0->vcpu_info, slot_in_shared_info);
}

static void test_vcpu_info_is_placed_once(void **state)
{
    (void)state;
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), 0);
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 64), -HVABI_EINVAL);
    assert_ptr_equal(v0->vcpu_info, info_at(0));
}

static void test_vcpu_info_of_another_online_vcpu_fails_with_einval(void **state)
{
    (void)state;
    v1->state = VCPU_RUNNING;
    assert_int_equal(register_vcpu_info(1, INFO_FRAME, 0), -HVABI_EINVAL);
    assert_null(v1->vcpu_info);
    /* The caller itself is online, and may. */
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), 0);
}

static void test_vcpu_info_outside_the_domains_ram_fails_with_einval(void **state)
{
    static const uint64_t frames[] = {
        0, GUEST_RAM_BASE / PAGE_SIZE - 1, LAST_FRAME + 1,
        GUEST_GRANT_WINDOW_BASE / PAGE_SIZE, 1ULL << 52, ~0ULL,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
        assert_int_equal(register_vcpu_info(0, frames[i], 0), -HVABI_EINVAL);
    }
    assert_ptr_equal(v0->vcpu_info, slot_in_shared_info);
}

static void test_vcpu_info_at_a_frame_holding_the_shared_info_page_fails_with_einval(void **state)
{
    const struct hvabi_add_to_physmap a = { .domid = HVABI_DOMID_SELF,
                                            .space = HVABI_XENMAPSPACE_SHARED_INFO,
                                            .gpfn = INFO_FRAME };

    (void)state;
    memcpy(ram + ARG_OFFSET, &a, sizeof(a));
    assert_int_equal(do_memory_op(v0, HVABI_XENMEM_ADD_TO_PHYSMAP, GUEST_VA + ARG_OFFSET), 0);
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), -HVABI_EINVAL);
}

static void test_vcpu_info_at_an_emptied_frame_fails_with_einval(void **state)
{
    const struct hvabi_remove_from_physmap r = { .domid = HVABI_DOMID_SELF, .gpfn = INFO_FRAME };

    (void)state;
    memcpy(ram + ARG_OFFSET, &r, sizeof(r));
    assert_int_equal(do_memory_op(v0, HVABI_XENMEM_REMOVE_FROM_PHYSMAP, GUEST_VA + ARG_OFFSET),
                     0);
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), -HVABI_EINVAL);
}

static void test_unreadable_vcpu_info_argument_fails_with_efault(void **state)
{
    (void)state;
    assert_int_equal(do_vcpu_op(v0, HVABI_VCPUOP_REGISTER_VCPU_INFO, 0, UNMAPPED_VA),
                     -HVABI_EFAULT);
    assert_ptr_equal(v0->vcpu_info, slot_in_shared_info);
}

static void test_enxio_comes_before_einval(void **state)
{
    (void)state;
    assert_int_equal(register_vcpu_info(0, 0, 4095), -HVABI_ENXIO);
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 0), 0);
    assert_int_equal(register_vcpu_info(0, INFO_FRAME, 4095), -HVABI_ENXIO);
}

/* ---- VCPUOP_register_runstate_memory_area ---- */

static void test_runstate_area_of_the_caller_is_written_up_to_now(void **state)
{
    (void)state;
    /* vCPU 0 entered running at tick 1000; it calls at tick 1100. */
    advance_ticks(100);
    assert_int_equal(register_runstate(0, GUEST_VA + AREA_OFFSET), 0);
    assert_int_equal(area()->state, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state_entry_time, 1100 * NS_PER_TICK);
    assert_int_equal(area()->time[HVABI_RUNSTATE_RUNNING], 100 * NS_PER_TICK);
    assert_int_equal(area()->time[HVABI_RUNSTATE_OFFLINE], 0);
}

static void test_runstate_area_of_another_vcpu_is_its_last_record(void **state)
{
    (void)state;
    /* vCPU 1 has been offline since it was created, at tick 1000. */
    advance_ticks(100);
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET), 0);
    assert_int_equal(area()->state, HVABI_RUNSTATE_OFFLINE);
    assert_int_equal(area()->state_entry_time, 1000 * NS_PER_TICK);
    for (unsigned int s = 0; s < 4; s++) {
        assert_int_equal(area()->time[s], 0);
    }
    assert_int_equal(v1->runstate_area, GUEST_VA + AREA_OFFSET);
}

static void test_runstate_area_is_written_when_the_vcpu_runs_again(void **state)
{
    (void)state;
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET), 0);
    memset(area(), 0, sizeof(*area()));
    advance_ticks(50);
    runstate_enter(v1, HVABI_RUNSTATE_RUNNING); /* CPU_ON started it */
    assert_int_equal(area()->state, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state_entry_time, 1050 * NS_PER_TICK);
    assert_int_equal(area()->time[HVABI_RUNSTATE_OFFLINE], 50 * NS_PER_TICK);
}

static void test_runstate_address_0_ends_the_updates(void **state)
{
    (void)state;
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET), 0);
    memset(area(), 0, sizeof(*area()));
    assert_int_equal(register_runstate(1, 0), 0);
    runstate_enter(v1, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state_entry_time, 0);
    assert_int_equal(v1->runstate_area, 0);
}

static void test_new_runstate_area_replaces_the_old(void **state)
{
    struct hvabi_vcpu_runstate_info *old = area();
    struct hvabi_vcpu_runstate_info *new = (struct hvabi_vcpu_runstate_info *)(ram + AREA_OFFSET
                                                                                 + 64);

    (void)state;
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET), 0);
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET + 64), 0);
    memset(old, 0, sizeof(*old));
    runstate_enter(v1, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(old->state_entry_time, 0);
    assert_int_equal(new->state, HVABI_RUNSTATE_RUNNING);
}

static void test_unwritable_runstate_area_fails_with_efault_and_keeps_the_old(void **state)
{
    (void)state;
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET), 0);
    assert_int_equal(register_runstate(1, READ_ONLY_VA), -HVABI_EFAULT);
    assert_int_equal(register_runstate(1, UNMAPPED_VA), -HVABI_EFAULT);
    /* The area crosses from the last mapped page into nothing. */
    assert_int_equal(register_runstate(1, GUEST_VA + sizeof(ram) - 8), -HVABI_EFAULT);
    assert_int_equal(v1->runstate_area, GUEST_VA + AREA_OFFSET);
}

static void test_unreadable_runstate_argument_fails_with_efault_and_keeps_the_old(void **state)
{
    (void)state;
    assert_int_equal(register_runstate(1, GUEST_VA + AREA_OFFSET), 0);
    assert_int_equal(do_vcpu_op(v0, HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, 1, UNMAPPED_VA),
                     -HVABI_EFAULT);
    assert_int_equal(v1->runstate_area, GUEST_VA + AREA_OFFSET);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_unsupported_commands_fail_with_enosys, setup),
        cmocka_unit_test_setup(test_vcpuid_of_no_vcpu_fails_with_enoent_before_the_argument_is_read,
                               setup),
        cmocka_unit_test_setup(test_vcpu_info_moves_to_the_frame_and_offset_given, setup),
        cmocka_unit_test_setup(test_new_vcpu_info_starts_from_the_old_one, setup),
        cmocka_unit_test_setup(test_vcpu_info_of_a_vcpu_that_had_none_starts_from_zeros, setup),
        cmocka_unit_test_setup(test_registration_sets_every_selector_bit_and_the_upcall, setup),
        cmocka_unit_test_setup(test_registration_with_the_upcall_already_set_raises_no_interrupt,
                               setup),
        cmocka_unit_test_setup(test_old_vcpu_info_is_no_longer_written, setup),
        cmocka_unit_test_setup(test_vcpu_info_at_the_last_offset_that_fits, setup),
        cmocka_unit_test_setup(test_vcpu_info_crossing_the_page_or_misaligned_fails_with_enxio,
                               setup),
        cmocka_unit_test_setup(test_vcpu_info_is_placed_once, setup),
        cmocka_unit_test_setup(test_vcpu_info_of_another_online_vcpu_fails_with_einval, setup),
        cmocka_unit_test_setup(test_vcpu_info_outside_the_domains_ram_fails_with_einval, setup),
        cmocka_unit_test_setup(
            test_vcpu_info_at_a_frame_holding_the_shared_info_page_fails_with_einval, setup),
        cmocka_unit_test_setup(test_vcpu_info_at_an_emptied_frame_fails_with_einval, setup),
        cmocka_unit_test_setup(test_unreadable_vcpu_info_argument_fails_with_efault, setup),
        cmocka_unit_test_setup(test_enxio_comes_before_einval, setup),
        cmocka_unit_test_setup(test_runstate_area_of_the_caller_is_written_up_to_now, setup),
        cmocka_unit_test_setup(test_runstate_area_of_another_vcpu_is_its_last_record, setup),
        cmocka_unit_test_setup(test_runstate_area_is_written_when_the_vcpu_runs_again, setup),
        cmocka_unit_test_setup(test_runstate_address_0_ends_the_updates, setup),
        cmocka_unit_test_setup(test_new_runstate_area_replaces_the_old, setup),
        cmocka_unit_test_setup(test_unwritable_runstate_area_fails_with_efault_and_keeps_the_old,
                               setup),
        cmocka_unit_test_setup(
            test_unreadable_runstate_argument_fails_with_efault_and_keeps_the_old, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
