/*
 * test_ktap.c - the streaming KTAP parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ktap.h"

/* Feeds each line of lines (NULL-terminated) and returns the last feed. */
static struct ktap_feed feed_lines(struct ktap_stream *stream, const char *const lines[])
{
    struct ktap_feed feed = { NULL, NULL, false };

    for (size_t i = 0; lines[i] != NULL; i++) {
        feed = ktap_stream_feed(stream, lines[i]);
    }
    return feed;
}

static void test_good_stream(void **state)
{
    const char *const lines[] = {
        "Xen boot noise",
        "ok 99 this is noise before the header, not a result",
        "KTAP version 1",
        "# hvabi conformance guest 0.1",
        "1..3",
        "# verifies: hvabi~hypercall-unknown-number~1",
        "ok 1 hypercall_unknown_number",
        "# verifies: hvabi~aarch64-call-invalid-immediate~1",
        "# FAIL: ELR_EL1: expected 0x40000ca8 (the HVC), got 0x40000cac",
        "not ok 2 aarch64_call_invalid_immediate",
        "# verifies: hvabi~console-io-write-fault~1 hvabi~aarch64-pointer-arguments~1",
        "ok 3 console_io_write_unreadable_buffer # SKIP no address without memory found",
        NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);

    assert_non_null(feed.result);
    assert_int_equal(feed.result->number, 3);
    assert_int_equal(stream.problems.count, 0);
    assert_true(ktap_stream_finished(&stream));
    assert_int_equal(stream.phase, KTAP_ALL_RESULTS_IN);
    assert_int_equal(ktap_stream_missing(&stream), 0);
    assert_int_equal(stream.planned, 3);
    assert_int_equal(stream.header_diagnostics.count, 1);
    assert_string_equal(stream.header_diagnostics.items[0], "hvabi conformance guest 0.1");

    assert_int_equal(stream.results[0].outcome, KTAP_PASS);
    assert_string_equal(stream.results[0].name, "hypercall_unknown_number");
    assert_string_equal(stream.results[0].verifies, "hvabi~hypercall-unknown-number~1");
    assert_int_equal(stream.results[0].diagnostics.count, 0);

    assert_int_equal(stream.results[1].outcome, KTAP_FAIL);
    assert_string_equal(stream.results[1].name, "aarch64_call_invalid_immediate");
    assert_int_equal(stream.results[1].diagnostics.count, 1);
    assert_string_equal(stream.results[1].diagnostics.items[0],
                        "FAIL: ELR_EL1: expected 0x40000ca8 (the HVC), got 0x40000cac");

    assert_int_equal(stream.results[2].outcome, KTAP_SKIP);
    assert_string_equal(stream.results[2].name, "console_io_write_unreadable_buffer");
    assert_string_equal(stream.results[2].skip_reason, "no address without memory found");
    assert_string_equal(stream.results[2].verifies,
                        "hvabi~console-io-write-fault~1 hvabi~aarch64-pointer-arguments~1");
    ktap_stream_free(&stream);
}

static void test_skip_and_other_directives(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "1..5",
        "ok 1 lower_case # skip not here",
        "ok 2 no_reason # SKIP",
        "not ok 3 not_ok_but_skipped # SKIP cannot run",
        "ok 4 todo # TODO later",
        "not ok 5 xfail # XFAIL known",
        NULL,
    };
    struct ktap_stream stream;

    (void)state;
    ktap_stream_init(&stream);
    feed_lines(&stream, lines);

    assert_int_equal(stream.problems.count, 0);
    assert_int_equal(stream.results[0].outcome, KTAP_SKIP);
    assert_string_equal(stream.results[0].skip_reason, "not here");
    assert_int_equal(stream.results[1].outcome, KTAP_SKIP);
    assert_string_equal(stream.results[1].skip_reason, "");
    assert_int_equal(stream.results[2].outcome, KTAP_SKIP);
    assert_string_equal(stream.results[2].skip_reason, "cannot run");
    /* Other directives change nothing; they are kept as diagnostics. */
    assert_int_equal(stream.results[3].outcome, KTAP_PASS);
    assert_string_equal(stream.results[3].name, "todo");
    assert_int_equal(stream.results[3].diagnostics.count, 1);
    assert_string_equal(stream.results[3].diagnostics.items[0], "TODO later");
    assert_int_equal(stream.results[4].outcome, KTAP_FAIL);
    assert_string_equal(stream.results[4].diagnostics.items[0], "XFAIL known");
    ktap_stream_free(&stream);
}

static void test_bail_out(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "1..4",
        "ok 1 first",
        "# verifies: hvabi~x~1",
        "Bail out! unexpected synchronous exception at EL1: ESR=0x2000000",
        NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);

    assert_true(feed.bailed_out);
    assert_null(feed.result);
    assert_null(feed.problem);
    assert_int_equal(stream.phase, KTAP_BAILED_OUT);
    assert_true(ktap_stream_finished(&stream));
    assert_string_equal(stream.bail_out_reason,
                        "unexpected synchronous exception at EL1: ESR=0x2000000");
    assert_int_equal(ktap_stream_missing(&stream), 3);
    assert_int_equal(stream.results[1].outcome, KTAP_NO_RESULT);

    /* The stream has ended: nothing after it counts. */
    feed = ktap_stream_feed(&stream, "ok 2 second");
    assert_null(feed.result);
    assert_null(feed.problem);
    assert_int_equal(ktap_stream_missing(&stream), 3);
    assert_int_equal(stream.problems.count, 0);
    ktap_stream_free(&stream);
}

static void test_result_before_plan(void **state)
{
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    ktap_stream_feed(&stream, "KTAP version 1");
    feed = ktap_stream_feed(&stream, "ok 1 early");
    assert_null(feed.result);
    assert_non_null(feed.problem);
    assert_string_equal(feed.problem, "KTAP line 2: a result before the plan: 'ok 1 early'");
    assert_int_equal(stream.problems.count, 1);
    ktap_stream_free(&stream);
}

static void test_number_out_of_order(void **state)
{
    const char *const lines[] = {
        "KTAP version 1", "1..3", "ok 1 a", "ok 3 c", NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);

    /* Kept, since it is in the plan and new, but reported. */
    assert_non_null(feed.result);
    assert_int_equal(feed.result->number, 3);
    assert_string_equal(feed.problem, "KTAP line 4: test 3 where test 2 was expected: 'ok 3 c'");
    assert_int_equal(ktap_stream_missing(&stream), 1);
    assert_int_equal(stream.results[1].outcome, KTAP_NO_RESULT);
    assert_false(ktap_stream_finished(&stream));
    ktap_stream_free(&stream);
}

static void test_duplicate_number(void **state)
{
    const char *const lines[] = {
        "KTAP version 1", "1..3", "ok 1 a", "not ok 1 a_again", NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);

    assert_null(feed.result);
    assert_string_equal(feed.problem,
                        "KTAP line 4: a second result for test 1: 'not ok 1 a_again'");
    assert_int_equal(stream.results[0].outcome, KTAP_PASS);
    assert_int_equal(stream.results_in, 1);
    ktap_stream_free(&stream);
}

static void test_number_outside_plan(void **state)
{
    const char *const lines[] = {
        "KTAP version 1", "1..1", "ok 1 a", "ok 2 b", NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);

    assert_null(feed.result);
    assert_string_equal(feed.problem, "KTAP line 4: test 2 is outside the plan 1..1: 'ok 2 b'");
    feed = ktap_stream_feed(&stream, "ok 0 zero");
    assert_string_equal(feed.problem,
                        "KTAP line 5: test 0 is outside the plan 1..1: 'ok 0 zero'");
    ktap_stream_free(&stream);
}

static void test_second_plan_and_header(void **state)
{
    const char *const lines[] = {
        "KTAP version 1", "1..2", "ok 1 a", "1..5", NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);

    assert_string_equal(feed.problem, "KTAP line 4: a second plan: '1..5'");
    assert_int_equal(stream.planned, 2);
    feed = ktap_stream_feed(&stream, "KTAP version 1");
    assert_string_equal(feed.problem,
                        "KTAP line 5: a second KTAP header (did the domain restart?): "
                        "'KTAP version 1'");
    ktap_stream_free(&stream);
}

static void test_results_that_do_not_parse(void **state)
{
    const char *const bad[] = {
        "ok",
        "not ok",
        "ok x name",
        "ok 2",
        "not ok 2 ",
        "ok 2name",
        "ok 2 # SKIP no name",
        "ok  2 two_spaces",
        "ok 1234567890 too_many_digits",
        "ok -2 negative",
        NULL,
    };
    struct ktap_stream stream;

    (void)state;
    ktap_stream_init(&stream);
    ktap_stream_feed(&stream, "KTAP version 1");
    ktap_stream_feed(&stream, "# verifies: hvabi~lost~1");
    ktap_stream_feed(&stream, "1..2");
    for (size_t i = 0; bad[i] != NULL; i++) {
        struct ktap_feed feed = ktap_stream_feed(&stream, bad[i]);
        char expected[128];

        snprintf(expected, sizeof(expected),
                 "KTAP line %zu: a result line that does not parse: '%s'", i + 4, bad[i]);
        assert_null(feed.result);
        assert_non_null(feed.problem);
        assert_string_equal(feed.problem, expected);
    }
    assert_int_equal(stream.problems.count, 10);
    assert_int_equal(stream.results_in, 0);

    /* What came before a broken result does not stick to the next one. */
    ktap_stream_feed(&stream, "ok 1 good");
    assert_null(stream.results[0].verifies);

    /* Not results at all: "okay" and "nothing" are just text. */
    assert_null(ktap_stream_feed(&stream, "okay then").problem);
    assert_null(ktap_stream_feed(&stream, "nothing ok 2 x").problem);
    ktap_stream_free(&stream);
}

static void test_plans_that_do_not_parse(void **state)
{
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    ktap_stream_feed(&stream, "KTAP version 1");
    feed = ktap_stream_feed(&stream, "1..x");
    assert_string_equal(feed.problem, "KTAP line 2: a plan line that does not parse: '1..x'");
    feed = ktap_stream_feed(&stream, "1..99999");
    assert_string_equal(feed.problem,
                        "KTAP line 3: a plan of more than 10000 tests: '1..99999'");
    assert_false(stream.has_plan);
    feed = ktap_stream_feed(&stream, "1..2 # a comment is fine");
    assert_null(feed.problem);
    assert_true(stream.has_plan);
    assert_int_equal(stream.planned, 2);
    ktap_stream_free(&stream);
}

static void test_empty_plan(void **state)
{
    struct ktap_stream stream;

    (void)state;
    ktap_stream_init(&stream);
    ktap_stream_feed(&stream, "KTAP version 1");
    ktap_stream_feed(&stream, "1..0");
    assert_true(ktap_stream_finished(&stream));
    assert_int_equal(ktap_stream_missing(&stream), 0);
    ktap_stream_free(&stream);
}

static void test_truncated_output(void **state)
{
    struct ktap_stream stream;
    char line[64];

    (void)state;
    ktap_stream_init(&stream);
    ktap_stream_feed(&stream, "KTAP version 1");
    ktap_stream_feed(&stream, "1..12");
    for (unsigned i = 1; i <= 7; i++) {
        snprintf(line, sizeof(line), "ok %u test_%u", i, i);
        ktap_stream_feed(&stream, line);
    }
    ktap_stream_feed(&stream, "# verifies: hvabi~eighth~1");

    assert_false(ktap_stream_finished(&stream));
    assert_int_equal(stream.phase, KTAP_TESTING);
    assert_int_equal(ktap_stream_missing(&stream), 5);
    for (unsigned i = 8; i <= 12; i++) {
        assert_int_equal(stream.results[i - 1].outcome, KTAP_NO_RESULT);
        assert_int_equal(stream.results[i - 1].number, i);
        assert_null(stream.results[i - 1].name);
    }
    assert_int_equal(stream.problems.count, 0);
    ktap_stream_free(&stream);
}

static void test_verifies_attach_to_next_result(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "1..3",
        "ok 1 without_tags",
        "# verifies: hvabi~a~1",
        "# verifies: hvabi~b~2",
        "# a diagnostic between",
        "ok 2 with_tags",
        "ok 3 without_tags_again",
        NULL,
    };
    struct ktap_stream stream;

    (void)state;
    ktap_stream_init(&stream);
    feed_lines(&stream, lines);

    assert_null(stream.results[0].verifies);
    assert_string_equal(stream.results[1].verifies, "hvabi~a~1 hvabi~b~2");
    assert_null(stream.results[2].verifies);
    ktap_stream_free(&stream);
}

static void test_diagnostics_attach_to_test_in_progress(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "# before the plan",
        "1..2",
        "# interface version 4.17",
        "#no space after the hash",
        "text that is not KTAP",
        "ok 1 first",
        "# FAIL: one",
        "# FAIL: two",
        "not ok 2 second",
        "# after the last result",
        NULL,
    };
    struct ktap_stream stream;

    (void)state;
    ktap_stream_init(&stream);
    feed_lines(&stream, lines);

    assert_int_equal(stream.header_diagnostics.count, 1);
    assert_string_equal(stream.header_diagnostics.items[0], "before the plan");
    assert_int_equal(stream.results[0].diagnostics.count, 3);
    assert_string_equal(stream.results[0].diagnostics.items[0], "interface version 4.17");
    assert_string_equal(stream.results[0].diagnostics.items[1], "no space after the hash");
    assert_string_equal(stream.results[0].diagnostics.items[2], "text that is not KTAP");
    assert_int_equal(stream.results[1].diagnostics.count, 2);
    assert_string_equal(stream.results[1].diagnostics.items[0], "FAIL: one");
    assert_string_equal(stream.results[1].diagnostics.items[1], "FAIL: two");
    assert_int_equal(stream.problems.count, 0);
    ktap_stream_free(&stream);
}

static void test_trailing_blanks_and_dash(void **state)
{
    const char *const lines[] = {
        "KTAP version 1   ",
        "1..2\t",
        "ok 1 - dashed_name  ",
        "ok 2 spaced name # SKIP  reason with spaces  ",
        NULL,
    };
    struct ktap_stream stream;

    (void)state;
    ktap_stream_init(&stream);
    feed_lines(&stream, lines);

    assert_int_equal(stream.problems.count, 0);
    assert_string_equal(stream.results[0].name, "dashed_name");
    assert_string_equal(stream.results[1].name, "spaced name");
    assert_string_equal(stream.results[1].skip_reason, "reason with spaces");
    ktap_stream_free(&stream);
}

static void test_bail_out_after_last_result(void **state)
{
    const char *const lines[] = {
        "KTAP version 1", "1..1", "ok 1 only", "Bail out! too late", NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init(&stream);
    feed = feed_lines(&stream, lines);
    assert_false(feed.bailed_out);
    assert_string_equal(feed.problem,
                        "KTAP line 4: Bail out! after the last result: 'Bail out! too late'");
    ktap_stream_free(&stream);
}

/* A resumed boot: the whole plan, but results from the first test on. */
static void test_stream_starting_at_a_later_test(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "# hvabi conformance guest 0.1",
        "1..5",
        "# verifies: hvabi~four~1",
        "ok 4 four",
        NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init_at(&stream, 4);
    feed = feed_lines(&stream, lines);
    assert_non_null(feed.result);
    assert_int_equal(stream.problems.count, 0);
    assert_int_equal(ktap_stream_expected(&stream), 2);
    assert_int_equal(ktap_stream_missing(&stream), 1);
    assert_false(ktap_stream_finished(&stream));
    assert_int_equal(stream.results[3].outcome, KTAP_PASS);
    assert_string_equal(stream.results[3].verifies, "hvabi~four~1");
    /* The tests of earlier boots are not this stream's business. */
    assert_int_equal(stream.results[0].outcome, KTAP_NO_RESULT);

    feed = ktap_stream_feed(&stream, "not ok 5 five");
    assert_non_null(feed.result);
    assert_true(ktap_stream_finished(&stream));
    assert_int_equal(stream.phase, KTAP_ALL_RESULTS_IN);
    assert_int_equal(ktap_stream_missing(&stream), 0);
    ktap_stream_free(&stream);
}

static void test_result_before_the_first_test_is_a_problem(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "1..3",
        "# verifies: hvabi~one~1",
        "ok 1 one",
        NULL,
    };
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    ktap_stream_init_at(&stream, 2);
    feed = feed_lines(&stream, lines);
    assert_null(feed.result);
    assert_string_equal(feed.problem,
                        "KTAP line 4: test 1 comes before test 2, the first of this boot: "
                        "'ok 1 one'");
    assert_int_equal(stream.results_in, 0);
    assert_int_equal(stream.results[0].outcome, KTAP_NO_RESULT);
    /* Its tags do not stick to the next result. */
    feed = ktap_stream_feed(&stream, "ok 2 two");
    assert_non_null(feed.result);
    assert_null(feed.result->verifies);
    assert_int_equal(stream.problems.count, 1);
    ktap_stream_free(&stream);
}

static void test_stream_starting_after_the_last_test(void **state)
{
    struct ktap_stream stream;
    struct ktap_feed feed;

    (void)state;
    /* plan + 1: the domain runs nothing; its plan alone completes it. */
    ktap_stream_init_at(&stream, 4);
    ktap_stream_feed(&stream, "KTAP version 1");
    assert_false(ktap_stream_finished(&stream));
    feed = ktap_stream_feed(&stream, "1..3");
    assert_null(feed.problem);
    assert_true(ktap_stream_finished(&stream));
    assert_int_equal(ktap_stream_expected(&stream), 0);
    assert_int_equal(ktap_stream_missing(&stream), 0);
    ktap_stream_free(&stream);

    /* Beyond that, the plan is not the one of the earlier boots. */
    ktap_stream_init_at(&stream, 6);
    ktap_stream_feed(&stream, "KTAP version 1");
    feed = ktap_stream_feed(&stream, "1..3");
    assert_string_equal(feed.problem,
                        "KTAP line 2: the plan 1..3 ends before test 6, the first of this "
                        "boot: '1..3'");
    assert_true(ktap_stream_finished(&stream));
    ktap_stream_free(&stream);
}

static void test_unfinished_test_is_taken(void **state)
{
    const char *const lines[] = {
        "KTAP version 1",
        "1..3",
        "ok 1 one",
        "# verifies: hvabi~two~1 hvabi~two-more~1",
        "# about to map page 5",
        "unhandled data abort",
        NULL,
    };
    struct ktap_stream stream;
    struct ktap_result crashed;

    (void)state;
    memset(&crashed, 0, sizeof(crashed));
    ktap_stream_init(&stream);
    feed_lines(&stream, lines);
    ktap_stream_take_unfinished(&stream, &crashed);
    assert_string_equal(crashed.verifies, "hvabi~two~1 hvabi~two-more~1");
    assert_int_equal(crashed.diagnostics.count, 2);
    assert_string_equal(crashed.diagnostics.items[0], "about to map page 5");
    assert_string_equal(crashed.diagnostics.items[1], "unhandled data abort");
    assert_null(stream.pending_verifies);
    assert_int_equal(stream.pending_diagnostics.count, 0);
    ktap_result_free(&crashed);
    ktap_stream_free(&stream);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_stream),
        cmocka_unit_test(test_skip_and_other_directives),
        cmocka_unit_test(test_bail_out),
        cmocka_unit_test(test_result_before_plan),
        cmocka_unit_test(test_number_out_of_order),
        cmocka_unit_test(test_duplicate_number),
        cmocka_unit_test(test_number_outside_plan),
        cmocka_unit_test(test_second_plan_and_header),
        cmocka_unit_test(test_results_that_do_not_parse),
        cmocka_unit_test(test_plans_that_do_not_parse),
        cmocka_unit_test(test_empty_plan),
        cmocka_unit_test(test_truncated_output),
        cmocka_unit_test(test_verifies_attach_to_next_result),
        cmocka_unit_test(test_diagnostics_attach_to_test_in_progress),
        cmocka_unit_test(test_trailing_blanks_and_dash),
        cmocka_unit_test(test_bail_out_after_last_result),
        cmocka_unit_test(test_stream_starting_at_a_later_test),
        cmocka_unit_test(test_result_before_the_first_test_is_a_problem),
        cmocka_unit_test(test_stream_starting_after_the_last_test),
        cmocka_unit_test(test_unfinished_test_is_taken),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
