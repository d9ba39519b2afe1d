/*
 * peer.c - a stopping domain and its witness (see peer.h).
 */
#include <hvabi/event_channel.h>
#include <hvabi/types.h>

#include "support/clock.h"
#include "support/events.h"
#include "support/peer.h"
#include "support/shared_info.h"

/* The witness repeats its go-ahead this often, so that a victim that
 * starts late, and clears its port first, still gets one. */
#define GO_INTERVAL_MS 50

bool peer_watch_stop(struct test_context *t, uint32_t port, uint16_t peer, uint64_t timeout_ms)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct hvabi_evtchn_status status;
    uint64_t deadline;
    uint64_t next_go;
    int64_t result;

    if (shared == NULL || !events_expect_interdomain(t, port, peer, PEER_STATIC_PORT)) {
        return false;
    }
    /* The victim never sends: from now on, an event on the port is the
     * one its stop raises.  The wait reads the bit itself rather than
     * depend on SCHEDOP_poll, which other tests test. */
    events_clear_pending(shared, port);
    deadline = clock_deadline_ms(timeout_ms);
    next_go = clock_count();
    while (!events_is_pending(shared, port)) {
        if (clock_passed(deadline)) {
            events_status(HVABI_DOMID_SELF, port, &status);
            expect(t, false,
                   "no event on port %u within %llu ms (it is in state %u): the peer d%u did "
                   "not stop, or its stop raised no event on the channel",
                   (unsigned)port, (unsigned long long)timeout_ms, (unsigned)status.status,
                   (unsigned)peer);
            return false;
        }
        if (clock_passed(next_go)) {
            result = events_send(port);
            if (!expect_result(t, "EVTCHNOP_send of the go-ahead to the peer", result, 0)) {
                return false;
            }
            next_go = clock_deadline_ms(GO_INTERVAL_MS);
        }
    }
    result = events_status(HVABI_DOMID_SELF, port, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_UNBOUND &&
                  status.u.unbound.dom == peer,
           "after the peer's stop, port %u: expected unbound with remote domain d%u; "
           "EVTCHNOP_status returned %lld, state %u, remote d%u",
           (unsigned)port, (unsigned)peer, (long long)result, (unsigned)status.status,
           (unsigned)status.u.unbound.dom);
    /* Once: no second event follows. */
    events_clear_pending(shared, port);
    clock_spin_ms(100);
    expect(t, !events_is_pending(shared, port),
           "a second event on port %u after the peer's stop", (unsigned)port);
    expect_result(t, "EVTCHNOP_send on the unbound port", events_send(port), 0);
    return true;
}

bool peer_wait_for_go(struct test_context *t, uint32_t port, uint64_t timeout_ms)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint64_t deadline = clock_deadline_ms(timeout_ms);

    if (shared == NULL) {
        return false;
    }
    /* The event a static channel may start with is not the go-ahead.  The
     * wait reads the bit itself rather than depend on SCHEDOP_poll. */
    events_clear_pending(shared, port);
    while (!events_is_pending(shared, port)) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}

uint64_t peer_longest_gap_ms(uint64_t ms)
{
    uint64_t end = clock_deadline_ms(ms);
    uint64_t last = clock_count();
    uint64_t longest = 0;

    while (last < end) {
        uint64_t now = clock_count();

        if (now - last > longest) {
            longest = now - last;
        }
        last = now;
    }
    return clock_ms_of_ticks(longest);
}
