/*
 * test_options.c - the command line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

#define ARGUMENT_COUNT(argv) ((int)(sizeof(argv) / sizeof((argv)[0])))

static void expect_error(int argc, char *argv[], const char *expected)
{
    struct command_line command_line;
    struct harness_error err;

    err.message[0] = '\0';
    assert_int_equal(options_parse(argc, argv, &command_line, &err), -1);
    assert_string_equal(err.message, expected);
    options_free(&command_line);
}

static void test_defaults(void **state)
{
    char *argv[] = { "hvabi-harness", "run" };
    struct command_line command_line;
    struct harness_error err;

    (void)state;
    assert_int_equal(options_parse(ARGUMENT_COUNT(argv), argv, &command_line, &err), 0);
    assert_int_equal(command_line.command, COMMAND_RUN);
    assert_string_equal(command_line.run.port_name, "reference-hv");
    assert_string_equal(command_line.run.qemu, "qemu-system-aarch64");
    assert_null(command_line.run.port_file);
    assert_null(command_line.run.guest);
    assert_false(command_line.run.timeout_given);
    assert_null(command_line.run.junit_path);
    assert_null(command_line.run.ktap_path);
    assert_null(command_line.run.log_path);
    assert_null(command_line.run.keep_dir);
    assert_false(command_line.run.expect_deviations);
    assert_false(command_line.run.verbose);
    assert_false(command_line.run.icount);
    assert_int_equal(command_line.run.scenario_names.count, 0);
    assert_int_equal(command_line.run.scenario_files.count, 0);
    assert_int_equal(command_line.run.system_trees.count, 0);
    assert_false(command_line.run.list_scenarios);
    assert_int_equal(command_line.run.inactivity_seconds, 15);
    assert_int_equal(command_line.run.max_restarts, 8);
    options_free(&command_line);
}

static void test_every_option(void **state)
{
    char *argv[] = {
        "hvabi-harness", "run", "--port", "xen", "--guest", "g.Image", "--timeout=42",
        "--junit", "j.xml", "--ktap=k.tap", "--log", "raw.log", "--expect-deviations",
        "--verbose", "--qemu", "/opt/qemu", "--icount", "--keep-dir", "trees",
        "--scenario", "pair", "--scenario-file=/x/y.conf", "--scenario=solo",
        "--list-scenarios", "--inactivity", "3", "--max-restarts=0",
        "--system-tree", "modules", "--system-tree=evtchn-peers", "--system-tree-file", "t.conf",
    };
    struct command_line command_line;
    struct harness_error err;

    (void)state;
    assert_int_equal(options_parse(ARGUMENT_COUNT(argv), argv, &command_line, &err), 0);
    assert_int_equal(command_line.command, COMMAND_RUN);
    assert_string_equal(command_line.run.port_name, "xen");
    assert_string_equal(command_line.run.guest, "g.Image");
    assert_true(command_line.run.timeout_given);
    assert_int_equal(command_line.run.timeout_seconds, 42);
    assert_string_equal(command_line.run.junit_path, "j.xml");
    assert_string_equal(command_line.run.ktap_path, "k.tap");
    assert_string_equal(command_line.run.log_path, "raw.log");
    assert_true(command_line.run.expect_deviations);
    assert_true(command_line.run.verbose);
    assert_string_equal(command_line.run.qemu, "/opt/qemu");
    assert_true(command_line.run.icount);
    assert_string_equal(command_line.run.keep_dir, "trees");
    /* Repeated options keep every value, in order. */
    assert_int_equal(command_line.run.scenario_names.count, 2);
    assert_string_equal(command_line.run.scenario_names.items[0], "pair");
    assert_string_equal(command_line.run.scenario_names.items[1], "solo");
    assert_int_equal(command_line.run.scenario_files.count, 1);
    assert_string_equal(command_line.run.scenario_files.items[0], "/x/y.conf");
    assert_int_equal(command_line.run.system_trees.count, 2);
    assert_string_equal(command_line.run.system_trees.items[0], "modules");
    assert_string_equal(command_line.run.system_trees.items[1], "evtchn-peers");
    assert_int_equal(command_line.run.system_tree_files.count, 1);
    assert_string_equal(command_line.run.system_tree_files.items[0], "t.conf");
    assert_true(command_line.run.list_scenarios);
    assert_int_equal(command_line.run.inactivity_seconds, 3);
    assert_int_equal(command_line.run.max_restarts, 0);
    options_free(&command_line);
}

static void test_port_file(void **state)
{
    char *argv[] = { "hvabi-harness", "run", "--port-file", "/vendor/port.conf" };
    char *both[] = { "hvabi-harness", "run", "--port-file", "a.conf", "--port", "xen" };
    struct command_line command_line;
    struct harness_error err;

    (void)state;
    assert_int_equal(options_parse(ARGUMENT_COUNT(argv), argv, &command_line, &err), 0);
    assert_string_equal(command_line.run.port_file, "/vendor/port.conf");
    options_free(&command_line);
    expect_error(ARGUMENT_COUNT(both), both,
                 "options --port and --port-file exclude each other; see --help");
}

static void test_help(void **state)
{
    char *help[] = { "hvabi-harness", "--help" };
    char *run_help[] = { "hvabi-harness", "run", "--port", "xen", "--help" };
    struct command_line command_line;
    struct harness_error err;

    (void)state;
    assert_int_equal(options_parse(ARGUMENT_COUNT(help), help, &command_line, &err), 0);
    assert_int_equal(command_line.command, COMMAND_HELP);
    assert_int_equal(options_parse(ARGUMENT_COUNT(run_help), run_help, &command_line, &err), 0);
    assert_int_equal(command_line.command, COMMAND_HELP);
    options_free(&command_line);
}

static void test_bad_command_lines(void **state)
{
    char *none[] = { "hvabi-harness" };
    char *command[] = { "hvabi-harness", "walk" };
    char *unknown[] = { "hvabi-harness", "run", "--bogus" };
    char *no_value[] = { "hvabi-harness", "run", "--port" };
    char *empty_value[] = { "hvabi-harness", "run", "--guest=" };
    char *flag_value[] = { "hvabi-harness", "run", "--verbose=yes" };
    char *timeout[] = { "hvabi-harness", "run", "--timeout", "10s" };
    char *zero[] = { "hvabi-harness", "run", "--timeout", "0" };
    char *huge[] = { "hvabi-harness", "run", "--timeout", "99999999999999999999" };
    char *positional[] = { "hvabi-harness", "run", "xen" };
    char *inactivity[] = { "hvabi-harness", "run", "--inactivity", "0" };
    char *restarts[] = { "hvabi-harness", "run", "--max-restarts", "1001" };
    char *no_scenario[] = { "hvabi-harness", "run", "--scenario" };

    (void)state;
    expect_error(ARGUMENT_COUNT(none), none, "no command given; see --help");
    expect_error(ARGUMENT_COUNT(command), command, "unknown command 'walk'; see --help");
    expect_error(ARGUMENT_COUNT(unknown), unknown, "unknown option '--bogus'; see --help");
    expect_error(ARGUMENT_COUNT(no_value), no_value, "option --port needs a value; see --help");
    expect_error(ARGUMENT_COUNT(empty_value), empty_value,
                 "option --guest needs a value; see --help");
    expect_error(ARGUMENT_COUNT(flag_value), flag_value,
                 "option --verbose takes no value; see --help");
    expect_error(ARGUMENT_COUNT(timeout), timeout,
                 "option --timeout: '10s' is not a whole number of seconds from 1 to 604800; "
                 "see --help");
    expect_error(ARGUMENT_COUNT(zero), zero,
                 "option --timeout: '0' is not a whole number of seconds from 1 to 604800; "
                 "see --help");
    expect_error(ARGUMENT_COUNT(huge), huge,
                 "option --timeout: '99999999999999999999' is not a whole number of seconds "
                 "from 1 to 604800; see --help");
    expect_error(ARGUMENT_COUNT(positional), positional, "unknown option 'xen'; see --help");
    expect_error(ARGUMENT_COUNT(inactivity), inactivity,
                 "option --inactivity: '0' is not a whole number of seconds from 1 to 604800; "
                 "see --help");
    expect_error(ARGUMENT_COUNT(restarts), restarts,
                 "option --max-restarts: '1001' is not a whole number of boots from 0 to 1000; "
                 "see --help");
    expect_error(ARGUMENT_COUNT(no_scenario), no_scenario,
                 "option --scenario needs a value; see --help");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_port_file),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_bad_command_lines),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
