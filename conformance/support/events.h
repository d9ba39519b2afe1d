/*
 * events.h - the event channel operations and 2-level bits that the tests
 * of domains, stops and control domains use (spec: event_channel.rst).
 *
 * Each call returns the hypervisor's result unchanged: the tests check it.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_EVENTS_H
#define HVABI_CONFORMANCE_SUPPORT_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <hvabi/event_channel.h>
#include <hvabi/shared_info.h>

#include "framework/test.h"

/* event_channel_op(cmd, arg). */
int64_t events_op(uint32_t cmd, void *arg);

/* EVTCHNOP_status of port `port` of domain `dom`; *status is filled in. */
int64_t events_status(uint16_t dom, uint32_t port, struct hvabi_evtchn_status *status);

/* EVTCHNOP_send on the caller's port. */
int64_t events_send(uint32_t port);

/* EVTCHNOP_bind_ipi for vCPU `vcpu`; the port opened in *port. */
int64_t events_bind_ipi(uint32_t vcpu, uint32_t *port);

/* EVTCHNOP_alloc_unbound in domain `dom` for `remote`; the port in *port. */
int64_t events_alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port);

/* EVTCHNOP_close of the caller's port. */
int64_t events_close(uint32_t port);

/* The 2-level bits of `port` in the shared info page. */
bool events_is_pending(volatile struct hvabi_shared_info *shared, uint32_t port);
bool events_is_masked(volatile struct hvabi_shared_info *shared, uint32_t port);

/* Clears the pending bit of `port` atomically; returns whether it was set. */
bool events_clear_pending(volatile struct hvabi_shared_info *shared, uint32_t port);

/*
 * Expects port `port` of the caller to be in state interdomain, bound to
 * port `remote_port` of domain `remote`.  Returns whether it is.
 */
bool events_expect_interdomain(struct test_context *t, uint32_t port, uint16_t remote,
                               uint32_t remote_port);

/*
 * SCHEDOP_poll for the one port `port`, returning at system time `timeout`
 * at the latest (0: no limit).
 */
int64_t events_poll_one(uint32_t port, uint64_t timeout);

#endif /* HVABI_CONFORMANCE_SUPPORT_EVENTS_H */
