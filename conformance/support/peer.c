/*
 * peer.c - the turns of the evtchn-pair roles (see peer.h).
 */
#include <hvabi/event_channel.h>
#include <hvabi/types.h>

#include "support/clock.h"
#include "support/evtchn.h"
#include "support/peer.h"
#include "support/shared_info.h"

#define LINK_TIMEOUT_MS 5000
#define TURN_TIMEOUT_MS 3000

const uint32_t peer_left_static_ports[3] = {
    PEER_LEFT_DATA_PORT, PEER_LEFT_TOKEN_PORT, PEER_LEFT_READY_PORT,
};
const uint32_t peer_right_static_ports[3] = {
    PEER_RIGHT_DATA_PORT, PEER_RIGHT_TOKEN_PORT, PEER_RIGHT_READY_PORT,
};

static struct {
    bool linked;
    bool broken;
    enum peer_side side;
    uint16_t own;
    uint16_t peer;
} link;

enum peer_side peer_side(void)
{
    return link.side;
}

uint16_t peer_own_domid(void)
{
    return link.own;
}

uint16_t peer_domid(void)
{
    return link.peer;
}

uint32_t peer_own_data_port(void)
{
    return link.side == PEER_LEFT ? PEER_LEFT_DATA_PORT : PEER_RIGHT_DATA_PORT;
}

uint32_t peer_remote_data_port(void)
{
    return link.side == PEER_LEFT ? PEER_RIGHT_DATA_PORT : PEER_LEFT_DATA_PORT;
}

uint32_t peer_own_token_port(void)
{
    return link.side == PEER_LEFT ? PEER_LEFT_TOKEN_PORT : PEER_RIGHT_TOKEN_PORT;
}

static bool fail_link(struct test_context *t, const char *why)
{
    link.broken = true;
    return expect(t, false, "the turns with the other domain: %s", why);
}

/* Left: waits until the right domain has closed its end of the ready
 * channel, which leaves our end unbound. */
static bool wait_for_ready(struct test_context *t)
{
    uint64_t deadline = clock_deadline((uint64_t)LINK_TIMEOUT_MS * CLOCK_MS);

    for (;;) {
        struct hvabi_evtchn_status status;
        int64_t rc = evtchn_status(HVABI_DOMID_SELF, PEER_LEFT_READY_PORT, &status);

        if (rc != 0) {
            return fail_link(t, "EVTCHNOP_status of the ready port failed");
        }
        if (status.status == HVABI_EVTCHNSTAT_UNBOUND) {
            return true;
        }
        if (status.status != HVABI_EVTCHNSTAT_INTERDOMAIN) {
            return fail_link(t, "the ready port is neither interdomain nor unbound");
        }
        if (clock_passed(deadline)) {
            return fail_link(t, "the right domain did not close its ready port within 5 s");
        }
        clock_spin(CLOCK_MS);
    }
}

bool peer_link(struct test_context *t, enum peer_side side)
{
    volatile struct hvabi_shared_info *shared;
    volatile struct hvabi_vcpu_info *vcpu;
    const uint32_t *ports;
    const char *peer_name;

    if (link.linked) {
        return !link.broken || fail_link(t, "broken by an earlier timeout");
    }
    link.side = side;
    peer_name = side == PEER_LEFT ? "evtchn_right" : "evtchn_left";
    if (!expect(t, test_domain_id(t, "domain", &link.own) &&
                test_domain_id(t, peer_name, &link.peer),
                "boot arguments hvabi.domain and hvabi.%s: expected both domain IDs",
                peer_name)) {
        return false;
    }
    shared = shared_info_page(t);
    vcpu = evtchn_vcpu_info(t, 0);
    if (shared == NULL || vcpu == NULL) {
        return false;
    }
    link.linked = true;
    ports = side == PEER_LEFT ? peer_left_static_ports : peer_right_static_ports;
    evtchn_set_bit(shared->evtchn_mask, peer_own_token_port());
    for (unsigned int i = 0; i < 3; i++) {
        evtchn_clear_bit(shared->evtchn_pending, ports[i]);
    }
    evtchn_clear_upcall(vcpu);
    if (side == PEER_RIGHT) {
        if (evtchn_close(PEER_RIGHT_READY_PORT) != 0) {
            return fail_link(t, "closing the ready port failed");
        }
        return true;
    }
    return wait_for_ready(t);
}

static bool pass_turn(struct test_context *t)
{
    if (evtchn_send(peer_own_token_port()) != 0) {
        return fail_link(t, "EVTCHNOP_send on the token port failed");
    }
    return true;
}

static bool wait_turn(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t port = peer_own_token_port();
    uint64_t deadline = clock_deadline((uint64_t)TURN_TIMEOUT_MS * CLOCK_MS);

    if (shared == NULL) {
        return fail_link(t, "no shared info page");
    }
    while (!evtchn_bit(shared->evtchn_pending, port)) {
        if (clock_passed(deadline)) {
            return fail_link(t, "no turn from the other domain within 3 s");
        }
    }
    evtchn_clear_bit(shared->evtchn_pending, port);
    return true;
}

bool peer_sync(struct test_context *t)
{
    if (!link.linked || link.broken) {
        return fail_link(t, link.linked ? "broken by an earlier timeout" : "not set up");
    }
    if (link.side == PEER_LEFT) {
        return pass_turn(t) && wait_turn(t);
    }
    return wait_turn(t) && pass_turn(t);
}
