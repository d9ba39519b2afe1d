/*
 * stop_peer.h - two domains joined by a static event channel, one of which
 * stops while the other watches (spec: event_channel.rst, "A domain that
 * stops"; safety.rst, "The safe state of a domain").
 *
 * The witness clears the event its port may hold from the start (a static
 * channel may start with one), then sends events to tell the victim to go
 * on, every 50 ms, until it sees the victim's stop: an event on its port,
 * which is then unbound.  The victim never sends.  The victim clears its
 * own port first thing and waits, a bounded time, for the witness's event
 * before it acts, so that the witness is watching by then.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_STOP_PEER_H
#define HVABI_CONFORMANCE_SUPPORT_STOP_PEER_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

/* The port of each domain's end of the static channel of the stop
 * scenarios (conformance/scenarios/stop_*.conf). */
#define STOP_PEER_PORT 10

/*
 * Witness: sends "go" on `port` until, at most `timeout_ms` later, it sees the
 * peer's stop.  Then expects that the stop raised an event on the port
 * exactly once and left it unbound with `peer` as its remote domain, and
 * that sending on it still returns 0.  Returns whether the stop was seen.
 */
bool stop_peer_watch_stop(struct test_context *t, uint32_t port, uint16_t peer,
                     uint64_t timeout_ms);

/*
 * Victim: waits up to `timeout_ms` for the witness's event on `port`.
 * Returns whether it came; a victim goes on either way.
 */
bool stop_peer_wait_for_go(struct test_context *t, uint32_t port, uint64_t timeout_ms);

/* Measures for `ms` milliseconds the longest time between two reads of
 * the virtual counter, in milliseconds: how long the vCPU was held up. */
uint64_t stop_peer_longest_gap_ms(uint64_t ms);

/*
 * Expects port `port` of the caller to be in state interdomain, bound to
 * port `remote_port` of domain `remote`.  Returns whether it is.
 */
bool stop_peer_expect_bound(struct test_context *t, uint32_t port, uint16_t remote,
                            uint32_t remote_port);

/*
 * SCHEDOP_poll for the one port `port`, returning at system time `timeout`
 * at the latest (0: no limit).  Returns the result of the call.
 */
int64_t stop_peer_poll_one(uint32_t port, uint64_t timeout);

#endif /* HVABI_CONFORMANCE_SUPPORT_STOP_PEER_H */
