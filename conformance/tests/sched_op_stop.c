/*
 * sched_op_stop.c - the shutdown of a domain, seen by the hypervisor's
 * console and by a peer.
 *
 * Specification: spec/chapters/sched_op.rst ("Shutdown", "After a
 * shutdown", "Recording a reason in advance", "Watchdogs"),
 * spec/chapters/safety.rst ("The safe state of a domain", "Diagnostics")
 * and spec/chapters/event_channel.rst ("A domain that stops").
 *
 * Each stop scenario (conformance/scenarios/stop_*.conf) has a victim,
 * whose one test ends with the stop of its domain, and mostly a witness,
 * joined to it by a static event channel, which sees the stop on the
 * channel and goes on.  A victim's test announces its stop and its cause
 * (test_expect_stop()); the harness passes it when the hypervisor's domain
 * stop line gives that cause and the domain runs no further.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/clock.h"
#include "support/domains.h"
#include "support/stop_peer.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>

/* How long a victim waits for its witness, and a witness for the stop. */
#define GO_WAIT_MS 5000
#define STOP_WAIT_MS 10000

/* A peer that another domain's stop held up this long was paused. */
#define PAUSE_LIMIT_MS 500

static int64_t shutdown_call(uint32_t cmd, uint32_t reason)
{
    struct hvabi_sched_shutdown arg = { .reason = reason };

    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, cmd, (uint64_t)(uintptr_t)&arg);
}

static void wait_for_witness(struct test_context *t)
{
    if (!stop_peer_wait_for_go(t, STOP_PEER_PORT, GO_WAIT_MS)) {
        test_note(t, "no go-ahead from the witness within %u ms; going on", GO_WAIT_MS);
    }
}

/* Victim: unknown reasons fail; reason reboot stops the domain for good. */
static void shutdown_stops_domain(struct test_context *t)
{
    wait_for_witness(t);
    /* Announced first: a hypervisor that stops the domain for an unknown
     * reason then fails this test, under its name. */
    test_expect_stop(t, "shutdown reboot");
    /* Each note shows in the result that the call before it returned. */
    expect_result(t, "SCHEDOP_shutdown with reason 6", shutdown_call(HVABI_SCHEDOP_SHUTDOWN, 6),
                  -HVABI_EINVAL);
    test_note(t, "SCHEDOP_shutdown with reason 6 returned");
    expect_result(t, "SCHEDOP_shutdown with reason 0xffffffff",
                  shutdown_call(HVABI_SCHEDOP_SHUTDOWN, 0xffffffffU), -HVABI_EINVAL);
    test_note(t, "SCHEDOP_shutdown with reason 0xffffffff returned");
    if (t->failures != 0) {
        return;
    }
    expect(t, false, "SCHEDOP_shutdown with reason reboot returned %lld",
           (long long)shutdown_call(HVABI_SCHEDOP_SHUTDOWN, HVABI_SHUTDOWN_REBOOT));
}

/* Witness: the victim's stop unbinds the channel with one event. */
static void peer_sees_stop(struct test_context *t)
{
    uint16_t victim = 0;

    if (domains_peer(t, "victim", &victim)) {
        stop_peer_watch_stop(t, STOP_PEER_PORT, victim, STOP_WAIT_MS);
    }
}

/* Witness, after the stop: it runs on, without a pause. */
static void peer_keeps_running(struct test_context *t)
{
    uint64_t gap = stop_peer_longest_gap_ms(300);

    expect(t, gap < PAUSE_LIMIT_MS,
           "this domain was held up for %llu ms after its peer's stop",
           (unsigned long long)gap);
    expect_result(t, "SCHEDOP_yield", hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP,
                                                       HVABI_SCHEDOP_YIELD, 0), 0);
}

/* Victim: a watchdog that nobody re-arms stops the domain, whose only
 * vCPU spins with IRQs masked and never enters the hypervisor. */
static void watchdog_expiry_stops_domain(struct test_context *t)
{
    struct hvabi_sched_watchdog arg = { .id = 0, .timeout = 1 };
    uint64_t give_up;
    int64_t id;

    wait_for_witness(t);
    test_expect_stop(t, "shutdown watchdog");
    id = hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_WATCHDOG,
                          (uint64_t)(uintptr_t)&arg);
    if (!expect_result(t, "SCHEDOP_watchdog creating a 1 s watchdog", id, 1)) {
        return;
    }
    give_up = clock_deadline(6000 * CLOCK_MS);
    __asm__ volatile("msr daifset, #0xf" ::: "memory");
    while (!clock_passed(give_up)) {
    }
    expect(t, false, "the domain still runs 6 s after its 1 s watchdog was created");
}

/* Victim, alone: a recorded reason replaces that of the shutdown; failed
 * records record nothing. */
static void shutdown_code_recorded(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    expect_result(t, "SCHEDOP_shutdown_code with reason 6",
                  shutdown_call(HVABI_SCHEDOP_SHUTDOWN_CODE, 6), -HVABI_EINVAL);
    expect_result(t, "SCHEDOP_shutdown_code with reason 0xffffffff",
                  shutdown_call(HVABI_SCHEDOP_SHUTDOWN_CODE, 0xffffffffU), -HVABI_EINVAL);
    expect_result(t, "SCHEDOP_shutdown_code with arg at an unmapped virtual address",
                  hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_SHUTDOWN_CODE,
                                   unmapped_virtual_address()),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "SCHEDOP_shutdown_code with arg at a guest address without memory",
                      hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_SHUTDOWN_CODE,
                                       unbacked),
                      -HVABI_EFAULT);
    }
    if (t->failures != 0) {
        return;
    }
    test_expect_stop(t, "shutdown crash");
    expect_result(t, "SCHEDOP_shutdown_code with reason crash",
                  shutdown_call(HVABI_SCHEDOP_SHUTDOWN_CODE, HVABI_SHUTDOWN_CRASH), 0);
    /* Only the first recorded reason counts. */
    expect_result(t, "SCHEDOP_shutdown_code with reason suspend",
                  shutdown_call(HVABI_SCHEDOP_SHUTDOWN_CODE, HVABI_SHUTDOWN_SUSPEND), 0);
    if (t->failures != 0) {
        return;
    }
    expect(t, false, "SCHEDOP_shutdown with reason poweroff returned %lld",
           (long long)shutdown_call(HVABI_SCHEDOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
}

const struct conformance_test sched_op_shutdown_victim_tests[] = {
    {
        .name = "sched_op_shutdown_stops_domain",
        .verifies = "hvabi~sched-op-shutdown~1 hvabi~sched-op-shutdown-reason~1 "
                    "hvabi~sched-op-shutdown-no-restart~1 hvabi~safety-stop-vcpus~1 "
                    "hvabi~safety-stop-diagnostic~1 hvabi~safety-diag-format~1",
        .run = shutdown_stops_domain,
    },
    { .name = NULL },
};

const struct conformance_test sched_op_shutdown_witness_tests[] = {
    {
        .name = "sched_op_shutdown_peer_sees_stop",
        .verifies = "hvabi~evtchn-stop-closes-interdomain~1 "
                    "hvabi~safety-stop-evtchn-unbound~1 hvabi~safety-stop-evtchn-notify~1",
        .run = peer_sees_stop,
    },
    {
        .name = "sched_op_shutdown_peer_keeps_running",
        .verifies = "hvabi~sched-op-shutdown-other-domains~1",
        .run = peer_keeps_running,
    },
    { .name = NULL },
};

const struct conformance_test sched_op_watchdog_victim_tests[] = {
    {
        .name = "sched_op_watchdog_expiry_stops_domain",
        .verifies = "hvabi~sched-op-watchdog-expiry~1 hvabi~sched-op-watchdog-create~1 "
                    "hvabi~safety-stop-diagnostic~1 hvabi~safety-diag-format~1",
        .run = watchdog_expiry_stops_domain,
    },
    { .name = NULL },
};

const struct conformance_test sched_op_watchdog_witness_tests[] = {
    {
        .name = "sched_op_watchdog_peer_sees_stop",
        .verifies = "hvabi~evtchn-stop-closes-interdomain~1 "
                    "hvabi~safety-stop-evtchn-unbound~1 hvabi~safety-stop-evtchn-notify~1",
        .run = peer_sees_stop,
    },
    { .name = NULL },
};

const struct conformance_test sched_op_shutdown_code_tests[] = {
    {
        .name = "sched_op_shutdown_code_recorded",
        .verifies = "hvabi~sched-op-shutdown-code~1 hvabi~sched-op-shutdown-code-reason~1 "
                    "hvabi~sched-op-shutdown-code-fault~1 hvabi~safety-stop-diagnostic~1 "
                    "hvabi~safety-diag-format~1",
        .run = shutdown_code_recorded,
    },
    { .name = NULL },
};
