/*
 * test_verdict.c - counting a finished run, deviations, and the exit status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"
#include "test_support.h"
#include "verdict.h"

static struct deviation xen_001 = {
    .id = "XEN-001",
    .test = "invalid_immediate",
    .requirement = "hvabi~aarch64-call-invalid-immediate~1",
    .observed = "ELR_EL1 is the instruction after the HVC.",
    .reason = "The architecture says otherwise.",
    .line = 3,
};

static const char three_tests_one_fails[] =
    "(d1) KTAP version 1\n"
    "(d1) 1..3\n"
    "(d1) ok 1 first\n"
    "(d1) not ok 2 invalid_immediate\n"
    "(d1) ok 3 third # SKIP not here\n";

/* A session of one domain, d1, fed with output; reports go nowhere. */
static void start(struct session *session, const struct deviation_list *deviations,
                  const char *output)
{
    const unsigned one_domain[] = { 1 };
    FILE *report = fopen("/dev/null", "w");

    assert_non_null(report);
    session_init(session, one_domain, 1, deviations, report, false);
    feed_session(session, output);
}

/* Frees what start() and verdict_compute() made. */
static void finish(struct session *session, struct verdict *verdict)
{
    fclose(session->report);
    session_free(session);
    verdict_free(verdict);
}

/* report_end()'s output for a finished session. */
static char *end_report(const struct session *session, const struct verdict *verdict,
                        const struct deviation_list *deviations, bool expect_deviations)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    assert_non_null(out);
    report_end(out, session, verdict, deviations, expect_deviations);
    fclose(out);
    return text;
}

static void test_all_passed(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct session session;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&session, &none, "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 a\n(d1) ok 2 b\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.passed, 2);
    assert_int_equal(verdict.failed, 0);
    assert_int_equal(verdict.skipped, 0);
    assert_int_equal(verdict.problem_count, 0);
    assert_false(verdict.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &session, &none, false), 0);
    assert_int_equal(verdict_exit_status(&verdict, &session, &none, true), 0);
    text = end_report(&session, &verdict, &none, false);
    assert_string_equal(text, "2 passed, 0 failed, 0 skipped\n");
    free(text);
    finish(&session, &verdict);
}

static void test_listed_deviation(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct session session;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&session, &deviations, three_tests_one_fails);
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.passed, 1);
    assert_int_equal(verdict.failed, 1);
    assert_int_equal(verdict.skipped, 1);
    assert_int_equal(verdict_deviation_state(&session, &xen_001), DEVIATION_OBSERVED);
    assert_int_equal(verdict_unlisted_failures(&session, &deviations), 0);
    /* A deviation is still a failure... */
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, false), 1);
    /* ... that --expect-deviations accepts. */
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, true), 0);
    text = end_report(&session, &verdict, &deviations, true);
    assert_string_equal(text, "1 passed, 1 failed, 1 skipped\n");
    free(text);
    finish(&session, &verdict);
}

static void test_stale_deviation(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct session session;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&session, &deviations,
          "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 invalid_immediate\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict_deviation_state(&session, &xen_001), DEVIATION_TEST_PASSED);
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, false), 0);
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, true), 1);
    text = end_report(&session, &verdict, &deviations, true);
    assert_string_equal(text,
                        "stale deviation XEN-001: test invalid_immediate passed; remove the "
                        "entry\n"
                        "1 passed, 0 failed, 0 skipped\n");
    free(text);
    finish(&session, &verdict);
}

static void test_deviation_not_run_or_skipped(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct session session;
    struct verdict verdict;

    (void)state;
    start(&session, &deviations, "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 other\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict_deviation_state(&session, &xen_001), DEVIATION_TEST_NOT_RUN);
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, true), 1);
    finish(&session, &verdict);

    start(&session, &deviations,
          "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 invalid_immediate # SKIP no\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict_deviation_state(&session, &xen_001), DEVIATION_TEST_SKIPPED);
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, true), 1);
    finish(&session, &verdict);
}

static void test_unlisted_failure(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct session session;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&session, &deviations,
          "(d1) KTAP version 1\n(d1) 1..2\n(d1) not ok 1 invalid_immediate\n"
          "(d1) not ok 2 new_failure\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.failed, 2);
    assert_int_equal(verdict_unlisted_failures(&session, &deviations), 1);
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, true), 1);
    text = end_report(&session, &verdict, &deviations, true);
    assert_string_equal(text,
                        "unexpected failure d1 2 new_failure: no deviation lists it\n"
                        "0 passed, 2 failed, 0 skipped\n");
    free(text);
    finish(&session, &verdict);
}

static void test_truncated_run(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct session session;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&session, &deviations,
          "(d1) KTAP version 1\n(d1) 1..4\n(d1) ok 1 first\n(d1) not ok 2 invalid_immediate\n"
          "(XEN) something went wrong\n");
    session_add_run_problem(&session, "timeout: the run did not end within 5 s");
    verdict_compute(&verdict, &session);
    /* The timeout shows as the two tests without a result; it does not
     * count again. */
    assert_int_equal(verdict.passed, 1);
    assert_int_equal(verdict.failed, 3);
    assert_int_equal(verdict.missing, 2);
    assert_int_equal(verdict.problem_count, 1);
    assert_false(verdict.problems[0].counts_as_failure);
    assert_true(verdict.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &session, &deviations, true), 1);
    text = end_report(&session, &verdict, &deviations, true);
    assert_string_equal(text,
                        "FAIL d1  3 test 3: no result (the domain stopped or hung)\n"
                        "FAIL d1  4 test 4: no result (the domain stopped or hung)\n"
                        "Problems:\n"
                        "  timeout: the run did not end within 5 s\n"
                        "Last 5 lines of the serial output:\n"
                        "  | (d1) KTAP version 1\n"
                        "  | (d1) 1..4\n"
                        "  | (d1) ok 1 first\n"
                        "  | (d1) not ok 2 invalid_immediate\n"
                        "  | (XEN) something went wrong\n"
                        "1 passed, 3 failed, 0 skipped\n");
    free(text);
    finish(&session, &verdict);
}

static void test_run_problem_with_all_results_counts(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct session session;
    struct verdict verdict;

    (void)state;
    start(&session, &none, "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 only\n");
    session_add_run_problem(&session, "the machine did not halt after the last domain stopped");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.passed, 1);
    assert_int_equal(verdict.failed, 1);
    assert_true(verdict.problems[0].counts_as_failure);
    assert_int_equal(verdict_exit_status(&verdict, &session, &none, false), 1);
    finish(&session, &verdict);
}

static void test_silent_domain(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct session session;
    struct verdict verdict;

    (void)state;
    start(&session, &none, "(XEN) Panic on CPU 0:\n");
    session_add_run_problem(&session, "timeout: the run did not end within 5 s");
    verdict_compute(&verdict, &session);
    /* One failure for the domain without output; the timeout explains it. */
    assert_int_equal(verdict.failed, 1);
    assert_int_equal(verdict.problem_count, 2);
    assert_string_equal(verdict.problems[0].message,
                        "d1 printed no KTAP output (no 'KTAP version 1' line)");
    assert_true(verdict.problems[0].counts_as_failure);
    assert_false(verdict.problems[1].counts_as_failure);
    assert_true(verdict.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &session, &none, false), 1);
    finish(&session, &verdict);

    start(&session, &none, "(d1) KTAP version 1\n(d1) # no plan follows\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.failed, 1);
    assert_string_equal(verdict.problems[0].message, "d1 printed no KTAP plan");
    finish(&session, &verdict);
}

static void test_bail_out(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct session session;
    struct verdict verdict;

    (void)state;
    start(&session, &none,
          "(d1) KTAP version 1\n(d1) 1..3\n(d1) ok 1 a\n(d1) Bail out! exception\n");
    verdict_compute(&verdict, &session);
    /* The two tests it left without a result carry the failure. */
    assert_int_equal(verdict.passed, 1);
    assert_int_equal(verdict.failed, 2);
    assert_string_equal(verdict.problems[0].message, "d1 bailed out: Bail out! exception");
    assert_false(verdict.problems[0].counts_as_failure);
    finish(&session, &verdict);

    start(&session, &none, "(d1) KTAP version 1\n(d1) Bail out! before the plan\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.failed, 1);
    assert_string_equal(verdict.problems[0].message,
                        "d1 bailed out before its plan: Bail out! before the plan");
    finish(&session, &verdict);
}

static void test_malformed_output_fails_the_run(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct session session;
    struct verdict verdict;

    (void)state;
    start(&session, &none,
          "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 a\n(d1) ok 1 a_again\n");
    verdict_compute(&verdict, &session);
    assert_int_equal(verdict.passed, 1);
    assert_int_equal(verdict.failed, 1);
    assert_string_equal(verdict.problems[0].message,
                        "d1 KTAP line 4: a second result for test 1: 'ok 1 a_again'");
    assert_int_equal(verdict_exit_status(&verdict, &session, &none, false), 1);
    assert_int_equal(verdict_exit_status(&verdict, &session, &none, true), 1);
    finish(&session, &verdict);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_passed),
        cmocka_unit_test(test_listed_deviation),
        cmocka_unit_test(test_stale_deviation),
        cmocka_unit_test(test_deviation_not_run_or_skipped),
        cmocka_unit_test(test_unlisted_failure),
        cmocka_unit_test(test_truncated_run),
        cmocka_unit_test(test_run_problem_with_all_results_counts),
        cmocka_unit_test(test_silent_domain),
        cmocka_unit_test(test_bail_out),
        cmocka_unit_test(test_malformed_output_fails_the_run),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
