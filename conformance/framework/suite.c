/*
 * suite.c - which test lists each role runs, in order (see suite.h).
 */
#include <stddef.h>
#include <string.h>

#include "framework/suite.h"

/* The domain alone: every test that needs no other domain. */
static const struct conformance_test *const main_lists[] = {
    /* The tree first: the memory test wants the RAM as the domain got it. */
    hypervisor_node_tests,
    hypervisor_node_platform_tests,
    hypervisor_node_memory_tests,
    hypervisor_node_timer_tests,
    hypercall_tests,
    aarch64_binding_tests,
    xen_version_tests,
    xen_version_string_tests,
    xen_version_feature_tests,
    console_io_tests,
    console_io_read_tests,
    types_tests,
    sched_op_tests,
    NULL,
};

/* A domain with a ramdisk module (scenario ramdisk). */
static const struct conformance_test *const ramdisk_lists[] = {
    domain_binding_ramdisk_tests,
    NULL,
};

/* Each of several domains of different sizes (scenario domain-binding). */
static const struct conformance_test *const binding_lists[] = {
    domain_binding_domain_tests,
    NULL,
};

/* No test: a domain that only shows that it started (the system-tree
 * tests of conformance/system-trees/ that expect the tree accepted). */
static const struct conformance_test *const idle_lists[] = {
    NULL,
};

const struct suite_role suite_roles[] = {
    { "main", main_lists },
    { "ramdisk", ramdisk_lists },
    { "binding", binding_lists },
    { "idle", idle_lists },
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
