/*
 * scenario_results.h - the results of a scenario over all its boots, and
 * where each domain starts on the next boot.
 *
 * A scenario boots until every test of every domain that prints results
 * (expect = results) has exactly one result.  After each boot its session
 * is merged here (scenario_results_take_boot()): the results it brought;
 * the test a crashed domain crashed in, failed; and each domain's first
 * test of the next boot: after the test it crashed in or whose announced
 * stop ended it (session.h), or plan + 1 for a
 * domain whose run is complete (which runs no test, but does its role's
 * set-up and coordination with the others).  A domain that stopped before
 * printing its plan cannot be resumed: that is a problem, and no further
 * boot is made for it.
 */
#ifndef HARNESS_SCENARIO_RESULTS_H
#define HARNESS_SCENARIO_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "ktap.h"
#include "scenario.h"
#include "session.h"
#include "text.h"

/* The one result of a test. */
struct test_record {
    struct ktap_result result;  /* outcome KTAP_NO_RESULT until a boot reports the test */
    char *crash_reason;         /* the domain crashed in this test (a failure): why */
    struct text_list context;   /* with crash_reason: the last lines of output */
};

struct domain_results {
    unsigned id;
    char *name;
    bool expects_results;
    bool has_plan;
    unsigned planned;
    struct test_record *tests;           /* tests[n - 1] is test n; planned of them */
    struct text_list header_diagnostics; /* the "# " lines before the plan, first boot */
    unsigned next_first_test;            /* where the next boot starts; 1 before a plan */
    unsigned crashed_in;                 /* the test the last boot crashed in; 0: none */
    unsigned stopped_in;                 /* the test the last boot ended in with the
                                            domain's announced stop; 0: none */
    bool given_up;                       /* stopped before its plan: no boot can resume it */
    char *not_run_reason;                /* why its tests without a result have none */
    struct text_list output;             /* expect = stopped: its last lines, last boot */
};

enum problem_kind {
    PROBLEM_OF_DOMAIN, /* malformed KTAP, no plan, ...: always one failure */
    PROBLEM_OF_BOOT,   /* how a boot ended: a failure only when no test shows it */
};

struct scenario_problem {
    enum problem_kind kind;
    char *label;       /* short, a JUnit test name: "d1 KTAP", "run" */
    char *message;
};

struct scenario_results {
    char *name;
    bool is_default;
    struct domain_results *domains;  /* in the scenario's order: domains[i] is d<i+1> */
    size_t domain_count;
    unsigned boots;
    struct scenario_problem *problems;
    size_t problem_count;
    struct text_list tail;           /* the last lines of output of the last boot */
};

/* The results of a whole run: one entry per scenario, in boot order. */
struct run_results {
    struct scenario_results *scenarios;
    size_t count;
};

/* Domain ID 0 is no domain: it holds the results of the system-tree tests
 * (tree_test_run.h). */
#define DOMAIN_RESULTS_TREE_ID 0u

/* How reports name the domain with that ID: "d<N>", or "tree" for ID 0.
 * Returns buffer. */
const char *domain_results_label(unsigned id, char *buffer, size_t size);

/* Why a test without a result has none, unless the domain's not_run_reason says. */
#define SCENARIO_RESULTS_NO_RESULT "no result (the domain stopped or hung)"

void scenario_results_init(struct scenario_results *results, const struct scenario *scenario);

/* Why the domain's tests without a result have none. */
const char *domain_results_not_run_reason(const struct domain_results *domain);

/* What the next boot expects of each domain (domain_count entries). */
void scenario_results_session_settings(const struct scenario_results *results,
                                       struct session_domain_settings *settings);

/* Each domain's hvabi.start for the next boot (domain_count entries): its
 * next first test; 1 for a domain with expect = stopped. */
void scenario_results_first_tests(const struct scenario_results *results, unsigned *first_tests);

/* Merges a finished boot, whose session was made with
 * scenario_results_session_settings(); takes what it needs out of it. */
void scenario_results_take_boot(struct scenario_results *results, struct session *session);

/* True when another boot would bring results: a domain crashed or was
 * stopped in a test and has tests after it. */
bool scenario_results_needs_boot(const struct scenario_results *results);

enum scenario_next {
    SCENARIO_COMPLETE,          /* no further boot would bring results */
    SCENARIO_BOOT_AGAIN,
    SCENARIO_TOO_MANY_CRASHES,  /* one would, but max_restarts boots were made after the first */
};

/* What comes after the boots so far, with at most max_restarts boots
 * after the first. */
enum scenario_next scenario_results_next(const struct scenario_results *results,
                                         unsigned max_restarts);

/* No further boot: the tests that have no result get reason (e.g. "not
 * run: too many crashes"). */
void scenario_results_give_up(struct scenario_results *results, const char *reason);

void scenario_results_free(struct scenario_results *results);

void run_results_free(struct run_results *results);

#endif
