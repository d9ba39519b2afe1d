/*
 * event_channel_ports.c - the ports of a domain: port 0, the port count,
 * which port a command opens, and what happens when none is free.
 *
 * Specification: spec/chapters/event_channel.rst, "Ports".
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/evtchn.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

#define NO_SUCH_DOMAIN 0x1234

static void port_zero(struct test_context *t)
{
    struct hvabi_evtchn_status status;
    uint32_t first;

    if (evtchn_expect_state(t, 0, HVABI_EVTCHNSTAT_CLOSED, &status)) {
        expect_result(t, "EVTCHNOP_status(port 0): vcpu", status.vcpu, 0);
    }
    expect_result(t, "EVTCHNOP_close(port 0)", evtchn_close(0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_send(port 0)", evtchn_send(0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_vcpu(port 0, vcpu 0)", evtchn_bind_vcpu(0, 0),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_unmask(port 0)", evtchn_unmask(0), 0);
    /* With every port closed, the lowest one a command may open is 1. */
    first = evtchn_open_ipi(t, 0, "the first port");
    expect(t, first != 0, "EVTCHNOP_bind_ipi opened port 0");
    expect(t, first == 1, "EVTCHNOP_bind_ipi with every port closed: expected port 1, got %u "
           "(a port was left open by an earlier test?)", (unsigned)first);
    evtchn_expect_state(t, 0, HVABI_EVTCHNSTAT_CLOSED, NULL);
    evtchn_close(first);
}

/*
 * Ports far above those in use are in range (every domain has at least
 * 1024) and closed: status says so and unmask does nothing.
 */
static void closed_ports_in_range(struct test_context *t)
{
    static const uint32_t ports[] = { 63, 64, 500, 1000, 1023 };

    for (unsigned int i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
        struct hvabi_evtchn_status status;
        int64_t rc = evtchn_status(HVABI_DOMID_SELF, ports[i], &status);

        if (expect(t, rc == 0, "EVTCHNOP_status(DOMID_SELF, %u), a closed port in range: "
                   "expected 0, got %lld", (unsigned)ports[i], (long long)rc)) {
            expect(t, status.status == HVABI_EVTCHNSTAT_CLOSED && status.vcpu == 0,
                   "EVTCHNOP_status(DOMID_SELF, %u): expected state closed and vcpu 0, got "
                   "state %u, vcpu %u", (unsigned)ports[i], (unsigned)status.status,
                   (unsigned)status.vcpu);
        }
        rc = evtchn_unmask(ports[i]);
        expect(t, rc == 0, "EVTCHNOP_unmask(%u), a closed port in range: expected 0, got %lld",
               (unsigned)ports[i], (long long)rc);
    }
}

static void alloc_lowest(struct test_context *t)
{
    uint32_t a = evtchn_open_ipi(t, 0, "port a");
    uint32_t b = evtchn_open_unbound(t, HVABI_DOMID_SELF, "port b");
    uint32_t c = evtchn_open_ipi(t, 0, "port c");
    uint32_t again, next;

    if (a == 0 || b == 0 || c == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    expect(t, b == a + 1 && c == b + 1, "three opens in a row: expected consecutive ports, got "
           "%u, %u, %u", (unsigned)a, (unsigned)b, (unsigned)c);
    evtchn_close(b);
    again = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port after closing b");
    expect(t, again == b, "after closing port %u: expected it to be opened again, got %u",
           (unsigned)b, (unsigned)again);
    next = evtchn_open_ipi(t, 0, "the next port");
    expect(t, next == c + 1, "expected port %u, above every open port, got %u",
           (unsigned)(c + 1), (unsigned)next);
    evtchn_close(a);
    again = evtchn_open_ipi(t, 0, "the port after closing a");
    expect(t, again == a, "after closing port %u: expected it to be opened again, got %u",
           (unsigned)a, (unsigned)again);
    evtchn_close_range(1, 63);
}

/* The ports opened by fill_all_ports, all but the last one an IPI port. */
static uint32_t highest_open;

/* Closes ports 1 to highest_open; returns how many closes failed. */
static uint32_t close_filled(void)
{
    uint32_t failed = 0;

    for (uint32_t port = 1; port <= highest_open; port++) {
        if (evtchn_close(port) != 0) {
            failed++;
        }
    }
    highest_open = 0;
    return failed;
}

/* Every command that opens a port, with no port free: checks that come
 * before -ENOSPC still fail with their own error, then -ENOSPC. */
static void check_full(struct test_context *t, uint32_t unbound, uint32_t vcpus)
{
    uint32_t port;

    expect_result(t, "EVTCHNOP_bind_ipi(vcpu 0), no port free", evtchn_bind_ipi(0, &port),
                  -HVABI_ENOSPC);
    expect_result(t, "EVTCHNOP_alloc_unbound(DOMID_SELF, DOMID_SELF), no port free",
                  evtchn_alloc_unbound(HVABI_DOMID_SELF, HVABI_DOMID_SELF, &port),
                  -HVABI_ENOSPC);
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_1, vcpu 0), no port free",
                  evtchn_bind_virq(HVABI_VIRQ_ARCH_1, 0, &port), -HVABI_ENOSPC);
    expect_result(t, "EVTCHNOP_bind_interdomain(DOMID_SELF, an unbound port), no port free",
                  evtchn_bind_interdomain(HVABI_DOMID_SELF, unbound, &port), -HVABI_ENOSPC);
    /* The order of checks: these come before -ENOSPC. */
    expect_result(t, "EVTCHNOP_bind_ipi(no such vCPU), no port free",
                  evtchn_bind_ipi(vcpus, &port), -HVABI_ENOENT);
    expect_result(t, "EVTCHNOP_bind_virq(24, vcpu 0), no port free",
                  evtchn_bind_virq(HVABI_NR_VIRQS, 0, &port), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_1, vcpu 1), no port free",
                  evtchn_bind_virq(HVABI_VIRQ_ARCH_1, 1, &port), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_TIMER, no such vCPU), no port free",
                  evtchn_bind_virq(HVABI_VIRQ_TIMER, vcpus, &port), -HVABI_ENOENT);
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_ARCH_0, vcpu 0), bound already, no port free",
                  evtchn_bind_virq(HVABI_VIRQ_ARCH_0, 0, &port), -HVABI_EEXIST);
    expect_result(t, "EVTCHNOP_alloc_unbound(a domain that does not exist), no port free",
                  evtchn_alloc_unbound(NO_SUCH_DOMAIN, HVABI_DOMID_SELF, &port), -HVABI_ESRCH);
    expect_result(t, "EVTCHNOP_bind_interdomain(a domain that does not exist), no port free",
                  evtchn_bind_interdomain(NO_SUCH_DOMAIN, 1, &port), -HVABI_ESRCH);
    /* -ENOSPC comes before the check of the remote port. */
    expect_result(t, "EVTCHNOP_bind_interdomain(DOMID_SELF, port 0), no port free",
                  evtchn_bind_interdomain(HVABI_DOMID_SELF, 0, &port), -HVABI_ENOSPC);
}

/*
 * Opens ports until none is free: each is the lowest closed one, at least
 * 1023 open (ports 1 to 1023), and no more than the 2-level capacity.
 * Then every command that opens a port fails as its order of checks says,
 * and changes nothing.
 */
static void fill_all_ports(struct test_context *t)
{
    uint32_t vcpus = evtchn_vcpu_count(t);
    uint32_t virq_port = 0, unbound = 0, port = 0, expected;
    int64_t rc;

    if (!expect(t, evtchn_bind_virq(HVABI_VIRQ_ARCH_0, 0, &virq_port) == 0 && virq_port == 1,
                "EVTCHNOP_bind_virq(VIRQ_ARCH_0) with every port closed: expected port 1, "
                "got %u", (unsigned)virq_port)) {
        evtchn_close_range(1, 63);
        return;
    }
    unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "an unbound port");
    expect(t, unbound == 2, "EVTCHNOP_alloc_unbound: expected port 2, got %u", (unsigned)unbound);
    highest_open = 2;
    for (expected = 3; expected <= HVABI_EVTCHN_2L_NR_PORTS; expected++) {
        rc = evtchn_bind_ipi(0, &port);
        if (rc != 0) {
            break;
        }
        highest_open = port;
        if (!expect(t, port == expected, "open number %u: expected port %u, the lowest closed "
                    "one, got %u", (unsigned)expected, (unsigned)expected, (unsigned)port)) {
            break;
        }
    }
    test_note(t, "ports 1 to %u opened; then EVTCHNOP_bind_ipi returned %lld",
              (unsigned)highest_open, (long long)rc);
    expect(t, rc == -HVABI_ENOSPC, "EVTCHNOP_bind_ipi with no port free: expected -ENOSPC, got "
           "%lld", (long long)rc);
    expect(t, highest_open + 1 >= HVABI_EVTCHN_MIN_PORTS, "port count: expected at least %u "
           "ports (0 to %u), found %u", (unsigned)HVABI_EVTCHN_MIN_PORTS,
           (unsigned)(HVABI_EVTCHN_MIN_PORTS - 1), (unsigned)(highest_open + 1));
    expect(t, highest_open < HVABI_EVTCHN_2L_NR_PORTS, "ports above the 2-level capacity were "
           "opened");
    if (rc == -HVABI_ENOSPC && port == highest_open) {
        check_full(t, unbound, vcpus);
        /* Nothing changed: still every port open, and none above. */
        for (uint32_t p = 1; p <= highest_open; p++) {
            struct hvabi_evtchn_status status;

            rc = evtchn_status(HVABI_DOMID_SELF, p, &status);
            if (!expect(t, rc == 0 && status.status != HVABI_EVTCHNSTAT_CLOSED,
                        "after the failed commands: port %u is no longer open", (unsigned)p)) {
                break;
            }
        }
    }
    expect_result(t, "closes that failed", close_filled(), 0);
}

const struct conformance_test event_channel_port_tests[] = {
    {
        .name = "evtchn_port_zero",
        .verifies = "hvabi~evtchn-port-zero~1",
        .run = port_zero,
    },
    {
        .name = "evtchn_closed_ports_in_range",
        .verifies = "hvabi~evtchn-status~1 hvabi~evtchn-unmask-closed~1",
        .run = closed_ports_in_range,
    },
    {
        .name = "evtchn_alloc_lowest",
        .verifies = "hvabi~evtchn-alloc-lowest~1",
        .run = alloc_lowest,
    },
    {
        .name = "evtchn_fill_all_ports",
        .verifies = "hvabi~evtchn-port-count~1 hvabi~evtchn-alloc-lowest~1 "
                    "hvabi~evtchn-alloc-full~1",
        .run = fill_all_ports,
    },
    { .name = NULL },
};
