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

/* The results of one boot of the default scenario with output (see
 * run_once()); a boot that stopped early ended with boot_problem. */
static void start(struct run_results *results, const struct deviation_list *deviations,
                  const char *output, const char *boot_problem)
{
    run_once(results, deviations, output, boot_problem);
}

/* Frees what start() and verdict_compute() made. */
static void finish(struct run_results *results, struct verdict *verdict)
{
    run_results_free(results);
    verdict_free(verdict);
}

/* report_end()'s output for finished results. */
static char *end_report(const struct run_results *results, const struct verdict *verdict,
                        const struct deviation_list *deviations, bool expect_deviations)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    assert_non_null(out);
    report_end(out, results, verdict, deviations, expect_deviations);
    fclose(out);
    return text;
}

static void test_all_passed(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct run_results results;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&results, &none, "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 a\n(d1) ok 2 b\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.passed, 2);
    assert_int_equal(verdict.total.failed, 0);
    assert_int_equal(verdict.total.skipped, 0);
    assert_int_equal(verdict.problem_count, 0);
    assert_false(verdict.total.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &results, &none, false), 0);
    assert_int_equal(verdict_exit_status(&verdict, &results, &none, true), 0);
    text = end_report(&results, &verdict, &none, false);
    assert_string_equal(text, "2 passed, 0 failed, 0 skipped\n");
    free(text);
    finish(&results, &verdict);
}

static void test_listed_deviation(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct run_results results;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&results, &deviations, three_tests_one_fails, NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.passed, 1);
    assert_int_equal(verdict.total.failed, 1);
    assert_int_equal(verdict.total.skipped, 1);
    assert_int_equal(verdict_deviation_state(&results, &xen_001), DEVIATION_OBSERVED);
    assert_int_equal(verdict_unlisted_failures(&results, &deviations), 0);
    /* A deviation is still a failure... */
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, false), 1);
    /* ... that --expect-deviations accepts. */
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, true), 0);
    text = end_report(&results, &verdict, &deviations, true);
    assert_string_equal(text, "1 passed, 1 failed, 1 skipped\n");
    free(text);
    finish(&results, &verdict);
}

static void test_stale_deviation(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct run_results results;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&results, &deviations,
          "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 invalid_immediate\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict_deviation_state(&results, &xen_001), DEVIATION_TEST_PASSED);
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, false), 0);
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, true), 1);
    text = end_report(&results, &verdict, &deviations, true);
    assert_string_equal(text,
                        "stale deviation XEN-001: test invalid_immediate passed; remove the "
                        "entry\n"
                        "1 passed, 0 failed, 0 skipped\n");
    free(text);
    finish(&results, &verdict);
}

static void test_deviation_not_run_or_skipped(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct run_results results;
    struct verdict verdict;

    (void)state;
    start(&results, &deviations, "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 other\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict_deviation_state(&results, &xen_001), DEVIATION_TEST_NOT_RUN);
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, true), 1);
    finish(&results, &verdict);

    start(&results, &deviations,
          "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 invalid_immediate # SKIP no\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict_deviation_state(&results, &xen_001), DEVIATION_TEST_SKIPPED);
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, true), 1);
    finish(&results, &verdict);
}

static void test_unlisted_failure(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct run_results results;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&results, &deviations,
          "(d1) KTAP version 1\n(d1) 1..2\n(d1) not ok 1 invalid_immediate\n"
          "(d1) not ok 2 new_failure\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.failed, 2);
    assert_int_equal(verdict_unlisted_failures(&results, &deviations), 1);
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, true), 1);
    text = end_report(&results, &verdict, &deviations, true);
    assert_string_equal(text,
                        "unexpected failure d1 2 new_failure: no deviation lists it\n"
                        "0 passed, 2 failed, 0 skipped\n");
    free(text);
    finish(&results, &verdict);
}

static void test_truncated_run(void **state)
{
    struct deviation_list deviations = { &xen_001, 1 };
    struct run_results results;
    struct verdict verdict;
    char *text;

    (void)state;
    start(&results, &deviations,
          "(d1) KTAP version 1\n(d1) 1..4\n(d1) ok 1 first\n(d1) not ok 2 invalid_immediate\n"
          "(XEN) something went wrong\n",
          "timeout: the boot did not end within 5 s");
    verdict_compute(&verdict, &results);
    /* The timeout shows as the test d1 crashed in and the test left without
     * a result; it does not count again. */
    assert_int_equal(verdict.total.passed, 1);
    assert_int_equal(verdict.total.failed, 3);
    assert_int_equal(verdict.total.missing, 1);
    assert_int_equal(verdict.problem_count, 1);
    assert_false(verdict.problems[0].counts_as_failure);
    assert_true(verdict.total.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &results, &deviations, true), 1);
    text = end_report(&results, &verdict, &deviations, true);
    assert_string_equal(text,
                        "FAIL d1  4 test 4: not run: too many crashes\n"
                        "Problems:\n"
                        "  timeout: the boot did not end within 5 s\n"
                        "Last 5 lines of the serial output:\n"
                        "  | (d1) KTAP version 1\n"
                        "  | (d1) 1..4\n"
                        "  | (d1) ok 1 first\n"
                        "  | (d1) not ok 2 invalid_immediate\n"
                        "  | (XEN) something went wrong\n"
                        "unexpected failure d1 3: it crashed\n"
                        "1 passed, 3 failed, 0 skipped\n");
    free(text);
    finish(&results, &verdict);
}

static void test_run_problem_with_all_results_counts(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct run_results results;
    struct verdict verdict;

    (void)state;
    start(&results, &none, "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 only\n",
          "the machine did not halt after the last domain stopped");
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.passed, 1);
    assert_int_equal(verdict.total.failed, 1);
    assert_true(verdict.problems[0].counts_as_failure);
    assert_true(verdict.total.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &results, &none, false), 1);
    finish(&results, &verdict);
}

static void test_silent_domain(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct run_results results;
    struct verdict verdict;

    (void)state;
    start(&results, &none, "(XEN) Panic on CPU 0:\n", "timeout: the boot did not end within 5 s");
    verdict_compute(&verdict, &results);
    /* One failure for the domain without output; the timeout explains it. */
    assert_int_equal(verdict.total.failed, 1);
    assert_int_equal(verdict.problem_count, 2);
    assert_string_equal(verdict.problems[0].message,
                        "d1 printed no KTAP output (no 'KTAP version 1' line)");
    assert_true(verdict.problems[0].counts_as_failure);
    assert_false(verdict.problems[1].counts_as_failure);
    assert_true(verdict.total.show_output_tail);
    assert_int_equal(verdict_exit_status(&verdict, &results, &none, false), 1);
    finish(&results, &verdict);

    start(&results, &none, "(d1) KTAP version 1\n(d1) # no plan follows\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.failed, 1);
    assert_string_equal(verdict.problems[0].message, "d1 printed no KTAP plan");
    finish(&results, &verdict);
}

static void test_bail_out(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct run_results results;
    struct verdict verdict;
    const struct test_record *crashed;

    (void)state;
    start(&results, &none,
          "(d1) KTAP version 1\n(d1) 1..3\n(d1) ok 1 a\n(d1) # verifies: hvabi~b~1\n"
          "(d1) Bail out! exception\n",
          NULL);
    verdict_compute(&verdict, &results);
    /* Test 2, which it bailed out in, and test 3, never run, carry it. */
    assert_int_equal(verdict.total.passed, 1);
    assert_int_equal(verdict.total.failed, 2);
    assert_int_equal(verdict.total.missing, 1);
    assert_int_equal(verdict.problem_count, 0);
    crashed = &results.scenarios[0].domains[0].tests[1];
    assert_int_equal(crashed->result.outcome, KTAP_FAIL);
    assert_string_equal(crashed->crash_reason, "Bail out! exception");
    assert_string_equal(crashed->result.verifies, "hvabi~b~1");
    finish(&results, &verdict);

    start(&results, &none, "(d1) KTAP version 1\n(d1) Bail out! before the plan\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.failed, 1);
    assert_string_equal(verdict.problems[0].message,
                        "d1 bailed out before its plan: Bail out! before the plan");
    finish(&results, &verdict);
}

/* Two scenarios: "single" (one domain) and "pair" (a domain that prints
 * results and one expected to be stopped), each booted once. */
static void two_scenarios(struct run_results *results, const char *single_output,
                          const char *pair_output)
{
    static const char pair_text[] = "description = pair\n"
                                    "order = 1\n"
                                    "[domain main]\n"
                                    "memory-mib = 64\n"
                                    "cpus = 1\n"
                                    "bootargs = hvabi.role=main\n"
                                    "[domain victim]\n"
                                    "memory-mib = 16\n"
                                    "cpus = 1\n"
                                    "expect = stopped\n"
                                    "bootargs = hvabi.role=victim\n";
    struct scenario single;
    struct scenario pair;
    FILE *report = fopen("/dev/null", "w");

    assert_non_null(report);
    read_scenario(&single, "single", one_domain_scenario);
    read_scenario(&pair, "pair", pair_text);
    results->scenarios = calloc(2, sizeof(results->scenarios[0]));
    assert_non_null(results->scenarios);
    results->count = 2;
    scenario_results_init(&results->scenarios[0], &single);
    scenario_results_init(&results->scenarios[1], &pair);
    boot_with_output(&results->scenarios[0], NULL, report, single_output, "QEMU exited", NULL);
    boot_with_output(&results->scenarios[1], NULL, report, pair_output, "QEMU exited", NULL);
    scenario_free(&single);
    scenario_free(&pair);
    fclose(report);
}

static void test_several_scenarios(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct run_results results;
    struct verdict verdict;
    char *text;

    (void)state;
    two_scenarios(&results, "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 a\n(d1) ok 2 b\n",
                  "(d2) KTAP version 1\n(d2) 1..1\n(d2) ok 1 not_counted\n"
                  "(d1) KTAP version 1\n(d1) 1..1\n(d1) not ok 1 c\n");
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.scenario_count, 2);
    assert_int_equal(verdict.scenarios[0].passed, 2);
    assert_int_equal(verdict.scenarios[0].failed, 0);
    /* The stopped domain's result is not counted; its plan is a problem. */
    assert_int_equal(verdict.scenarios[1].passed, 0);
    assert_int_equal(verdict.scenarios[1].failed, 2);
    assert_int_equal(verdict.total.passed, 2);
    assert_int_equal(verdict.total.failed, 2);
    assert_int_equal(verdict.problem_count, 1);
    assert_int_equal(verdict.problems[0].scenario, 1);
    text = end_report(&results, &verdict, &none, false);
    assert_string_equal(text,
                        "Problems:\n"
                        "  pair   d2 printed a KTAP plan, but it is expected to be stopped "
                        "(expect = stopped)\n"
                        "Last 3 lines of d2 (victim, expected to be stopped) in scenario pair:\n"
                        "  | (d2) KTAP version 1\n"
                        "  | (d2) 1..1\n"
                        "  | (d2) ok 1 not_counted\n"
                        "2 passed, 2 failed, 0 skipped\n");
    free(text);
    finish(&results, &verdict);
}

static void test_test_names_unique_across_scenarios(void **state)
{
    struct run_results results;
    struct verdict verdict;

    (void)state;
    two_scenarios(&results, "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 a\n(d1) ok 2 b\n",
                  "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 b\n(d1) ok 2 c\n");
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.passed, 4);
    assert_int_equal(verdict.total.failed, 1);
    assert_int_equal(verdict.problem_count, 1);
    assert_string_equal(verdict.problems[0].message,
                        "test b is reported by scenario single (d1) and scenario pair (d1); "
                        "test names must be unique across scenarios");
    assert_true(verdict.problems[0].counts_as_failure);
    assert_int_equal(verdict_exit_status(&verdict, &results, NULL, false), 1);
    finish(&results, &verdict);
}

static void test_malformed_output_fails_the_run(void **state)
{
    struct deviation_list none = { NULL, 0 };
    struct run_results results;
    struct verdict verdict;

    (void)state;
    start(&results, &none,
          "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 a\n(d1) ok 1 a_again\n", NULL);
    verdict_compute(&verdict, &results);
    assert_int_equal(verdict.total.passed, 1);
    assert_int_equal(verdict.total.failed, 1);
    assert_string_equal(verdict.problems[0].message,
                        "d1 KTAP line 4: a second result for test 1: 'ok 1 a_again'");
    assert_int_equal(verdict_exit_status(&verdict, &results, &none, false), 1);
    assert_int_equal(verdict_exit_status(&verdict, &results, &none, true), 1);
    finish(&results, &verdict);
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
        cmocka_unit_test(test_several_scenarios),
        cmocka_unit_test(test_test_names_unique_across_scenarios),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
