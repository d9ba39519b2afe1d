/*
 * event_channel_2l.c - delivery through the 2-level layout: the pending
 * and mask bits of the shared info page, the selector and upcall flag of
 * vCPU 0's vcpu_info, the event interrupt, and unmask's re-delivery.
 *
 * Specification: spec/chapters/event_channel.rst, "Delivery: the 2-level
 * layout" and EVTCHNOP_unmask.  Each test raises events on IPI ports of
 * its own, so it knows exactly which bits the hypervisor must have set.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/event_irq.h"
#include "support/evtchn.h"
#include "support/shared_info.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

/* A port in word 1 of the arrays, so that bit and word numbers differ. */
#define HIGH_PORT 70

struct delivery {
    volatile struct hvabi_shared_info *shared;
    volatile struct hvabi_vcpu_info *vcpu;
};

/* The page, vCPU 0's vcpu_info and its event interrupt, all quiet. */
static bool quiet_start(struct test_context *t, struct delivery *d)
{
    d->shared = shared_info_page(t);
    d->vcpu = evtchn_vcpu_info(t, 0);
    if (d->shared == NULL || d->vcpu == NULL || !event_irq_setup(t)) {
        return false;
    }
    event_irq_drain(t);
    return true;
}

static bool selector_bit(const struct delivery *d, uint32_t port)
{
    return (d->vcpu->evtchn_pending_sel >> (port / 64)) & 1;
}

static void pending_bit(struct test_context *t)
{
    struct delivery d;
    hvabi_ulong_t before[64];
    uint32_t port;

    if (!quiet_start(t, &d)) {
        return;
    }
    port = evtchn_open_ipi_from(t, 0, HIGH_PORT);
    if (port == 0) {
        return;
    }
    evtchn_clear_bit(d.shared->evtchn_pending, port);
    for (unsigned int i = 0; i < 64; i++) {
        before[i] = d.shared->evtchn_pending[i];
    }
    expect_result(t, "EVTCHNOP_send", evtchn_send(port), 0);
    /* Bit p mod 8 of byte p / 8, the same as bit p mod 64 of word p / 64. */
    expect(t, (((const volatile uint8_t *)d.shared->evtchn_pending)[port / 8] >> (port % 8)) & 1,
           "send on port %u: bit %u of byte %u of evtchn_pending is not set", (unsigned)port,
           (unsigned)(port % 8), (unsigned)(port / 8));
    before[port / 64] |= 1ULL << (port % 64);
    for (unsigned int i = 0; i < 64; i++) {
        expect(t, d.shared->evtchn_pending[i] == before[i], "send on port %u: word %u of "
               "evtchn_pending: expected 0x%016llx, got 0x%016llx", (unsigned)port, i,
               (unsigned long long)before[i], (unsigned long long)d.shared->evtchn_pending[i]);
    }
    /* Already pending: the event is the same one, nothing else changes. */
    event_irq_window(5, false); /* takes the first send's interrupt */
    evtchn_clear_upcall(d.vcpu);
    expect_result(t, "EVTCHNOP_send again", evtchn_send(port), 0);
    expect(t, d.vcpu->evtchn_pending_sel == 0 && d.vcpu->evtchn_upcall_pending == 0,
           "second send on pending port %u: expected no selector bit and no upcall flag, got "
           "selector 0x%llx and flag %u", (unsigned)port,
           (unsigned long long)d.vcpu->evtchn_pending_sel,
           (unsigned)d.vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts after the second send", event_irq_window(5, false), 0);
    evtchn_close(port);
}

static void masked_port(struct test_context *t)
{
    struct delivery d;
    uint32_t port;

    if (!quiet_start(t, &d)) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    evtchn_set_bit(d.shared->evtchn_mask, port);
    expect_result(t, "EVTCHNOP_send on a masked port", evtchn_send(port), 0);
    expect(t, evtchn_bit(d.shared->evtchn_pending, port), "send on masked port %u: expected its "
           "pending bit set", (unsigned)port);
    expect(t, d.vcpu->evtchn_pending_sel == 0 && d.vcpu->evtchn_upcall_pending == 0,
           "send on masked port %u: expected no selector bit and no upcall flag, got selector "
           "0x%llx and flag %u", (unsigned)port, (unsigned long long)d.vcpu->evtchn_pending_sel,
           (unsigned)d.vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts after a send on a masked port",
                  event_irq_window(5, false), 0);
    evtchn_close(port);
    evtchn_clear_bit(d.shared->evtchn_mask, port);
}

static void selector(struct test_context *t)
{
    struct delivery d;
    uint32_t high, low;

    if (!quiet_start(t, &d)) {
        return;
    }
    high = evtchn_open_ipi_from(t, 0, HIGH_PORT);
    low = evtchn_open_ipi(t, 0, "a port in word 0");
    if (high == 0 || low == 0) {
        evtchn_close_range(1, HIGH_PORT + 64);
        return;
    }
    evtchn_send(high);
    expect(t, d.vcpu->evtchn_pending_sel == 1ULL << (high / 64), "send on port %u: expected "
           "the selector 0x%llx (bit %u only), got 0x%llx", (unsigned)high,
           (unsigned long long)(1ULL << (high / 64)), (unsigned)(high / 64),
           (unsigned long long)d.vcpu->evtchn_pending_sel);
    expect_result(t, "upcall flag after the send", d.vcpu->evtchn_upcall_pending, 1);
    /* The guest consumed the event but left the selector bit set: a new
     * event in the same word stops at step 3. */
    evtchn_clear_bit(d.shared->evtchn_pending, high);
    d.vcpu->evtchn_upcall_pending = 0;
    event_irq_window(5, false); /* takes the first send's interrupt; keeps the selector */
    evtchn_send(high);
    expect(t, evtchn_bit(d.shared->evtchn_pending, high), "second send on port %u: not pending",
           (unsigned)high);
    expect(t, d.vcpu->evtchn_upcall_pending == 0, "second send on port %u with its selector bit "
           "set: the upcall flag became %u", (unsigned)high,
           (unsigned)d.vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts after it", event_irq_window(5, false), 0);
    /* Another word: its selector bit is clear, so steps 3 to 5 happen. */
    evtchn_send(low);
    expect(t, selector_bit(&d, low) && selector_bit(&d, high), "send on port %u: expected "
           "selector bits %u and %u set, got 0x%llx", (unsigned)low, (unsigned)(low / 64),
           (unsigned)(high / 64), (unsigned long long)d.vcpu->evtchn_pending_sel);
    expect_result(t, "upcall flag after a send in another word", d.vcpu->evtchn_upcall_pending,
                  1);
    expect_result(t, "event interrupts after it", event_irq_window(50, true), 1);
    evtchn_close(high);
    evtchn_close(low);
    evtchn_clear_upcall(d.vcpu);
}

static void upcall_flag(struct test_context *t)
{
    struct delivery d;
    uint32_t first, second;

    if (!quiet_start(t, &d)) {
        return;
    }
    first = evtchn_open_ipi(t, 0, "an IPI port");
    second = evtchn_open_ipi(t, 0, "a second IPI port");
    if (first == 0 || second == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    evtchn_send(first);
    expect_result(t, "the upcall flag after a send (the value written must be 1)",
                  d.vcpu->evtchn_upcall_pending, 1);
    /* Flag still 1, selector cleared: the new selector bit is set and the
     * flag stays 1. */
    __atomic_exchange_n(&d.vcpu->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    evtchn_send(second);
    expect(t, selector_bit(&d, second), "send on port %u: selector bit %u not set",
           (unsigned)second, (unsigned)(second / 64));
    expect_result(t, "the upcall flag, which was 1 already", d.vcpu->evtchn_upcall_pending, 1);
    evtchn_close(first);
    evtchn_close(second);
    event_irq_drain(t);
}

static void event_interrupt(struct test_context *t)
{
    struct delivery d;
    uint32_t port;

    if (!quiet_start(t, &d)) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    expect_result(t, "event interrupts before the send", event_irq_window(5, false), 0);
    evtchn_send(port);
    expect_result(t, "event interrupts taken after the send", event_irq_window(100, true), 1);
    expect_result(t, "the upcall flag the handler found", event_irq_last_flag(), 1);
    evtchn_close(port);
    event_irq_drain(t);
}

/*
 * unmask re-delivers a pending event only if it cleared a mask bit that was
 * set; an event whose mask the guest cleared itself is not signalled.
 */
static void unmask_redelivers(struct test_context *t)
{
    struct delivery d;
    uint32_t port;

    if (!quiet_start(t, &d)) {
        return;
    }
    port = evtchn_open_ipi_from(t, 0, HIGH_PORT);
    if (port == 0) {
        return;
    }
    evtchn_set_bit(d.shared->evtchn_mask, port);
    evtchn_send(port);
    expect(t, d.vcpu->evtchn_pending_sel == 0, "send on masked port %u set a selector bit",
           (unsigned)port);
    expect_result(t, "EVTCHNOP_unmask of a masked, pending port", evtchn_unmask(port), 0);
    expect(t, !evtchn_bit(d.shared->evtchn_mask, port), "EVTCHNOP_unmask(%u) left the mask bit "
           "set", (unsigned)port);
    expect(t, evtchn_bit(d.shared->evtchn_pending, port), "EVTCHNOP_unmask(%u) cleared the "
           "pending bit", (unsigned)port);
    expect(t, selector_bit(&d, port) && d.vcpu->evtchn_upcall_pending == 1, "EVTCHNOP_unmask(%u)"
           " of a pending port: expected selector bit %u and the upcall flag set, got 0x%llx "
           "and %u", (unsigned)port, (unsigned)(port / 64),
           (unsigned long long)d.vcpu->evtchn_pending_sel,
           (unsigned)d.vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts after the unmask", event_irq_window(100, true), 1);

    /* Unmasked already: nothing to re-deliver. */
    evtchn_clear_upcall(d.vcpu);
    expect_result(t, "EVTCHNOP_unmask of an unmasked, pending port", evtchn_unmask(port), 0);
    expect(t, d.vcpu->evtchn_pending_sel == 0 && d.vcpu->evtchn_upcall_pending == 0,
           "EVTCHNOP_unmask(%u) of a port that was not masked signalled it", (unsigned)port);

    /* The guest cleared the mask bit itself: the event is the guest's to
     * handle, unmask does not deliver it. */
    evtchn_clear_bit(d.shared->evtchn_pending, port);
    evtchn_set_bit(d.shared->evtchn_mask, port);
    evtchn_send(port);
    evtchn_clear_bit(d.shared->evtchn_mask, port);
    expect_result(t, "EVTCHNOP_unmask after the guest cleared the mask bit", evtchn_unmask(port),
                  0);
    expect(t, d.vcpu->evtchn_pending_sel == 0 && d.vcpu->evtchn_upcall_pending == 0,
           "EVTCHNOP_unmask(%u) after the guest cleared the mask bit signalled the event",
           (unsigned)port);
    expect_result(t, "event interrupts", event_irq_window(5, false), 0);
    evtchn_close(port);
}

/* The mask bit the guest set before opening a port survives the opening,
 * whichever command opens it. */
static void open_keeps_mask(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t unbound, port = 0;

    if (shared == NULL) {
        return;
    }
    unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "a port to bind to");
    if (unbound == 0) {
        return;
    }
    /* The next port opened is unbound + 1, the lowest closed one. */
    for (unsigned int command = 0; command < 4; command++) {
        uint32_t next = unbound + 1;
        int64_t rc;

        evtchn_set_bit(shared->evtchn_mask, next);
        switch (command) {
        case 0:
            rc = evtchn_alloc_unbound(HVABI_DOMID_SELF, HVABI_DOMID_SELF, &port);
            break;
        case 1:
            rc = evtchn_bind_ipi(0, &port);
            break;
        case 2:
            rc = evtchn_bind_virq(HVABI_VIRQ_ARCH_6, 0, &port);
            break;
        default:
            rc = evtchn_bind_interdomain(HVABI_DOMID_SELF, unbound, &port);
            break;
        }
        if (expect(t, rc == 0 && port == next, "opening command %u: expected port %u, got %lld "
                   "and port %u", command, (unsigned)next, (long long)rc, (unsigned)port)) {
            expect(t, evtchn_bit(shared->evtchn_mask, next), "opening command %u cleared the "
                   "mask bit of port %u", command, (unsigned)next);
            evtchn_close(next);
        }
        evtchn_clear_bit(shared->evtchn_mask, next);
        if (command == 3) {
            /* bind_interdomain connected the first port: offer it again. */
            evtchn_close(unbound);
            unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "a port to bind to");
        }
    }
    evtchn_close_range(1, 63);
}

const struct conformance_test event_channel_2l_tests[] = {
    {
        .name = "evtchn_2l_pending_bit",
        .verifies = "hvabi~evtchn-2l-pending~1",
        .run = pending_bit,
    },
    {
        .name = "evtchn_2l_masked_port",
        .verifies = "hvabi~evtchn-2l-masked~1",
        .run = masked_port,
    },
    {
        .name = "evtchn_2l_selector",
        .verifies = "hvabi~evtchn-2l-selector~1",
        .run = selector,
    },
    {
        .name = "evtchn_2l_upcall_flag",
        .verifies = "hvabi~evtchn-2l-upcall~1 hvabi~shared-info-upcall-one~1",
        .run = upcall_flag,
    },
    {
        .name = "evtchn_2l_event_interrupt",
        .verifies = "hvabi~evtchn-2l-interrupt~1",
        .run = event_interrupt,
    },
    {
        .name = "evtchn_unmask_redelivers",
        .verifies = "hvabi~evtchn-unmask-2l~1",
        .run = unmask_redelivers,
    },
    {
        .name = "evtchn_open_keeps_mask",
        .verifies = "hvabi~evtchn-open-keeps-mask~1",
        .run = open_keeps_mask,
    },
    { .name = NULL },
};
