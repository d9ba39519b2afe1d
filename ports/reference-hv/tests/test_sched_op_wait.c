/*
 * test_sched_op_wait.c - the sched_op commands that wait or arm deadlines
 * (spec/chapters/sched_op.rst): SCHEDOP_block, SCHEDOP_poll and
 * SCHEDOP_watchdog.  The vCPU waits on its own CPU; the fake's
 * `while_waiting` plays what happens meanwhile (an interrupt, an event,
 * time passing, another CPU stopping the domain).
 *
 * Domain 1 (the guest) has 2 vCPUs on CPUs 0 and 1; vCPU 0 calls.  Domain 2
 * is joined to it by a static event channel: d1 port 5 - d2 port 6.  Time:
 * the counter runs at 62.5 MHz, 16 ns a tick, and starts at tick 1000.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/event_channel.h"
#include "core/hypercall.h"
#include "core/vgic.h"
#include "tests/support/core_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/sched_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/vcpu_op.h>

#define START_TICKS 1000ULL
#define START_NS    16000ULL
#define PORT        5U
#define GUEST_VA    0x10000ULL
#define PORTS_VA    (GUEST_VA + 256)
#define NS_PER_S    1000000000ULL

static _Alignas(4096) uint8_t ram[2 * PAGE_SIZE];
static struct domain *d;
static struct vcpu *v;
static struct boot_config cfg;

static int setup(void **state)
{
    struct domain *peer;
    uint32_t ports[2] = { PORT, PORT };

    (void)state;
    core_fixture_reset();
    core_fixture_cpus(3);
    d = core_fixture_domain("guest", 2);
    peer = core_fixture_domain("peer", 1);
    core_fixture_give_ram(d, ram, sizeof(ram));
    assert_int_equal(cpus_place_vcpus(2), 0);
    core_fixture_start(d);
    core_fixture_start(peer);
    d->vcpus[1].state = VCPU_RUNNING;
    v = &d->vcpus[0];
    fake_arch.current_vcpu = v;
    for (uint64_t offset = 0; offset < sizeof(ram); offset += PAGE_SIZE) {
        assert_int_equal(fake_arch_map_va(GUEST_VA + offset, GUEST_RAM_BASE + offset, true), 0);
    }
    fake_arch.counter = START_TICKS;

    memset(&cfg, 0, sizeof(cfg));
    cfg.static_evtchns[0] = (struct static_evtchn_config){ .domain_index = { 0, 1 },
                                                           .port = { PORT, 6 } };
    cfg.static_evtchn_count = 1;
    assert_int_equal(evtchn_connect_static(&cfg), 0);
    memcpy(ram + 256, ports, sizeof(ports));
    return 0;
}

/* Copies `len` bytes to offset `offset` of the guest's RAM; returns their guest virtual address. */
static uint64_t put(uint64_t offset, const void *data, size_t len)
{
    assert_true(offset + len <= sizeof(ram));
    memcpy(ram + offset, data, len);
    return GUEST_VA + offset;
}

/* The pending bit of `port` in domain 1's shared info page. */
static void set_pending(uint32_t port)
{
    struct hvabi_shared_info *info = (void *)(uintptr_t)d->events.shared_info_pa;

    info->evtchn_pending[port / 64] |= 1ULL << (port % 64);
}

/* ---- SCHEDOP_block ---- */

static void test_block_with_an_interrupt_pending_returns_at_once(void **state)
{
    (void)state;
    v->vgic.irq[27].enabled = true;
    v->vgic.irq[27].pending = true;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_BLOCK, 0), 0);
    assert_int_equal(fake_arch.waits, 0);
    /* Interrupts are unmasked for the return: the guest takes the interrupt. */
    assert_int_equal(fake_arch.irq_unmasks, 1);
    assert_ptr_equal(fake_arch.last_irq_unmask_vcpu, v);
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_RUNNING);
}

static void test_block_with_the_upcall_flag_set_returns_at_once(void **state)
{
    (void)state;
    v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].enabled = true;
    v->vcpu_info->evtchn_upcall_pending = 1;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_BLOCK, 0), 0);
    assert_int_equal(fake_arch.waits, 0);
}

/* While waiting: 500 ticks pass, then an enabled interrupt of vCPU 0 becomes pending. */
static void interrupt_after_500_ticks(void)
{
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_BLOCKED);
    fake_arch.counter += 500;
    vgic_raise(v, 27);
}

static void test_block_waits_for_an_interrupt(void **state)
{
    (void)state;
    v->vgic.irq[27].enabled = true;
    v->runstate.time[HVABI_RUNSTATE_BLOCKED] = 0;
    fake_arch.while_waiting = interrupt_after_500_ticks;
    fake_arch.waits_before_escape = 1;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_BLOCK, 0), 0);
    assert_int_equal(fake_arch.waits, 1);
    assert_int_equal(fake_arch.interrupt_handlings, 1);
    /* No deadline: the hypervisor timer is off while it waits. */
    assert_false(fake_arch.timer_armed);
    assert_true(fake_arch.timer_disarms >= 1);
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_RUNNING);
    assert_int_equal(v->runstate.time[HVABI_RUNSTATE_BLOCKED], 500 * 16);
}

static void stop_the_domain(void)
{
    domain_stop_for_fault(d, "stopped while blocked");
}

static void test_block_ends_when_the_domain_stops(void **state)
{
    (void)state;
    fake_arch.while_waiting = stop_the_domain;
    fake_arch.waits_before_escape = 1;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_BLOCK, 0), 0);
    assert_int_equal(v->state, VCPU_STOPPED);
    expect_console("(hv) hvabi: d1 stopped: guest-fault: stopped while blocked\n");
}

/* ---- SCHEDOP_poll ---- */

static int64_t poll(uint32_t nr_ports, uint64_t ports, uint64_t timeout)
{
    const struct hvabi_sched_poll request = { .ports = ports, .nr_ports = nr_ports,
                                              .timeout = timeout };

    return do_sched_op(v, HVABI_SCHEDOP_POLL, put(0, &request, sizeof(request)));
}

static void test_poll_errors(void **state)
{
    (void)state;
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_POLL, 0), -HVABI_EFAULT);
    assert_int_equal(poll(HVABI_SCHED_POLL_MAX_PORTS + 1, PORTS_VA, 0), -HVABI_EINVAL);
    assert_int_equal(poll(1, 0xdead0000, 0), -HVABI_EFAULT);
    /* Port 5 is open; port 7 and port 0 are not. */
    memcpy(ram + 256 + 4, &(uint32_t){ 7 }, 4);
    assert_int_equal(poll(2, PORTS_VA, 0), -HVABI_EINVAL);
    memcpy(ram + 256 + 4, &(uint32_t){ 0 }, 4);
    assert_int_equal(poll(2, PORTS_VA, 0), -HVABI_EINVAL);
    assert_int_equal(fake_arch.waits, 0);
}

static void test_poll_of_a_pending_port_returns_at_once(void **state)
{
    (void)state;
    set_pending(PORT);
    assert_int_equal(poll(2, PORTS_VA, 0), 0);
    assert_int_equal(fake_arch.waits, 0);
}

static void test_poll_with_a_timeout_already_past_returns_at_once(void **state)
{
    (void)state;
    assert_int_equal(poll(1, PORTS_VA, START_NS), 0);
    assert_int_equal(poll(0, PORTS_VA, 1), 0);
    assert_int_equal(fake_arch.waits, 0);
    assert_int_equal(v->poll_deadline, 0);
}

static void event_arrives(void)
{
    assert_int_equal(v->poll_deadline, 0);
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_BLOCKED);
    set_pending(PORT);
}

static void test_poll_waits_for_the_event(void **state)
{
    (void)state;
    fake_arch.while_waiting = event_arrives;
    fake_arch.waits_before_escape = 1;
    assert_int_equal(poll(1, PORTS_VA, 0), 0);
    assert_int_equal(fake_arch.waits, 1);
    assert_int_equal(v->runstate.state, HVABI_RUNSTATE_RUNNING);
}

/* While waiting: the timer is armed for the poll's deadline; then the deadline passes. */
static void deadline_passes(void)
{
    /* START_NS + 1600 ns is tick 1100. */
    assert_true(fake_arch.timer_armed);
    assert_int_equal(fake_arch.timer_count, START_TICKS + 100);
    assert_int_equal(v->poll_deadline, START_NS + 1600);
    fake_arch.counter += 100;
}

static void test_poll_waits_until_its_timeout(void **state)
{
    (void)state;
    fake_arch.while_waiting = deadline_passes;
    fake_arch.waits_before_escape = 1;
    assert_int_equal(poll(1, PORTS_VA, START_NS + 1600), 0);
    assert_int_equal(fake_arch.waits, 1);
    assert_int_equal(v->poll_deadline, 0);
}

/* ---- SCHEDOP_watchdog ---- */

static int64_t watchdog(struct vcpu *caller, uint32_t id, uint32_t timeout)
{
    const struct hvabi_sched_watchdog request = { .id = id, .timeout = timeout };

    return do_sched_op(caller, HVABI_SCHEDOP_WATCHDOG,
                       put(64, &request, sizeof(request)));
}

static void test_watchdogs_are_created_until_none_is_left(void **state)
{
    (void)state;
    assert_int_equal(watchdog(v, 0, 10), 1);
    assert_true(d->watchdogs[0].in_use);
    assert_int_equal(d->watchdogs[0].expiry, START_NS + 10 * NS_PER_S);
    /* vCPU 0's CPU runs the domain's watchdogs: its timer is armed for the expiry. */
    assert_true(fake_arch.timer_armed);
    assert_int_equal(fake_arch.timer_count, START_TICKS + 10 * 62500000ULL);
    assert_int_equal(watchdog(v, 0, 5), 2);
    assert_int_equal(fake_arch.timer_count, START_TICKS + 5 * 62500000ULL);
    assert_int_equal(HVABI_SCHED_WATCHDOG_MAX, 2);
    assert_int_equal(watchdog(v, 0, 1), -HVABI_ENOSPC);
}

static void test_watchdog_rearmed_and_destroyed(void **state)
{
    (void)state;
    assert_int_equal(watchdog(v, 0, 10), 1);
    fake_arch.counter += 62500000ULL; /* one second later */
    assert_int_equal(watchdog(v, 1, 3), 0);
    assert_int_equal(d->watchdogs[0].expiry, START_NS + 4 * NS_PER_S);
    assert_int_equal(watchdog(v, 1, 0), 0);
    assert_false(d->watchdogs[0].in_use);
    assert_false(fake_arch.timer_armed);
    /* Its slot is free again. */
    assert_int_equal(watchdog(v, 0, 10), 1);
}

static void test_watchdog_errors(void **state)
{
    (void)state;
    assert_int_equal(watchdog(v, 1, 10), -HVABI_EINVAL); /* not created */
    assert_int_equal(watchdog(v, HVABI_SCHED_WATCHDOG_MAX + 1, 10), -HVABI_EINVAL);
    assert_int_equal(watchdog(v, UINT32_MAX, 0), -HVABI_EINVAL);
    assert_int_equal(do_sched_op(v, HVABI_SCHEDOP_WATCHDOG, 0), -HVABI_EFAULT);
    assert_int_equal(fake_arch.timer_arms, 0);
}

static void test_watchdog_from_another_vcpu_kicks_vcpu_0(void **state)
{
    (void)state;
    fake_arch.current_vcpu = &d->vcpus[1];
    assert_int_equal(watchdog(&d->vcpus[1], 0, 10), 1);
    /* This CPU's timer is not the one: vCPU 0's CPU is kicked to re-arm its own. */
    assert_int_equal(fake_arch.timer_arms, 0);
    assert_int_equal(fake_arch.kicks[0], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_block_with_an_interrupt_pending_returns_at_once, setup),
        cmocka_unit_test_setup(test_block_with_the_upcall_flag_set_returns_at_once, setup),
        cmocka_unit_test_setup(test_block_waits_for_an_interrupt, setup),
        cmocka_unit_test_setup(test_block_ends_when_the_domain_stops, setup),
        cmocka_unit_test_setup(test_poll_errors, setup),
        cmocka_unit_test_setup(test_poll_of_a_pending_port_returns_at_once, setup),
        cmocka_unit_test_setup(test_poll_with_a_timeout_already_past_returns_at_once, setup),
        cmocka_unit_test_setup(test_poll_waits_for_the_event, setup),
        cmocka_unit_test_setup(test_poll_waits_until_its_timeout, setup),
        cmocka_unit_test_setup(test_watchdogs_are_created_until_none_is_left, setup),
        cmocka_unit_test_setup(test_watchdog_rearmed_and_destroyed, setup),
        cmocka_unit_test_setup(test_watchdog_errors, setup),
        cmocka_unit_test_setup(test_watchdog_from_another_vcpu_kicks_vcpu_0, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
