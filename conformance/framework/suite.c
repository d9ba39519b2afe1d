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

const struct suite_role suite_roles[] = {
    { "main", main_lists },
    { "shutdown_victim", shutdown_victim_lists },
    { "shutdown_witness", shutdown_witness_lists },
    { "watchdog_victim", watchdog_victim_lists },
    { "watchdog_witness", watchdog_witness_lists },
    { "shutdown_code", shutdown_code_lists },
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
