/*
 * suite.c - which test lists each role runs, in order (see suite.h).
 */
#include <stddef.h>
#include <string.h>

#include "framework/suite.h"

/* The domain alone: every test that needs no other domain. */
static const struct conformance_test *const main_lists[] = {
    hypercall_tests,
    aarch64_binding_tests,
    xen_version_tests,
    console_io_tests,
    sched_op_tests,
    sched_op_wait_tests,
    sched_op_watchdog_tests,
    xen_version_denied_tests,
    hvm_op_tests,
    control_main_tests,
    safety_access_tests,
    NULL,
};

/*
 * One domain with two vCPUs (scenarios/smp.conf).  The memory_op tests
 * need the shared info page at no frame, so they run in this role, where
 * nothing places it for good; the shutdown comes last.
 */
static const struct conformance_test *const smp_lists[] = {
    two_vcpus_tests,
    memory_op_tests,
    two_vcpus_stop_tests,
    NULL,
};

/* A control domain and a domain that is not one (scenarios/control.conf). */
static const struct conformance_test *const control_lists[] = {
    xen_version_control_tests,
    hvm_op_control_tests,
    control_tests,
    NULL,
};

static const struct conformance_test *const target_lists[] = {
    hvm_op_other_domain_tests,
    memory_op_other_domain_tests,
    control_target_tests,
    control_target_stop_tests,
    NULL,
};

/*
 * The stop scenarios (scenarios/stop_*.conf): a victim whose test ends
 * with the stop of its domain, and a witness that sees it.
 */
static const struct conformance_test *const shutdown_victim_lists[] = {
    sched_op_shutdown_victim_tests,
    NULL,
};

static const struct conformance_test *const shutdown_witness_lists[] = {
    sched_op_shutdown_witness_tests,
    NULL,
};

static const struct conformance_test *const watchdog_victim_lists[] = {
    sched_op_watchdog_victim_tests,
    NULL,
};

static const struct conformance_test *const watchdog_witness_lists[] = {
    sched_op_watchdog_witness_tests,
    NULL,
};

static const struct conformance_test *const shutdown_code_lists[] = {
    sched_op_shutdown_code_tests,
    NULL,
};

/* A flood of events (scenarios/event_edge.conf). */
static const struct conformance_test *const event_receiver_lists[] = {
    safety_event_edge_receiver_tests,
    NULL,
};

static const struct conformance_test *const event_sender_lists[] = {
    safety_event_edge_sender_tests,
    NULL,
};

const struct suite_role suite_roles[] = {
    { "main", main_lists },
    { "shutdown_victim", shutdown_victim_lists },
    { "shutdown_witness", shutdown_witness_lists },
    { "watchdog_victim", watchdog_victim_lists },
    { "watchdog_witness", watchdog_witness_lists },
    { "shutdown_code", shutdown_code_lists },
    { "smp", smp_lists },
    { "control", control_lists },
    { "target", target_lists },
    { "event_receiver", event_receiver_lists },
    { "event_sender", event_sender_lists },
    { NULL, NULL },
};

const struct suite_role *suite_find_role(const char *name)
{
    for (const struct suite_role *role = suite_roles; role->name != NULL; role++) {
        if (strcmp(role->name, name) == 0) {
            return role;
        }
    }
    return NULL;
}
