/*
 * runner.c - run the suite and print KTAP (see runner.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "framework/runner.h"
#include "framework/suite.h"
#include "guest/console.h"

#define SUITE_VERSION "0.1"

bool expect(struct test_context *t, bool condition, const char *fmt, ...)
{
    char message[CONSOLE_LINE_MAX - 16];
    va_list args;

    if (condition) {
        return true;
    }
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    console_printf("# FAIL: %s\n", message);
    t->failures++;
    return false;
}

bool expect_result(struct test_context *t, const char *what, int64_t actual, int64_t expected)
{
    return expect(t, actual == expected, "%s: expected %lld, got %lld", what,
                  (long long)expected, (long long)actual);
}

void test_skip(struct test_context *t, const char *reason)
{
    t->skipped = true;
    snprintf(t->skip_reason, sizeof(t->skip_reason), "%s", reason);
}

void test_note(struct test_context *t, const char *fmt, ...)
{
    char message[CONSOLE_LINE_MAX - 16];
    va_list args;

    (void)t;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    console_printf("# %s\n", message);
}

static unsigned int count_tests(void)
{
    unsigned int n = 0;

    for (unsigned int l = 0; suite_lists[l] != NULL; l++) {
        for (const struct conformance_test *test = suite_lists[l]; test->name != NULL; test++) {
            n++;
        }
    }
    return n;
}

static bool run_one(const struct conformance_test *test, unsigned int number,
                    const struct guest_platform *platform)
{
    struct test_context t;

    memset(&t, 0, sizeof(t));
    t.platform = platform;
    console_printf("# verifies: %s\n", test->verifies);
    test->run(&t);

    if (t.failures != 0) {
        console_printf("not ok %u %s\n", number, test->name);
        return false;
    }
    if (t.skipped) {
        console_printf("ok %u %s # SKIP %s\n", number, test->name, t.skip_reason);
    } else {
        console_printf("ok %u %s\n", number, test->name);
    }
    return true;
}

unsigned int run_suite(const struct guest_platform *platform)
{
    unsigned int number = 0;
    unsigned int failed = 0;

    console_printf("KTAP version 1\n");
    console_printf("# hvabi conformance guest %s\n", SUITE_VERSION);
    console_printf("1..%u\n", count_tests());
    for (unsigned int l = 0; suite_lists[l] != NULL; l++) {
        for (const struct conformance_test *test = suite_lists[l]; test->name != NULL; test++) {
            number++;
            if (!run_one(test, number, platform)) {
                failed++;
            }
        }
    }
    return failed;
}
