/*
 * safety_event_edge.c - a peer that sends events at any rate interrupts
 * the receiver only when a port becomes pending and is not masked.
 *
 * Specification: spec/chapters/safety.rst, "Temporal"
 * (hvabi~safety-temporal-event-edge~1).  A guest sees the interruptions
 * the hypervisor makes for events as its event interrupt, which the test
 * counts.  Scenario scenarios/event_edge.conf: a receiver and a sender
 * joined by two static channels, port 10 (the events under test, from the
 * sender) and port 11 (the receiver's "ready", to the sender).
 *
 *   receiver: masks port 10, sends "ready" on port 11 until the first
 *     burst makes port 10 pending; checks that no interrupt came; clears
 *     the pending bit and unmasks the port; checks that the second burst
 *     interrupts it once, although it never clears the pending bit again.
 *   sender: waits for "ready", sends a burst of events on port 10, waits
 *     1 s, sends a second burst.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "guest/interrupts.h"
#include "support/clock.h"
#include "support/events.h"
#include "support/shared_info.h"

#include <hvabi/shared_info.h>

#define EVENT_PORT 10
#define READY_PORT 11
#define BURST 50
#define BURST_GAP_MS 1000
#define SETTLE_MS 300
#define WAIT_MS 10000

struct event_interrupts {
    volatile struct hvabi_shared_info *shared;
    volatile uint32_t taken;    /* with the upcall flag set: for an event */
    volatile uint32_t spurious; /* with the flag clear: allowed, not counted */
};

static struct event_interrupts received;

/*
 * Takes the upcall flag and the selector, as a guest does, but leaves the
 * pending bits set: an event on a pending port must not interrupt again.
 * An interrupt taken with the flag clear is one the hypervisor may leave
 * pending from before the guest cleared the flag (event_channel.rst, "The
 * event interrupt"): it stands for no new event and is not counted.
 */
static void event_handler(uint32_t intid, void *context)
{
    struct event_interrupts *r = context;
    volatile struct hvabi_vcpu_info *vcpu = &r->shared->vcpu_info[0];

    (void)intid;
    if (vcpu->evtchn_upcall_pending == 0) {
        r->spurious++;
        return;
    }
    r->taken++;
    vcpu->evtchn_upcall_pending = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_exchange_n(&vcpu->evtchn_pending_sel, 0, __ATOMIC_ACQ_REL);
}

static void set_mask(volatile struct hvabi_shared_info *shared, uint32_t port, bool masked)
{
    uint64_t bit = 1ULL << (port % 64);

    if (masked) {
        __atomic_fetch_or(&shared->evtchn_mask[port / 64], bit, __ATOMIC_SEQ_CST);
    } else {
        __atomic_fetch_and(&shared->evtchn_mask[port / 64], ~bit, __ATOMIC_SEQ_CST);
    }
}

static bool wait_pending(volatile struct hvabi_shared_info *shared, uint32_t port,
                         uint64_t timeout_ms)
{
    uint64_t deadline = clock_deadline_ms(timeout_ms);

    while (!events_is_pending(shared, port)) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}

static void receive_bursts(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint64_t deadline;
    uint64_t next_ready;

    if (shared == NULL || !expect(t, t->platform->event_intid != 0,
                                  "the device tree names no event interrupt") ||
        !expect(t, interrupts_init(t->platform) == 0, "the GICv3 is not usable")) {
        return;
    }
    received.shared = shared;
    received.taken = 0;
    received.spurious = 0;
    set_mask(shared, EVENT_PORT, true);
    events_clear_pending(shared, EVENT_PORT);
    shared->vcpu_info[0].evtchn_upcall_pending = 0;
    __atomic_exchange_n(&shared->vcpu_info[0].evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    interrupts_attach(t->platform->event_intid, event_handler, &received);
    interrupts_unmask();

    /* Burst 1, on the masked port. */
    deadline = clock_deadline_ms(WAIT_MS);
    next_ready = clock_count();
    while (!events_is_pending(shared, EVENT_PORT) && !clock_passed(deadline)) {
        if (clock_passed(next_ready)) {
            events_send(READY_PORT);
            next_ready = clock_deadline_ms(50);
        }
    }
    if (!expect(t, events_is_pending(shared, EVENT_PORT),
                "no event from the sender within %u ms", WAIT_MS)) {
        goto out;
    }
    clock_spin_ms(SETTLE_MS);
    expect(t, received.taken == 0,
           "%u event interrupts for a burst of %u events on a masked port, expected none",
           (unsigned)received.taken, BURST);

    /* Burst 2, on the unmasked port: one interrupt, when it becomes pending. */
    events_clear_pending(shared, EVENT_PORT);
    set_mask(shared, EVENT_PORT, false);
    if (!expect(t, wait_pending(shared, EVENT_PORT, WAIT_MS),
                "no second burst from the sender within %u ms", WAIT_MS)) {
        goto out;
    }
    clock_spin_ms(SETTLE_MS);
    expect(t, received.taken == 1,
           "%u event interrupts for a burst of %u events on a port left pending, expected 1",
           (unsigned)received.taken, BURST);
out:
    if (received.spurious != 0) {
        test_note(t, "%u event interrupts with the upcall flag clear",
                  (unsigned)received.spurious);
    }
    interrupts_mask();
    interrupts_detach(t->platform->event_intid);
    events_clear_pending(shared, EVENT_PORT);
}

static void send_bursts(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    int64_t failed = 0;

    if (shared == NULL) {
        return;
    }
    events_clear_pending(shared, READY_PORT);
    if (!expect(t, wait_pending(shared, READY_PORT, WAIT_MS),
                "the receiver was not ready within %u ms", WAIT_MS)) {
        return;
    }
    for (unsigned int burst = 0; burst < 2; burst++) {
        for (unsigned int i = 0; i < BURST; i++) {
            int64_t result = events_send(EVENT_PORT);

            failed = result != 0 ? result : failed;
        }
        if (burst == 0) {
            clock_spin_ms(BURST_GAP_MS);
        }
    }
    expect_result(t, "EVTCHNOP_send on the event port", failed, 0);
}

const struct conformance_test safety_event_edge_receiver_tests[] = {
    {
        .name = "safety_event_edge_receiver",
        .verifies = "hvabi~safety-temporal-event-edge~1",
        .run = receive_bursts,
    },
    { .name = NULL },
};

const struct conformance_test safety_event_edge_sender_tests[] = {
    {
        .name = "safety_event_edge_sender",
        .verifies = "hvabi~safety-temporal-event-edge~1",
        .run = send_bursts,
    },
    { .name = NULL },
};
