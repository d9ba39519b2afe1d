/*
 * test.h - how a conformance test is declared and how it reports.
 *
 * A test is a function with a name and the list of requirement tags it
 * verifies.  It reports through its struct test_context: a failed
 * expectation prints a KTAP diagnostic line ("# ...") and marks the test
 * failed; the test goes on, so one run shows every failed expectation.
 * Tests are listed in plain arrays (one per test file, ended by an entry
 * whose name is NULL) that suite.c collects.
 */
#ifndef HVABI_CONFORMANCE_TEST_H
#define HVABI_CONFORMANCE_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest/platform.h"

struct test_context {
    const struct guest_platform *platform;
    const char *name; /* of the test that runs */
    unsigned int failures;
    bool skipped;
    char skip_reason[96];
};

struct conformance_test {
    const char *name;     /* unique, lower_snake_case: the KTAP description */
    const char *verifies; /* requirement tags, separated by spaces */
    void (*run)(struct test_context *t);
};

/*
 * Records a failure unless `condition` holds.  The message describes what
 * was expected, in printf form.  Returns `condition`.
 */
bool expect(struct test_context *t, bool condition, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a failure unless `actual == expected`; `what` names the value. */
bool expect_result(struct test_context *t, const char *what, int64_t actual, int64_t expected);

/* Ends the test as skipped (the caller returns right after). */
void test_skip(struct test_context *t, const char *reason);

/*
 * The domain ID that the boot argument hvabi.<name>=<id> gives: the harness
 * names this domain "domain" and every other domain of the scenario by its
 * name in the scenario file.  Returns false when the argument is missing or
 * not a domain ID (0 to 0x7fef).
 */
bool test_domain_id(const struct test_context *t, const char *name, uint16_t *domid);

/*
 * Announces that this test ends with the stop of its own domain, which the
 * hypervisor reports on its console with the domain stop line and the
 * given cause (spec: safety.rst, "Diagnostics"; e.g. "shutdown reboot").
 * Prints "# expect stop: <test name> <cause>": the harness then takes that
 * stop line as the test's result.  A test that finds itself still running
 * after the act that should have stopped it records the failure and
 * returns as usual; its own result cancels the announcement.
 */
void test_expect_stop(struct test_context *t, const char *cause);

/* Prints an informational KTAP diagnostic line. */
void test_note(struct test_context *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* HVABI_CONFORMANCE_TEST_H */
