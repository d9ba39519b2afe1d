/*
 * test_console_io.c - the console_io hypercall (spec/chapters/console_io.rst):
 * a domain's bytes become "(d<N>) " lines of the system console, with
 * everything but printable ASCII and tab dropped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/console_io.h>
#include <hvabi/errno.h>

static _Alignas(4096) uint8_t ram[4 * PAGE_SIZE];
static struct vcpu *v;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    return 0;
}

/* Writes `text` (without its NUL) through CONSOLEIO_write from guest RAM at `offset`. */
static int64_t write_at(uint64_t offset, const char *text)
{
    size_t len = strlen(text);

    return do_console_io(v, HVABI_CONSOLEIO_WRITE, (uint32_t)len,
                         guest_fixture_put(offset, text, len));
}

static void test_a_line_gets_the_domain_prefix(void **state)
{
    (void)state;
    assert_int_equal(write_at(0, "hello\n"), 0);
    expect_console("(d1) hello\n");
}

static void test_a_line_is_held_until_its_newline(void **state)
{
    (void)state;
    assert_int_equal(write_at(0, "abc"), 0);
    expect_console("");
    assert_int_equal(write_at(100, "def\n"), 0);
    expect_console("(d1) abcdef\n");
}

static void test_several_lines_in_one_write(void **state)
{
    (void)state;
    assert_int_equal(write_at(0, "one\ntwo\n\nthree\n"), 0);
    expect_console("(d1) one\n(d1) two\n(d1) \n(d1) three\n");
}

static void test_only_printable_ascii_and_tab_are_kept(void **state)
{
    (void)state;
    assert_int_equal(write_at(0, "\x1b[31mred\x07\ttab\r\x7f\x80\xc3\xa9\xff~ !\n"), 0);
    expect_console("(d1) [31mred\ttab~ !\n");
}

static void test_a_long_line_is_split_at_the_line_buffer(void **state)
{
    char text[300 + 2];
    char expected[400];

    (void)state;
    memset(text, 'x', 300);
    strcpy(text + 300, "\n");
    assert_int_equal(write_at(0, text), 0);
    /* DOMAIN_CONSOLE_LINE_MAX (256) characters, then the remaining 44. */
    strcpy(expected, "(d1) ");
    memset(expected + 5, 'x', DOMAIN_CONSOLE_LINE_MAX);
    strcpy(expected + 5 + DOMAIN_CONSOLE_LINE_MAX, "\n(d1) ");
    memset(expected + 5 + DOMAIN_CONSOLE_LINE_MAX + 6, 'x', 44);
    strcpy(expected + 5 + DOMAIN_CONSOLE_LINE_MAX + 6 + 44, "\n");
    expect_console(expected);
}

static void test_a_line_of_the_buffer_length_and_its_newline_is_one_line(void **state)
{
    char text[DOMAIN_CONSOLE_LINE_MAX + 2];
    char expected[DOMAIN_CONSOLE_LINE_MAX + 8];

    (void)state;
    memset(text, 'x', DOMAIN_CONSOLE_LINE_MAX);
    strcpy(text + DOMAIN_CONSOLE_LINE_MAX, "\n");
    assert_int_equal(write_at(0, text), 0);
    strcpy(expected, "(d1) ");
    memset(expected + 5, 'x', DOMAIN_CONSOLE_LINE_MAX);
    strcpy(expected + 5 + DOMAIN_CONSOLE_LINE_MAX, "\n");
    expect_console(expected);
}

static void test_a_full_line_is_held_until_more_arrives(void **state)
{
    char text[DOMAIN_CONSOLE_LINE_MAX + 1];
    char expected[DOMAIN_CONSOLE_LINE_MAX + 8];

    (void)state;
    /* 256 bytes may be held back (hvabi~console-io-output-held-back~1). */
    memset(text, 'x', DOMAIN_CONSOLE_LINE_MAX);
    text[DOMAIN_CONSOLE_LINE_MAX] = '\0';
    assert_int_equal(write_at(0, text), 0);
    expect_console("");
    /* The 257th is one too many: the 256 come out as a line of their own. */
    assert_int_equal(write_at(1024, "y"), 0);
    strcpy(expected, "(d1) ");
    memset(expected + 5, 'x', DOMAIN_CONSOLE_LINE_MAX);
    strcpy(expected + 5 + DOMAIN_CONSOLE_LINE_MAX, "\n");
    expect_console(expected);
    assert_int_equal(write_at(1024, "\n"), 0);
    expect_console("(d1) y\n");
}

static void test_domains_have_lines_of_their_own(void **state)
{
    struct domain *other;
    const char *text = "xyz\n";

    (void)state;
    assert_int_equal(write_at(0, "abc"), 0);
    other = core_fixture_domain("other", 1);
    core_fixture_give_ram(other, ram, sizeof(ram)); /* the same memory: this is about the lines */
    core_fixture_start(other);
    assert_int_equal(do_console_io(&other->vcpus[0], HVABI_CONSOLEIO_WRITE, 4,
                                   guest_fixture_put(200, text, 4)),
                     0);
    assert_int_equal(write_at(300, "\n"), 0);
    expect_console("(d2) xyz\n(d1) abc\n");
}

static void test_writing_nothing_reads_nothing(void **state)
{
    (void)state;
    /* The buffer is not mapped: a count of 0 must not touch it. */
    assert_int_equal(do_console_io(v, HVABI_CONSOLEIO_WRITE, 0, 0xdead0000ULL), 0);
    assert_int_equal(fake_arch.va_lookups, 0);
    expect_console("");
}

static void test_unmapped_buffer_faults(void **state)
{
    (void)state;
    assert_int_equal(do_console_io(v, HVABI_CONSOLEIO_WRITE, 4, 0xdead0000ULL), -HVABI_EFAULT);
    /* Mapped by the guest, but past the end of its RAM. */
    assert_int_equal(do_console_io(v, HVABI_CONSOLEIO_WRITE, 1, GUEST_VA + sizeof(ram)),
                     -HVABI_EFAULT);
    expect_console("");
}

static void test_buffer_running_off_the_mapped_pages_faults(void **state)
{
    char text[200];

    (void)state;
    /* The first 128-byte chunk is in the last mapped page, with a whole line; the next is not. */
    memset(text, 'a', sizeof(text));
    text[9] = '\n';
    guest_fixture_put(sizeof(ram) - 130, text, 130);
    assert_int_equal(do_console_io(v, HVABI_CONSOLEIO_WRITE, sizeof(text),
                                   GUEST_VA + sizeof(ram) - 130),
                     -HVABI_EFAULT);
    /* The bytes before the fault may have been output: here the first line was. */
    expect_console("(d1) aaaaaaaaa\n");
}

static void test_long_write_across_pages(void **state)
{
    static const char line[] = "0123456789abcde\n";
    static char text[3 * PAGE_SIZE];
    static char expected[3 * PAGE_SIZE / 16 * 21 + 1];
    size_t length = 0;

    (void)state;
    /* Three pages of 16-byte lines, starting inside the first page: many chunks, four pages. */
    for (unsigned int i = 0; i < sizeof(text); i++) {
        text[i] = line[i % 16];
    }
    for (unsigned int i = 0; i < sizeof(text) / 16; i++) {
        memcpy(&expected[length], "(d1) ", 5);
        memcpy(&expected[length + 5], line, 16);
        length += 21;
    }
    expected[length] = '\0';
    guest_fixture_put(1024, text, sizeof(text));
    assert_int_equal(do_console_io(v, HVABI_CONSOLEIO_WRITE, sizeof(text), GUEST_VA + 1024), 0);
    expect_console(expected);
}

static void test_other_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = { 1, 2, 0x80000000U, 0xffffffffU };
    const uint64_t text = guest_fixture_put(0, "x\n", 2);

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_console_io(v, commands[i], 2, text), -HVABI_ENOSYS);
    }
    expect_console("");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_a_line_gets_the_domain_prefix, setup),
        cmocka_unit_test_setup(test_a_line_is_held_until_its_newline, setup),
        cmocka_unit_test_setup(test_several_lines_in_one_write, setup),
        cmocka_unit_test_setup(test_only_printable_ascii_and_tab_are_kept, setup),
        cmocka_unit_test_setup(test_a_long_line_is_split_at_the_line_buffer, setup),
        cmocka_unit_test_setup(test_a_line_of_the_buffer_length_and_its_newline_is_one_line, setup),
        cmocka_unit_test_setup(test_a_full_line_is_held_until_more_arrives, setup),
        cmocka_unit_test_setup(test_domains_have_lines_of_their_own, setup),
        cmocka_unit_test_setup(test_writing_nothing_reads_nothing, setup),
        cmocka_unit_test_setup(test_unmapped_buffer_faults, setup),
        cmocka_unit_test_setup(test_buffer_running_off_the_mapped_pages_faults, setup),
        cmocka_unit_test_setup(test_long_write_across_pages, setup),
        cmocka_unit_test_setup(test_other_commands_fail_with_enosys, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
