/*
 * test_scenario_results.c - the crash and resume bookkeeping: a fake
 * sequence of boots with truncated streams, merged into one result per
 * test, the start of each domain on the next boot, the limit of restarts;
 * and the merged KTAP written from it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ktap_writer.h"
#include "report.h"
#include "scenario_results.h"
#include "test_support.h"
#include "verdict.h"

static const char pair_scenario[] = "description = pair\n"
                                    "order = 20\n"
                                    "[domain main]\n"
                                    "memory-mib = 64\n"
                                    "cpus = 1\n"
                                    "bootargs = hvabi.role=main\n"
                                    "[domain peer]\n"
                                    "memory-mib = 32\n"
                                    "cpus = 1\n"
                                    "bootargs = hvabi.role=peer\n"
                                    "[domain victim]\n"
                                    "memory-mib = 16\n"
                                    "cpus = 1\n"
                                    "expect = stopped\n"
                                    "bootargs = hvabi.role=victim\n";

/* What the next boot would pass as hvabi.start, and expect first. */
static void assert_next_boot(const struct scenario_results *results, unsigned main_first,
                             unsigned peer_first)
{
    struct session_domain_settings settings[3];
    unsigned first_tests[3] = { 0, 0, 0 };

    scenario_results_first_tests(results, first_tests);
    assert_int_equal(first_tests[0], main_first);
    assert_int_equal(first_tests[1], peer_first);
    assert_int_equal(first_tests[2], 1);
    scenario_results_session_settings(results, settings);
    assert_int_equal(settings[0].id, 1);
    assert_true(settings[0].expects_results);
    assert_int_equal(settings[0].first_test, main_first);
    assert_int_equal(settings[1].first_test, peer_first);
    assert_false(settings[2].expects_results);
}

static char *boot_again_line(const struct scenario_results *results)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    assert_non_null(out);
    report_boot_again(out, "", results);
    fclose(out);
    return text;
}

/* d1 crashes twice, d2 completes at once; three boots make one result of
 * every test. */
static void test_boots_are_merged(void **state)
{
    struct scenario scenario;
    struct run_results run = { NULL, 0 };
    struct scenario_results *results;
    const struct domain_results *main_domain;
    const struct text_list *context;
    struct verdict verdict;
    FILE *report = fopen("/dev/null", "w");
    char *line;

    (void)state;
    assert_non_null(report);
    read_scenario(&scenario, "pair", pair_scenario);
    run.scenarios = calloc(1, sizeof(run.scenarios[0]));
    assert_non_null(run.scenarios);
    run.count = 1;
    results = &run.scenarios[0];
    scenario_results_init(results, &scenario);
    main_domain = &results->domains[0];
    assert_next_boot(results, 1, 1);

    /* Boot 1: d1 stops in test 3, after its tags and a line. */
    boot_with_output(results, NULL, report,
                     "(d1) KTAP version 1\n(d1) # hvabi conformance guest 0.1\n(d1) 1..6\n"
                     "(d2) KTAP version 1\n(d2) 1..2\n"
                     "(d1) # verifies: hvabi~a~1\n(d1) ok 1 a\n"
                     "(d2) ok 1 x\n(d2) ok 2 y\n"
                     "(d1) ok 2 b # SKIP not here\n"
                     "(d3) going down\n"
                     "(d1) # verifies: hvabi~c~1 hvabi~c-more~1\n(d1) # mapping page 5\n"
                     "(XEN) d1v0 unhandled data abort\n",
                     "QEMU exited with status 0", "QEMU exited with status 0 before every "
                                                  "domain had finished");
    assert_int_equal(results->boots, 1);
    assert_true(main_domain->has_plan);
    assert_int_equal(main_domain->planned, 6);
    assert_int_equal(main_domain->crashed_in, 3);
    assert_int_equal(main_domain->tests[0].result.outcome, KTAP_PASS);
    assert_int_equal(main_domain->tests[1].result.outcome, KTAP_SKIP);
    assert_int_equal(main_domain->tests[2].result.outcome, KTAP_FAIL);
    assert_null(main_domain->tests[2].result.name);
    assert_string_equal(main_domain->tests[2].result.verifies, "hvabi~c~1 hvabi~c-more~1");
    assert_string_equal(main_domain->tests[2].result.diagnostics.items[0], "mapping page 5");
    assert_string_equal(main_domain->tests[2].crash_reason, "QEMU exited with status 0");
    context = &main_domain->tests[2].context;
    assert_string_equal(context->items[0], "(d1) KTAP version 1");
    assert_string_equal(context->items[context->count - 1], "(XEN) d1v0 unhandled data abort");
    assert_int_equal(main_domain->tests[3].result.outcome, KTAP_NO_RESULT);
    /* The stopped domain's lines are kept for context. */
    assert_int_equal(results->domains[2].output.count, 1);
    assert_string_equal(results->domains[2].output.items[0], "(d3) going down");
    /* d1 resumes after the test it crashed in; d2, complete, after its last. */
    assert_true(scenario_results_needs_boot(results));
    assert_int_equal(scenario_results_next(results, 8), SCENARIO_BOOT_AGAIN);
    assert_next_boot(results, 4, 3);
    line = boot_again_line(results);
    assert_string_equal(line, "d1 crashed in test 3; booting again from test 4\n");
    free(line);

    /* Boot 2: d1 runs test 4 and bails out in test 5; d2's plan alone
     * completes it. */
    boot_with_output(results, NULL, report,
                     "(d2) KTAP version 1\n(d2) 1..2\n"
                     "(d1) KTAP version 1\n(d1) 1..6\n(d1) ok 4 d\n"
                     "(d1) # verifies: hvabi~e~1\n(d1) Bail out! unexpected exception\n",
                     "QEMU exited with status 0", NULL);
    assert_int_equal(results->boots, 2);
    assert_int_equal(main_domain->crashed_in, 5);
    assert_int_equal(main_domain->tests[3].result.outcome, KTAP_PASS);
    assert_string_equal(main_domain->tests[4].crash_reason, "Bail out! unexpected exception");
    assert_string_equal(main_domain->tests[4].result.verifies, "hvabi~e~1");
    /* The first boot's results stay. */
    assert_int_equal(main_domain->tests[2].result.outcome, KTAP_FAIL);
    assert_string_equal(main_domain->tests[2].crash_reason, "QEMU exited with status 0");
    assert_next_boot(results, 6, 3);

    /* Boot 3: the last test. */
    boot_with_output(results, NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..6\n(d1) ok 6 f\n"
                     "(d2) KTAP version 1\n(d2) 1..2\n",
                     "QEMU exited with status 0", NULL);
    assert_int_equal(main_domain->crashed_in, 0);
    assert_false(scenario_results_needs_boot(results));
    assert_int_equal(scenario_results_next(results, 0), SCENARIO_COMPLETE);

    verdict_compute(&verdict, &run);
    /* Each test once: a, d, f and x, y passed; b skipped; c and e crashed. */
    assert_int_equal(verdict.total.passed, 5);
    assert_int_equal(verdict.total.skipped, 1);
    assert_int_equal(verdict.total.failed, 2);
    assert_int_equal(verdict.total.missing, 0);
    /* QEMU's early exit shows as the crash: it does not count again. */
    assert_int_equal(verdict.problem_count, 1);
    assert_false(verdict.problems[0].counts_as_failure);
    verdict_free(&verdict);

    run_results_free(&run);
    scenario_free(&scenario);
    fclose(report);
}

/* A domain that crashes in every test: at most max_restarts boots after
 * the first, then the tests left are not run. */
static void test_too_many_crashes(void **state)
{
    struct scenario scenario;
    struct run_results run = { NULL, 0 };
    struct scenario_results *results;
    struct verdict verdict;
    FILE *report = fopen("/dev/null", "w");
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    (void)state;
    assert_non_null(report);
    assert_non_null(out);
    read_scenario(&scenario, "solo", one_domain_scenario);
    run.scenarios = calloc(1, sizeof(run.scenarios[0]));
    assert_non_null(run.scenarios);
    run.count = 1;
    results = &run.scenarios[0];
    scenario_results_init(results, &scenario);

    boot_with_output(results, NULL, report, "(d1) KTAP version 1\n(d1) 1..5\n",
                     "no output for 15 s", NULL);
    assert_int_equal(results->domains[0].crashed_in, 1);
    assert_int_equal(scenario_results_next(results, 1), SCENARIO_BOOT_AGAIN);
    boot_with_output(results, NULL, report, "(d1) KTAP version 1\n(d1) 1..5\n",
                     "no output for 15 s", NULL);
    assert_int_equal(results->domains[0].crashed_in, 2);
    assert_int_equal(results->domains[0].next_first_test, 3);
    /* One restart made: with --max-restarts 1, that is all. */
    assert_int_equal(scenario_results_next(results, 1), SCENARIO_TOO_MANY_CRASHES);
    assert_int_equal(scenario_results_next(results, 2), SCENARIO_BOOT_AGAIN);
    scenario_results_give_up(results, "not run: too many crashes");

    verdict_compute(&verdict, &run);
    assert_int_equal(verdict.total.failed, 5);
    assert_int_equal(verdict.total.missing, 3);
    report_end(out, &run, &verdict, NULL, false);
    fclose(out);
    assert_string_equal(text,
                        "FAIL d1  3 test 3: not run: too many crashes\n"
                        "FAIL d1  4 test 4: not run: too many crashes\n"
                        "FAIL d1  5 test 5: not run: too many crashes\n"
                        "Last 2 lines of the serial output:\n"
                        "  | (d1) KTAP version 1\n"
                        "  | (d1) 1..5\n"
                        "0 passed, 5 failed, 0 skipped\n");
    free(text);
    verdict_free(&verdict);
    run_results_free(&run);
    scenario_free(&scenario);
    fclose(report);
}

/* A resumed boot that goes wrong: the guest reruns earlier tests (it does
 * not honour hvabi.start), or prints no plan at all. */
static void test_resumed_boot_going_wrong(void **state)
{
    struct scenario scenario;
    struct scenario_results results;
    FILE *report = fopen("/dev/null", "w");

    (void)state;
    assert_non_null(report);
    read_scenario(&scenario, "solo", one_domain_scenario);
    scenario_results_init(&results, &scenario);
    boot_with_output(&results, NULL, report, "(d1) KTAP version 1\n(d1) 1..4\n(d1) ok 1 a\n",
                     "QEMU exited with status 0", NULL);
    assert_int_equal(results.domains[0].next_first_test, 3);

    /* Test 1 again: a problem, and the first boot's result stays. */
    boot_with_output(&results, NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..4\n(d1) not ok 1 a\n(d1) ok 3 c\n",
                     "QEMU exited with status 0", NULL);
    assert_int_equal(results.problem_count, 1);
    assert_string_equal(results.problems[0].message,
                        "boot 2: d1 KTAP line 3: test 1 comes before test 3, the first of this "
                        "boot: 'not ok 1 a'");
    assert_int_equal(results.problems[0].kind, PROBLEM_OF_DOMAIN);
    assert_int_equal(results.domains[0].tests[0].result.outcome, KTAP_PASS);
    assert_int_equal(results.domains[0].tests[2].result.outcome, KTAP_PASS);
    assert_int_equal(results.domains[0].crashed_in, 4);
    assert_true(results.domains[0].next_first_test == 5);
    /* Crashed in its last test: nothing left to resume. */
    assert_false(scenario_results_needs_boot(&results));
    scenario_results_free(&results);

    /* No plan on a resumed boot: given up, with a problem. */
    scenario_results_init(&results, &scenario);
    boot_with_output(&results, NULL, report, "(d1) KTAP version 1\n(d1) 1..4\n",
                     "QEMU exited with status 0", NULL);
    assert_true(scenario_results_needs_boot(&results));
    boot_with_output(&results, NULL, report, "(XEN) nothing from d1\n",
                     "QEMU exited with status 0", NULL);
    assert_true(results.domains[0].given_up);
    assert_false(scenario_results_needs_boot(&results));
    assert_string_equal(results.problems[0].message,
                        "boot 2: d1 printed no KTAP output (no 'KTAP version 1' line)");
    scenario_results_free(&results);

    /* A different plan on a resumed boot: given up too. */
    scenario_results_init(&results, &scenario);
    boot_with_output(&results, NULL, report, "(d1) KTAP version 1\n(d1) 1..4\n",
                     "QEMU exited with status 0", NULL);
    boot_with_output(&results, NULL, report, "(d1) KTAP version 1\n(d1) 1..9\n",
                     "QEMU exited with status 0", NULL);
    assert_true(results.domains[0].given_up);
    assert_string_equal(results.problems[0].message,
                        "boot 2: d1 changed its plan from 1..4 to 1..9");
    scenario_results_free(&results);
    scenario_free(&scenario);
    fclose(report);
}

static void test_boot_again_line_with_two_domains(void **state)
{
    struct scenario scenario;
    struct scenario_results results;
    FILE *report = fopen("/dev/null", "w");
    char *line;

    (void)state;
    assert_non_null(report);
    read_scenario(&scenario, "pair", pair_scenario);
    scenario_results_init(&results, &scenario);
    boot_with_output(&results, NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..20\n(d2) KTAP version 1\n(d2) 1..9\n"
                     "(d2) ok 1 x\n(d2) ok 2 y\n(d2) ok 3 z\n",
                     "the boot did not end within 120 s (--timeout)", NULL);
    line = boot_again_line(&results);
    assert_string_equal(line, "d1 crashed in test 1, d2 crashed in test 4; booting again from "
                              "test 2 (d1), test 5 (d2)\n");
    free(line);
    scenario_results_free(&results);
    scenario_free(&scenario);
    fclose(report);
}

/* A test that ends with its domain's announced stop: its result is
 * merged, and a boot runs the tests after it. */
static void test_announced_stop_resumes(void **state)
{
    struct scenario scenario;
    struct scenario_results results;
    const struct domain_results *domain;
    FILE *report = fopen("/dev/null", "w");
    char *line;

    (void)state;
    assert_non_null(report);
    read_scenario(&scenario, "default", one_domain_scenario);
    scenario_results_init(&results, &scenario);
    domain = &results.domains[0];
    boot_with_output(&results, NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..3\n(d1) ok 1 a\n"
                     "(d1) # verifies: hvabi~b~1\n(d1) # expect stop: b shutdown crash\n"
                     "(hv) hvabi: d1 stopped: shutdown crash\n",
                     NULL, NULL);
    assert_int_equal(domain->crashed_in, 0);
    assert_int_equal(domain->stopped_in, 2);
    assert_int_equal(domain->tests[1].result.outcome, KTAP_PASS);
    assert_string_equal(domain->tests[1].result.name, "b");
    assert_string_equal(domain->tests[1].result.verifies, "hvabi~b~1");
    assert_null(domain->tests[1].crash_reason);
    assert_true(scenario_results_needs_boot(&results));
    line = boot_again_line(&results);
    assert_string_equal(line, "d1 stopped in test 2; booting again from test 3\n");
    free(line);

    boot_with_output(&results, NULL, report, "(d1) KTAP version 1\n(d1) 1..3\n(d1) ok 3 c\n",
                     NULL, NULL);
    assert_int_equal(domain->stopped_in, 0);
    assert_false(scenario_results_needs_boot(&results));
    assert_int_equal(domain->tests[2].result.outcome, KTAP_PASS);
    assert_int_equal(domain->tests[1].result.outcome, KTAP_PASS);

    /* The stop in the last test: nothing is left to run. */
    scenario_results_free(&results);
    scenario_results_init(&results, &scenario);
    domain = &results.domains[0];
    boot_with_output(&results, NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..1\n(d1) # expect stop: z shutdown poweroff\n"
                     "(hv) hvabi: d1 stopped: shutdown poweroff\n",
                     NULL, NULL);
    assert_int_equal(domain->stopped_in, 1);
    assert_false(scenario_results_needs_boot(&results));
    assert_int_equal(domain->tests[0].result.outcome, KTAP_PASS);
    scenario_results_free(&results);
    scenario_free(&scenario);
    fclose(report);
}

/* --ktap: the merged results of all boots, one document per domain. */
static void test_merged_ktap(void **state)
{
    struct scenario scenario;
    struct run_results run = { NULL, 0 };
    FILE *report = fopen("/dev/null", "w");
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    (void)state;
    assert_non_null(report);
    assert_non_null(out);
    read_scenario(&scenario, "pair", pair_scenario);
    run.scenarios = calloc(1, sizeof(run.scenarios[0]));
    assert_non_null(run.scenarios);
    run.count = 1;
    scenario_results_init(&run.scenarios[0], &scenario);
    boot_with_output(&run.scenarios[0], NULL, report,
                     "(d1) KTAP version 1\n(d1) # guest 0.1\n(d1) 1..4\n"
                     "(d1) # verifies: hvabi~a~1\n(d1) ok 1 a\n"
                     "(d1) # verifies: hvabi~b~1\n(d1) # FAIL: wrong\n(d1) not ok 2 b\n"
                     "(d1) # verifies: hvabi~c~1\n"
                     "(d2) KTAP version 1\n(d2) 1..1\n(d2) ok 1 x # SKIP no\n",
                     "no output for 15 s", NULL);
    scenario_results_give_up(&run.scenarios[0], "not run: too many crashes");
    ktap_write_results(out, &run);
    fclose(out);
    assert_string_equal(text,
                        "KTAP version 1\n"
                        "# scenario pair, d1 (main)\n"
                        "# guest 0.1\n"
                        "1..4\n"
                        "# verifies: hvabi~a~1\n"
                        "ok 1 a\n"
                        "# verifies: hvabi~b~1\n"
                        "# FAIL: wrong\n"
                        "not ok 2 b\n"
                        "# verifies: hvabi~c~1\n"
                        "# crashed: no output for 15 s\n"
                        "not ok 3 test 3\n"
                        "# not run: too many crashes\n"
                        "not ok 4 test 4\n"
                        "KTAP version 1\n"
                        "# scenario pair, d2 (peer)\n"
                        "1..1\n"
                        "ok 1 x # SKIP no\n");
    free(text);
    run_results_free(&run);
    scenario_free(&scenario);
    fclose(report);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boots_are_merged),
        cmocka_unit_test(test_too_many_crashes),
        cmocka_unit_test(test_resumed_boot_going_wrong),
        cmocka_unit_test(test_boot_again_line_with_two_domains),
        cmocka_unit_test(test_announced_stop_resumes),
        cmocka_unit_test(test_merged_ktap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
