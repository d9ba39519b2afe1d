/*
 * psci_system.c - PSCI SYSTEM_OFF and SYSTEM_RESET stop the calling domain,
 * and only it; CPU_OFF of a domain's last vCPU that is on is denied.
 *
 * Specification: spec/chapters/psci.rst, "The domain".  Two scenarios
 * (conformance/scenarios/psci_system_off.conf and psci_system_reset.conf)
 * each join a witness domain, which runs the tests below, to a stopper
 * domain (expect = stopped), which prints no KTAP and only makes its call
 * (the roles psci_system_off and psci_system_reset, psci_system_stop()).
 * Two static event channels join them:
 *
 *   witness port 10 <-> stopper port 10   closed by the stop: the witness's
 *                                         port becomes unbound
 *                                         (hvabi~sched-op-shutdown-event-channels~1)
 *   witness port 11 <-> stopper port 11   the stopper sends on it if its
 *                                         call returned
 *
 * CPU_OFF of the last vCPU: a hypervisor that powers the vCPU off leaves
 * its domain unable to run or report, so that call is made by a subject
 * domain (role psci_cpu_off_subject, scenario psci_cpu_off_last) and
 * observed by a witness: the subject sends on its port 10 when CPU_OFF
 * returned DENIED, on its port 11 when it returned anything else.
 */
#include <stddef.h>
#include <stdint.h>

#include "framework/suite.h"
#include "guest/console.h"
#include "support/clock.h"
#include "support/event_call.h"
#include "support/psci_call.h"
#include "support/shared_info.h"

#include <hvabi/psci.h>
#include <hvabi/types.h>

#define STOP_PORT 10
#define RETURNED_PORT 11
#define STOP_TIMEOUT (5 * CLOCK_S)

static bool pending(volatile struct hvabi_shared_info *shared, uint32_t port)
{
    return (shared->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

/* EVTCHNOP_status of one of this domain's ports: its state, or -1. */
static int64_t port_state(uint32_t port, uint16_t *remote)
{
    struct hvabi_evtchn_status status = { .dom = HVABI_DOMID_SELF, .port = port };
    int64_t rc = event_channel_op(HVABI_EVTCHNOP_STATUS, &status);

    if (rc != 0) {
        return -1;
    }
    if (remote != NULL) {
        *remote = status.status == HVABI_EVTCHNSTAT_UNBOUND ? status.u.unbound.dom
                                                            : status.u.interdomain.dom;
    }
    return status.status;
}

/*
 * An event on `port` that its peer sent while the channel was connected;
 * not the event a stop of the peer raises when it closes the channel.
 */
static bool sent_by_peer(volatile struct hvabi_shared_info *shared, uint32_t port)
{
    return pending(shared, port) && port_state(port, NULL) == HVABI_EVTCHNSTAT_INTERDOMAIN;
}

/*
 * Waits until the stopper's channel is closed (the stop) or the stopper
 * reports that its call returned.
 */
static bool observe_stop(struct test_context *t, const char *call)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint64_t deadline = clock_deadline(STOP_TIMEOUT);
    uint16_t stopper;

    if (shared == NULL ||
        !expect(t, test_domain_id(t, "stopper", &stopper), "no boot argument hvabi.stopper")) {
        return false;
    }
    for (;;) {
        uint16_t remote = 0;
        int64_t state = port_state(STOP_PORT, &remote);

        if (state == HVABI_EVTCHNSTAT_UNBOUND) {
            return expect(t, remote == stopper, "port %u is unbound for domain %u, not the "
                          "stopper %u", STOP_PORT, (unsigned)remote, (unsigned)stopper);
        }
        if (!expect(t, state == HVABI_EVTCHNSTAT_INTERDOMAIN,
                    "port %u: expected interdomain (2) or unbound (1), got %lld", STOP_PORT,
                    (long long)state)) {
            return false;
        }
        if (sent_by_peer(shared, RETURNED_PORT)) {
            return expect(t, false, "%s returned to the stopper domain (it sent on its port %u)",
                          call, RETURNED_PORT);
        }
        if (clock_passed(deadline)) {
            return expect(t, false, "port %u is still interdomain 5 s after this domain's start "
                          "and the stopper (domain %u) did not report that %s returned: either "
                          "it was not stopped, or it was stopped without closing its channels "
                          "(hvabi~sched-op-shutdown-event-channels~1)",
                          STOP_PORT, (unsigned)stopper, call);
        }
        clock_spin(CLOCK_MS);
    }
}

/* After the other domain's PSCI calls this domain still runs as before. */
static void still_running(struct test_context *t)
{
    uint64_t before = clock_counter();

    expect_result(t, "AFFINITY_INFO of this domain's vCPU 0", psci_affinity_info(0, 0),
                  HVABI_PSCI_AFFINITY_ON);
    clock_spin(10 * CLOCK_MS);
    expect(t, clock_counter() > before, "the virtual counter did not advance");
}

static void system_off_stops(struct test_context *t)
{
    observe_stop(t, "SYSTEM_OFF");
}

static void system_reset_stops(struct test_context *t)
{
    observe_stop(t, "SYSTEM_RESET");
}

/*
 * The subject's report of its CPU_OFF; the witness acknowledges it on its
 * port 10, after which the subject shuts down (which closes both channels
 * and raises an event on each: sent_by_peer() tells those apart).
 */
static void cpu_off_last(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint64_t deadline = clock_deadline(STOP_TIMEOUT);
    bool denied = false, other = false;

    if (shared == NULL) {
        return;
    }
    while (!denied && !other) {
        denied = sent_by_peer(shared, STOP_PORT);
        other = sent_by_peer(shared, RETURNED_PORT);
        if (!denied && !other && clock_passed(deadline)) {
            expect(t, false, "the subject domain reported nothing within 5 s: its CPU_OFF, made "
                   "by its only vCPU that is on, did not return");
            return;
        }
        clock_spin(CLOCK_MS);
    }
    event_send(STOP_PORT); /* the acknowledgement */
    expect(t, denied && !other,
           "the subject's CPU_OFF of its last vCPU returned something other than DENIED (-3); "
           "its console shows the value");
}

const struct conformance_test psci_cpu_off_witness_tests[] = {
    { .name = "psci_cpu_off_last", .verifies = "hvabi~psci-cpu-off-last~1", .run = cpu_off_last },
    { .name = NULL },
};

const struct conformance_test psci_off_witness_tests[] = {
    { .name = "psci_system_off_stops_domain", .verifies = "hvabi~psci-system-off~1",
      .run = system_off_stops },
    { .name = "psci_system_off_other_domains", .verifies = "hvabi~psci-other-domains~1",
      .run = still_running },
    { .name = NULL },
};

const struct conformance_test psci_reset_witness_tests[] = {
    { .name = "psci_system_reset_stops_domain", .verifies = "hvabi~psci-system-reset~1",
      .run = system_reset_stops },
    { .name = "psci_system_reset_other_domains", .verifies = "hvabi~psci-other-domains~1",
      .run = still_running },
    { .name = NULL },
};

/*
 * The stopper: PSCI calls that must not affect any other domain, then the
 * call that must stop this one.  If it returns, the witness learns it.
 */
static void stop_with(uint32_t function, const char *name)
{
    int32_t rc = psci_cpu_on(1, 0, 0); /* this domain has no vCPU 1 */

    console_printf("# psci stopper: CPU_ON of a vCPU the domain lacks: %d\n", (int)rc);
    console_printf("# psci stopper: calling %s\n", name);
    smccc_hvc(function, 0, 0, 0, NULL);
    console_printf("# psci stopper: %s returned\n", name);
    event_send(RETURNED_PORT);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void psci_system_off_act(const struct guest_platform *platform)
{
    (void)platform;
    stop_with(HVABI_PSCI_SYSTEM_OFF, "SYSTEM_OFF");
}

void psci_system_reset_act(const struct guest_platform *platform)
{
    (void)platform;
    stop_with(HVABI_PSCI_SYSTEM_RESET, "SYSTEM_RESET");
}

/*
 * The subject of psci_cpu_off_last: its only vCPU asks to be powered off,
 * reports the result, and waits (at most 10 s) for the witness's
 * acknowledgement before the domain shuts down.
 */
void psci_cpu_off_subject_act(const struct guest_platform *platform)
{
    struct test_context context = { .platform = platform };
    volatile struct hvabi_shared_info *shared = shared_info_page(&context);
    uint64_t deadline;
    int32_t rc;

    if (shared == NULL) {
        return;
    }
    /* Only an acknowledgement sent after the report counts. */
    __atomic_fetch_and(&shared->evtchn_pending[0], ~(1ULL << STOP_PORT), __ATOMIC_SEQ_CST);
    console_printf("# psci subject: calling CPU_OFF on the only vCPU that is on\n");
    rc = psci_cpu_off();
    console_printf("# psci subject: CPU_OFF returned %d; AFFINITY_INFO(vCPU 0) = %d\n", (int)rc,
                   (int)psci_affinity_info(0, 0));
    event_send(rc == HVABI_PSCI_DENIED ? STOP_PORT : RETURNED_PORT);
    deadline = clock_deadline(10 * CLOCK_S);
    while (!pending(shared, STOP_PORT) && !clock_passed(deadline)) {
        clock_spin(CLOCK_MS);
    }
}
