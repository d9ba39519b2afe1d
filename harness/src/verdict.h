/*
 * verdict.h - what a finished run adds up to: the counts of the summary
 * line, the problems, the deviations seen, and the exit status.
 *
 * Counting rule.  Every test that did not pass or skip is one failure, and
 * so is every test that the plan announced but that never reported.  A
 * problem that stopped a domain or the run (Bail out!, a timeout, QEMU's
 * exit) usually shows as such missing tests; it counts as one failure of
 * its own only when it left no test without a result, so that a run that
 * went wrong is never counted as passed.  A domain that printed no plan
 * counts as one failure, and so does each malformed KTAP line.
 */
#ifndef HARNESS_VERDICT_H
#define HARNESS_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "deviations.h"
#include "session.h"

struct run_problem {
    char *label;             /* short: "d1 KTAP", "run"; a JUnit test name */
    char *message;
    bool counts_as_failure;  /* see the counting rule */
};

struct verdict {
    unsigned passed;
    unsigned failed;         /* failed tests, missing tests and counted problems */
    unsigned skipped;
    unsigned missing;        /* planned tests that never reported */
    struct run_problem *problems;
    size_t problem_count;
    bool show_output_tail;   /* the last lines of output explain what happened */
};

/* What became of the test of a deviation in this run. */
enum deviation_state {
    DEVIATION_OBSERVED,        /* the test failed: the deviation is real */
    DEVIATION_TEST_PASSED,
    DEVIATION_TEST_SKIPPED,
    DEVIATION_TEST_NOT_RUN,    /* no domain reported a result for a test of that name */
};

void verdict_compute(struct verdict *verdict, const struct session *session);

enum deviation_state verdict_deviation_state(const struct session *session,
                                             const struct deviation *deviation);

/* The number of failed tests that the deviations do not list. */
unsigned verdict_unlisted_failures(const struct session *session,
                                   const struct deviation_list *deviations);

/*
 * 0 when nothing failed, 1 otherwise.  With expect_deviations, 0 when the
 * failures are exactly the listed deviations: every failed test is listed,
 * every listed test failed, and there is no missing test and no problem.
 */
int verdict_exit_status(const struct verdict *verdict, const struct session *session,
                        const struct deviation_list *deviations, bool expect_deviations);

void verdict_free(struct verdict *verdict);

#endif
