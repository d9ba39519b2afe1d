/*
 * test_deviations.c - reading deviations.conf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "deviations.h"

static int read_text(const char *text, struct deviation_list *list, struct harness_error *err)
{
    FILE *file = fmemopen((void *)text, strlen(text), "r");
    int status;

    assert_non_null(file);
    status = deviations_read(file, "dev.conf", list, err);
    fclose(file);
    return status;
}

static void expect_error(const char *text, const char *expected)
{
    struct deviation_list list;
    struct harness_error err;

    err.message[0] = '\0';
    assert_int_equal(read_text(text, &list, &err), -1);
    assert_string_equal(err.message, expected);
    assert_int_equal(list.count, 0);
    assert_null(list.items);
}

static const char good_file[] =
    "# Known deviations\n"
    "\n"
    "[XEN-001]\n"
    "test = aarch64_call_invalid_immediate\n"
    "requirement = hvabi~aarch64-call-invalid-immediate~1\n"
    "observed = ELR_EL1 points after the HVC = wrong # really\n"
    "reason = The architecture says so.\n"
    "\n"
    "[ XEN-002 ]\n"
    "reason = Order does not matter.\n"
    "observed = Something else.\n"
    "requirement = hvabi~other~1\n"
    "test = other_test\n";

static void test_good_file(void **state)
{
    struct deviation_list list;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(good_file, &list, &err), 0);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].id, "XEN-001");
    assert_int_equal(list.items[0].line, 3);
    assert_string_equal(list.items[0].test, "aarch64_call_invalid_immediate");
    assert_string_equal(list.items[0].requirement, "hvabi~aarch64-call-invalid-immediate~1");
    assert_string_equal(list.items[0].observed, "ELR_EL1 points after the HVC = wrong # really");
    assert_string_equal(list.items[0].reason, "The architecture says so.");
    assert_string_equal(list.items[1].id, "XEN-002");
    assert_string_equal(list.items[1].test, "other_test");
    assert_string_equal(list.items[1].reason, "Order does not matter.");

    assert_ptr_equal(deviations_find_test(&list, "other_test"), &list.items[1]);
    assert_null(deviations_find_test(&list, "no_such_test"));
    assert_null(deviations_find_test(NULL, "other_test"));
    deviations_free(&list);
}

static void test_empty_file(void **state)
{
    struct deviation_list list;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text("# nothing yet\n\n", &list, &err), 0);
    assert_int_equal(list.count, 0);
    deviations_free(&list);
}

static void test_unknown_key(void **state)
{
    (void)state;
    expect_error("[A-1]\ntest = t\nseverity = high\n",
                 "dev.conf:3: unknown key 'severity' in [A-1]");
}

static void test_missing_key(void **state)
{
    (void)state;
    /* Reported at the section's header, when the section ends... */
    expect_error("[A-1]\ntest = t\nrequirement = r\nobserved = o\n\n[A-2]\n",
                 "dev.conf:1: deviation [A-1] has no 'reason' key");
    /* ... also at the end of the file. */
    expect_error("[A-1]\ntest = t\nrequirement = r\nobserved = o\nreason = x\n[A-2]\ntest = u\n",
                 "dev.conf:6: deviation [A-2] has no 'requirement' key");
}

static void test_duplicate_id(void **state)
{
    (void)state;
    expect_error("[A-1]\ntest = t\nrequirement = r\nobserved = o\nreason = x\n"
                 "[A-1]\n",
                 "dev.conf:6: duplicate deviation ID [A-1] (first on line 1)");
}

static void test_duplicate_test(void **state)
{
    (void)state;
    expect_error("[A-1]\ntest = t\nrequirement = r\nobserved = o\nreason = x\n"
                 "[A-2]\nrequirement = r\ntest = t\n",
                 "dev.conf:8: test 't' is already listed as deviation [A-1] (line 1)");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    expect_error("[A-1]\ntest = t\ntest = u\n",
                 "dev.conf:3: duplicate key 'test' in [A-1] (first on line 2)");
}

static void test_text_outside_section(void **state)
{
    (void)state;
    expect_error("# header\ntest = t\n",
                 "dev.conf:2: 'test = ...' outside a section; start one with [ID]");
    expect_error("[A-1]\njust some words\n",
                 "dev.conf:2: expected 'key = value', found 'just some words'");
}

static void test_bad_headers_and_values(void **state)
{
    (void)state;
    expect_error("[A-1\n", "dev.conf:1: a section header must look like '[NAME]', found '[A-1'");
    expect_error("[  ]\n", "dev.conf:1: empty section name");
    expect_error("[A-1]\ntest =\n", "dev.conf:2: 'test' in [A-1] must not be empty");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_missing_key),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_duplicate_test),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_text_outside_section),
        cmocka_unit_test(test_bad_headers_and_values),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
