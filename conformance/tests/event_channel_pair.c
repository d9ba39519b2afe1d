/*
 * event_channel_pair.c - event channels between two domains: the roles
 * evtchn-left (domain 1) and evtchn-right (domain 2) of the evtchn-pair
 * scenario.
 *
 * Specification: spec/chapters/event_channel.rst (interdomain channels,
 * static event channels, the commands on another domain),
 * domain_binding.rst (static channels, domain IDs), shared_info.rst (the
 * page at start) and safety.rst (events from another domain).
 *
 * The two lists run side by side: test n of one role plays its part
 * against test n of the other, and both call peer_sync() the same number
 * of times, whatever fails (support/peer.h).
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/clock.h"
#include "support/event_irq.h"
#include "support/evtchn.h"
#include "support/peer.h"
#include "support/shared_info.h"
#include "support/shared_info_checks.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

/* The IDs the system tree gives the two domains: 1 and 2, in the order of
 * the scenario file (domain_binding.rst). */
#define LEFT_DOMID  1
#define RIGHT_DOMID 2

#define NO_SUCH_DOMAIN 0x1234

static const uint32_t *static_ports(enum peer_side side)
{
    return side == PEER_LEFT ? peer_left_static_ports : peer_right_static_ports;
}

static uint32_t remote_static_port(enum peer_side side, unsigned int i)
{
    return side == PEER_LEFT ? peer_right_static_ports[i] : peer_left_static_ports[i];
}

static bool is_own_static(enum peer_side side, uint32_t port)
{
    for (unsigned int i = 0; i < 3; i++) {
        if (static_ports(side)[i] == port) {
            return true;
        }
    }
    return false;
}

/*
 * The first test of each side, before any turn is taken: the shared info
 * page and the ports as the domain started.
 */
static void initial_state(struct test_context *t, enum peer_side side)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);

    if (shared == NULL) {
        return;
    }
    shared_info_expect_initial(t, shared, static_ports(side), 3);
    /* Every port but the static ones is closed (a port that status refuses
     * is not open either; evtchn_closed_ports_in_range checks that
     * refusal). */
    for (uint32_t port = 0; port < HVABI_EVTCHN_MIN_PORTS; port++) {
        struct hvabi_evtchn_status status;
        int64_t rc;

        if (is_own_static(side, port)) {
            continue;
        }
        rc = evtchn_status(HVABI_DOMID_SELF, port, &status);
        if (!expect(t, rc != 0 || status.status == HVABI_EVTCHNSTAT_CLOSED, "port %u is open "
                    "(state %u) when the domain starts", (unsigned)port,
                    (unsigned)status.status)) {
            break;
        }
    }
}

/*
 * The static channels, before any turn is taken: each static port
 * connected to its configured peer port, notifying vCPU 0, unmasked.  The
 * right domain may already have closed its end of the ready channel
 * (support/peer.h), which leaves the left end unbound to it.  The domain
 * IDs are those of the order of the tree.
 */
static void static_channels(struct test_context *t, enum peer_side side)
{
    uint16_t own_expected = side == PEER_LEFT ? LEFT_DOMID : RIGHT_DOMID;
    uint16_t peer_expected = side == PEER_LEFT ? RIGHT_DOMID : LEFT_DOMID;
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t port;
    int64_t rc;

    if (shared == NULL) {
        return;
    }
    for (unsigned int i = 0; i < 3; i++) {
        struct hvabi_evtchn_status status;
        uint32_t own_port = static_ports(side)[i];

        rc = evtchn_status(HVABI_DOMID_SELF, own_port, &status);
        if (!expect(t, rc == 0, "EVTCHNOP_status of static port %u: %lld", (unsigned)own_port,
                    (long long)rc)) {
            continue;
        }
        if (own_port == PEER_LEFT_READY_PORT && status.status == HVABI_EVTCHNSTAT_UNBOUND &&
            status.u.unbound.dom == peer_expected) {
            test_note(t, "the right domain has closed its end of the ready channel already");
            continue;
        }
        expect(t, status.status == HVABI_EVTCHNSTAT_INTERDOMAIN &&
               status.u.interdomain.dom == peer_expected &&
               status.u.interdomain.port == remote_static_port(side, i),
               "static port %u: expected connected to port %u of domain %u, got state %u, port "
               "%u of domain %u", (unsigned)own_port, (unsigned)remote_static_port(side, i),
               (unsigned)peer_expected, (unsigned)status.status,
               (unsigned)status.u.interdomain.port, (unsigned)status.u.interdomain.dom);
        expect(t, status.vcpu == 0, "static port %u: notified vCPU %u, expected 0",
               (unsigned)own_port, (unsigned)status.vcpu);
        expect(t, !evtchn_bit(shared->evtchn_mask, own_port), "static port %u starts masked",
               (unsigned)own_port);
        if (evtchn_bit(shared->evtchn_pending, own_port)) {
            test_note(t, "static port %u started with an event pending", (unsigned)own_port);
        }
    }
    /* This domain is the one with ID own_expected: it may open a port in
     * it, which it may not in any other domain. */
    rc = evtchn_alloc_unbound(own_expected, HVABI_DOMID_SELF, &port);
    if (expect(t, rc == 0, "EVTCHNOP_alloc_unbound(dom %u), this domain's ID by the order of "
               "the tree: expected 0, got %lld", (unsigned)own_expected, (long long)rc)) {
        evtchn_close(port);
    }
}

static void left_static_channels(struct test_context *t)
{
    static_channels(t, PEER_LEFT);
}

static void right_static_channels(struct test_context *t)
{
    static_channels(t, PEER_RIGHT);
}

static void left_initial_state(struct test_context *t)
{
    initial_state(t, PEER_LEFT);
}

static void right_initial_state(struct test_context *t)
{
    initial_state(t, PEER_RIGHT);
}

/*
 * An event each way on the data channel.  The receiver looks right after
 * the turn, without waiting: the sender's send had returned before it
 * passed the turn, so the event must be complete.
 */
static void send_each_way(struct test_context *t, enum peer_side side)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    bool ready = shared != NULL && vcpu != NULL && peer_link(t, side) && event_irq_setup(t);
    uint32_t own = peer_own_data_port();

    if (ready) {
        evtchn_clear_bit(shared->evtchn_pending, own);
        event_irq_drain(t);
    }
    /* Turn 1: left sends; turn 2: right receives and sends; turn 3: left
     * receives. */
    for (unsigned int turn = 1; turn <= 3; turn++) {
        bool receiving = (side == PEER_RIGHT && turn == 2) || (side == PEER_LEFT && turn == 3);
        bool sending = (side == PEER_LEFT && turn == 1) || (side == PEER_RIGHT && turn == 2);

        if (!peer_sync(t) || !ready) {
            continue;
        }
        if (receiving) {
            expect(t, evtchn_bit(shared->evtchn_pending, own), "the other domain's send on its "
                   "data port had returned: expected the event pending on port %u",
                   (unsigned)own);
            expect(t, ((vcpu->evtchn_pending_sel >> (own / 64)) & 1) &&
                   vcpu->evtchn_upcall_pending == 1, "the event on port %u did not set the "
                   "selector and the upcall flag", (unsigned)own);
            expect_result(t, "event interrupts for the other domain's event",
                          event_irq_window(100, true), 1);
            evtchn_clear_bit(shared->evtchn_pending, own);
            evtchn_clear_upcall(vcpu);
        }
        if (sending) {
            expect_result(t, "EVTCHNOP_send on the data port", evtchn_send(own), 0);
        }
    }
}

static void left_send_each_way(struct test_context *t)
{
    send_each_way(t, PEER_LEFT);
}

static void right_send_each_way(struct test_context *t)
{
    send_each_way(t, PEER_RIGHT);
}

/* The commands that name a target domain refuse the other domain, which
 * is not a control domain, and change nothing there. */
static void other_domain_denied(struct test_context *t, enum peer_side side)
{
    struct hvabi_evtchn_status status;
    uint32_t port;
    bool linked = peer_link(t, side);
    uint16_t peer = peer_domid();

    if (peer_sync(t) && linked) {
        expect_result(t, "EVTCHNOP_status(the other domain, its data port)",
                      evtchn_status(peer, peer_remote_data_port(), &status), -HVABI_EPERM);
        expect_result(t, "EVTCHNOP_status(the other domain, port 0)",
                      evtchn_status(peer, 0, &status), -HVABI_EPERM);
        expect_result(t, "EVTCHNOP_alloc_unbound(the other domain, DOMID_SELF)",
                      evtchn_alloc_unbound(peer, HVABI_DOMID_SELF, &port), -HVABI_EPERM);
        expect_result(t, "EVTCHNOP_alloc_unbound(the other domain, the other domain)",
                      evtchn_alloc_unbound(peer, peer, &port), -HVABI_EPERM);
        expect_result(t, "EVTCHNOP_reset(the other domain)", evtchn_reset(peer), -HVABI_EPERM);
    }
    /* Both have tried: the other domain's attempts changed nothing here. */
    if (peer_sync(t) && linked) {
        evtchn_expect_state(t, peer_own_data_port(), HVABI_EVTCHNSTAT_INTERDOMAIN, NULL);
        /* The left end of the ready channel stays open, unbound. */
        uint64_t open = (1ULL << peer_own_data_port()) | (1ULL << peer_own_token_port()) |
                        (side == PEER_LEFT ? 1ULL << PEER_LEFT_READY_PORT : 0);

        expect(t, evtchn_open_ports_low() == open, "the ports open here changed: expected "
               "0x%llx, got 0x%llx", (unsigned long long)open,
               (unsigned long long)evtchn_open_ports_low());
    }
}

static void left_other_domain_denied(struct test_context *t)
{
    other_domain_denied(t, PEER_LEFT);
}

static void right_other_domain_denied(struct test_context *t)
{
    other_domain_denied(t, PEER_RIGHT);
}

/* Permission comes before the port: -EPERM for another domain's port
 * whatever its number. */
static void status_other_any_port(struct test_context *t, enum peer_side side)
{
    struct hvabi_evtchn_status status;
    bool linked = peer_link(t, side);

    if (peer_sync(t) && linked) {
        expect_result(t, "EVTCHNOP_status(the other domain, port 4096)",
                      evtchn_status(peer_domid(), HVABI_EVTCHN_2L_NR_PORTS, &status),
                      -HVABI_EPERM);
        expect_result(t, "EVTCHNOP_status(the other domain, port 0xffffffff)",
                      evtchn_status(peer_domid(), EVTCHN_PORT_HUGE, &status), -HVABI_EPERM);
    }
}

static void left_status_other_any_port(struct test_context *t)
{
    status_other_any_port(t, PEER_LEFT);
}

static void right_status_other_any_port(struct test_context *t)
{
    status_other_any_port(t, PEER_RIGHT);
}

/* The right domain has no port free; alloc_unbound in it from the left
 * domain still fails for permission, before it could fail for space. */
static void alloc_unbound_other_full(struct test_context *t, enum peer_side side)
{
    bool linked = peer_link(t, side);
    uint32_t opened = 0, port;

    if (linked && side == PEER_RIGHT) {
        while (opened < HVABI_EVTCHN_2L_NR_PORTS && evtchn_bind_ipi(0, &port) == 0) {
            opened++;
        }
        expect_result(t, "EVTCHNOP_bind_ipi once every port is open",
                      evtchn_bind_ipi(0, &port), -HVABI_ENOSPC);
    }
    if (peer_sync(t) && linked && side == PEER_LEFT) {
        expect_result(t, "EVTCHNOP_alloc_unbound(the other domain, which has no port free)",
                      evtchn_alloc_unbound(peer_domid(), HVABI_DOMID_SELF, &port),
                      -HVABI_EPERM);
    }
    if (peer_sync(t) && linked && side == PEER_RIGHT) {
        for (port = 1; port < HVABI_EVTCHN_2L_NR_PORTS && opened > 0; port++) {
            struct hvabi_evtchn_status status;

            if (evtchn_status(HVABI_DOMID_SELF, port, &status) == 0 &&
                status.status == HVABI_EVTCHNSTAT_IPI) {
                evtchn_close(port);
                opened--;
            }
        }
    }
}

static void left_alloc_unbound_other_full(struct test_context *t)
{
    alloc_unbound_other_full(t, PEER_LEFT);
}

static void right_alloc_unbound_other_full(struct test_context *t)
{
    alloc_unbound_other_full(t, PEER_RIGHT);
}

/* Left: binds to the port the right domain offered it, the lowest of its
 * free ports; tries the low ports in turn.  Returns the right domain's
 * port, 0 when none was offered. */
static uint32_t bind_to_offer(struct test_context *t, uint32_t *local)
{
    for (uint32_t candidate = 1; candidate < 10; candidate++) {
        if (evtchn_bind_interdomain(peer_domid(), candidate, local) == 0) {
            return candidate;
        }
    }
    expect(t, false, "EVTCHNOP_bind_interdomain to ports 1 to 9 of the right domain: none "
           "succeeded, although the right domain offered one to this domain");
    return 0;
}

/*
 * A channel made at run time: the right domain offers a port to the left
 * one, which binds to it without any privilege; events flow; the left end
 * closes and the right end becomes unbound to the left domain again, so
 * that the left domain can bind once more.
 */
static void runtime_channel(struct test_context *t, enum peer_side side)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    bool linked = shared != NULL && peer_link(t, side);
    struct hvabi_evtchn_status status;
    uint32_t offered = 0, local = 0, again = 0;

    if (linked && side == PEER_RIGHT) {
        offered = evtchn_open_unbound(t, peer_domid(), "a port offered to the left domain");
        if (offered != 0) {
            evtchn_set_bit(shared->evtchn_mask, offered);
            evtchn_clear_bit(shared->evtchn_pending, offered);
        }
    }
    /* 1: left binds. */
    if (peer_sync(t) && linked && side == PEER_LEFT) {
        offered = bind_to_offer(t, &local);
        if (offered != 0 &&
            evtchn_expect_state(t, local, HVABI_EVTCHNSTAT_INTERDOMAIN, &status)) {
            expect(t, status.u.interdomain.dom == peer_domid() &&
                   status.u.interdomain.port == offered, "the new port: expected connected "
                   "to port %u of domain %u, got %u of %u", (unsigned)offered,
                   (unsigned)peer_domid(), (unsigned)status.u.interdomain.port,
                   (unsigned)status.u.interdomain.dom);
            expect(t, evtchn_bit(shared->evtchn_pending, local), "binding raised no event on "
                   "the new port %u", (unsigned)local);
            evtchn_clear_bit(shared->evtchn_pending, local);
        }
    }
    /* 2: right sees the binding, its port's mask and pending bit as they
     * were, and sends. */
    if (peer_sync(t) && linked && side == PEER_RIGHT && offered != 0) {
        if (evtchn_expect_state(t, offered, HVABI_EVTCHNSTAT_INTERDOMAIN, &status)) {
            expect(t, status.u.interdomain.dom == peer_domid() && status.vcpu == 0,
                   "the offered port: expected connected to domain %u with vcpu 0, got domain "
                   "%u, vcpu %u", (unsigned)peer_domid(), (unsigned)status.u.interdomain.dom,
                   (unsigned)status.vcpu);
        }
        expect(t, evtchn_bit(shared->evtchn_mask, offered) &&
               !evtchn_bit(shared->evtchn_pending, offered), "binding changed the mask or "
               "pending bit of the offered port %u", (unsigned)offered);
        expect_result(t, "EVTCHNOP_send on the offered port", evtchn_send(offered), 0);
    }
    /* 3: left receives, closes its end. */
    if (peer_sync(t) && linked && side == PEER_LEFT && local != 0) {
        expect(t, evtchn_bit(shared->evtchn_pending, local), "the right domain's send raised no "
               "event on port %u", (unsigned)local);
        evtchn_expect_close(t, local);
    }
    /* 4: right's end is unbound to the left domain; a send is dropped. */
    if (peer_sync(t) && linked && side == PEER_RIGHT && offered != 0) {
        if (evtchn_expect_state(t, offered, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
            expect(t, status.u.unbound.dom == peer_domid(), "after the left end closed: "
                   "expected unbound to domain %u, got 0x%x", (unsigned)peer_domid(),
                   (unsigned)status.u.unbound.dom);
        }
        expect(t, evtchn_bit(shared->evtchn_mask, offered), "the close of the remote end "
               "cleared the mask bit of port %u", (unsigned)offered);
        expect_result(t, "EVTCHNOP_send on the port left unbound", evtchn_send(offered), 0);
    }
    /* 5: left binds again. */
    if (peer_sync(t) && linked && side == PEER_LEFT && offered != 0) {
        expect(t, !evtchn_bit(shared->evtchn_pending, local), "a send on an unbound remote port "
               "raised an event on the closed port %u", (unsigned)local);
        expect_result(t, "EVTCHNOP_bind_interdomain to the same port again",
                      evtchn_bind_interdomain(peer_domid(), offered, &again), 0);
    }
    /* 6: right closes. */
    if (peer_sync(t) && linked && side == PEER_RIGHT && offered != 0) {
        evtchn_expect_state(t, offered, HVABI_EVTCHNSTAT_INTERDOMAIN, NULL);
        evtchn_expect_close(t, offered);
        evtchn_clear_bit(shared->evtchn_mask, offered);
    }
    /* 7: left's end is unbound to the right domain. */
    if (peer_sync(t) && linked && side == PEER_LEFT && again != 0) {
        if (evtchn_expect_state(t, again, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
            expect(t, status.u.unbound.dom == peer_domid(), "after the right end closed: "
                   "expected unbound to domain %u, got 0x%x", (unsigned)peer_domid(),
                   (unsigned)status.u.unbound.dom);
        }
        evtchn_close(again);
        evtchn_clear_bit(shared->evtchn_pending, again);
    }
}

static void left_runtime_channel(struct test_context *t)
{
    runtime_channel(t, PEER_LEFT);
}

static void right_runtime_channel(struct test_context *t)
{
    runtime_channel(t, PEER_RIGHT);
}

/* The right domain's ports that are not offered to the left domain. */
static void bind_refused(struct test_context *t, enum peer_side side)
{
    bool linked = peer_link(t, side);
    uint32_t own_unbound = 0, local;

    if (linked && side == PEER_RIGHT) {
        own_unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "a port for this domain");
    }
    if (peer_sync(t) && linked && side == PEER_LEFT) {
        static const struct {
            uint32_t port;
            const char *what;
        } refused[] = {
            { 1, "unbound for the right domain itself" },
            { 2, "closed" },
            { PEER_RIGHT_DATA_PORT, "interdomain, connected to this domain" },
            { 0, "port 0" },
            { HVABI_EVTCHN_2L_NR_PORTS, "out of range" },
            { EVTCHN_PORT_HUGE, "out of range" },
        };

        for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
            int64_t rc = evtchn_bind_interdomain(peer_domid(), refused[i].port, &local);

            expect(t, rc == -HVABI_EINVAL, "EVTCHNOP_bind_interdomain(domain %u, port %u, %s): "
                   "expected -EINVAL, got %lld", (unsigned)peer_domid(),
                   (unsigned)refused[i].port, refused[i].what, (long long)rc);
        }
    }
    if (peer_sync(t) && linked && side == PEER_RIGHT) {
        expect(t, own_unbound == 1, "the port for this domain: expected port 1, got %u",
               (unsigned)own_unbound);
        evtchn_expect_state(t, own_unbound, HVABI_EVTCHNSTAT_UNBOUND, NULL);
        evtchn_close(own_unbound);
    }
}

static void left_bind_refused(struct test_context *t)
{
    bind_refused(t, PEER_LEFT);
}

static void right_bind_refused(struct test_context *t)
{
    bind_refused(t, PEER_RIGHT);
}

/*
 * The left domain sends many events while the right one takes event
 * interrupts and handles them as a guest does (flag and selector cleared)
 * but leaves the pending bit set: one interrupt only, however many sends.
 * Then once more after the pending bit is cleared, and none while masked.
 */
static void clear_selector(void *context)
{
    volatile struct hvabi_vcpu_info *vcpu = context;

    __atomic_exchange_n(&vcpu->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
}

static void event_edge(struct test_context *t, enum peer_side side)
{
    static const uint32_t sends[3] = { 50, 20, 20 };
    static const uint32_t expected[3] = { 1, 1, 0 };
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    bool ready = shared != NULL && vcpu != NULL && peer_link(t, side) && event_irq_setup(t);
    uint32_t own = peer_own_data_port();

    if (ready && side == PEER_RIGHT) {
        evtchn_clear_bit(shared->evtchn_pending, own);
        event_irq_drain(t);
        event_irq_set_hook(clear_selector, (void *)vcpu);
    }
    for (unsigned int round = 0; round < 3; round++) {
        if (!peer_sync(t) || !ready) {
            continue;
        }
        if (side == PEER_LEFT) {
            clock_spin(20 * CLOCK_MS);
            for (uint32_t i = 0; i < sends[round]; i++) {
                evtchn_send(own);
                clock_spin(2 * CLOCK_MS);
            }
            continue;
        }
        if (!expect_result(t, "event interrupts while the other domain sent",
                           event_irq_window(400, false), expected[round])) {
            test_note(t, "round %u: %u sends, %s", round, (unsigned)sends[round],
                      round == 2 ? "port masked" : "pending bit left set");
        }
        expect(t, evtchn_bit(shared->evtchn_pending, own), "round %u: no event pending on "
               "port %u", round, (unsigned)own);
        evtchn_clear_bit(shared->evtchn_pending, own);
        if (round == 1) {
            evtchn_set_bit(shared->evtchn_mask, own);
        }
    }
    if (ready && side == PEER_RIGHT) {
        event_irq_set_hook(NULL, NULL);
        evtchn_clear_bit(shared->evtchn_mask, own);
        evtchn_clear_upcall(vcpu);
    }
    peer_sync(t);
}

static void left_event_edge(struct test_context *t)
{
    event_edge(t, PEER_LEFT);
}

static void right_event_edge(struct test_context *t)
{
    event_edge(t, PEER_RIGHT);
}

/* The left domain closes its end of the static data channel; the right
 * end becomes unbound to it, with its mask and pending bit kept. */
static void close_static(struct test_context *t, enum peer_side side)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    bool linked = shared != NULL && peer_link(t, side);
    uint32_t own = peer_own_data_port();
    struct hvabi_evtchn_status status;

    if (linked && side == PEER_RIGHT) {
        evtchn_set_bit(shared->evtchn_mask, own);
        evtchn_set_bit(shared->evtchn_pending, own);
    }
    if (peer_sync(t) && linked && side == PEER_LEFT) {
        expect_result(t, "EVTCHNOP_close of the static data port", evtchn_close(own), 0);
    }
    if (peer_sync(t) && linked && side == PEER_RIGHT) {
        if (evtchn_expect_state(t, own, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
            expect(t, status.u.unbound.dom == peer_domid() && status.vcpu == 0,
                   "static port %u after the other end closed: expected unbound to domain %u "
                   "with vcpu 0, got 0x%x, vcpu %u", (unsigned)own, (unsigned)peer_domid(),
                   (unsigned)status.u.unbound.dom, (unsigned)status.vcpu);
        }
        expect(t, evtchn_bit(shared->evtchn_mask, own) && evtchn_bit(shared->evtchn_pending, own),
               "the close of the remote end changed the mask or pending bit of port %u",
               (unsigned)own);
        evtchn_clear_bit(shared->evtchn_pending, own);
        expect_result(t, "EVTCHNOP_send on the port left unbound", evtchn_send(own), 0);
        expect(t, !evtchn_bit(shared->evtchn_pending, own), "a send on unbound port %u raised "
               "an event", (unsigned)own);
        evtchn_clear_bit(shared->evtchn_mask, own);
    }
}

static void left_close_static(struct test_context *t)
{
    close_static(t, PEER_LEFT);
}

static void right_close_static(struct test_context *t)
{
    close_static(t, PEER_RIGHT);
}

/* The left domain binds to the right end of the static channel it
 * closed: the port is unbound to it, which is all the permission needed. */
static void rebind_static(struct test_context *t, enum peer_side side)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    bool linked = shared != NULL && peer_link(t, side);
    struct hvabi_evtchn_status status;
    uint32_t local = 0;

    if (peer_sync(t) && linked && side == PEER_LEFT) {
        if (expect_result(t, "EVTCHNOP_bind_interdomain to the right end of the static channel",
                          evtchn_bind_interdomain(peer_domid(), PEER_RIGHT_DATA_PORT, &local),
                          0)) {
            if (evtchn_expect_state(t, local, HVABI_EVTCHNSTAT_INTERDOMAIN, &status)) {
                expect(t, status.u.interdomain.dom == peer_domid() &&
                       status.u.interdomain.port == PEER_RIGHT_DATA_PORT, "the new port: "
                       "expected connected to port %u of domain %u, got %u of %u",
                       (unsigned)PEER_RIGHT_DATA_PORT, (unsigned)peer_domid(),
                       (unsigned)status.u.interdomain.port, (unsigned)status.u.interdomain.dom);
            }
            evtchn_clear_bit(shared->evtchn_pending, local);
        }
    }
    if (peer_sync(t) && linked && side == PEER_RIGHT) {
        if (evtchn_expect_state(t, PEER_RIGHT_DATA_PORT, HVABI_EVTCHNSTAT_INTERDOMAIN,
                                &status)) {
            expect(t, status.u.interdomain.dom == peer_domid(), "the static port: expected "
                   "connected to domain %u, got %u", (unsigned)peer_domid(),
                   (unsigned)status.u.interdomain.dom);
        }
    }
}

static void left_rebind_static(struct test_context *t)
{
    rebind_static(t, PEER_LEFT);
}

static void right_rebind_static(struct test_context *t)
{
    rebind_static(t, PEER_RIGHT);
}

/*
 * The last turn: the right domain resets its event channels, static ones
 * included; the left domain sees its token port become unbound to it.
 * No turn can follow.
 */
static void reset_closes_static(struct test_context *t, enum peer_side side)
{
    bool linked = peer_link(t, side);
    struct hvabi_evtchn_status status;

    if (!peer_sync(t) || !linked) {
        return;
    }
    if (side == PEER_RIGHT) {
        expect_result(t, "EVTCHNOP_reset(DOMID_SELF)", evtchn_reset(HVABI_DOMID_SELF), 0);
        expect(t, evtchn_open_ports_low() == 0, "after EVTCHNOP_reset: ports still open: "
               "0x%llx", (unsigned long long)evtchn_open_ports_low());
        return;
    }
    {
        uint64_t deadline = clock_deadline(2000 * CLOCK_MS);

        do {
            if (evtchn_status(HVABI_DOMID_SELF, PEER_LEFT_TOKEN_PORT, &status) == 0 &&
                status.status == HVABI_EVTCHNSTAT_UNBOUND) {
                break;
            }
        } while (!clock_passed(deadline));
        expect(t, status.status == HVABI_EVTCHNSTAT_UNBOUND &&
               status.u.unbound.dom == peer_domid(), "within 2 s of the right domain's reset: "
               "expected the token port unbound to domain %u, got state %u",
               (unsigned)peer_domid(), (unsigned)status.status);
    }
}

static void left_reset_closes_static(struct test_context *t)
{
    reset_closes_static(t, PEER_LEFT);
}

static void right_reset_closes_static(struct test_context *t)
{
    reset_closes_static(t, PEER_RIGHT);
}


const struct conformance_test event_channel_left_tests[] = {
    {
        .name = "evtchn_pair_left_initial_state",
        .verifies = "hvabi~evtchn-port-initial~1 hvabi~shared-info-initial~1",
        .run = left_initial_state,
    },
    {
        .name = "evtchn_pair_left_static_channels",
        .verifies = "hvabi~evtchn-static-open~1 hvabi~evtchn-static-notify~1 "
                    "hvabi~evtchn-static-initial-event~1 hvabi~domain-binding-evtchn~1 "
                    "hvabi~domain-binding-evtchn-initial~1 hvabi~domain-binding-domain-id~1",
        .run = left_static_channels,
    },
    {
        .name = "evtchn_pair_left_send_each_way",
        .verifies = "hvabi~evtchn-send-interdomain~1 hvabi~evtchn-send-complete~1 "
                    "hvabi~evtchn-static-same~1 hvabi~evtchn-2l-interrupt~1",
        .run = left_send_each_way,
    },
    {
        .name = "evtchn_pair_left_other_domain_denied",
        .verifies = "hvabi~evtchn-status-other~1 hvabi~evtchn-alloc-unbound-other~1 "
                    "hvabi~evtchn-reset-other~1",
        .run = left_other_domain_denied,
    },
    {
        .name = "evtchn_pair_left_status_other_any_port",
        .verifies = "hvabi~evtchn-status-other~1",
        .run = left_status_other_any_port,
    },
    {
        .name = "evtchn_pair_left_alloc_unbound_other_full",
        .verifies = "hvabi~evtchn-alloc-unbound-other~1",
        .run = left_alloc_unbound_other_full,
    },
    {
        .name = "evtchn_pair_left_runtime_channel",
        .verifies = "hvabi~evtchn-bind-interdomain~1 "
                    "hvabi~evtchn-bind-interdomain-no-privilege~1 "
                    "hvabi~evtchn-bind-interdomain-pending~1 hvabi~evtchn-close-interdomain~1 "
                    "hvabi~evtchn-send-unbound~1",
        .run = left_runtime_channel,
    },
    {
        .name = "evtchn_pair_left_bind_refused",
        .verifies = "hvabi~evtchn-bind-interdomain-bad-port~1",
        .run = left_bind_refused,
    },
    {
        .name = "evtchn_pair_left_event_edge",
        .verifies = "hvabi~safety-temporal-event-edge~1 hvabi~evtchn-2l-pending~1 "
                    "hvabi~evtchn-2l-masked~1",
        .run = left_event_edge,
    },
    {
        .name = "evtchn_pair_left_close_static",
        .verifies = "hvabi~evtchn-static-same~1",
        .run = left_close_static,
    },
    {
        .name = "evtchn_pair_left_rebind_static",
        .verifies = "hvabi~evtchn-bind-interdomain-no-privilege~1 "
                    "hvabi~evtchn-static-same~1",
        .run = left_rebind_static,
    },
    {
        .name = "evtchn_pair_left_reset_closes_static",
        .verifies = "hvabi~evtchn-reset~1 hvabi~evtchn-close-interdomain~1",
        .run = left_reset_closes_static,
    },
    { .name = NULL },
};

const struct conformance_test event_channel_right_tests[] = {
    {
        .name = "evtchn_pair_right_initial_state",
        .verifies = "hvabi~evtchn-port-initial~1 hvabi~shared-info-initial~1",
        .run = right_initial_state,
    },
    {
        .name = "evtchn_pair_right_static_channels",
        .verifies = "hvabi~evtchn-static-open~1 hvabi~evtchn-static-notify~1 "
                    "hvabi~evtchn-static-initial-event~1 hvabi~domain-binding-evtchn~1 "
                    "hvabi~domain-binding-evtchn-initial~1 hvabi~domain-binding-domain-id~1",
        .run = right_static_channels,
    },
    {
        .name = "evtchn_pair_right_send_each_way",
        .verifies = "hvabi~evtchn-send-interdomain~1 hvabi~evtchn-send-complete~1 "
                    "hvabi~evtchn-static-same~1 hvabi~evtchn-2l-interrupt~1",
        .run = right_send_each_way,
    },
    {
        .name = "evtchn_pair_right_other_domain_denied",
        .verifies = "hvabi~evtchn-status-other~1 hvabi~evtchn-alloc-unbound-other~1 "
                    "hvabi~evtchn-reset-other~1",
        .run = right_other_domain_denied,
    },
    {
        .name = "evtchn_pair_right_status_other_any_port",
        .verifies = "hvabi~evtchn-status-other~1",
        .run = right_status_other_any_port,
    },
    {
        .name = "evtchn_pair_right_alloc_unbound_other_full",
        .verifies = "hvabi~evtchn-alloc-full~1",
        .run = right_alloc_unbound_other_full,
    },
    {
        .name = "evtchn_pair_right_runtime_channel",
        .verifies = "hvabi~evtchn-alloc-unbound~1 hvabi~evtchn-bind-interdomain~1 "
                    "hvabi~evtchn-bind-interdomain-remote-vcpu~1 "
                    "hvabi~evtchn-close-interdomain~1",
        .run = right_runtime_channel,
    },
    {
        .name = "evtchn_pair_right_bind_refused",
        .verifies = "hvabi~evtchn-bind-interdomain-bad-port~1",
        .run = right_bind_refused,
    },
    {
        .name = "evtchn_pair_right_event_edge",
        .verifies = "hvabi~safety-temporal-event-edge~1 hvabi~evtchn-2l-pending~1 "
                    "hvabi~evtchn-2l-masked~1",
        .run = right_event_edge,
    },
    {
        .name = "evtchn_pair_right_close_static",
        .verifies = "hvabi~evtchn-close-interdomain~1 hvabi~evtchn-static-same~1 "
                    "hvabi~evtchn-send-unbound~1",
        .run = right_close_static,
    },
    {
        .name = "evtchn_pair_right_rebind_static",
        .verifies = "hvabi~evtchn-static-same~1",
        .run = right_rebind_static,
    },
    {
        .name = "evtchn_pair_right_reset_closes_static",
        .verifies = "hvabi~evtchn-reset~1",
        .run = right_reset_closes_static,
    },
    { .name = NULL },
};
