/*
 * event_channel_irq.c - the event interrupt of vCPU 0: which interrupt it
 * is, when the hypervisor raises it, and that it behaves as a PPI of the
 * guest's GIC (enable, priority mask, group enable, active state).
 *
 * Specification: spec/chapters/event_channel.rst, "The event interrupt",
 * and hypervisor_node.rst (the PPI that /hypervisor names).  Waking a vCPU
 * from WFI needs a second sender: event_channel_smp.c.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/event_irq.h"
#include "support/evtchn.h"
#include "support/shared_info.h"

#include <hvabi/types.h>

static volatile struct hvabi_vcpu_info *quiet_vcpu0(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);

    if (vcpu == NULL || shared_info_page(t) == NULL || !event_irq_setup(t)) {
        return NULL;
    }
    event_irq_drain(t);
    return vcpu;
}

/* Only the named PPI: every other private interrupt is enabled with a
 * handler that records it. */
static void named_ppi_only(struct test_context *t)
{
    uint32_t port;

    if (quiet_vcpu0(t) == NULL) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    test_note(t, "the event interrupt named by /hypervisor is INTID %u",
              (unsigned)t->platform->event_intid);
    event_irq_watch_all(true);
    evtchn_send(port);
    expect_result(t, "event interrupts (INTID from /hypervisor) after a send",
                  event_irq_window(50, false), 1);
    expect(t, event_irq_other_intid() == 0, "the send raised INTID %u, which /hypervisor does "
           "not name", (unsigned)event_irq_other_intid());
    event_irq_watch_all(false);
    evtchn_close(port);
    event_irq_drain(t);
}

/* The handler raises a second event while the interrupt is active. */
struct active_test {
    uint32_t port;
    volatile struct hvabi_vcpu_info *vcpu;
    uint32_t calls;
};

static void raise_while_active(void *context)
{
    struct active_test *a = context;

    a->calls++;
    if (a->calls == 1) {
        /* What a guest does while handling: take the selector, then a new
         * event arrives (the flag was cleared by the handler). */
        __atomic_exchange_n(&a->vcpu->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
        evtchn_send(a->port);
    }
}

static void active_pends_again(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct active_test a = { 0 };
    uint32_t first;

    a.vcpu = quiet_vcpu0(t);
    if (a.vcpu == NULL || shared == NULL) {
        return;
    }
    first = evtchn_open_ipi(t, 0, "the first IPI port");
    a.port = evtchn_open_ipi(t, 0, "the port the handler sends on");
    if (first == 0 || a.port == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    event_irq_set_hook(raise_while_active, &a);
    evtchn_send(first);
    expect_result(t, "event interrupts taken: the first, then the one raised while it was "
                  "active", event_irq_window(100, false), 2);
    event_irq_set_hook(NULL, NULL);
    expect(t, evtchn_bit(shared->evtchn_pending, a.port), "the handler's send left no event "
           "pending");
    evtchn_close(first);
    evtchn_close(a.port);
    event_irq_drain(t);
}

/*
 * With the upcall flag 0 and not changed by the event, no interrupt: a
 * masked port, a selector bit already set, a port already pending.
 */
static void only_when_flag_set(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = quiet_vcpu0(t);
    uint32_t port;

    if (vcpu == NULL || shared == NULL) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    evtchn_set_bit(shared->evtchn_mask, port);
    evtchn_send(port);
    expect_result(t, "event interrupts after a send on a masked port",
                  event_irq_window(10, false), 0);
    evtchn_clear_bit(shared->evtchn_pending, port);
    evtchn_clear_bit(shared->evtchn_mask, port);

    __atomic_fetch_or(&vcpu->evtchn_pending_sel, 1ULL << (port / 64), __ATOMIC_SEQ_CST);
    evtchn_send(port);
    expect(t, vcpu->evtchn_upcall_pending == 0, "send with the selector bit set changed the "
           "upcall flag to %u", (unsigned)vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts after a send with the selector bit already set",
                  event_irq_window(10, false), 0);

    __atomic_exchange_n(&vcpu->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    evtchn_send(port); /* still pending from the previous send */
    expect(t, vcpu->evtchn_upcall_pending == 0, "send on a pending port changed the upcall flag "
           "to %u", (unsigned)vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts after a send on a port already pending",
                  event_irq_window(10, false), 0);
    evtchn_close(port);
    evtchn_clear_upcall(vcpu);
}

static void write_pmr(uint64_t value)
{
    __asm__ volatile("msr S3_0_C4_C6_0, %0\n\tisb" : : "r"(value) : "memory"); /* ICC_PMR_EL1 */
}

static void write_igrpen1(uint64_t value)
{
    __asm__ volatile("msr S3_0_C12_C12_7, %0\n\tisb" : : "r"(value) : "memory");
}

/*
 * The interrupt stays pending while the GIC keeps it from the vCPU: while
 * it is disabled, while the priority mask is at its priority, while group
 * 1 is disabled.  Each time it is taken once the obstacle goes.
 */
static void follows_gic(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu = quiet_vcpu0(t);
    uint32_t port;

    if (vcpu == NULL) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    for (unsigned int obstacle = 0; obstacle < 3; obstacle++) {
        static const char *const names[3] = {
            "disabled at the redistributor", "below the priority mask", "group 1 disabled",
        };

        evtchn_clear_upcall(vcpu);
        if (obstacle == 0) {
            event_irq_enable(false);
        } else if (obstacle == 1) {
            write_pmr(0x80); /* the guest library gives the interrupt priority 0x80 */
        } else {
            write_igrpen1(0);
        }
        evtchn_send(port);
        expect(t, event_irq_window(20, false) == 0, "%s: the event interrupt was taken",
               names[obstacle]);
        if (obstacle == 0) {
            event_irq_enable(true);
        } else if (obstacle == 1) {
            write_pmr(0xff);
        } else {
            write_igrpen1(1);
        }
        expect(t, event_irq_window(100, true) == 1, "%s, then allowed: the pending event "
               "interrupt was not taken", names[obstacle]);
        evtchn_clear_bit(shared_info_page(t)->evtchn_pending, port);
    }
    evtchn_close(port);
    event_irq_drain(t);
}

const struct conformance_test event_channel_irq_tests[] = {
    {
        .name = "evtchn_irq_named_ppi_only",
        .verifies = "hvabi~evtchn-irq-ppi~1 hvabi~hypervisor-node-upcall~1",
        .run = named_ppi_only,
    },
    {
        .name = "evtchn_irq_active_pends_again",
        .verifies = "hvabi~evtchn-irq-active~1",
        .run = active_pends_again,
    },
    {
        .name = "evtchn_irq_only_when_flag_set",
        .verifies = "hvabi~evtchn-irq-only-flag~1",
        .run = only_when_flag_set,
    },
    {
        .name = "evtchn_irq_follows_gic",
        .verifies = "hvabi~evtchn-irq-gic~1",
        .run = follows_gic,
    },
    { .name = NULL },
};
