/*
 * suite.c - which test lists make up the conformance suite, in order.
 */
#include <stddef.h>

#include "framework/suite.h"

const struct conformance_test *const suite_lists[] = {
    hypercall_tests,
    aarch64_binding_tests,
    xen_version_tests,
    console_io_tests,
    sched_op_tests,
    NULL,
};
