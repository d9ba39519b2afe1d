/*
 * event_channel_open.c - the commands that open a port, within one domain:
 * alloc_unbound, bind_interdomain between two ports of the domain,
 * bind_virq and bind_ipi, with every error each can return.
 *
 * Specification: spec/chapters/event_channel.rst, EVTCHNOP_alloc_unbound
 * to EVTCHNOP_bind_ipi.  Channels to another domain: event_channel_pair.c.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/evtchn.h"
#include "support/shared_info.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

/*
 * Domain IDs that name no domain in a one-domain scenario: domain 0 (the
 * domains of the system tree are numbered from 1), an ordinary ID, the
 * reserved IDs other than DOMID_SELF, and IDs beyond the reserved range.
 */
static const uint16_t absent_domains[] = {
    0, 0x1234, HVABI_DOMID_IO, HVABI_DOMID_XEN, HVABI_DOMID_COW, HVABI_DOMID_INVALID,
    HVABI_DOMID_IDLE, 0x8000, 0xffff,
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void expect_unbound_to(struct test_context *t, uint32_t port, uint16_t remote,
                              const char *what)
{
    struct hvabi_evtchn_status status;

    if (!evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_UNBOUND, &status)) {
        return;
    }
    expect(t, status.u.unbound.dom == remote, "%s: u.unbound.dom: expected 0x%x, got 0x%x", what,
           (unsigned)remote, (unsigned)status.u.unbound.dom);
    expect(t, status.vcpu == 0, "%s: notified vCPU: expected 0, got %u", what,
           (unsigned)status.vcpu);
}

/* DOMID_SELF and the domain's own ID both name the caller, in dom and in
 * remote_dom; the remote domain is recorded as the caller's ID. */
static void alloc_unbound_self(struct test_context *t)
{
    uint16_t own;
    uint32_t port;
    int64_t rc;

    if (!evtchn_own_domid(t, &own)) {
        return;
    }
    port = evtchn_open_unbound(t, HVABI_DOMID_SELF, "alloc_unbound(DOMID_SELF, DOMID_SELF)");
    if (port != 0) {
        expect_unbound_to(t, port, own, "a port for DOMID_SELF");
        evtchn_expect_close(t, port);
    }
    rc = evtchn_alloc_unbound(own, own, &port);
    if (expect(t, rc == 0, "EVTCHNOP_alloc_unbound(own ID %u, own ID): expected 0, got %lld",
               (unsigned)own, (long long)rc)) {
        expect_unbound_to(t, port, own, "a port for the domain's own ID");
        evtchn_expect_close(t, port);
    }
    rc = evtchn_alloc_unbound(own, HVABI_DOMID_SELF, &port);
    if (expect(t, rc == 0, "EVTCHNOP_alloc_unbound(own ID %u, DOMID_SELF): expected 0, got %lld",
               (unsigned)own, (long long)rc)) {
        expect_unbound_to(t, port, own, "dom = own ID, remote_dom = DOMID_SELF");
        evtchn_expect_close(t, port);
    }
}

static void alloc_unbound_remote_any(struct test_context *t)
{
    uint32_t ports[COUNT(absent_domains)];

    for (unsigned int i = 0; i < COUNT(absent_domains); i++) {
        ports[i] = evtchn_open_unbound(t, absent_domains[i], "a remote domain that is absent");
        if (ports[i] != 0) {
            expect_unbound_to(t, ports[i], absent_domains[i], "the recorded remote domain");
        }
    }
    for (unsigned int i = 0; i < COUNT(absent_domains); i++) {
        if (ports[i] != 0) {
            evtchn_expect_close(t, ports[i]);
        }
    }
}

static void alloc_unbound_no_domain(struct test_context *t)
{
    uint64_t before = evtchn_open_ports_low();

    for (unsigned int i = 0; i < COUNT(absent_domains); i++) {
        uint32_t port;
        int64_t rc = evtchn_alloc_unbound(absent_domains[i], HVABI_DOMID_SELF, &port);

        expect(t, rc == -HVABI_ESRCH, "EVTCHNOP_alloc_unbound(dom 0x%x, a domain that does not "
               "exist): expected -ESRCH (-3), got %lld", (unsigned)absent_domains[i],
               (long long)rc);
    }
    expect(t, evtchn_open_ports_low() == before, "a failed EVTCHNOP_alloc_unbound opened a port");
}

static void expect_connected(struct test_context *t, uint32_t port, uint16_t remote_dom,
                             uint32_t remote_port)
{
    struct hvabi_evtchn_status status;

    if (!evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_INTERDOMAIN, &status)) {
        return;
    }
    expect(t, status.u.interdomain.dom == remote_dom && status.u.interdomain.port == remote_port,
           "port %u: expected connected to port %u of domain %u, got port %u of domain %u",
           (unsigned)port, (unsigned)remote_port, (unsigned)remote_dom,
           (unsigned)status.u.interdomain.port, (unsigned)status.u.interdomain.dom);
    expect(t, status.vcpu == 0, "port %u: notified vCPU: expected 0, got %u", (unsigned)port,
           (unsigned)status.vcpu);
}

/* Two ports of the domain connected to each other, with DOMID_SELF and
 * with the domain's own ID; an event sent on either end reaches the other. */
static void bind_interdomain_loopback(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint16_t own;
    uint32_t unbound, bound;
    int64_t rc;

    if (shared == NULL || !evtchn_own_domid(t, &own) ||
        !evtchn_open_loopback(t, &unbound, &bound)) {
        return;
    }
    expect_connected(t, bound, own, unbound);
    expect_connected(t, unbound, own, bound);
    evtchn_clear_bit(shared->evtchn_pending, unbound);
    evtchn_clear_bit(shared->evtchn_pending, bound);
    expect_result(t, "EVTCHNOP_send on the bound end", evtchn_send(bound), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, unbound) &&
           !evtchn_bit(shared->evtchn_pending, bound),
           "send on port %u: expected the event pending on its remote port %u only",
           (unsigned)bound, (unsigned)unbound);
    evtchn_clear_bit(shared->evtchn_pending, unbound);
    expect_result(t, "EVTCHNOP_send on the first end", evtchn_send(unbound), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, bound) &&
           !evtchn_bit(shared->evtchn_pending, unbound),
           "send on port %u: expected the event pending on its remote port %u only",
           (unsigned)unbound, (unsigned)bound);
    evtchn_close(bound);
    evtchn_close(unbound);

    unbound = evtchn_open_unbound(t, own, "a port for the domain's own ID");
    rc = evtchn_bind_interdomain(own, unbound, &bound);
    if (unbound != 0 && expect(t, rc == 0, "EVTCHNOP_bind_interdomain(own ID %u, %u): expected "
                               "0, got %lld", (unsigned)own, (unsigned)unbound, (long long)rc)) {
        expect_connected(t, bound, own, unbound);
        expect_connected(t, unbound, own, bound);
    }
    evtchn_close_range(1, 63);
}

/* Binding raises an event on the new port before the command returns. */
static void bind_interdomain_pending(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    uint32_t unbound, bound;
    int64_t rc;

    if (shared == NULL || vcpu == NULL) {
        return;
    }
    unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port to bind to");
    if (unbound == 0) {
        return;
    }
    /* The new port will be the lowest closed one: unbound + 1 here. */
    evtchn_clear_bit(shared->evtchn_pending, unbound + 1);
    evtchn_clear_bit(shared->evtchn_mask, unbound + 1);
    evtchn_clear_upcall(vcpu);
    rc = evtchn_bind_interdomain(HVABI_DOMID_SELF, unbound, &bound);
    if (expect(t, rc == 0, "EVTCHNOP_bind_interdomain: expected 0, got %lld", (long long)rc)) {
        expect(t, evtchn_bit(shared->evtchn_pending, bound), "after binding port %u: expected "
               "an event pending on it", (unsigned)bound);
        expect(t, !evtchn_bit(shared->evtchn_pending, unbound), "after binding: the remote "
               "port %u has an event pending", (unsigned)unbound);
        expect(t, (vcpu->evtchn_pending_sel >> (bound / 64)) & 1, "after binding: expected "
               "selector bit %u of vCPU 0 set", (unsigned)(bound / 64));
        expect(t, vcpu->evtchn_upcall_pending == 1, "after binding: expected the upcall flag "
               "of vCPU 0 to be 1, got %u", (unsigned)vcpu->evtchn_upcall_pending);
    }
    evtchn_close_range(1, 63);
    evtchn_clear_upcall(vcpu);
}

/* The remote port keeps its mask and its pending state (one vCPU here;
 * the notified vCPU is checked in event_channel_smp.c). */
static void bind_interdomain_remote_unchanged(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t unbound, bound;
    struct hvabi_evtchn_status status;

    if (shared == NULL) {
        return;
    }
    for (int pending = 0; pending <= 1; pending++) {
        unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port to bind to");
        if (unbound == 0) {
            return;
        }
        evtchn_set_bit(shared->evtchn_mask, unbound);
        if (pending) {
            evtchn_set_bit(shared->evtchn_pending, unbound);
        }
        if (expect_result(t, "EVTCHNOP_bind_interdomain",
                          evtchn_bind_interdomain(HVABI_DOMID_SELF, unbound, &bound), 0)) {
            expect(t, evtchn_bit(shared->evtchn_mask, unbound), "binding to port %u cleared "
                   "its mask bit", (unsigned)unbound);
            expect(t, evtchn_bit(shared->evtchn_pending, unbound) == (pending != 0), "binding "
                   "to port %u changed its pending bit from %d", (unsigned)unbound, pending);
            if (evtchn_expect_state(t, unbound, HVABI_EVTCHNSTAT_INTERDOMAIN, &status)) {
                expect_result(t, "the remote port's notified vCPU", status.vcpu, 0);
            }
        }
        evtchn_close_range(1, 63);
        evtchn_clear_bit(shared->evtchn_mask, unbound);
    }
}

static void bind_interdomain_no_domain(struct test_context *t)
{
    uint64_t before = evtchn_open_ports_low();

    for (unsigned int i = 0; i < COUNT(absent_domains); i++) {
        uint32_t port;
        int64_t rc = evtchn_bind_interdomain(absent_domains[i], 1, &port);

        expect(t, rc == -HVABI_ESRCH, "EVTCHNOP_bind_interdomain(remote_dom 0x%x, a domain that "
               "does not exist): expected -ESRCH (-3), got %lld", (unsigned)absent_domains[i],
               (long long)rc);
    }
    expect(t, evtchn_open_ports_low() == before, "a failed EVTCHNOP_bind_interdomain opened a "
           "port");
}

static void expect_bind_refused(struct test_context *t, uint32_t remote_port, const char *what)
{
    uint32_t port;
    int64_t rc = evtchn_bind_interdomain(HVABI_DOMID_SELF, remote_port, &port);

    expect(t, rc == -HVABI_EINVAL, "EVTCHNOP_bind_interdomain(DOMID_SELF, %u, %s): expected "
           "-EINVAL (-22), got %lld", (unsigned)remote_port, what, (long long)rc);
}

/* Ports that are not offered to the caller: out of range, closed, or in
 * any state but unbound. */
static void bind_interdomain_bad_port(struct test_context *t)
{
    uint32_t ipi = evtchn_open_ipi(t, 0, "an IPI port");
    uint32_t virq = 0, unbound = 0, bound = 0;
    uint64_t before;
    uint32_t port;

    if (ipi == 0 || !evtchn_open_loopback(t, &unbound, &bound) ||
        !expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_2)",
                       evtchn_bind_virq(HVABI_VIRQ_ARCH_2, 0, &virq), 0)) {
        evtchn_close_range(1, 63);
        return;
    }
    before = evtchn_open_ports_low();
    expect_bind_refused(t, ipi, "an IPI port");
    expect_bind_refused(t, virq, "a VIRQ port");
    expect_bind_refused(t, bound, "an interdomain port");
    expect_bind_refused(t, unbound, "an interdomain port");
    expect_bind_refused(t, 0, "port 0");
    expect_bind_refused(t, virq + 1, "a closed port");
    expect_bind_refused(t, HVABI_EVTCHN_2L_NR_PORTS, "out of range");
    expect_bind_refused(t, EVTCHN_PORT_HUGE, "out of range");
    /* The domain is looked up before the port. */
    expect_result(t, "EVTCHNOP_bind_interdomain(a domain that does not exist, a port out of "
                  "range)", evtchn_bind_interdomain(0x1234, EVTCHN_PORT_HUGE, &port),
                  -HVABI_ESRCH);
    expect(t, evtchn_open_ports_low() == before, "a failed EVTCHNOP_bind_interdomain opened or "
           "closed a port");
    evtchn_close_range(1, 63);
}

/* A port unbound for another domain is not offered to this one. */
static void bind_interdomain_offered_elsewhere(struct test_context *t)
{
    uint32_t other = evtchn_open_unbound(t, 0x1234, "a port offered to domain 0x1234");

    if (other != 0) {
        expect_bind_refused(t, other, "unbound for domain 0x1234");
        evtchn_expect_state(t, other, HVABI_EVTCHNSTAT_UNBOUND, NULL);
    }
    evtchn_close_range(1, 63);
}

static bool virq_is_per_vcpu(uint32_t virq)
{
    return virq == HVABI_VIRQ_TIMER || virq == HVABI_VIRQ_DEBUG || virq == HVABI_VIRQ_XENOPROF ||
           virq == HVABI_VIRQ_XENPMU;
}

/* Every VIRQ number binds on vCPU 0, and status names it. */
static void bind_virq_every_number(struct test_context *t)
{
    for (uint32_t virq = 0; virq < HVABI_NR_VIRQS; virq++) {
        struct hvabi_evtchn_status status;
        uint32_t port = 0;
        int64_t rc = evtchn_bind_virq(virq, 0, &port);

        if (!expect(t, rc == 0, "EVTCHNOP_bind_virq(%u, vcpu 0): expected 0, got %lld",
                    (unsigned)virq, (long long)rc)) {
            continue;
        }
        if (evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_VIRQ, &status)) {
            expect(t, status.u.virq == virq && status.vcpu == 0, "EVTCHNOP_status of the port "
                   "of VIRQ %u: got u.virq %u, vcpu %u", (unsigned)virq,
                   (unsigned)status.u.virq, (unsigned)status.vcpu);
        }
        evtchn_expect_close(t, port);
    }
}

/*
 * Binding to the first vCPU ID that does not exist tells the classes apart:
 * a global VIRQ fails its vCPU 0 check (-EINVAL), a per-vCPU one its vCPU
 * check (-ENOENT).
 */
static void virq_classes(struct test_context *t)
{
    uint32_t vcpus = evtchn_vcpu_count(t);
    uint64_t before = evtchn_open_ports_low();

    for (uint32_t virq = 0; virq < HVABI_NR_VIRQS; virq++) {
        uint32_t port;
        int64_t rc = evtchn_bind_virq(virq, vcpus, &port);
        int64_t expected = virq_is_per_vcpu(virq) ? -HVABI_ENOENT : -HVABI_EINVAL;

        expect(t, rc == expected, "EVTCHNOP_bind_virq(%u, vCPU %u, which does not exist): "
               "expected %lld (a %s VIRQ), got %lld", (unsigned)virq, (unsigned)vcpus,
               (long long)expected, virq_is_per_vcpu(virq) ? "per-vCPU" : "global",
               (long long)rc);
    }
    expect(t, evtchn_open_ports_low() == before, "a failed EVTCHNOP_bind_virq opened a port");
}

static void bind_virq_errors(struct test_context *t)
{
    static const uint32_t bad_virqs[] = { HVABI_NR_VIRQS, 25, 100, 0x80000000U, 0xffffffffU };
    uint32_t vcpus = evtchn_vcpu_count(t);
    uint32_t global_port = 0, per_vcpu_port = 0, port;
    uint64_t before;

    before = evtchn_open_ports_low();
    for (unsigned int i = 0; i < COUNT(bad_virqs); i++) {
        expect(t, evtchn_bind_virq(bad_virqs[i], 0, &port) == -HVABI_EINVAL,
               "EVTCHNOP_bind_virq(%u, vcpu 0): expected -EINVAL", (unsigned)bad_virqs[i]);
        /* The VIRQ is checked before the vCPU. */
        expect(t, evtchn_bind_virq(bad_virqs[i], vcpus, &port) == -HVABI_EINVAL,
               "EVTCHNOP_bind_virq(%u, no such vCPU): expected -EINVAL", (unsigned)bad_virqs[i]);
    }
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_CONSOLE, vcpu 0xffffffff): a global VIRQ not on "
                  "vCPU 0", evtchn_bind_virq(HVABI_VIRQ_CONSOLE, 0xffffffffU, &port),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_DEBUG, vcpu 0xffffffff)",
                  evtchn_bind_virq(HVABI_VIRQ_DEBUG, 0xffffffffU, &port), -HVABI_ENOENT);
    expect(t, evtchn_open_ports_low() == before, "a failed EVTCHNOP_bind_virq opened a port");

    if (expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_4, vcpu 0)",
                      evtchn_bind_virq(HVABI_VIRQ_ARCH_4, 0, &global_port), 0)) {
        expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_4, vcpu 0) again",
                      evtchn_bind_virq(HVABI_VIRQ_ARCH_4, 0, &port), -HVABI_EEXIST);
    }
    if (expect_result(t, "EVTCHNOP_bind_virq(VIRQ_DEBUG, vcpu 0)",
                      evtchn_bind_virq(HVABI_VIRQ_DEBUG, 0, &per_vcpu_port), 0)) {
        expect_result(t, "EVTCHNOP_bind_virq(VIRQ_DEBUG, vcpu 0) again",
                      evtchn_bind_virq(HVABI_VIRQ_DEBUG, 0, &port), -HVABI_EEXIST);
    }
    evtchn_close_range(1, 63);
}

static void bind_ipi(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t vcpus = evtchn_vcpu_count(t);
    struct hvabi_evtchn_status status;
    uint64_t before;
    uint32_t port;

    if (shared == NULL) {
        return;
    }
    before = evtchn_open_ports_low();
    expect_result(t, "EVTCHNOP_bind_ipi(no such vCPU)", evtchn_bind_ipi(vcpus, &port),
                  -HVABI_ENOENT);
    expect_result(t, "EVTCHNOP_bind_ipi(vcpu 0xffffffff)", evtchn_bind_ipi(0xffffffffU, &port),
                  -HVABI_ENOENT);
    expect(t, evtchn_open_ports_low() == before, "a failed EVTCHNOP_bind_ipi opened a port");
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    if (evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_IPI, &status)) {
        expect_result(t, "the IPI port's notified vCPU", status.vcpu, 0);
    }
    expect_result(t, "EVTCHNOP_send on the IPI port", evtchn_send(port), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, port), "after a send on IPI port %u: expected "
           "an event pending on it", (unsigned)port);
    evtchn_close(port);
}

const struct conformance_test event_channel_open_tests[] = {
    {
        .name = "evtchn_alloc_unbound_self",
        .verifies = "hvabi~evtchn-alloc-unbound~1 hvabi~evtchn-alloc-unbound-remote-self~1 "
                    "hvabi~evtchn-open-notify-default~1 hvabi~evtchn-status-unbound~1 "
                    "hvabi~types-domid-self~1",
        .run = alloc_unbound_self,
    },
    {
        .name = "evtchn_alloc_unbound_remote_any",
        .verifies = "hvabi~evtchn-alloc-unbound-remote-any~1",
        .run = alloc_unbound_remote_any,
    },
    {
        .name = "evtchn_alloc_unbound_no_domain",
        .verifies = "hvabi~evtchn-alloc-unbound-no-domain~1",
        .run = alloc_unbound_no_domain,
    },
    {
        .name = "evtchn_bind_interdomain_loopback",
        .verifies = "hvabi~evtchn-bind-interdomain~1 hvabi~evtchn-bind-interdomain-self~1 "
                    "hvabi~evtchn-status-interdomain~1 hvabi~evtchn-send-interdomain~1 "
                    "hvabi~evtchn-open-notify-default~1 hvabi~types-domid-self~1",
        .run = bind_interdomain_loopback,
    },
    {
        .name = "evtchn_bind_interdomain_pending",
        .verifies = "hvabi~evtchn-bind-interdomain-pending~1",
        .run = bind_interdomain_pending,
    },
    {
        .name = "evtchn_bind_interdomain_remote_unchanged",
        .verifies = "hvabi~evtchn-bind-interdomain-remote-vcpu~1",
        .run = bind_interdomain_remote_unchanged,
    },
    {
        .name = "evtchn_bind_interdomain_no_domain",
        .verifies = "hvabi~evtchn-bind-interdomain-no-domain~1",
        .run = bind_interdomain_no_domain,
    },
    {
        .name = "evtchn_bind_interdomain_bad_port",
        .verifies = "hvabi~evtchn-bind-interdomain-bad-port~1",
        .run = bind_interdomain_bad_port,
    },
    {
        .name = "evtchn_bind_interdomain_offered_elsewhere",
        .verifies = "hvabi~evtchn-bind-interdomain-bad-port~1",
        .run = bind_interdomain_offered_elsewhere,
    },
    {
        .name = "evtchn_bind_virq_every_number",
        .verifies = "hvabi~evtchn-bind-virq~1 hvabi~evtchn-status-virq~1",
        .run = bind_virq_every_number,
    },
    {
        .name = "evtchn_virq_classes",
        .verifies = "hvabi~evtchn-virq-classes~1 hvabi~evtchn-bind-virq-global-vcpu~1 "
                    "hvabi~evtchn-bind-virq-vcpu~1",
        .run = virq_classes,
    },
    {
        .name = "evtchn_bind_virq_errors",
        .verifies = "hvabi~evtchn-bind-virq-range~1 hvabi~evtchn-bind-virq-global-vcpu~1 "
                    "hvabi~evtchn-bind-virq-vcpu~1 hvabi~evtchn-bind-virq-exists~1",
        .run = bind_virq_errors,
    },
    {
        .name = "evtchn_bind_ipi",
        .verifies = "hvabi~evtchn-bind-ipi~1 hvabi~evtchn-bind-ipi-vcpu~1 "
                    "hvabi~evtchn-send-ipi~1",
        .run = bind_ipi,
    },
    { .name = NULL },
};
