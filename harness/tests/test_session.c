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

#include "alloc.h"
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
    const struct session_domain_settings one_domain[] = { { 1, true, 1 } };
    struct line_splitter splitter;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);
    const char *line;

    assert_non_null(report);
    session_init(session, one_domain, 1, deviations, report, echo, "", 0);
    line_splitter_init(&splitter);
    /* In chunks of 7 bytes, as a pipe might deliver them. */
    for (size_t i = 0; i < sizeof(xen_output) - 1; i += 7) {
        size_t size = sizeof(xen_output) - 1 - i < 7 ? sizeof(xen_output) - 1 - i : 7;

        line_splitter_push(&splitter, xen_output + i, size);
        while ((line = line_splitter_next(&splitter, false)) != NULL) {
            session_take_line(session, line, 0);
        }
    }
    assert_false(session_all_domains_finished(session));
    while ((line = line_splitter_next(&splitter, true)) != NULL) {
        session_take_line(session, line, 0);
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
    assert_int_equal(session.domains[0].state, DOMAIN_COMPLETE);
    assert_false(session_any_domain_crashed(&session));

    /* The domain's own last lines, with their prefix; the hypervisor's
     * lines and those of a domain the boot did not start go elsewhere. */
    assert_int_equal(session.domains[0].tail.count, 10);
    assert_string_equal(line_tail_get(&session.domains[0].tail, 0), "(d1) KTAP version 1");
    assert_int_equal(session.hypervisor_tail.count, 5);
    assert_string_equal(line_tail_get(&session.hypervisor_tail, 4),
                        "(d2) ok 3 from_a_domain_this_run_did_not_start");

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
    const struct session_domain_settings one_domain[] = { { 1, true, 1 } };
    struct session session;
    FILE *report = fopen("/dev/null", "w");
    char line[32];

    (void)state;
    assert_non_null(report);
    session_init(&session, one_domain, 1, NULL, report, false, "", 0);
    for (int i = 1; i <= 25; i++) {
        snprintf(line, sizeof(line), "line %d", i);
        session_take_line(&session, line, 0);
    }
    assert_int_equal(session.tail.count, LINE_TAIL_LINES);
    assert_string_equal(line_tail_get(&session.tail, 0), "line 6");
    assert_string_equal(line_tail_get(&session.tail, LINE_TAIL_LINES - 1), "line 25");
    session_free(&session);
    fclose(report);
}

static void test_problems_and_bail_out_are_reported(void **state)
{
    const struct session_domain_settings two_domains[] = { { 1, true, 1 }, { 2, true, 1 } };
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);

    (void)state;
    assert_non_null(report);
    session_init(&session, two_domains, 2, NULL, report, false, "pair ", 0);
    feed_session(&session,
                 "(d1) KTAP version 1\n"
                 "(d2) KTAP version 1\n"
                 "(d1) ok 1 too_early\n"
                 "(d2) 1..2\n"
                 "(d2) Bail out! unexpected exception\n");
    assert_false(session_all_domains_finished(&session));
    assert_int_equal(session.domains[1].state, DOMAIN_CRASHED);
    assert_string_equal(session.domains[1].crash_reason, "Bail out! unexpected exception");
    feed_session(&session, "(d1) 1..0\n");
    assert_true(session_all_domains_finished(&session));
    assert_true(session_any_domain_crashed(&session));
    fclose(report);
    /* The bail out is reported, and the test it happened in fails with the
     * domain's last lines. */
    assert_string_equal(report_text,
                        "pair PROBLEM d1 KTAP line 2: a result before the plan: "
                        "'ok 1 too_early'\n"
                        "pair BAIL d2 Bail out! unexpected exception\n"
                        "pair FAIL d2  1 test 1: crashed: Bail out! unexpected exception\n"
                        "          | (d2) KTAP version 1\n"
                        "          | (d2) 1..2\n"
                        "          | (d2) Bail out! unexpected exception\n");
    free(report_text);
    session_free(&session);
}

/* A domain that crashes after a result: the next test fails, with its
 * tags, its lines, and the hypervisor's lines around the crash. */
static void test_crash_keeps_tags_and_context(void **state)
{
    const struct session_domain_settings settings[] = { { 1, true, 1 }, { 2, true, 1 } };
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);
    const struct domain_run *d1;

    (void)state;
    assert_non_null(report);
    session_init(&session, settings, 2, NULL, report, false, "", 0);
    feed_session(&session,
                 "(XEN) early hypervisor line, before d1 printed anything\n"
                 "(d1) KTAP version 1\n"
                 "(d1) 1..3\n"
                 "(d1) # verifies: hvabi~one~1\n"
                 "(d1) ok 1 one\n"
                 "(d2) KTAP version 1\n"
                 "(d1) # verifies: hvabi~two~1\n"
                 "(XEN) d1v0 unhandled data abort\n"
                 "(d1) # mapping page 5\n");
    session_end_boot(&session, "QEMU exited with status 0");
    fclose(report);

    d1 = &session.domains[0];
    assert_int_equal(d1->state, DOMAIN_CRASHED);
    assert_int_equal(d1->crashed_test.number, 2);
    assert_int_equal(d1->crashed_test.outcome, KTAP_FAIL);
    assert_null(d1->crashed_test.name);
    assert_string_equal(d1->crashed_test.verifies, "hvabi~two~1");
    assert_int_equal(d1->crashed_test.diagnostics.count, 1);
    assert_string_equal(d1->crashed_test.diagnostics.items[0], "mapping page 5");
    /* d2 crashed before its plan: no test to fail. */
    assert_int_equal(session.domains[1].state, DOMAIN_CRASHED);
    assert_int_equal(session.domains[1].crashed_test.number, 0);

    /* d1's lines and the hypervisor's from d1's first line on; not d2's. */
    assert_string_equal(report_text,
                        "ok   d1  1 one\n"
                        "FAIL d1  2 test 2: crashed: QEMU exited with status 0\n"
                        "     # mapping page 5\n"
                        "     | (d1) KTAP version 1\n"
                        "     | (d1) 1..3\n"
                        "     | (d1) # verifies: hvabi~one~1\n"
                        "     | (d1) ok 1 one\n"
                        "     | (d1) # verifies: hvabi~two~1\n"
                        "     | (XEN) d1v0 unhandled data abort\n"
                        "     | (d1) # mapping page 5\n");
    free(report_text);
    session_free(&session);
}

static void test_inactivity_is_a_crash(void **state)
{
    const struct session_domain_settings settings[] = { { 1, true, 1 }, { 2, true, 1 } };
    struct session session;
    FILE *report = fopen("/dev/null", "w");

    (void)state;
    assert_non_null(report);
    session_init(&session, settings, 2, NULL, report, false, "", 1000);
    /* Both start silent: each is checked from the start of the boot. */
    assert_int_equal(session_check_inactivity(&session, 1000, 15000), 16000);
    feed_session_at(&session, "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 a\n", 5000);
    assert_int_equal(session_check_inactivity(&session, 6000, 15000), 16000);
    feed_session_at(&session, "(d2) KTAP version 1\n(d2) 1..1\n", 10000);
    assert_int_equal(session_check_inactivity(&session, 15999, 15000), 20000);

    /* d1 has been silent for 15 s. */
    assert_int_equal(session_check_inactivity(&session, 20000, 15000), 25000);
    assert_int_equal(session.domains[0].state, DOMAIN_CRASHED);
    assert_string_equal(session.domains[0].crash_reason, "no output for 15 s");
    assert_int_equal(session.domains[0].crashed_test.number, 2);
    assert_int_equal(session.domains[1].state, DOMAIN_RUNNING);
    assert_false(session_all_domains_finished(&session));

    /* What a crashed domain prints later no longer counts. */
    feed_session_at(&session, "(d1) ok 2 b\n", 21000);
    assert_int_equal(session.domains[0].ktap.results_in, 1);

    feed_session_at(&session, "(d2) ok 1 c\n", 22000);
    assert_int_equal(session.domains[1].state, DOMAIN_COMPLETE);
    assert_true(session_all_domains_finished(&session));
    assert_int_equal(session_check_inactivity(&session, 99000, 15000), INT64_MAX);
    /* The end of the boot does not touch complete domains. */
    session_end_boot(&session, "QEMU exited with status 0");
    assert_int_equal(session.domains[1].state, DOMAIN_COMPLETE);
    session_free(&session);
    fclose(report);
}

/* A domain expected to be stopped neither holds the boot up nor reports. */
static void test_stopped_domain(void **state)
{
    const struct session_domain_settings settings[] = { { 1, true, 1 }, { 2, false, 1 } };
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);

    (void)state;
    assert_non_null(report);
    session_init(&session, settings, 2, NULL, report, false, "", 0);
    feed_session(&session,
                 "(d2) KTAP version 1\n(d2) 1..1\n(d2) ok 1 not_counted\n"
                 "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 counted\n");
    assert_true(session_all_domains_finished(&session));
    assert_int_equal(session_check_inactivity(&session, 999999, 15000), INT64_MAX);
    session_end_boot(&session, "QEMU exited with status 0");
    assert_int_equal(session.domains[1].state, DOMAIN_RUNNING);
    assert_false(session_any_domain_crashed(&session));
    /* Its plan is noticed: printing one is a problem, found at the merge. */
    assert_true(session.domains[1].ktap.has_plan);
    fclose(report);
    assert_string_equal(report_text, "ok   d1  1 counted\n");
    free(report_text);
    session_free(&session);
}

/* A resumed boot: the first result expected is the domain's start. */
static void test_resumed_boot(void **state)
{
    const struct session_domain_settings settings[] = { { 1, true, 3 }, { 2, true, 5 } };
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_memstream(&report_text, &report_size);

    (void)state;
    assert_non_null(report);
    session_init(&session, settings, 2, NULL, report, false, "", 0);
    feed_session(&session,
                 "(d1) KTAP version 1\n(d1) 1..4\n(d1) ok 3 three\n"
                 "(d2) KTAP version 1\n(d2) 1..4\n");
    /* d2 resumed after its last test: its plan completes it. */
    assert_int_equal(session.domains[1].state, DOMAIN_COMPLETE);
    assert_int_equal(session.domains[0].state, DOMAIN_RUNNING);
    feed_session(&session, "(d1) ok 4 four\n");
    assert_true(session_all_domains_finished(&session));
    fclose(report);
    assert_string_equal(report_text, "ok   d1  3 three\nok   d1  4 four\n");
    free(report_text);
    session_free(&session);
}

/* The lines of a domain whose test 2 announces that it ends with its stop. */
#define ANNOUNCED_STOP                                                                     \
    "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 one\n"                                      \
    "(d1) # verifies: hvabi~stop~1 hvabi~diag~1\n"                                         \
    "(d1) # expect stop: stop_test shutdown reboot\n"

/* A session of one domain, its report in *text once closed. */
static FILE *open_one_domain_session(struct session *session, char **text, size_t *size,
                                     const struct deviation_list *deviations)
{
    const struct session_domain_settings one_domain[] = { { 1, true, 1 } };
    FILE *report = open_memstream(text, size);

    assert_non_null(report);
    session_init(session, one_domain, 1, deviations, report, false, "", 0);
    return report;
}

/* The stop line of the announced cause passes the test, when the boot is
 * over, with the test's tags and the stop line. */
static void test_announced_stop_passes(void **state)
{
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_one_domain_session(&session, &report_text, &report_size, NULL);
    const struct ktap_result *result;

    (void)state;
    feed_session_at(&session, ANNOUNCED_STOP, 100);
    assert_true(session.domains[0].stop.announced);
    assert_int_equal(session.domains[0].stop.test, 2);
    assert_false(session_all_domains_finished(&session));
    /* A domain's own text is never its stop line. */
    feed_session_at(&session, "(d1) hvabi: d1 stopped: shutdown reboot\n", 200);
    assert_int_equal(session.domains[0].state, DOMAIN_RUNNING);
    feed_session_at(&session, "(hv) hvabi: d1 stopped: shutdown reboot\n", 300);
    assert_int_equal(session.domains[0].state, DOMAIN_STOPPED);
    assert_true(session_all_domains_finished(&session));
    assert_false(session_any_domain_crashed(&session));
    /* Output right after the stop line may be output the hypervisor held. */
    feed_session_at(&session, "(d1) # held back\n", 300 + SESSION_STOP_QUIET_MS - 1);
    assert_int_equal(session_check_inactivity(&session, 99999, 15000), INT64_MAX);
    session_finish_stops(&session);
    fclose(report);

    result = &session.domains[0].ktap.results[1];
    assert_int_equal(result->outcome, KTAP_PASS);
    assert_string_equal(result->name, "stop_test");
    assert_string_equal(result->verifies, "hvabi~stop~1 hvabi~diag~1");
    assert_int_equal(result->diagnostics.count, 3);
    assert_string_equal(result->diagnostics.items[0], "expect stop: stop_test shutdown reboot");
    assert_string_equal(result->diagnostics.items[1], "hvabi: d1 stopped: shutdown reboot");
    assert_string_equal(result->diagnostics.items[2],
                        "stop line: (hv) hvabi: d1 stopped: shutdown reboot");
    assert_int_equal(session.domains[0].ktap.phase, KTAP_ALL_RESULTS_IN);
    assert_string_equal(report_text, "ok   d1  1 one\nok   d1  2 stop_test\n");
    free(report_text);
    session_free(&session);
}

/* Each way the stop can go wrong fails the test, under its name. */
static void assert_stop_fails(const char *after_announcement, int64_t at_ms, bool end_boot,
                              const char *failure)
{
    struct deviation deviation = {
        .id = "XEN-201", .test = "stop_test", .requirement = "hvabi~diag~1",
        .observed = "no stop line", .reason = "r",
    };
    struct deviation_list deviations = { &deviation, 1 };
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_one_domain_session(&session, &report_text, &report_size, &deviations);
    const struct ktap_result *result;
    char *expected;

    feed_session_at(&session, ANNOUNCED_STOP, 0);
    feed_session_at(&session, after_announcement, at_ms);
    session_check_inactivity(&session, at_ms + 1, 15000);
    if (end_boot) {
        session_end_boot(&session, "QEMU exited with status 0");
    }
    assert_int_equal(session.domains[0].state, DOMAIN_STOPPED);
    assert_false(session_any_domain_crashed(&session));
    session_finish_stops(&session);
    fclose(report);

    result = &session.domains[0].ktap.results[1];
    assert_int_equal(result->outcome, KTAP_FAIL);
    assert_string_equal(result->name, "stop_test");
    assert_string_equal(result->verifies, "hvabi~stop~1 hvabi~diag~1");
    assert_string_equal(result->diagnostics.items[result->diagnostics.count - 1], failure);
    assert_non_null(strstr(report_text, "FAIL d1  2 stop_test\n"));
    expected = alloc_printf("     # %s\n     deviation XEN-201: no stop line\n", failure);
    if (strstr(report_text, expected) == NULL) {
        fail_msg("report:\n%s\nexpected in it:\n%s", report_text, expected);
    }
    free(expected);
    free(report_text);
    session_free(&session);
}

static void test_announced_stop_fails(void **state)
{
    (void)state;
    assert_stop_fails("(hv) hvabi: d1 stopped: shutdown poweroff\n", 10, false,
                      "FAIL: the hypervisor stopped d1 with cause 'shutdown poweroff'; the "
                      "test expected 'shutdown reboot'");
    assert_stop_fails("(hv) hvabi: d01 stopped: shutdown reboot\n", 10, false,
                      "FAIL: the stop line does not have the specified form: the domain ID has "
                      "a leading zero");
    /* Silent for the inactivity limit, or until the boot ended. */
    assert_stop_fails("", 15000, false,
                      "FAIL: no stop line 'hvabi: d1 stopped: shutdown reboot' from the "
                      "hypervisor: no output for 15 s");
    assert_stop_fails("", 10, true,
                      "FAIL: no stop line 'hvabi: d1 stopped: shutdown reboot' from the "
                      "hypervisor: QEMU exited with status 0");
}

static void test_still_running_long_after_stop_line(void **state)
{
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_one_domain_session(&session, &report_text, &report_size, NULL);

    (void)state;
    feed_session_at(&session, ANNOUNCED_STOP "(hv) hvabi: d1 stopped: shutdown reboot\n", 1000);
    feed_session_at(&session, "(d1) tick 7\n", 1000 + SESSION_STOP_QUIET_MS + 250);
    feed_session_at(&session, "(d1) tick 8\n", 1000 + SESSION_STOP_QUIET_MS + 500);
    session_finish_stops(&session);
    fclose(report);
    assert_int_equal(session.domains[0].ktap.results[1].outcome, KTAP_FAIL);
    assert_non_null(strstr(report_text, "     # FAIL: d1 still ran after its stop line: it "
                                        "printed 'tick 7' (1250 ms after it)\n"));
    free(report_text);
    session_free(&session);
}

/* A test that reports its own result was not stopped: it failed by
 * itself, and the stop line that may follow changes nothing. */
static void test_own_result_cancels_announcement(void **state)
{
    struct session session;
    char *report_text = NULL;
    size_t report_size = 0;
    FILE *report = open_one_domain_session(&session, &report_text, &report_size, NULL);

    (void)state;
    feed_session(&session, ANNOUNCED_STOP "(d1) # FAIL: SCHEDOP_shutdown returned 0\n"
                                          "(d1) not ok 2 stop_test\n"
                                          "(hv) hvabi: d1 stopped: shutdown reboot\n");
    assert_false(session.domains[0].stop.announced);
    assert_int_equal(session.domains[0].state, DOMAIN_COMPLETE);
    session_finish_stops(&session);
    fclose(report);
    assert_int_equal(session.domains[0].ktap.results[1].outcome, KTAP_FAIL);
    assert_string_equal(report_text, "ok   d1  1 one\nFAIL d1  2 stop_test\n"
                                     "     # expect stop: stop_test shutdown reboot\n"
                                     "     # FAIL: SCHEDOP_shutdown returned 0\n");
    free(report_text);
    session_free(&session);
}

/* The hypervisor stops a domain that announced nothing: it crashed in the
 * test in progress, at once; a bail out after an announcement names the
 * crashed test. */
static void test_unannounced_stop_and_named_crash(void **state)
{
    const struct session_domain_settings settings[] = { { 1, true, 1 }, { 2, true, 1 } };
    struct session session;
    FILE *report = fopen("/dev/null", "w");

    (void)state;
    assert_non_null(report);
    session_init(&session, settings, 2, NULL, report, false, "", 0);
    feed_session(&session, "(d1) KTAP version 1\n(d1) 1..2\n(d1) ok 1 one\n"
                           "(hv) hvabi: d1 stopped: guest-fault: SError\n");
    assert_int_equal(session.domains[0].state, DOMAIN_CRASHED);
    assert_string_equal(session.domains[0].crash_reason,
                        "stopped by the hypervisor: (hv) hvabi: d1 stopped: guest-fault: SError");
    assert_int_equal(session.domains[0].crashed_test.number, 2);
    assert_null(session.domains[0].crashed_test.name);

    feed_session(&session, "(d2) KTAP version 1\n(d2) 1..1\n"
                           "(d2) # expect stop: named_test guest-fault\n"
                           "(d2) Bail out! unexpected exception\n"
                           "(hv) hvabi: d2 stopped: shutdown crash\n");
    assert_int_equal(session.domains[1].state, DOMAIN_CRASHED);
    assert_string_equal(session.domains[1].crashed_test.name, "named_test");
    session_finish_stops(&session);
    assert_int_equal(session.domains[1].ktap.results_in, 0);
    session_free(&session);
    fclose(report);
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
        cmocka_unit_test(test_crash_keeps_tags_and_context),
        cmocka_unit_test(test_inactivity_is_a_crash),
        cmocka_unit_test(test_stopped_domain),
        cmocka_unit_test(test_resumed_boot),
        cmocka_unit_test(test_announced_stop_passes),
        cmocka_unit_test(test_announced_stop_fails),
        cmocka_unit_test(test_still_running_long_after_stop_line),
        cmocka_unit_test(test_own_result_cancels_announcement),
        cmocka_unit_test(test_unannounced_stop_and_named_crash),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
