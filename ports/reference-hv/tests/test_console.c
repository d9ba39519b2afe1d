/*
 * test_console.c - the system console (core/console.h): "(hv) " lines of
 * the hypervisor and "(d<N>) " lines of domains, on the UART of the tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_uart.h"
#include "core/console.h"
#include "tests/support/core_fixture.h"

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    return 0;
}

static void test_hv_log_prefixes_and_formats(void **state)
{
    (void)state;
    hv_log("d%u: %s at 0x%llx\n", 3U, "fault", 0x1234ULL);
    assert_int_equal(fake_uart_last_base(), TEST_UART_BASE);
    expect_console("(hv) d3: fault at 0x1234\n");
}

static void test_hv_log_cuts_a_long_message_to_one_line(void **state)
{
    char message[400];
    char expected[300];

    (void)state;
    memset(message, 'm', sizeof(message) - 1);
    message[sizeof(message) - 1] = '\0';
    hv_log("%s\n", message);
    /* 254 characters of the message and the newline: 255 of the 256-byte line buffer. */
    strcpy(expected, "(hv) ");
    memset(expected + 5, 'm', 254);
    strcpy(expected + 5 + 254, "\n");
    expect_console(expected);
}

static void test_hv_log_at_the_longest_is_not_cut(void **state)
{
    char message[256];
    char expected[300];

    (void)state;
    memset(message, 'm', 254);
    message[254] = '\0';
    hv_log("%s\n", message);
    strcpy(expected, "(hv) ");
    strcat(expected, message);
    strcat(expected, "\n");
    expect_console(expected);
}

static void test_domain_line_takes_length_bytes(void **state)
{
    (void)state;
    console_domain_line(7, "hello, world", 5);
    console_domain_line(65535, "", 0);
    expect_console("(d7) hello\n(d65535) \n");
}

static void test_no_uart_drops_the_output(void **state)
{
    (void)state;
    console_init(0);
    hv_log("lost\n");
    console_domain_line(1, "lost", 4);
    expect_console("");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_hv_log_prefixes_and_formats, setup),
        cmocka_unit_test_setup(test_hv_log_cuts_a_long_message_to_one_line, setup),
        cmocka_unit_test_setup(test_hv_log_at_the_longest_is_not_cut, setup),
        cmocka_unit_test_setup(test_domain_line_takes_length_bytes, setup),
        cmocka_unit_test_setup(test_no_uart_drops_the_output, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
