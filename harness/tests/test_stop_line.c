/*
 * test_stop_line.c - the hypervisor's domain stop line and a domain's
 * announcement that a test ends with its stop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stop_line.h"

static void assert_valid(const char *line, unsigned domain, const char *cause)
{
    struct stop_line stop;

    assert_int_equal(stop_line_parse(line, &stop), STOP_LINE_VALID);
    assert_int_equal(stop.domain, domain);
    assert_string_equal(stop.cause, cause);
}

static void assert_malformed(const char *line, unsigned domain, const char *problem)
{
    struct stop_line stop;

    assert_int_equal(stop_line_parse(line, &stop), STOP_LINE_MALFORMED);
    assert_int_equal(stop.domain, domain);
    assert_string_equal(stop.problem, problem);
}

static void assert_none(const char *line)
{
    struct stop_line stop;

    assert_int_equal(stop_line_parse(line, &stop), STOP_LINE_NONE);
}

static void test_valid_lines(void **state)
{
    (void)state;
    assert_valid("(hv) hvabi: d1 stopped: shutdown poweroff", 1, "shutdown poweroff");
    assert_valid("hvabi: d2 stopped: guest-fault: SError at PC 0x40081234", 2, "guest-fault");
    assert_valid("[ 12.5] hvabi: d32767 stopped: hardware-error: ", 32767, "hardware-error");
    assert_valid("hvabi: d0 stopped: shutdown soft_reset", 0, "shutdown soft_reset");
    assert_valid("(hv) hvabi: d3 stopped: shutdown watchdog: expired after 1 s", 3,
                 "shutdown watchdog");
    /* Only the first mark followed by a digit counts. */
    assert_valid("hvabi: domains: hvabi: d4 stopped: shutdown crash", 4, "shutdown crash");
}

static void test_malformed_lines(void **state)
{
    (void)state;
    assert_malformed("hvabi: d02 stopped: shutdown poweroff", 2,
                     "the domain ID has a leading zero");
    assert_malformed("hvabi: d1234567890 stopped: guest-fault", 123456789,
                     "the domain ID has more than 9 digits");
    assert_malformed("hvabi: d2 stopped shutdown poweroff", 2,
                     "the domain ID is not followed by \" stopped: \"");
    assert_malformed("hvabi: d2: stopped: shutdown poweroff", 2,
                     "the domain ID is not followed by \" stopped: \"");
    assert_malformed("hvabi: d2 stopped: shutdown off", 2,
                     "the cause is not one of the causes of a domain stop");
    assert_malformed("hvabi: d2 stopped: shutdown", 2,
                     "the cause is not one of the causes of a domain stop");
    assert_malformed("hvabi: d2 stopped: hypervisor-error", 2,
                     "the cause is not one of the causes of a domain stop");
    assert_malformed("hvabi: d2 stopped: Guest-Fault", 2,
                     "the cause is not one of the causes of a domain stop");
    assert_malformed("hvabi: d2 stopped: guest-fault:SError", 2,
                     "the cause is followed by a colon without a blank");
    assert_malformed("hvabi: d2 stopped: a cause far too long to be any cause of a stop", 2,
                     "the cause is not one of the causes of a domain stop");
}

static void test_other_lines(void **state)
{
    (void)state;
    assert_none("(XEN) d1v0 Invalid HVC imm 0xea2");
    assert_none("(hv) hvabi: system stopped: hypervisor-error: data abort at EL2");
    assert_none("(hv) d1: domU1: 65536 KiB at 0x5c000000");
    assert_none("hvabi: d stopped: shutdown poweroff");
    assert_none("");
}

static void test_causes(void **state)
{
    (void)state;
    assert_true(stop_line_is_cause("shutdown poweroff"));
    assert_true(stop_line_is_cause("shutdown reboot"));
    assert_true(stop_line_is_cause("shutdown suspend"));
    assert_true(stop_line_is_cause("shutdown crash"));
    assert_true(stop_line_is_cause("shutdown watchdog"));
    assert_true(stop_line_is_cause("shutdown soft_reset"));
    assert_true(stop_line_is_cause("guest-fault"));
    assert_true(stop_line_is_cause("hardware-error"));
    assert_false(stop_line_is_cause("shutdown  poweroff"));
    assert_false(stop_line_is_cause("shutdown poweroff "));
    assert_false(stop_line_is_cause("configuration-error"));
    assert_false(stop_line_is_cause(""));
}

static void test_announcements(void **state)
{
    char *name = NULL;
    char *cause = NULL;

    (void)state;
    assert_true(stop_announcement_parse("# expect stop: sched_op_shutdown_stops  shutdown "
                                        "reboot ",
                                        &name, &cause));
    assert_string_equal(name, "sched_op_shutdown_stops");
    assert_string_equal(cause, "shutdown reboot");
    free(name);
    free(cause);

    /* The cause is taken as written; a wrong one fails the test later. */
    assert_true(stop_announcement_parse("# expect stop: t no-such-cause", &name, &cause));
    assert_string_equal(cause, "no-such-cause");
    free(name);
    free(cause);

    assert_false(stop_announcement_parse("# expect stop:", &name, &cause));
    assert_false(stop_announcement_parse("# expect stop: only_a_name", &name, &cause));
    assert_false(stop_announcement_parse("# expect stop: only_a_name   ", &name, &cause));
    assert_false(stop_announcement_parse("#expect stop: t guest-fault", &name, &cause));
    assert_false(stop_announcement_parse("# expect stopped: t guest-fault", &name, &cause));
    assert_false(stop_announcement_parse("ok 1 t", &name, &cause));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_lines),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_other_lines),
        cmocka_unit_test(test_causes),
        cmocka_unit_test(test_announcements),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
