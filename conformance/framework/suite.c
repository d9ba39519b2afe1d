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
    event_channel_command_tests,
    event_channel_port_tests,
    event_channel_open_tests,
    event_channel_manage_tests,
    event_channel_2l_tests,
    event_channel_irq_tests,
    shared_info_tests,
    NULL,
};

/* Scenario evtchn-pair: the two ends of interdomain event channels. */
static const struct conformance_test *const evtchn_left_lists[] = {
    event_channel_left_tests,
    NULL,
};

static const struct conformance_test *const evtchn_right_lists[] = {
    event_channel_right_tests,
    NULL,
};

/* Scenario evtchn-smp: one domain, two vCPUs. */
static const struct conformance_test *const evtchn_smp_lists[] = {
    event_channel_smp_tests,
    NULL,
};

/* Scenario evtchn-fifo: the optional FIFO layout, and back. */
static const struct conformance_test *const evtchn_fifo_lists[] = {
    event_channel_fifo_tests,
    NULL,
};

const struct suite_role suite_roles[] = {
    { "main", main_lists },
    { "evtchn-left", evtchn_left_lists },
    { "evtchn-right", evtchn_right_lists },
    { "evtchn-smp", evtchn_smp_lists },
    { "evtchn-fifo", evtchn_fifo_lists },
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
