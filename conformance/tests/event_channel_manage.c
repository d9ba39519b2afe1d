/*
 * event_channel_manage.c - the commands on open ports, within one domain:
 * close, send, status, bind_vcpu, unmask and reset, with their errors.
 *
 * Specification: spec/chapters/event_channel.rst, EVTCHNOP_close to
 * EVTCHNOP_reset.  Moving ports to another vCPU: event_channel_smp.c.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/evtchn.h"
#include "support/shared_info.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

#define NO_SUCH_DOMAIN 0x1234

/* One port in each open state: unbound (for this domain itself), the two
 * ends of an interdomain channel, a VIRQ and an IPI. */
struct open_ports {
    uint32_t unbound;
    uint32_t loop_a; /* unbound, then connected to loop_b */
    uint32_t loop_b;
    uint32_t virq;
    uint32_t ipi;
};

static bool open_every_state(struct test_context *t, struct open_ports *p)
{
    memset(p, 0, sizeof(*p));
    p->unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "an unbound port");
    if (p->unbound == 0 || !evtchn_open_loopback(t, &p->loop_a, &p->loop_b) ||
        !expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_5, vcpu 0)",
                       evtchn_bind_virq(HVABI_VIRQ_ARCH_5, 0, &p->virq), 0)) {
        evtchn_close_range(1, 63);
        return false;
    }
    p->ipi = evtchn_open_ipi(t, 0, "an IPI port");
    if (p->ipi == 0) {
        evtchn_close_range(1, 63);
        return false;
    }
    return true;
}

static void expect_closed(struct test_context *t, uint32_t port, const char *what)
{
    struct hvabi_evtchn_status status;

    if (evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_CLOSED, &status)) {
        expect(t, status.vcpu == 0, "%s (port %u), closed: expected vcpu 0, got %u", what,
               (unsigned)port, (unsigned)status.vcpu);
    }
}

static void status_each_state(struct test_context *t)
{
    struct open_ports p;
    struct hvabi_evtchn_status status;
    uint16_t own;

    if (!evtchn_own_domid(t, &own) || !open_every_state(t, &p)) {
        return;
    }
    if (evtchn_expect_state(t, p.unbound, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
        expect(t, status.vcpu == 0 && status.u.unbound.dom == own,
               "unbound port: expected vcpu 0, remote domain %u; got vcpu %u, 0x%x",
               (unsigned)own, (unsigned)status.vcpu, (unsigned)status.u.unbound.dom);
    }
    if (evtchn_expect_state(t, p.loop_b, HVABI_EVTCHNSTAT_INTERDOMAIN, &status)) {
        expect(t, status.vcpu == 0 && status.u.interdomain.dom == own &&
               status.u.interdomain.port == p.loop_a, "interdomain port: expected vcpu 0, "
               "remote %u:%u; got vcpu %u, remote %u:%u", (unsigned)own, (unsigned)p.loop_a,
               (unsigned)status.vcpu, (unsigned)status.u.interdomain.dom,
               (unsigned)status.u.interdomain.port);
    }
    if (evtchn_expect_state(t, p.virq, HVABI_EVTCHNSTAT_VIRQ, &status)) {
        expect(t, status.vcpu == 0 && status.u.virq == HVABI_VIRQ_ARCH_5, "VIRQ port: expected "
               "vcpu 0, VIRQ %u; got vcpu %u, VIRQ %u", (unsigned)HVABI_VIRQ_ARCH_5,
               (unsigned)status.vcpu, (unsigned)status.u.virq);
    }
    if (evtchn_expect_state(t, p.ipi, HVABI_EVTCHNSTAT_IPI, &status)) {
        expect_result(t, "IPI port: vcpu", status.vcpu, 0);
    }
    expect_closed(t, p.ipi + 1, "the port above the last one opened");
    expect_closed(t, 0, "port 0");
    evtchn_close_range(1, 63);
}

static void status_errors(struct test_context *t)
{
    static const uint16_t absent[] = { 0, NO_SUCH_DOMAIN, HVABI_DOMID_IO, HVABI_DOMID_XEN,
                                       HVABI_DOMID_INVALID, 0xffff };
    struct hvabi_evtchn_status status;

    for (unsigned int i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        int64_t rc = evtchn_status(absent[i], 1, &status);

        expect(t, rc == -HVABI_ESRCH, "EVTCHNOP_status(dom 0x%x, which does not exist, port 1): "
               "expected -ESRCH, got %lld", (unsigned)absent[i], (long long)rc);
    }
    expect_result(t, "EVTCHNOP_status(DOMID_SELF, 4096)",
                  evtchn_status(HVABI_DOMID_SELF, HVABI_EVTCHN_2L_NR_PORTS, &status),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_status(DOMID_SELF, 0xffffffff)",
                  evtchn_status(HVABI_DOMID_SELF, EVTCHN_PORT_HUGE, &status), -HVABI_EINVAL);
    /* The domain is looked up before the port is checked. */
    expect_result(t, "EVTCHNOP_status(a domain that does not exist, 0xffffffff)",
                  evtchn_status(NO_SUCH_DOMAIN, EVTCHN_PORT_HUGE, &status), -HVABI_ESRCH);
}

/* Closing each open state; closing one end of an interdomain channel
 * leaves the other unbound to this domain, with its vCPU, pending bit and
 * mask as they were. */
static void close_each_state(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct hvabi_evtchn_status status;
    struct open_ports p;
    uint16_t own;

    if (shared == NULL || !evtchn_own_domid(t, &own) || !open_every_state(t, &p)) {
        return;
    }
    evtchn_set_bit(shared->evtchn_mask, p.loop_a);
    evtchn_clear_bit(shared->evtchn_pending, p.loop_a);
    expect_result(t, "EVTCHNOP_send towards the end that stays open", evtchn_send(p.loop_b), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, p.loop_a), "send on port %u: no event pending "
           "on port %u", (unsigned)p.loop_b, (unsigned)p.loop_a);

    expect_result(t, "EVTCHNOP_close of an interdomain port", evtchn_close(p.loop_b), 0);
    expect_closed(t, p.loop_b, "the closed end");
    if (evtchn_expect_state(t, p.loop_a, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
        expect(t, status.u.unbound.dom == own && status.vcpu == 0, "the other end: expected "
               "unbound to this domain (%u) and vcpu 0, got 0x%x and vcpu %u", (unsigned)own,
               (unsigned)status.u.unbound.dom, (unsigned)status.vcpu);
    }
    expect(t, evtchn_bit(shared->evtchn_pending, p.loop_a), "closing the remote end cleared the "
           "pending bit of port %u", (unsigned)p.loop_a);
    expect(t, evtchn_bit(shared->evtchn_mask, p.loop_a), "closing the remote end cleared the "
           "mask bit of port %u", (unsigned)p.loop_a);

    expect_result(t, "EVTCHNOP_close of an unbound port", evtchn_close(p.unbound), 0);
    expect_closed(t, p.unbound, "the unbound port");
    expect_result(t, "EVTCHNOP_close of the port left unbound", evtchn_close(p.loop_a), 0);
    expect_closed(t, p.loop_a, "the port left unbound");
    expect_result(t, "EVTCHNOP_close of a VIRQ port", evtchn_close(p.virq), 0);
    expect_closed(t, p.virq, "the VIRQ port");
    expect_result(t, "EVTCHNOP_close of an IPI port", evtchn_close(p.ipi), 0);
    expect_closed(t, p.ipi, "the IPI port");
    evtchn_clear_bit(shared->evtchn_mask, p.loop_a);
    evtchn_close_range(1, 63);
}

/* Closing clears the pending bit and keeps the mask bit, whatever the
 * state was and however the bit became pending. */
static void close_clears_pending(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct open_ports p;
    uint32_t ports[5];

    if (shared == NULL || !open_every_state(t, &p)) {
        return;
    }
    ports[0] = p.unbound;
    ports[1] = p.loop_a;
    ports[2] = p.loop_b;
    ports[3] = p.virq;
    ports[4] = p.ipi;
    for (unsigned int i = 0; i < 5; i++) {
        /* Masked ones keep the mask; the others stay unmasked. */
        if (i % 2 == 0) {
            evtchn_set_bit(shared->evtchn_mask, ports[i]);
        }
        evtchn_set_bit(shared->evtchn_pending, ports[i]);
    }
    for (unsigned int i = 0; i < 5; i++) {
        evtchn_close(ports[i]);
        expect(t, !evtchn_bit(shared->evtchn_pending, ports[i]), "closing port %u left its "
               "pending bit set", (unsigned)ports[i]);
        expect(t, evtchn_bit(shared->evtchn_mask, ports[i]) == (i % 2 == 0), "closing port %u "
               "changed its mask bit", (unsigned)ports[i]);
        evtchn_clear_bit(shared->evtchn_mask, ports[i]);
    }
    evtchn_close_range(1, 63);
}

static void close_virq_unbinds(struct test_context *t)
{
    static const uint32_t virqs[] = { HVABI_VIRQ_ARCH_6, HVABI_VIRQ_DEBUG };

    for (unsigned int i = 0; i < 2; i++) {
        uint32_t port = 0;

        if (!expect_result(t, "EVTCHNOP_bind_virq", evtchn_bind_virq(virqs[i], 0, &port), 0)) {
            continue;
        }
        evtchn_expect_close(t, port);
        expect(t, evtchn_bind_virq(virqs[i], 0, &port) == 0, "EVTCHNOP_bind_virq(%u, vcpu 0) "
               "after closing its port: expected 0", (unsigned)virqs[i]);
        evtchn_close(port);
    }
}

static void close_invalid(struct test_context *t)
{
    uint32_t port = evtchn_open_ipi(t, 0, "a port to close twice");

    expect_result(t, "EVTCHNOP_close(port 0)", evtchn_close(0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_close(4096)", evtchn_close(HVABI_EVTCHN_2L_NR_PORTS),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_close(0xffffffff)", evtchn_close(EVTCHN_PORT_HUGE),
                  -HVABI_EINVAL);
    if (port != 0) {
        expect_result(t, "EVTCHNOP_close of a closed port", evtchn_close(port + 1),
                      -HVABI_EINVAL);
        expect_result(t, "EVTCHNOP_close", evtchn_close(port), 0);
        expect_result(t, "EVTCHNOP_close of the same port again", evtchn_close(port),
                      -HVABI_EINVAL);
    }
}

/* A copy of the 2-level state of the page and of vCPU 0's vcpu_info. */
struct event_state {
    hvabi_ulong_t pending[64];
    hvabi_ulong_t mask[64];
    hvabi_ulong_t selector;
    uint8_t upcall;
};

static void take_state(volatile struct hvabi_shared_info *shared,
                       volatile struct hvabi_vcpu_info *vcpu, struct event_state *state)
{
    for (unsigned int i = 0; i < 64; i++) {
        state->pending[i] = shared->evtchn_pending[i];
        state->mask[i] = shared->evtchn_mask[i];
    }
    state->selector = vcpu->evtchn_pending_sel;
    state->upcall = vcpu->evtchn_upcall_pending;
}

static void send_unbound(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    struct event_state before, after;
    uint32_t ports[2], bound;

    if (shared == NULL || vcpu == NULL) {
        return;
    }
    /* One port that was never bound, and one whose remote end closed. */
    ports[0] = evtchn_open_unbound(t, HVABI_DOMID_SELF, "unbound for this domain");
    if (ports[0] == 0 || !evtchn_open_loopback(t, &ports[1], &bound)) {
        evtchn_close_range(1, 63);
        return;
    }
    evtchn_close(bound);
    evtchn_clear_upcall(vcpu);
    for (unsigned int i = 0; i < 2; i++) {
        uint32_t port = ports[i];

        evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_UNBOUND, NULL);
        take_state(shared, vcpu, &before);
        expect_result(t, "EVTCHNOP_send on an unbound port", evtchn_send(port), 0);
        take_state(shared, vcpu, &after);
        for (unsigned int w = 0; w < 64; w++) {
            expect(t, before.pending[w] == after.pending[w] && before.mask[w] == after.mask[w],
                   "EVTCHNOP_send on unbound port %u changed word %u: pending 0x%llx -> 0x%llx, "
                   "mask 0x%llx -> 0x%llx", (unsigned)port, w,
                   (unsigned long long)before.pending[w], (unsigned long long)after.pending[w],
                   (unsigned long long)before.mask[w], (unsigned long long)after.mask[w]);
        }
        expect(t, before.selector == after.selector && before.upcall == after.upcall,
               "EVTCHNOP_send on unbound port %u changed the selector 0x%llx -> 0x%llx or the "
               "upcall flag %u -> %u", (unsigned)port, (unsigned long long)before.selector,
               (unsigned long long)after.selector, (unsigned)before.upcall,
               (unsigned)after.upcall);
    }
    evtchn_close_range(1, 63);
}

static void send_invalid(struct test_context *t)
{
    uint32_t virq = 0;

    expect_result(t, "EVTCHNOP_send(port 0)", evtchn_send(0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_send(4096)", evtchn_send(HVABI_EVTCHN_2L_NR_PORTS),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_send(0xffffffff)", evtchn_send(EVTCHN_PORT_HUGE), -HVABI_EINVAL);
    if (expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_7, vcpu 0)",
                      evtchn_bind_virq(HVABI_VIRQ_ARCH_7, 0, &virq), 0)) {
        expect_result(t, "EVTCHNOP_send on a VIRQ port", evtchn_send(virq), -HVABI_EINVAL);
        expect_result(t, "EVTCHNOP_send on a closed port", evtchn_send(virq + 1), -HVABI_EINVAL);
        evtchn_close(virq);
        expect_result(t, "EVTCHNOP_send on a port just closed", evtchn_send(virq),
                      -HVABI_EINVAL);
    }
}

/* Every step of raising the event is done when send returns: the guest
 * looks at once, without waiting. */
static void send_complete(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    uint32_t unbound, bound, ipi;

    if (shared == NULL || vcpu == NULL || !evtchn_open_loopback(t, &unbound, &bound)) {
        return;
    }
    ipi = evtchn_open_ipi(t, 0, "an IPI port");
    for (unsigned int i = 0; i < 2; i++) {
        uint32_t send_port = i == 0 ? bound : ipi;
        uint32_t event_port = i == 0 ? unbound : ipi;
        int64_t rc;
        bool pending;
        hvabi_ulong_t selector;
        uint8_t upcall;

        if (send_port == 0) {
            continue;
        }
        evtchn_clear_bit(shared->evtchn_pending, event_port);
        evtchn_clear_upcall(vcpu);
        rc = evtchn_send(send_port);
        pending = evtchn_bit(shared->evtchn_pending, event_port);
        selector = vcpu->evtchn_pending_sel;
        upcall = vcpu->evtchn_upcall_pending;
        expect_result(t, "EVTCHNOP_send", rc, 0);
        expect(t, pending && ((selector >> (event_port / 64)) & 1) && upcall == 1,
               "right after EVTCHNOP_send(%u) returned: expected port %u pending, selector bit "
               "%u and the upcall flag set; got pending %d, selector 0x%llx, flag %u",
               (unsigned)send_port, (unsigned)event_port, (unsigned)(event_port / 64),
               pending, (unsigned long long)selector, (unsigned)upcall);
    }
    evtchn_close_range(1, 63);
    evtchn_clear_upcall(vcpu);
}

/* bind_vcpu within a one-vCPU domain: the states that may move accept
 * vCPU 0, every other state and every other vCPU is refused. */
static void bind_vcpu_states(struct test_context *t)
{
    uint32_t vcpus = evtchn_vcpu_count(t);
    uint32_t per_vcpu = 0;
    struct open_ports p;
    struct hvabi_evtchn_status status;

    if (!open_every_state(t, &p) ||
        !expect_result(t, "EVTCHNOP_bind_virq(VIRQ_DEBUG, vcpu 0)",
                       evtchn_bind_virq(HVABI_VIRQ_DEBUG, 0, &per_vcpu), 0)) {
        evtchn_close_range(1, 63);
        return;
    }
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound port, vcpu 0)", evtchn_bind_vcpu(p.unbound, 0),
                  0);
    expect_result(t, "EVTCHNOP_bind_vcpu(interdomain port, vcpu 0)",
                  evtchn_bind_vcpu(p.loop_b, 0), 0);
    expect_result(t, "EVTCHNOP_bind_vcpu(port of a global VIRQ, vcpu 0)",
                  evtchn_bind_vcpu(p.virq, 0), 0);
    if (evtchn_expect_state(t, p.virq, HVABI_EVTCHNSTAT_VIRQ, &status)) {
        expect_result(t, "the global VIRQ's notified vCPU", status.vcpu, 0);
    }
    expect_result(t, "EVTCHNOP_bind_vcpu(IPI port, vcpu 0)", evtchn_bind_vcpu(p.ipi, 0),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_vcpu(port of a per-vCPU VIRQ, vcpu 0)",
                  evtchn_bind_vcpu(per_vcpu, 0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_vcpu(a closed port, vcpu 0)",
                  evtchn_bind_vcpu(per_vcpu + 1, 0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_vcpu(port 0, vcpu 0)", evtchn_bind_vcpu(0, 0),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_vcpu(4096, vcpu 0)",
                  evtchn_bind_vcpu(HVABI_EVTCHN_2L_NR_PORTS, 0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound port, no such vCPU)",
                  evtchn_bind_vcpu(p.unbound, vcpus), -HVABI_ENOENT);
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound port, vcpu 0xffffffff)",
                  evtchn_bind_vcpu(p.unbound, 0xffffffffU), -HVABI_ENOENT);
    /* The vCPU is checked before the port. */
    expect_result(t, "EVTCHNOP_bind_vcpu(0xffffffff, no such vCPU)",
                  evtchn_bind_vcpu(EVTCHN_PORT_HUGE, vcpus), -HVABI_ENOENT);
    expect_result(t, "EVTCHNOP_bind_vcpu(IPI port, no such vCPU)",
                  evtchn_bind_vcpu(p.ipi, vcpus), -HVABI_ENOENT);
    if (evtchn_expect_state(t, p.unbound, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
        expect_result(t, "the unbound port's notified vCPU after the failures", status.vcpu, 0);
    }
    evtchn_close_range(1, 63);
}

static void unmask_errors(struct test_context *t)
{
    expect_result(t, "EVTCHNOP_unmask(4096)", evtchn_unmask(HVABI_EVTCHN_2L_NR_PORTS),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_unmask(0xffffffff)", evtchn_unmask(EVTCHN_PORT_HUGE),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_unmask(port 0)", evtchn_unmask(0), 0);
}

/* unmask of a closed port has no effect: its mask bit, which the guest set
 * before opening it, stays set. */
static void unmask_closed_keeps_mask(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    uint32_t port = 5;

    if (shared == NULL || vcpu == NULL) {
        return;
    }
    evtchn_close_range(port, port);
    evtchn_set_bit(shared->evtchn_mask, port);
    evtchn_set_bit(shared->evtchn_pending, port);
    evtchn_clear_upcall(vcpu);
    expect_result(t, "EVTCHNOP_unmask of a closed port", evtchn_unmask(port), 0);
    expect(t, evtchn_bit(shared->evtchn_mask, port), "EVTCHNOP_unmask(%u) of a closed port "
           "cleared its mask bit", (unsigned)port);
    expect(t, vcpu->evtchn_pending_sel == 0 && vcpu->evtchn_upcall_pending == 0,
           "EVTCHNOP_unmask(%u) of a closed port signalled an event", (unsigned)port);
    evtchn_clear_bit(shared->evtchn_pending, port);
    evtchn_clear_bit(shared->evtchn_mask, port);
    evtchn_clear_upcall(vcpu);
}

static void reset_own_ports(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct open_ports p;
    uint16_t own;

    if (shared == NULL || !evtchn_own_domid(t, &own)) {
        return;
    }
    for (int round = 0; round < 2; round++) {
        uint16_t dom = round == 0 ? HVABI_DOMID_SELF : own;
        uint32_t port;

        if (!open_every_state(t, &p)) {
            return;
        }
        evtchn_set_bit(shared->evtchn_mask, p.ipi);
        expect_result(t, "EVTCHNOP_send on the IPI port", evtchn_send(p.ipi), 0);
        expect(t, evtchn_reset(dom) == 0, "EVTCHNOP_reset(dom 0x%x): expected 0", (unsigned)dom);
        expect(t, evtchn_open_ports_low() == 0, "after EVTCHNOP_reset(0x%x): ports still open: "
               "0x%llx", (unsigned)dom, (unsigned long long)evtchn_open_ports_low());
        expect(t, !evtchn_bit(shared->evtchn_pending, p.ipi), "EVTCHNOP_reset left the IPI "
               "port's event pending");
        expect(t, evtchn_bit(shared->evtchn_mask, p.ipi), "EVTCHNOP_reset cleared the IPI "
               "port's mask bit");
        evtchn_clear_bit(shared->evtchn_mask, p.ipi);
        /* Its VIRQ is free again, as after a close. */
        expect(t, evtchn_bind_virq(HVABI_VIRQ_ARCH_5, 0, &port) == 0, "after EVTCHNOP_reset: "
               "EVTCHNOP_bind_virq(VIRQ_ARCH_5) failed");
        evtchn_close_range(1, 63);
    }
}

static void reset_no_domain(struct test_context *t)
{
    static const uint16_t absent[] = { 0, NO_SUCH_DOMAIN, HVABI_DOMID_IO, HVABI_DOMID_XEN,
                                       HVABI_DOMID_INVALID, 0xffff };
    uint32_t port = evtchn_open_ipi(t, 0, "a port that must stay open");

    for (unsigned int i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        int64_t rc = evtchn_reset(absent[i]);

        expect(t, rc == -HVABI_ESRCH, "EVTCHNOP_reset(0x%x, which does not exist): expected "
               "-ESRCH, got %lld", (unsigned)absent[i], (long long)rc);
    }
    if (port != 0) {
        evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_IPI, NULL);
        evtchn_close(port);
    }
}

const struct conformance_test event_channel_manage_tests[] = {
    {
        .name = "evtchn_status_each_state",
        .verifies = "hvabi~evtchn-status~1 hvabi~evtchn-status-unbound~1 "
                    "hvabi~evtchn-status-interdomain~1 hvabi~evtchn-status-virq~1",
        .run = status_each_state,
    },
    {
        .name = "evtchn_status_errors",
        .verifies = "hvabi~evtchn-status-no-domain~1 hvabi~evtchn-status-range~1",
        .run = status_errors,
    },
    {
        .name = "evtchn_close_each_state",
        .verifies = "hvabi~evtchn-close~1 hvabi~evtchn-close-interdomain~1",
        .run = close_each_state,
    },
    {
        .name = "evtchn_close_clears_pending",
        .verifies = "hvabi~evtchn-close-clears-pending~1",
        .run = close_clears_pending,
    },
    {
        .name = "evtchn_close_virq_unbinds",
        .verifies = "hvabi~evtchn-close-virq~1",
        .run = close_virq_unbinds,
    },
    {
        .name = "evtchn_close_invalid",
        .verifies = "hvabi~evtchn-close-invalid~1",
        .run = close_invalid,
    },
    {
        .name = "evtchn_send_unbound",
        .verifies = "hvabi~evtchn-send-unbound~1",
        .run = send_unbound,
    },
    {
        .name = "evtchn_send_invalid",
        .verifies = "hvabi~evtchn-send-invalid~1",
        .run = send_invalid,
    },
    {
        .name = "evtchn_send_complete",
        .verifies = "hvabi~evtchn-send-complete~1",
        .run = send_complete,
    },
    {
        .name = "evtchn_bind_vcpu_states",
        .verifies = "hvabi~evtchn-bind-vcpu~1 hvabi~evtchn-bind-vcpu-vcpu~1 "
                    "hvabi~evtchn-bind-vcpu-invalid~1",
        .run = bind_vcpu_states,
    },
    {
        .name = "evtchn_unmask_errors",
        .verifies = "hvabi~evtchn-unmask-range~1 hvabi~evtchn-unmask-closed~1",
        .run = unmask_errors,
    },
    {
        .name = "evtchn_unmask_closed_keeps_mask",
        .verifies = "hvabi~evtchn-unmask-closed~1",
        .run = unmask_closed_keeps_mask,
    },
    {
        .name = "evtchn_reset_own_ports",
        .verifies = "hvabi~evtchn-reset~1 hvabi~types-domid-self~1",
        .run = reset_own_ports,
    },
    {
        .name = "evtchn_reset_no_domain",
        .verifies = "hvabi~evtchn-reset-no-domain~1",
        .run = reset_no_domain,
    },
    { .name = NULL },
};
