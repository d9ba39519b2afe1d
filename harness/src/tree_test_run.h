/*
 * tree_test_run.h - boots the system-tree tests of a group (tree_test.h),
 * one boot per test, and reports each result as it comes.
 *
 * A boot ends when QEMU exits (a hypervisor that refuses a tree stops the
 * system), when nothing is printed for the inactivity limit (one that
 * halts), at the timeout, or TREE_TEST_SETTLE_SECONDS after the outcome is
 * decided (tree_check_decided(): a domain printed, the system stop line
 * came, or everything an accepted tree must show was seen), which leaves
 * time for late lines.
 *
 * The results of a group are those of a scenario with one pseudo-domain
 * of ID 0, TREE_TEST_DOMAIN_NAME, whose tests are the group's, so that
 * the report, the deviations, the KTAP and JUnit files and the verdict
 * treat them like every other test (report.h shows ID 0 as "tree").
 */
#ifndef HARNESS_TREE_TEST_RUN_H
#define HARNESS_TREE_TEST_RUN_H

#include "error.h"
#include "scenario_results.h"
#include "scenario_run.h"
#include "tree_test.h"

#define TREE_TEST_SETTLE_SECONDS 2u
#define TREE_TEST_DOMAIN_NAME "system tree"

/* Results for group: one pseudo-domain with the group's tests planned. */
void tree_test_results_init(struct scenario_results *results, const struct tree_test_group *group);

/* Boots every test of group.  Returns SCENARIO_RUN_DONE, or
 * SCENARIO_RUN_HARNESS_STOPPED after a signal, or SCENARIO_RUN_ERROR with
 * err set when a boot could not be made (QEMU did not start). */
enum scenario_run_end tree_test_run_group(const struct boot_settings *settings,
                                          const struct tree_test_group *group,
                                          struct scenario_results *results, const char *prefix,
                                          struct harness_error *err);

#endif
