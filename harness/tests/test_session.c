/*
 * test_session.c - from serial output to reported results: the line
 * splitter, the domain prefix, and the session that ties them to the KTAP
 * parsers and the terminal report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"
#include "line_splitter.h"
#include "session.h"
#include "test_support.h"

static void test_domain_prefix(void **state)
{
    unsigned domain = 0;
    const char *text = NULL;

    (void)state;
    assert_true(console_split_domain_line("(d1) ok 1 x", &domain, &text));
    assert_int_equal(domain, 1);
    assert_string_equal(text, "ok 1 x");
    assert_true(console_split_domain_line("(d12)  two spaces", &domain, &text));
    assert_int_equal(domain, 12);
    assert_string_equal(text, " two spaces");
    assert_true(console_split_domain_line("(d3)", &domain, &text));
    assert_int_equal(domain, 3);
    assert_string_equal(text, "");

    assert_false(console_split_domain_line("(XEN) d1v0 Invalid HVC imm 0xea2", &domain, &text));
    assert_false(console_split_domain_line("(d) x", &domain, &text));
    assert_false(console_split_domain_line("(d1x) x", &domain, &text));
    assert_false(console_split_domain_line("(d1)x", &domain, &text));
    assert_false(console_split_domain_line("(d99999999999) x", &domain, &text));
    assert_false(console_split_domain_line(" (d1) x", &domain, &text));
    assert_false(console_split_domain_line("", &domain, &text));
}

static void test_line_splitter(void **state)
{
    struct line_splitter splitter;
    const char *line;

    (void)state;
    line_splitter_init(&splitter);
    line_splitter_push(&splitter, "(d1) KTAP ver", 13);
    assert_null(line_splitter_next(&splitter, false));
    line_splitter_push(&splitter, "sion 1\r\n(d1) 1..2\r\n\r\npart", 25);
    line = line_splitter_next(&splitter, false);
    assert_string_equal(line, "(d1) KTAP version 1");
    line = line_splitter_next(&splitter, false);
    assert_string_equal(line, "(d1) 1..2");
    line = line_splitter_next(&splitter, false);
    assert_string_equal(line, "");
    assert_null(line_splitter_next(&splitter, false));
    /* At the end of the output, a partial last line counts. */
    line = line_splitter_next(&splitter, true);
    assert_string_equal(line, "part");
    assert_null(line_splitter_next(&splitter, true));

    /* NUL bytes become '?'. */
    line_splitter_push(&splitter, "a\0b\n", 4);
    assert_string_equal(line_splitter_next(&splitter, false), "a?b");
    line_splitter_free(&splitter);
}

static void test_long_lines_are_cut(void **state)
{
    struct line_splitter splitter;
    char *data = malloc(LINE_SPLITTER_MAX_LINE * 2 + 10);
    const char *line;

    (void)state;
    assert_non_null(data);
    memset(data, 'x', LINE_SPLITTER_MAX_LINE * 2 + 10);
    line_splitter_init(&splitter);
    line_splitter_push(&splitter, data, LINE_SPLITTER_MAX_LINE * 2 + 10);
    line = line_splitter_next(&splitter, false);
    assert_non_null(line);
    assert_int_equal(strlen(line), LINE_SPLITTER_MAX_LINE);
    line = line_splitter_next(&splitter, false);
    assert_int_equal(strlen(line), LINE_SPLITTER_MAX_LINE);
    assert_null(line_splitter_next(&splitter, false));
    assert_int_equal(strlen(line_splitter_next(&splitter, true)), 10);
    line_splitter_free(&splitter);
    free(data);
}

/* Output of Xen with the conformance guest, shortened. */
static const char xen_output[] =
    "(XEN) Xen version 4.17.3-pre (Debian 4.17.2+76-ge1f9cb16e2-1~deb12u1)\r\n"
    "(XEN) *** LOADING DOMU cpus=1 memory=10000KB ***\r\n"
    "(XEN) Freed 348kB init memory.\r\n"
    "(d1) KTAP version 1\r\n"
    "(d1) # hvabi conformance guest 0.1\r\n"
    "(d1) 1..4\r\n"
    "(d1) # verifies: hvabi~hypercall-unknown-number~1\r\n"
    "(d1) ok 1 hypercall_unknown_number\r\n"
    "(d1) # verifies: hvabi~aarch64-call-invalid-immediate~1\r\n"
    "(XEN) d1v0 Invalid HVC imm 0xea2\r\n"
    "(d1) # FAIL: ELR_EL1: expected 0x40000c38 (the HVC), got 0x40000c3c\r\n"
    "(d1) not ok 2 aarch64_call_invalid_immediate\r\n"
    "(d2) ok 3 from_a_domain_this_run_did_not_start\r\n"
    "(d1) ok 3 console_io_write_unreadable_buffer # SKIP no address without memory\r\n"
    "(d1) ok 4 sched_op_unknown_command";

/* Runs xen_output through a splitter into a session; returns the report. */
static char *run_xen_output(struct session *session, const struct deviation_list *deviations,
                            bool echo)
{
    const unsigned one_domain[] = { 1 };
    struct line_splitter splitter;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);
    const char *line;

    assert_non_null(report);
    session_init(session, one_domain, 1, deviations, report, echo);
    line_splitter_init(&splitter);
    /* In chunks of 7 bytes, as a pipe might deliver them. */
    for (size_t i = 0; i < sizeof(xen_output) - 1; i += 7) {
        size_t size = sizeof(xen_output) - 1 - i < 7 ? sizeof(xen_output) - 1 - i : 7;

        line_splitter_push(&splitter, xen_output + i, size);
        while ((line = line_splitter_next(&splitter, false)) != NULL) {
            session_take_line(session, line);
        }
    }
    assert_false(session_all_domains_finished(session));
    while ((line = line_splitter_next(&splitter, true)) != NULL) {
        session_take_line(session, line);
    }
    line_splitter_free(&splitter);
    fclose(report);
    return report_text;
}

static void test_results_reported_as_they_arrive(void **state)
{
    struct deviation deviation = {
        .id = "XEN-001",
        .test = "aarch64_call_invalid_immediate",
        .requirement = "hvabi~aarch64-call-invalid-immediate~1",
        .observed = "ELR_EL1 is the instruction after the HVC.",
        .reason = "The architecture says otherwise.",
    };
    struct deviation_list deviations = { &deviation, 1 };
    struct session session;
    char *report = run_xen_output(&session, &deviations, false);

    (void)state;
    assert_string_equal(report,
                        "ok   d1  1 hypercall_unknown_number\n"
                        "FAIL d1  2 aarch64_call_invalid_immediate\n"
                        "     # FAIL: ELR_EL1: expected 0x40000c38 (the HVC), got 0x40000c3c\n"
                        "     deviation XEN-001: ELR_EL1 is the instruction after the HVC.\n"
                        "skip d1  3 console_io_write_unreadable_buffer: no address without "
                        "memory\n"
                        "ok   d1  4 sched_op_unknown_command\n");
    assert_true(session_all_domains_finished(&session));

    /* The domain's KTAP as received, from its header, without the prefix. */
    assert_int_equal(session.domains[0].ktap_lines.count, 10);
    assert_string_equal(session.domains[0].ktap_lines.items[0], "KTAP version 1");
    assert_string_equal(session.domains[0].ktap_lines.items[9], "ok 4 sched_op_unknown_command");

    /* The tail holds the last lines of all the output. */
    assert_int_equal(session.tail.count, 15);
    assert_string_equal(line_tail_get(&session.tail, 0),
                        "(XEN) Xen version 4.17.3-pre (Debian 4.17.2+76-ge1f9cb16e2-1~deb12u1)");
    assert_string_equal(line_tail_get(&session.tail, 14), "(d1) ok 4 sched_op_unknown_command");
    free(report);
    session_free(&session);
}

static void test_verbose_echoes_every_line(void **state)
{
    struct session session;
    char *report = run_xen_output(&session, NULL, true);

    (void)state;
    assert_non_null(strstr(report, "| (XEN) d1v0 Invalid HVC imm 0xea2\n"));
    assert_non_null(strstr(report, "| (d1) ok 1 hypercall_unknown_number\n"
                                   "ok   d1  1 hypercall_unknown_number\n"));
    /* Without deviations, a failure is printed without one. */
    assert_null(strstr(report, "deviation"));
    free(report);
    session_free(&session);
}

static void test_tail_keeps_last_lines(void **state)
{
    const unsigned one_domain[] = { 1 };
    struct session session;
    FILE *report = fopen("/dev/null", "w");
    char line[32];

    (void)state;
    assert_non_null(report);
    session_init(&session, one_domain, 1, NULL, report, false);
    for (int i = 1; i <= 25; i++) {
        snprintf(line, sizeof(line), "line %d", i);
        session_take_line(&session, line);
    }
    assert_int_equal(session.tail.count, LINE_TAIL_LINES);
    assert_string_equal(line_tail_get(&session.tail, 0), "line 6");
    assert_string_equal(line_tail_get(&session.tail, LINE_TAIL_LINES - 1), "line 25");
    session_free(&session);
    fclose(report);
}

static void test_problems_and_bail_out_are_reported(void **state)
{
    const unsigned two_domains[] = { 1, 2 };
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);

    (void)state;
    assert_non_null(report);
    session_init(&session, two_domains, 2, NULL, report, false);
    feed_session(&session,
                 "(d1) KTAP version 1\n"
                 "(d2) KTAP version 1\n"
                 "(d1) ok 1 too_early\n"
                 "(d2) 1..2\n"
                 "(d2) Bail out! unexpected exception\n");
    assert_false(session_all_domains_finished(&session));
    feed_session(&session, "(d1) 1..0\n");
    assert_true(session_all_domains_finished(&session));
    fclose(report);
    assert_string_equal(report_text,
                        "PROBLEM d1 KTAP line 2: a result before the plan: 'ok 1 too_early'\n"
                        "BAIL d2 Bail out! unexpected exception\n");
    free(report_text);
    session_free(&session);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_prefix),
        cmocka_unit_test(test_line_splitter),
        cmocka_unit_test(test_long_lines_are_cut),
        cmocka_unit_test(test_results_reported_as_they_arrive),
        cmocka_unit_test(test_verbose_echoes_every_line),
        cmocka_unit_test(test_tail_keeps_last_lines),
        cmocka_unit_test(test_problems_and_bail_out_are_reported),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
