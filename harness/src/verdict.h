/*
 * verdict.h - what a finished run adds up to: the counts of the summary
 * line (in all and per scenario), the problems, the deviations seen, and
 * the exit status.
 *
 * Counting rule.  Every test that did not pass or skip is one failure: a
 * test that failed, the test a domain crashed in, and every test that the
 * plan announced but that never reported.  A problem of a boot (a timeout,
 * QEMU's exit) usually shows as such tests; it counts as one failure of
 * its own only when its scenario has no crashed or missing test and every
 * domain printed its plan, so that a run that went wrong is never counted
 * as passed.  A domain that printed no plan counts as one failure, and so
 * does each malformed KTAP line, and each test name that two scenarios
 * both report (names are unique across scenarios).
 */
#ifndef HARNESS_VERDICT_H
#define HARNESS_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "deviations.h"
#include "scenario_results.h"

struct run_problem {
    size_t scenario;         /* index in the run's results */
    char *label;             /* short: "d1 KTAP", "run"; a JUnit test name */
    char *message;
    bool counts_as_failure;  /* see the counting rule */
};

struct verdict_counts {
    unsigned passed;
    unsigned failed;         /* failed, crashed and missing tests, and counted problems */
    unsigned skipped;
    unsigned missing;        /* planned tests that never reported */
    bool show_output_tail;   /* the last lines of output explain what happened */
};

struct verdict {
    struct verdict_counts total;
    struct verdict_counts *scenarios; /* one per scenario of the run */
    size_t scenario_count;
    struct run_problem *problems;
    size_t problem_count;
};

/* What became of the test of a deviation in this run. */
enum deviation_state {
    DEVIATION_OBSERVED,        /* the test failed: the deviation is real */
    DEVIATION_TEST_PASSED,
    DEVIATION_TEST_SKIPPED,
    DEVIATION_TEST_NOT_RUN,    /* no domain reported a result for a test of that name */
};

void verdict_compute(struct verdict *verdict, const struct run_results *results);

enum deviation_state verdict_deviation_state(const struct run_results *results,
                                             const struct deviation *deviation);

/* The number of failed tests that the deviations do not list. */
unsigned verdict_unlisted_failures(const struct run_results *results,
                                   const struct deviation_list *deviations);

/*
 * 0 when nothing failed, 1 otherwise.  With expect_deviations, 0 when the
 * failures are exactly the listed deviations: every failed test is listed,
 * every listed test failed, and there is no missing test and no problem.
 */
int verdict_exit_status(const struct verdict *verdict, const struct run_results *results,
                        const struct deviation_list *deviations, bool expect_deviations);

void verdict_free(struct verdict *verdict);

#endif
