/*
 * peer.h - the two roles of the evtchn-pair scenario take turns.
 *
 * The scenario (conformance/scenarios/evtchn_pair.conf) joins the domain
 * of role evtchn_left (domain 1) and that of evtchn_right (domain 2) with
 * three static event channels:
 *
 *   data   left port 10, right port 11: for the tests;
 *   token  left port 12, right port 13: carries the turns;
 *   ready  left port 14, right port 15: the right domain closes its end
 *          once it has cleared the events its static ports started with.
 *
 * A static port may start with an event pending (event_channel.rst), so
 * the first event on the token port cannot be told from one the
 * hypervisor left there.  The ready channel removes the doubt: the left
 * domain sends its first turn only after it has seen, with
 * EVTCHNOP_status of its own port 14, that the right domain closed port
 * 15; by then the right domain's token port holds no event but ours.
 *
 * peer_sync() is a barrier made of one event each way: the left domain
 * sends and then waits, the right one waits and then sends.  Only one
 * event is ever in flight on the token channel, so none is merged with
 * another.  Every wait is bounded; after a timeout the link is broken and
 * every later peer_sync() fails at once, so that a peer that crashed
 * costs one timeout, not one per test.  The token ports are masked: their
 * events set pending bits only, and leave the selector and the upcall
 * flag to the tests.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_PEER_H
#define HVABI_CONFORMANCE_SUPPORT_PEER_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

#define PEER_LEFT_DATA_PORT   10
#define PEER_RIGHT_DATA_PORT  11
#define PEER_LEFT_TOKEN_PORT  12
#define PEER_RIGHT_TOKEN_PORT 13
#define PEER_LEFT_READY_PORT  14
#define PEER_RIGHT_READY_PORT 15

enum peer_side {
    PEER_LEFT,
    PEER_RIGHT,
};

/* The ports of every static channel of this domain, for the check of the
 * initial state. */
extern const uint32_t peer_left_static_ports[3];
extern const uint32_t peer_right_static_ports[3];

/*
 * Sets up the turns once per boot (the first call does it): records this
 * side, the two domain IDs from the boot arguments, masks the token port
 * and clears what the static ports started with; the right side then
 * closes its ready port, the left side waits (up to 5 s) until its own
 * ready port is unbound.  Returns false, with a failure recorded, when
 * that fails.
 */
bool peer_link(struct test_context *t, enum peer_side side);

/* The barrier (see above); false, with a failure recorded, on a timeout
 * or a broken link. */
bool peer_sync(struct test_context *t);

/* This side, this domain's ID and the peer's, once peer_link() succeeded. */
enum peer_side peer_side(void);
uint16_t peer_own_domid(void);
uint16_t peer_domid(void);

/* This domain's data port and the peer's. */
uint32_t peer_own_data_port(void);
uint32_t peer_remote_data_port(void);

/* This domain's token port. */
uint32_t peer_own_token_port(void);

#endif /* HVABI_CONFORMANCE_SUPPORT_PEER_H */
