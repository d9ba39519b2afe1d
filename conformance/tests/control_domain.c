/*
 * control_domain.c - control domains: the operations on other domains that
 * only they may perform, and Xen's privileged hypercalls.
 *
 * Specification: spec/chapters/control_domain.rst, with the control
 * operations of sched_op.rst ("Shutting down another domain") and
 * event_channel.rst.  The control scenario (scenarios/control.conf) has a
 * control domain "control" (capabilities = control) and a domain "target"
 * that is not one, joined by a static event channel on port 10 of each:
 *
 *   target: its operations on the control domain fail with -EPERM; its
 *     last test opens an IPI port and an unbound port and waits for the
 *     control domain to shut it down (cause "shutdown suspend").
 *   control: its operations on the target succeed; once the target has
 *     its IPI port open it shuts the target down and checks what that did
 *     to the ports of both; its last test shuts itself down.
 *
 * No event passes between the two: the control domain sees the target's
 * progress through EVTCHNOP_status of the target's ports.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/clock.h"
#include "support/domains.h"
#include "support/evtchn.h"
#include "support/shared_info.h"
#include "support/stop_peer.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

#define STATIC_PORT 10
/* The target's ports that the scenario's tests may open: below the static one. */
#define FIRST_OPENED_PORT 1
#define LAST_OPENED_PORT 9
/* How long the control domain waits for the target to be ready, and the
 * target for its stop. */
#define READY_WAIT_MS 30000
#define STOP_WAIT_MS 40000

static int64_t remote_shutdown(uint16_t domain, uint32_t reason)
{
    struct hvabi_sched_remote_shutdown arg;

    memset(&arg, 0, sizeof(arg));
    arg.domain_id = domain;
    arg.reason = reason;
    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_REMOTE_SHUTDOWN,
                            (uint64_t)(uintptr_t)&arg);
}

/* Hypercalls Xen keeps for privileged domains (control_domain.rst). */
static void privileged_hypercalls(struct test_context *t)
{
    static const uint64_t numbers[] = { 7, 27, 33, 35, 36, 37, 38, 39, 41, 42 };
    /* A readable, zeroed argument, large enough for any of them. */
    static uint8_t argument[512] __attribute__((aligned(8)));

    for (unsigned int i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        int64_t result;

        memset(argument, 0, sizeof(argument));
        /* Every argument register holds the buffer or 0; a command of 0. */
        result = hvabi_hypercall5(numbers[i], (uint64_t)(uintptr_t)argument,
                                  (uint64_t)(uintptr_t)argument, 0, 0, 0);
        expect(t, result < 0, "hypercall %llu with a zeroed argument: expected a negative "
                              "error code, got %lld",
               (unsigned long long)numbers[i], (long long)result);
        result = hvabi_hypercall5(numbers[i], 0, (uint64_t)(uintptr_t)argument, 0, 0, 0);
        expect(t, result < 0, "hypercall %llu with command 0: expected a negative error code, "
                              "got %lld",
               (unsigned long long)numbers[i], (long long)result);
    }
}

const struct conformance_test control_main_tests[] = {
    {
        .name = "control_privileged_hypercalls",
        .verifies = "hvabi~control-privileged-hypercalls~1",
        .run = privileged_hypercalls,
    },
    { .name = NULL },
};

/* The target: a domain that is not a control domain. */

static void target_remote_shutdown_denied(struct test_context *t)
{
    uint16_t control = 0;
    int64_t result;

    if (!domains_peer(t, "control", &control)) {
        return;
    }
    result = remote_shutdown(control, HVABI_SHUTDOWN_POWEROFF);
    if (result == -HVABI_ENOSYS) {
        test_skip(t, "the hypervisor does not implement the control profile (-ENOSYS)");
        return;
    }
    expect_result(t, "SCHEDOP_remote_shutdown of the control domain", result, -HVABI_EPERM);
    expect_result(t, "SCHEDOP_remote_shutdown of the control domain with reason 6",
                  remote_shutdown(control, 6), -HVABI_EPERM);
    expect_result(t, "SCHEDOP_remote_shutdown of a domain that does not exist, with reason 6",
                  remote_shutdown(domains_unused_ids[0], 6), -HVABI_ESRCH);
}

static void target_event_channels_denied(struct test_context *t)
{
    struct hvabi_evtchn_status status;
    uint16_t control = 0;
    uint32_t port = 0;

    if (!domains_peer(t, "control", &control)) {
        return;
    }
    expect_result(t, "EVTCHNOP_status of a port of the control domain",
                  evtchn_status(control, STATIC_PORT, &status), -HVABI_EPERM);
    expect_result(t, "EVTCHNOP_alloc_unbound in the control domain",
                  evtchn_alloc_unbound(control, HVABI_DOMID_SELF, &port), -HVABI_EPERM);
    expect_result(t, "EVTCHNOP_reset of the control domain", evtchn_reset(control),
                  -HVABI_EPERM);
    /* Nothing changed: the channel is still bound at both ends. */
    stop_peer_expect_bound(t, STATIC_PORT, control, STATIC_PORT);
    /* A domain that does not exist comes first. */
    expect_result(t, "EVTCHNOP_status of a domain that does not exist",
                  evtchn_status(domains_unused_ids[0], STATIC_PORT, &status), -HVABI_ESRCH);
}

/* The last test of the target: the control domain stops it. */
static void target_stopped_by_control(struct test_context *t)
{
    uint64_t deadline;
    uint32_t ipi = 0;
    uint32_t unbound = 0;

    /* Ports that a stop must leave as they are; the IPI port tells the
     * control domain that the target is ready. */
    if (!expect_result(t, "EVTCHNOP_alloc_unbound", evtchn_alloc_unbound(HVABI_DOMID_SELF, HVABI_DOMID_SELF, &unbound),
                       0) ||
        !expect_result(t, "EVTCHNOP_bind_ipi", evtchn_bind_ipi(0, &ipi), 0)) {
        return;
    }
    test_note(t, "unbound port %u, IPI port %u; waiting for the control domain",
              (unsigned)unbound, (unsigned)ipi);
    test_expect_stop(t, "shutdown suspend");
    /* Waiting in SCHEDOP_poll: the stop ends the wait for good. */
    deadline = clock_deadline(STOP_WAIT_MS * CLOCK_MS);
    while (!clock_passed(deadline)) {
        stop_peer_poll_one(ipi, clock_system_time() + 100ULL * 1000 * 1000);
    }
    expect(t, false, "the control domain did not shut this domain down within %u ms",
           STOP_WAIT_MS);
}

const struct conformance_test control_target_tests[] = {
    {
        .name = "control_target_remote_shutdown_denied",
        .verifies = "hvabi~sched-op-remote-shutdown-permission~1 hvabi~control-not-permitted~1 "
                    "hvabi~control-permission-first~1 hvabi~domain-binding-control~1",
        .run = target_remote_shutdown_denied,
    },
    {
        .name = "control_target_event_channels_denied",
        .verifies = "hvabi~control-not-permitted~1 hvabi~control-permission-first~1",
        .run = target_event_channels_denied,
    },
    { .name = NULL },
};

/* The target's last test, after the tests of the other chapters. */
const struct conformance_test control_target_stop_tests[] = {
    {
        .name = "control_target_stopped_by_control",
        .verifies = "hvabi~sched-op-remote-shutdown~1 hvabi~safety-stop-diagnostic~1 "
                    "hvabi~safety-diag-format~1",
        .run = target_stopped_by_control,
    },
    { .name = NULL },
};

/* The control domain. */

static void control_event_channels(struct test_context *t)
{
    struct hvabi_evtchn_status status;
    uint16_t self = 0;
    uint16_t target = 0;
    uint32_t port = 0;
    int64_t result;

    if (!domains_self(t, &self) || !domains_peer(t, "target", &target)) {
        return;
    }
    result = evtchn_status(target, STATIC_PORT, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_INTERDOMAIN &&
                  status.u.interdomain.dom == self && status.u.interdomain.port == STATIC_PORT,
           "EVTCHNOP_status of the target's port %u: expected interdomain to port %u of d%u, "
           "got %lld, state %u, d%u port %u",
           STATIC_PORT, STATIC_PORT, (unsigned)self, (long long)result, (unsigned)status.status,
           (unsigned)status.u.interdomain.dom, (unsigned)status.u.interdomain.port);
    result = evtchn_alloc_unbound(target, self, &port);
    if (!expect_result(t, "EVTCHNOP_alloc_unbound in the target for this domain", result, 0)) {
        return;
    }
    result = evtchn_status(target, port, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_UNBOUND &&
                  status.u.unbound.dom == self,
           "the target's new port %u: expected unbound for d%u, got %lld, state %u, d%u",
           (unsigned)port, (unsigned)self, (long long)result, (unsigned)status.status,
           (unsigned)status.u.unbound.dom);
    /* The port is the target's: this domain has no such port open. */
    result = evtchn_status(HVABI_DOMID_SELF, port, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_CLOSED,
           "this domain's port %u: expected closed, got %lld, state %u", (unsigned)port,
           (long long)result, (unsigned)status.status);
}

/*
 * No operation of this version pauses a domain, so a control domain's
 * EVTCHNOP_reset of another domain always fails with -EINVAL, and the
 * other domain's ports stay as they were.
 */
static void control_reset_of_running_domain(struct test_context *t)
{
    struct hvabi_evtchn_status status;
    uint16_t self = 0;
    uint16_t target = 0;
    int64_t result;

    memset(&status, 0, sizeof(status));
    if (!domains_self(t, &self) || !domains_peer(t, "target", &target)) {
        return;
    }
    expect_result(t, "EVTCHNOP_reset of the running target", evtchn_reset(target),
                  -HVABI_EINVAL);
    result = evtchn_status(target, STATIC_PORT, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_INTERDOMAIN &&
                  status.u.interdomain.dom == self && status.u.interdomain.port == STATIC_PORT,
           "after the refused reset, EVTCHNOP_status of the target's port %u: expected "
           "interdomain to port %u of d%u, got %lld, state %u",
           STATIC_PORT, STATIC_PORT, (unsigned)self, (long long)result,
           (unsigned)status.status);
}

static void control_remote_shutdown_errors(struct test_context *t)
{
    uint16_t target = 0;
    uint64_t unbacked = unbacked_guest_address(t->platform);

    if (!domains_peer(t, "target", &target)) {
        return;
    }
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        expect(t, remote_shutdown(domains_unused_ids[i], HVABI_SHUTDOWN_POWEROFF) ==
                      -HVABI_ESRCH,
               "SCHEDOP_remote_shutdown of domain 0x%x, which does not exist: expected %d",
               (unsigned)domains_unused_ids[i], -HVABI_ESRCH);
    }
    expect_result(t, "SCHEDOP_remote_shutdown of the target with reason 6",
                  remote_shutdown(target, 6), -HVABI_EINVAL);
    expect_result(t, "SCHEDOP_remote_shutdown of the target with reason 0xffffffff",
                  remote_shutdown(target, 0xffffffffU), -HVABI_EINVAL);
    /* The unknown domain comes before the unknown reason. */
    expect_result(t, "SCHEDOP_remote_shutdown of a domain that does not exist, with reason 6",
                  remote_shutdown(domains_unused_ids[0], 6), -HVABI_ESRCH);
    expect_result(t, "SCHEDOP_remote_shutdown with arg at an unmapped virtual address",
                  hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_REMOTE_SHUTDOWN,
                                   unmapped_virtual_address()),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "SCHEDOP_remote_shutdown with arg at a guest address without memory",
                      hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_REMOTE_SHUTDOWN,
                                       unbacked),
                      -HVABI_EFAULT);
    }
    /* None of these stopped the target: its end of the channel is bound. */
    stop_peer_expect_bound(t, STATIC_PORT, target, STATIC_PORT);
}

/* The states of the target's ports FIRST_OPENED_PORT to LAST_OPENED_PORT. */
struct port_states {
    struct hvabi_evtchn_status of[LAST_OPENED_PORT + 1];
};

static bool read_target_ports(struct test_context *t, uint16_t target, struct port_states *ports)
{
    for (uint32_t port = FIRST_OPENED_PORT; port <= LAST_OPENED_PORT; port++) {
        int64_t result = evtchn_status(target, port, &ports->of[port]);

        if (!expect_result(t, "EVTCHNOP_status of a port of the target", result, 0)) {
            return false;
        }
    }
    return true;
}

static bool target_has_ipi_port(const struct port_states *ports)
{
    for (uint32_t port = FIRST_OPENED_PORT; port <= LAST_OPENED_PORT; port++) {
        if (ports->of[port].status == HVABI_EVTCHNSTAT_IPI) {
            return true;
        }
    }
    return false;
}

static void control_shuts_target_down(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct port_states before;
    struct port_states after;
    struct hvabi_evtchn_status status;
    uint16_t target = 0;
    uint64_t deadline;
    int64_t result;

    if (shared == NULL || !domains_peer(t, "target", &target)) {
        return;
    }
    /* Wait until the target is in its last test: it has an IPI port. */
    deadline = clock_deadline(READY_WAIT_MS * CLOCK_MS);
    do {
        if (!read_target_ports(t, target, &before)) {
            return;
        }
    } while (!target_has_ipi_port(&before) && !clock_passed(deadline));
    if (!expect(t, target_has_ipi_port(&before), "the target opened no IPI port within %u ms",
                READY_WAIT_MS)) {
        return;
    }
    /* The target opens no port after its IPI port: read them all again, now
     * that none is being opened. */
    if (!read_target_ports(t, target, &before)) {
        return;
    }
    evtchn_clear_bit(shared->evtchn_pending, STATIC_PORT);
    result = remote_shutdown(target, HVABI_SHUTDOWN_SUSPEND);
    if (!expect_result(t, "SCHEDOP_remote_shutdown of the target with reason suspend", result,
                       0)) {
        return;
    }
    /* This domain's end: unbound, with one event (the call may return
     * before the target has stopped). */
    deadline = clock_deadline(5000 * CLOCK_MS);
    while (!evtchn_bit(shared->evtchn_pending, STATIC_PORT) && !clock_passed(deadline)) {
    }
    expect(t, evtchn_bit(shared->evtchn_pending, STATIC_PORT),
           "no event on port %u within 5 s of the target's shutdown", STATIC_PORT);
    result = evtchn_status(HVABI_DOMID_SELF, STATIC_PORT, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_UNBOUND &&
                  status.u.unbound.dom == target,
           "port %u after the target's shutdown: expected unbound for d%u, got %lld, state %u, "
           "d%u",
           STATIC_PORT, (unsigned)target, (long long)result, (unsigned)status.status,
           (unsigned)status.u.unbound.dom);
    /* The target's end is closed; its other ports are as they were. */
    result = evtchn_status(target, STATIC_PORT, &status);
    expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_CLOSED,
           "the target's port %u after its shutdown: expected closed, got %lld, state %u",
           STATIC_PORT, (long long)result, (unsigned)status.status);
    if (!read_target_ports(t, target, &after)) {
        return;
    }
    for (uint32_t port = FIRST_OPENED_PORT; port <= LAST_OPENED_PORT; port++) {
        expect(t, memcmp(&before.of[port], &after.of[port], sizeof(before.of[port])) == 0,
               "the target's port %u changed with its shutdown: state %u, d%u before; state "
               "%u, d%u after",
               (unsigned)port, (unsigned)before.of[port].status,
               (unsigned)before.of[port].u.unbound.dom, (unsigned)after.of[port].status,
               (unsigned)after.of[port].u.unbound.dom);
    }
    /* Shutting down a domain that has shut down changes nothing. */
    expect_result(t, "SCHEDOP_remote_shutdown of the target again",
                  remote_shutdown(target, HVABI_SHUTDOWN_CRASH), 0);
}

static void control_shuts_itself_down(struct test_context *t)
{
    test_expect_stop(t, "shutdown poweroff");
    expect(t, false, "SCHEDOP_remote_shutdown of DOMID_SELF returned %lld",
           (long long)remote_shutdown(HVABI_DOMID_SELF, HVABI_SHUTDOWN_POWEROFF));
}

const struct conformance_test control_tests[] = {
    {
        .name = "control_event_channels_of_other_domain",
        .verifies = "hvabi~evtchn-status-control~1 hvabi~evtchn-alloc-unbound-control~1 "
                    "hvabi~control-permitted~1",
        .run = control_event_channels,
    },
    {
        .name = "control_reset_of_running_domain",
        .verifies = "hvabi~evtchn-reset-control~1",
        .run = control_reset_of_running_domain,
    },
    {
        .name = "control_remote_shutdown_errors",
        .verifies = "hvabi~sched-op-remote-shutdown-reason~1 "
                    "hvabi~sched-op-remote-shutdown-unknown-domain~1 "
                    "hvabi~sched-op-remote-shutdown-fault~1 "
                    "hvabi~sched-op-remote-shutdown-order~1",
        .run = control_remote_shutdown_errors,
    },
    {
        .name = "control_shuts_target_down",
        .verifies = "hvabi~sched-op-remote-shutdown~1 hvabi~sched-op-shutdown-event-channels~1 "
                    "hvabi~evtchn-stop-closes-interdomain~1 hvabi~control-permitted~1",
        .run = control_shuts_target_down,
    },
    {
        .name = "control_shuts_itself_down",
        .verifies = "hvabi~sched-op-remote-shutdown-self~1 hvabi~types-domid-self~1 "
                    "hvabi~safety-stop-diagnostic~1 hvabi~safety-diag-format~1",
        .run = control_shuts_itself_down,
    },
    { .name = NULL },
};
