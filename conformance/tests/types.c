/*
 * types.c - DOMID_SELF names the calling domain.
 *
 * Specification: spec/chapters/types.rst, hvabi~types-domid-self~1.  The
 * test passes DOMID_SELF and then the domain's own ID (hvabi.domain, from
 * the harness) to the calls of every chapter that take a domain ID and
 * that any domain may make on itself, and expects the same outcome.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/event_channel.h>
#include <hvabi/grant_table.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>

static int64_t evtchn_op(uint64_t cmd, void *arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, cmd, (uint64_t)(uintptr_t)arg);
}

static void close_port(uint32_t port)
{
    struct hvabi_evtchn_close close = { .port = port };

    evtchn_op(HVABI_EVTCHNOP_CLOSE, &close);
}

/* EVTCHNOP_status of a port of this domain, named by `dom`. */
static int64_t port_status(uint16_t dom, uint32_t port, struct hvabi_evtchn_status *status)
{
    memset(status, 0, sizeof(*status));
    status->dom = dom;
    status->port = port;
    return evtchn_op(HVABI_EVTCHNOP_STATUS, status);
}

static void event_channels(struct test_context *t, uint16_t self)
{
    struct hvabi_evtchn_alloc_unbound alloc = { .dom = HVABI_DOMID_SELF,
                                                .remote_dom = HVABI_DOMID_SELF };
    struct hvabi_evtchn_bind_interdomain bind;
    struct hvabi_evtchn_status by_self;
    struct hvabi_evtchn_status by_id;
    int64_t rc;

    rc = evtchn_op(HVABI_EVTCHNOP_ALLOC_UNBOUND, &alloc);
    if (!expect_result(t, "EVTCHNOP_alloc_unbound with dom = remote_dom = DOMID_SELF", rc, 0)) {
        return;
    }
    expect_result(t, "EVTCHNOP_status with dom = DOMID_SELF",
                  port_status(HVABI_DOMID_SELF, alloc.port, &by_self), 0);
    expect_result(t, "EVTCHNOP_status with dom = own ID", port_status(self, alloc.port, &by_id), 0);
    expect(t, by_self.status == HVABI_EVTCHNSTAT_UNBOUND && by_self.u.unbound.dom == self,
           "port %u opened for DOMID_SELF: status %u, remote domain %u; expected unbound (1) for "
           "domain %u",
           alloc.port, by_self.status, by_self.u.unbound.dom, self);
    expect(t, by_id.status == by_self.status && by_id.u.unbound.dom == by_self.u.unbound.dom,
           "EVTCHNOP_status of port %u differs between DOMID_SELF and own ID %u", alloc.port,
           self);

    /* Bind to that port with the remote domain named DOMID_SELF. */
    memset(&bind, 0, sizeof(bind));
    bind.remote_dom = HVABI_DOMID_SELF;
    bind.remote_port = alloc.port;
    rc = evtchn_op(HVABI_EVTCHNOP_BIND_INTERDOMAIN, &bind);
    if (expect_result(t, "EVTCHNOP_bind_interdomain with remote_dom = DOMID_SELF", rc, 0)) {
        expect_result(t, "EVTCHNOP_status of the new port",
                      port_status(HVABI_DOMID_SELF, bind.local_port, &by_self), 0);
        expect(t, by_self.status == HVABI_EVTCHNSTAT_INTERDOMAIN &&
                      by_self.u.interdomain.dom == self && by_self.u.interdomain.port == alloc.port,
               "port %u bound to (DOMID_SELF, %u): status %u, remote %u:%u", bind.local_port,
               alloc.port, by_self.status, by_self.u.interdomain.dom, by_self.u.interdomain.port);
        close_port(bind.local_port);
    }
    close_port(alloc.port);

    /* The own ID where DOMID_SELF went before. */
    alloc.dom = self;
    alloc.remote_dom = self;
    rc = evtchn_op(HVABI_EVTCHNOP_ALLOC_UNBOUND, &alloc);
    if (expect_result(t, "EVTCHNOP_alloc_unbound with dom = remote_dom = own ID", rc, 0)) {
        close_port(alloc.port);
    }
}

static void grant_table(struct test_context *t, uint16_t self)
{
    struct hvabi_gnttab_query_size by_self;
    struct hvabi_gnttab_query_size by_id;
    int64_t rc_self;
    int64_t rc_id;

    memset(&by_self, 0, sizeof(by_self));
    memset(&by_id, 0, sizeof(by_id));
    by_self.dom = HVABI_DOMID_SELF;
    by_id.dom = self;
    rc_self = hvabi_hypercall3(HVABI_HYPERCALL_GRANT_TABLE_OP, HVABI_GNTTABOP_QUERY_SIZE,
                               (uint64_t)(uintptr_t)&by_self, 1);
    rc_id = hvabi_hypercall3(HVABI_HYPERCALL_GRANT_TABLE_OP, HVABI_GNTTABOP_QUERY_SIZE,
                             (uint64_t)(uintptr_t)&by_id, 1);
    expect(t, rc_self == 0 && by_self.status == HVABI_GNTST_OKAY,
           "GNTTABOP_query_size of DOMID_SELF: result %lld, status %d", (long long)rc_self,
           by_self.status);
    expect(t, rc_id == rc_self && by_id.status == by_self.status &&
                  by_id.nr_frames == by_self.nr_frames &&
                  by_id.max_nr_frames == by_self.max_nr_frames,
           "GNTTABOP_query_size: DOMID_SELF gives %u/%u frames (status %d), own ID %u gives "
           "%u/%u (status %d)",
           by_self.nr_frames, by_self.max_nr_frames, by_self.status, self, by_id.nr_frames,
           by_id.max_nr_frames, by_id.status);
}

static void domid_self(struct test_context *t)
{
    uint16_t self;

    if (!expect(t, test_domain_id(t, "domain", &self),
                "no boot argument hvabi.domain (the harness passes the domain's ID)")) {
        return;
    }
    event_channels(t, self);
    grant_table(t, self);
}

const struct conformance_test types_tests[] = {
    {
        .name = "types_domid_self",
        .verifies = "hvabi~types-domid-self~1",
        .run = domid_self,
    },
    { .name = NULL },
};
