/*
 * stop_peer.c - a stopping domain and its witness (see stop_peer.h).
 */
#include <string.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/event_channel.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

#include "support/clock.h"
#include "support/evtchn.h"
#include "support/stop_peer.h"
#include "support/shared_info.h"

/* The witness repeats its go-ahead this often, so that a victim that
 * starts late, and clears its port first, still gets one. */
#define GO_INTERVAL_MS 50

bool stop_peer_watch_stop(struct test_context *t, uint32_t port, uint16_t peer, uint64_t timeout_ms)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct hvabi_evtchn_status status;
    uint64_t deadline;
    uint64_t next_go;
    int64_t result;

    if (shared == NULL || !stop_peer_expect_bound(t, port, peer, STOP_PEER_PORT)) {
        return false;
    }
    /* The victim never sends: from now on, an event on the port is the
     * one its stop raises.  The wait reads the bit itself rather than
     * depend on SCHEDOP_poll, which other tests test. */
    evtchn_clear_bit(shared->evtchn_pending, port);
    deadline = clock_deadline(timeout_ms * CLOCK_MS);
    next_go = clock_counter();
    while (!evtchn_bit(shared->evtchn_pending, port)) {
        if (clock_passed(deadline)) {
            evtchn_status(HVABI_DOMID_SELF, port, &status);
            expect(t, false,
                   "no event on port %u within %llu ms (it is in state %u): the peer d%u did "
                   "not stop, or its stop raised no event on the channel",
                   (unsigned)port, (unsigned long long)timeout_ms, (unsigned)status.status,
                   (unsigned)peer);
            return false;
        }
        if (clock_passed(next_go)) {
            result = evtchn_send(port);
            if (!expect_result(t, "EVTCHNOP_send of the go-ahead to the peer", result, 0)) {
                return false;
            }
            next_go = clock_deadline(GO_INTERVAL_MS * CLOCK_MS);
        }
    }
    result = evtchn_status(HVABI_DOMID_SELF, port, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_UNBOUND &&
                  status.u.unbound.dom == peer,
           "after the peer's stop, port %u: expected unbound with remote domain d%u; "
           "EVTCHNOP_status returned %lld, state %u, remote d%u",
           (unsigned)port, (unsigned)peer, (long long)result, (unsigned)status.status,
           (unsigned)status.u.unbound.dom);
    /* Once: no second event follows. */
    evtchn_clear_bit(shared->evtchn_pending, port);
    clock_spin(100 * CLOCK_MS);
    expect(t, !evtchn_bit(shared->evtchn_pending, port),
           "a second event on port %u after the peer's stop", (unsigned)port);
    expect_result(t, "EVTCHNOP_send on the unbound port", evtchn_send(port), 0);
    return true;
}

bool stop_peer_wait_for_go(struct test_context *t, uint32_t port, uint64_t timeout_ms)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint64_t deadline = clock_deadline(timeout_ms * CLOCK_MS);

    if (shared == NULL) {
        return false;
    }
    /* The event a static channel may start with is not the go-ahead.  The
     * wait reads the bit itself rather than depend on SCHEDOP_poll. */
    evtchn_clear_bit(shared->evtchn_pending, port);
    while (!evtchn_bit(shared->evtchn_pending, port)) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}

uint64_t stop_peer_longest_gap_ms(uint64_t ms)
{
    uint64_t end = clock_deadline(ms * CLOCK_MS);
    uint64_t last = clock_counter();
    uint64_t longest = 0;

    while (last < end) {
        uint64_t now = clock_counter();

        if (now - last > longest) {
            longest = now - last;
        }
        last = now;
    }
    return (clock_ticks_to_ns(longest) / CLOCK_MS);
}

bool stop_peer_expect_bound(struct test_context *t, uint32_t port, uint16_t remote,
                            uint32_t remote_port)
{
    struct hvabi_evtchn_status status;
    int64_t result = evtchn_status(HVABI_DOMID_SELF, port, &status);

    return expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_INTERDOMAIN &&
                         status.u.interdomain.dom == remote &&
                         status.u.interdomain.port == remote_port,
                  "port %u: expected interdomain to port %u of d%u; EVTCHNOP_status returned "
                  "%lld, state %u, remote d%u port %u",
                  (unsigned)port, (unsigned)remote_port, (unsigned)remote, (long long)result,
                  (unsigned)status.status, (unsigned)status.u.interdomain.dom,
                  (unsigned)status.u.interdomain.port);
}

int64_t stop_peer_poll_one(uint32_t port, uint64_t timeout)
{
    uint32_t ports[1] = { port };
    struct hvabi_sched_poll poll;

    memset(&poll, 0, sizeof(poll));
    poll.ports = (uint64_t)(uintptr_t)ports;
    poll.nr_ports = 1;
    poll.timeout = timeout;
    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_POLL,
                            (uint64_t)(uintptr_t)&poll);
}
