/*
 * test_runstate.c - a vCPU's state times and its runstate area
 * (core/runstate.h; spec/chapters/vcpu_op.rst, "The runstate record").
 *
 * One domain with one vCPU, created at tick 1000 (16 ns a tick); its
 * runstate area, once registered, is at GUEST_VA + AREA_OFFSET.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/runstate.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/vcpu_op.h>

#define AREA_OFFSET 0x200
#define NS_PER_TICK 16ULL
#define START_NS    (1000 * NS_PER_TICK)
#define UPDATE_FLAG (1ULL << HVABI_RUNSTATE_UPDATE_BIT)

static _Alignas(4096) uint8_t ram[PAGE_SIZE];
static struct vcpu *v;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    fake_arch.counter = 1000;
    runstate_init(v); /* again, now that the clock reads tick 1000 */
    memset(ram, 0, sizeof(ram));
    return 0;
}

static struct hvabi_vcpu_runstate_info *area(void)
{
    return (struct hvabi_vcpu_runstate_info *)(ram + AREA_OFFSET);
}

static void at_tick(uint64_t tick)
{
    fake_arch.counter = tick;
}

static uint64_t sum_of_times(const struct hvabi_vcpu_runstate_info *r)
{
    return r->time[0] + r->time[1] + r->time[2] + r->time[3];
}

static void test_a_new_vcpu_is_offline_since_its_creation(void **state)
{
    (void)state;
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_OFFLINE);
    assert_int_equal(v->runstate.state_entry_time, START_NS);
    assert_int_equal(sum_of_times(&v->runstate), 0);
    assert_int_equal(v->runstate_area, 0);
}

static void test_time_is_counted_in_the_state_left(void **state)
{
    (void)state;
    at_tick(1100);
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
    at_tick(1300);
    runstate_enter(v, HVABI_RUNSTATE_BLOCKED);
    at_tick(1350);
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(v->runstate.state_entry_time, 1350 * NS_PER_TICK);
    assert_int_equal(v->runstate.time[HVABI_RUNSTATE_OFFLINE], 100 * NS_PER_TICK);
    assert_int_equal(v->runstate.time[HVABI_RUNSTATE_RUNNING], 200 * NS_PER_TICK);
    assert_int_equal(v->runstate.time[HVABI_RUNSTATE_BLOCKED], 50 * NS_PER_TICK);
    assert_int_equal(v->runstate.time[HVABI_RUNSTATE_RUNNABLE], 0);
}

static void test_entering_running_writes_the_area(void **state)
{
    (void)state;
    assert_int_equal(runstate_register(v, v, GUEST_VA + AREA_OFFSET), 0);
    memset(area(), 0, sizeof(*area()));
    at_tick(1200);
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state_entry_time, 1200 * NS_PER_TICK);
    assert_int_equal(area()->time[HVABI_RUNSTATE_OFFLINE], 200 * NS_PER_TICK);
}

static void test_entering_another_state_does_not_write_the_area(void **state)
{
    (void)state;
    assert_int_equal(runstate_register(v, v, GUEST_VA + AREA_OFFSET), 0);
    memset(area(), 0, sizeof(*area()));
    at_tick(1200);
    runstate_enter(v, HVABI_RUNSTATE_BLOCKED);
    runstate_enter(v, HVABI_RUNSTATE_OFFLINE);
    assert_int_equal(area()->state_entry_time, 0);
}

static void test_an_area_not_writable_at_the_update_is_skipped(void **state)
{
    (void)state;
    assert_int_equal(runstate_register(v, v, GUEST_VA + AREA_OFFSET), 0);
    memset(area(), 0, sizeof(*area()));
    /* The guest unmaps the page: the update is lost, nothing else happens. */
    fake_arch.mapping_count = 0;
    at_tick(1200);
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state_entry_time, 0);
    assert_int_equal(v->runstate_area, GUEST_VA + AREA_OFFSET);
    /* Mapped again, the next update is written, with nothing lost from the times. */
    assert_int_equal(fake_arch_map_va(GUEST_VA, GUEST_RAM_BASE, true), 0);
    at_tick(1300);
    runstate_enter(v, HVABI_RUNSTATE_BLOCKED);
    runstate_enter(v, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(area()->state_entry_time, 1300 * NS_PER_TICK);
    assert_int_equal(area()->time[HVABI_RUNSTATE_RUNNING], 100 * NS_PER_TICK);
}

static void test_times_add_up_between_updates(void **state)
{
    uint64_t entry, sum;

    (void)state;
    assert_int_equal(runstate_register(v, v, GUEST_VA + AREA_OFFSET), 0);
    entry = area()->state_entry_time;
    sum = sum_of_times(area());
    for (uint64_t tick = 1010; tick < 1100; tick += 10) {
        at_tick(tick);
        runstate_enter(v, tick % 20 == 0 ? HVABI_RUNSTATE_BLOCKED : HVABI_RUNSTATE_OFFLINE);
        at_tick(tick + 3);
        runstate_enter(v, HVABI_RUNSTATE_RUNNING);
        /* hvabi~vcpu-op-runstate-sum~1, and bit 63 stays clear (no update flag). */
        assert_int_equal(area()->state_entry_time & UPDATE_FLAG, 0);
        assert_int_equal(sum_of_times(area()) - sum, area()->state_entry_time - entry);
        entry = area()->state_entry_time;
        sum = sum_of_times(area());
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_a_new_vcpu_is_offline_since_its_creation, setup),
        cmocka_unit_test_setup(test_time_is_counted_in_the_state_left, setup),
        cmocka_unit_test_setup(test_entering_running_writes_the_area, setup),
        cmocka_unit_test_setup(test_entering_another_state_does_not_write_the_area, setup),
        cmocka_unit_test_setup(test_an_area_not_writable_at_the_update_is_skipped, setup),
        cmocka_unit_test_setup(test_times_add_up_between_updates, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
