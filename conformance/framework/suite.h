/*
 * suite.h - the test lists of every test file, and the roles that run them.
 *
 * Each list is an array ended by an entry whose name is NULL.  A role is
 * what one domain of a scenario does: the boot argument hvabi.role=NAME
 * selects it (default: main).  A role runs its lists in order, and the
 * test numbers of its KTAP output count over all of them.
 *
 * The role "main" runs every test that needs no other domain.  A scenario
 * with several domains gives each a role whose tests play their part
 * against the others (conformance/scenarios/).
 */
#ifndef HVABI_CONFORMANCE_SUITE_H
#define HVABI_CONFORMANCE_SUITE_H

#include "framework/test.h"

extern const struct conformance_test hypercall_tests[];
extern const struct conformance_test aarch64_binding_tests[];
extern const struct conformance_test xen_version_tests[];
extern const struct conformance_test console_io_tests[];
extern const struct conformance_test sched_op_tests[];
extern const struct conformance_test sched_op_wait_tests[];
extern const struct conformance_test sched_op_watchdog_tests[];
extern const struct conformance_test sched_op_shutdown_victim_tests[];
extern const struct conformance_test sched_op_shutdown_witness_tests[];
extern const struct conformance_test sched_op_watchdog_victim_tests[];
extern const struct conformance_test sched_op_watchdog_witness_tests[];
extern const struct conformance_test sched_op_shutdown_code_tests[];
extern const struct conformance_test hvm_op_tests[];
extern const struct conformance_test hvm_op_other_domain_tests[];
extern const struct conformance_test hvm_op_control_tests[];
extern const struct conformance_test memory_op_tests[];
extern const struct conformance_test memory_op_other_domain_tests[];
extern const struct conformance_test xen_version_denied_tests[];
extern const struct conformance_test xen_version_control_tests[];
extern const struct conformance_test control_main_tests[];
extern const struct conformance_test control_target_tests[];
extern const struct conformance_test control_target_stop_tests[];
extern const struct conformance_test control_tests[];
extern const struct conformance_test two_vcpus_tests[];
extern const struct conformance_test safety_access_tests[];
extern const struct conformance_test safety_event_edge_receiver_tests[];
extern const struct conformance_test safety_event_edge_sender_tests[];
extern const struct conformance_test two_vcpus_stop_tests[];

struct suite_role {
    const char *name;                               /* the value of hvabi.role */
    const struct conformance_test *const *lists;    /* NULL-terminated */
};

/* Every role, ended by an entry whose name is NULL. */
extern const struct suite_role suite_roles[];

/* The role called `name`, or NULL. */
const struct suite_role *suite_find_role(const char *name);

#endif /* HVABI_CONFORMANCE_SUITE_H */
