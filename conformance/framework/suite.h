/*
 * suite.h - the test lists of every test file.
 *
 * Each list is an array ended by an entry whose name is NULL.  The order of
 * suite_lists in suite.c is the order of the tests in the KTAP output.
 */
#ifndef HVABI_CONFORMANCE_SUITE_H
#define HVABI_CONFORMANCE_SUITE_H

#include "framework/test.h"

extern const struct conformance_test hypercall_tests[];
extern const struct conformance_test aarch64_binding_tests[];
extern const struct conformance_test xen_version_tests[];
extern const struct conformance_test console_io_tests[];
extern const struct conformance_test sched_op_tests[];

/* NULL-terminated list of the lists above. */
extern const struct conformance_test *const suite_lists[];

#endif /* HVABI_CONFORMANCE_SUITE_H */
