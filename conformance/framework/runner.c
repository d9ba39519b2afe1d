/*
 * runner.c - run the suite and print KTAP (see runner.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

void test_expect_stop(struct test_context *t, const char *cause)
{
    console_printf("# expect stop: %s %s\n", t->name, cause);
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

bool test_domain_id(const struct test_context *t, const char *name, uint16_t *domid)
{
    char key[48];
    char value[16];
    char *end;
    unsigned long id;

    snprintf(key, sizeof(key), "hvabi.%s", name);
    if (!platform_bootarg(t->platform, key, value, sizeof(value)) || value[0] == '\0') {
        return false;
    }
    id = strtoul(value, &end, 10);
    if (*end != '\0' || id > 0x7fef) {
        return false;
    }
    *domid = (uint16_t)id;
    return true;
}

static unsigned int count_tests(const struct suite_role *role)
{
    unsigned int n = 0;

    for (unsigned int l = 0; role->lists[l] != NULL; l++) {
        for (const struct conformance_test *test = role->lists[l]; test->name != NULL; test++) {
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
    t.name = test->name;
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

/* hvabi.start: 1 when absent; 0 when not a number from 1 to `count`. */
static unsigned int first_test(const struct guest_platform *platform, unsigned int count)
{
    char value[16];
    char *end;
    unsigned long n;

    if (!platform_bootarg(platform, "hvabi.start", value, sizeof(value))) {
        return 1;
    }
    n = strtoul(value, &end, 10);
    if (value[0] == '\0' || *end != '\0' || n < 1 || n > count + 1) {
        return 0;
    }
    return (unsigned int)n;
}

unsigned int run_suite(const struct guest_platform *platform)
{
    char role_name[32] = "main";
    const struct suite_role *role;
    unsigned int count;
    unsigned int first;
    unsigned int number = 0;
    unsigned int failed = 0;

    platform_bootarg(platform, "hvabi.role", role_name, sizeof(role_name));
    role = suite_find_role(role_name);
    if (role != NULL && role->act != NULL) {
        console_printf("# hvabi conformance guest %s, role %s: no tests\n", SUITE_VERSION,
                       role->name);
        role->act(platform);
        return 0;
    }
    console_printf("KTAP version 1\n");
    console_printf("# hvabi conformance guest %s\n", SUITE_VERSION);
    if (role == NULL) {
        console_printf("Bail out! unknown role '%s' (boot argument hvabi.role)\n", role_name);
        return 1;
    }
    count = count_tests(role);
    first = first_test(platform, count);
    if (first == 0) {
        console_printf("Bail out! hvabi.start must be a test number from 1 to %u\n", count);
        return 1;
    }
    console_printf("# role %s\n", role->name);
    console_printf("1..%u\n", count);
    for (unsigned int l = 0; role->lists[l] != NULL; l++) {
        for (const struct conformance_test *test = role->lists[l]; test->name != NULL; test++) {
            number++;
            if (number >= first && !run_one(test, number, platform)) {
                failed++;
            }
        }
    }
    return failed;
}
