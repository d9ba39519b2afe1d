/*
 * evtchn.h - event channel commands and 2-level bits, for the tests.
 *
 * Specification: spec/chapters/event_channel.rst and shared_info.rst.
 * The wrappers issue one event_channel_op command each and return its
 * result unchanged, so that a test can compare it with the error the
 * specification requires; out fields are returned only on success.
 *
 * The vcpu_info of each vCPU is tracked here: vCPU 0 uses vcpu_info[0] of
 * the shared info page until evtchn_register_vcpu_info() moves it, other
 * vCPUs have none until then (shared_info.rst).
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_EVTCHN_H
#define HVABI_CONFORMANCE_SUPPORT_EVTCHN_H

#include <stdbool.h>
#include <stdint.h>

#include <hvabi/event_channel.h>
#include <hvabi/shared_info.h>

#include "framework/test.h"

#define EVTCHN_MAX_VCPUS 4

/* A port number far beyond every layout's capacity. */
#define EVTCHN_PORT_HUGE 0xffffffffU

/* event_channel_op(cmd, arg), arg as an address (it may be a bad one). */
int64_t evtchn_op(uint32_t cmd, uint64_t arg);

int64_t evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom, uint32_t *port);
int64_t evtchn_bind_interdomain(uint16_t remote_dom, uint32_t remote_port, uint32_t *local_port);
int64_t evtchn_bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port);
int64_t evtchn_bind_ipi(uint32_t vcpu, uint32_t *port);
int64_t evtchn_close(uint32_t port);
int64_t evtchn_send(uint32_t port);
int64_t evtchn_status(uint16_t dom, uint32_t port, struct hvabi_evtchn_status *status);
int64_t evtchn_bind_vcpu(uint32_t port, uint32_t vcpu);
int64_t evtchn_unmask(uint32_t port);
int64_t evtchn_reset(uint16_t dom);

/* Whether the hypervisor offers the FIFO layout: EVTCHNOP_init_control
 * with an unreadable argument fails with -ENOSYS without it (the feature's
 * discovery, conventions.rst) and with -EFAULT with it. */
bool evtchn_fifo_offered(const struct test_context *t);

/* The number of vCPUs of this domain: the cpu nodes of /cpus in its device
 * tree (hypervisor_node.rst); vCPU IDs are 0 to that number - 1. */
uint32_t evtchn_vcpu_count(const struct test_context *t);

/* This domain's ID (boot argument hvabi.domain); records a failure and
 * returns false when it is missing. */
bool evtchn_own_domid(struct test_context *t, uint16_t *domid);

/*
 * Opening helpers that record a failure (naming `what`) when the command
 * fails, and return the port, or 0 on failure.
 */
uint32_t evtchn_open_ipi(struct test_context *t, uint32_t vcpu, const char *what);
uint32_t evtchn_open_unbound(struct test_context *t, uint16_t remote_dom, const char *what);

/* An IPI port for `vcpu` numbered `lowest` or more: the ports below are
 * taken with unbound ports first and closed again afterwards.  Returns 0,
 * with a failure recorded, when that fails. */
uint32_t evtchn_open_ipi_from(struct test_context *t, uint32_t vcpu, uint32_t lowest);

/*
 * A channel between two ports of this domain: alloc_unbound for the domain
 * itself, then bind_interdomain to it.  Returns true with both ports;
 * *bound is the port bind_interdomain opened, on which the binding raised
 * an event.
 */
bool evtchn_open_loopback(struct test_context *t, uint32_t *unbound, uint32_t *bound);

/* Closes `port`, recording a failure unless EVTCHNOP_close returns 0. */
void evtchn_expect_close(struct test_context *t, uint32_t port);

/* Closes every open port from `first` to `last` of this domain, quietly:
 * the clean-up after a test that may have left ports open. */
void evtchn_close_range(uint32_t first, uint32_t last);

/* Bit p set for each port p from 0 to 63 of this domain that
 * EVTCHNOP_status reports open: to check that a failed command opened
 * nothing. */
uint64_t evtchn_open_ports_low(void);

/*
 * Records a failure unless EVTCHNOP_status of this domain's `port` returns
 * 0 with state `state`.  Fills *status when it is not NULL.
 */
bool evtchn_expect_state(struct test_context *t, uint32_t port, uint32_t state,
                         struct hvabi_evtchn_status *status);

/* Bit `port` of a 2-level array (evtchn_pending or evtchn_mask). */
bool evtchn_bit(const volatile hvabi_ulong_t *words, uint32_t port);

/* Sets or clears bit `port` with one atomic read-modify-write. */
void evtchn_set_bit(volatile hvabi_ulong_t *words, uint32_t port);
void evtchn_clear_bit(volatile hvabi_ulong_t *words, uint32_t port);

/*
 * The vcpu_info that `vcpu` uses now, or NULL when it has none (a vCPU
 * other than 0 before registration).  Needs the shared info page for
 * vCPU 0; records a failure when it cannot be placed.
 */
volatile struct hvabi_vcpu_info *evtchn_vcpu_info(struct test_context *t, uint32_t vcpu);

/*
 * VCPUOP_register_vcpu_info for `vcpu` at `where` (48 bytes in this
 * image, 8-byte aligned).  Returns the result; on 0 the vcpu_info of
 * `vcpu` is `where` from then on.
 */
int64_t evtchn_register_vcpu_info(uint32_t vcpu, volatile struct hvabi_vcpu_info *where);

/* Whether evtchn_register_vcpu_info() has moved the vcpu_info of `vcpu`. */
bool evtchn_vcpu_info_registered(uint32_t vcpu);

/* Does what a guest does before it scans: writes 0 to the upcall flag, then
 * exchanges the selector with 0 (event_channel.rst, the guest's side). */
void evtchn_clear_upcall(volatile struct hvabi_vcpu_info *vcpu_info);

#endif /* HVABI_CONFORMANCE_SUPPORT_EVTCHN_H */
