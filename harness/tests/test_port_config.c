/*
 * test_port_config.c - reading port.conf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "port_config.h"

static const struct harness_paths test_paths = {
    .source_dir = "/src",
    .build_dir = "/build",
    .cache_dir = "/cache",
};

/* Reads text as if it were the file ports/test/port.conf. */
static int read_text(const char *text, struct port_config *port, struct harness_error *err)
{
    FILE *file = fmemopen((void *)text, strlen(text), "r");
    int status;

    assert_non_null(file);
    status = port_config_read(file, "ports/test/port.conf", &test_paths, port, err);
    fclose(file);
    return status;
}

/* Checks that text is refused with exactly the message expected. */
static void expect_error(const char *text, const char *expected)
{
    struct port_config port;
    struct harness_error err;

    err.message[0] = '\0';
    assert_int_equal(read_text(text, &port, &err), -1);
    assert_string_equal(err.message, expected);
}

static void test_good_file(void **state)
{
    const char *text =
        "# A port description\n"
        "\n"
        "name = xen\n"
        "description =   Xen 4.17, dom0less  \n"
        "hypervisor = @CACHE_DIR@/root/boot/xen\n"
        "   # an indented comment\n"
        "bootargs-property = xen,xen-bootargs\n"
        "hypervisor-bootargs = console=dtuart bootscrub=0 # not a comment\n"
        "machine = virt,virtualization=on\n"
        "cpu = max\n"
        "memory-mib = 2048\n"
        "cpus = 4\n"
        "timeout = 60\n"
        "halts-when-domains-stop = no\n"
        "deviations = deviations.conf\n";
    struct port_config port;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(text, &port, &err), 0);
    assert_string_equal(port.file, "ports/test/port.conf");
    assert_string_equal(port.name, "xen");
    assert_string_equal(port.description, "Xen 4.17, dom0less");
    assert_string_equal(port.hypervisor, "/cache/root/boot/xen");
    assert_int_equal(port.hypervisor_line, 5);
    assert_string_equal(port.bootargs_property, "xen,xen-bootargs");
    assert_string_equal(port.hypervisor_bootargs, "console=dtuart bootscrub=0 # not a comment");
    assert_string_equal(port.machine, "virt,virtualization=on");
    assert_string_equal(port.cpu, "max");
    assert_int_equal(port.memory_mib, 2048);
    assert_int_equal(port.cpus, 4);
    assert_int_equal(port.timeout_seconds, 60);
    assert_false(port.halts_when_domains_stop);
    /* Relative to the port file's directory. */
    assert_string_equal(port.deviations, "ports/test/deviations.conf");
    port_config_free(&port);
}

static void test_defaults(void **state)
{
    const char *text = "name = minimal\r\n"
                       "hypervisor = hv.Image\r\n";
    struct port_config port;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(text, &port, &err), 0);
    assert_string_equal(port.name, "minimal");
    assert_string_equal(port.description, "");
    assert_string_equal(port.hypervisor, "ports/test/hv.Image");
    assert_string_equal(port.bootargs_property, "bootargs");
    assert_string_equal(port.hypervisor_bootargs, "");
    assert_string_equal(port.machine, "virt,virtualization=on,gic-version=3");
    assert_string_equal(port.cpu, "cortex-a57");
    assert_int_equal(port.memory_mib, 1024);
    assert_int_equal(port.cpus, 2);
    assert_int_equal(port.timeout_seconds, 300);
    assert_true(port.halts_when_domains_stop);
    assert_null(port.deviations);
    port_config_free(&port);
}

static void test_placeholders(void **state)
{
    const char *text = "name = p\n"
                       "hypervisor = @BUILD_DIR@/hv/@SOURCE_DIR@@CACHE_DIR@/@OTHER@\n"
                       "description = @SOURCE_DIR@\n"
                       "deviations = none\n";
    struct port_config port;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(text, &port, &err), 0);
    assert_string_equal(port.hypervisor, "/build/hv//src/cache/@OTHER@");
    assert_string_equal(port.description, "/src");
    assert_null(port.deviations);
    port_config_free(&port);
}

static void test_unknown_key(void **state)
{
    (void)state;
    expect_error("name = x\nhypervisor = h\n\ncolour = blue\n",
                 "ports/test/port.conf:4: unknown key 'colour'");
}

static void test_missing_equals(void **state)
{
    (void)state;
    expect_error("name = x\nhypervisor h\n",
                 "ports/test/port.conf:2: expected 'key = value', found 'hypervisor h'");
    expect_error("# comment\n= value\n", "ports/test/port.conf:2: no key before '='");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    expect_error("name = x\nhypervisor = h\n# again\nname = y\n",
                 "ports/test/port.conf:4: duplicate key 'name' (first set on line 1)");
}

static void test_bad_numbers(void **state)
{
    (void)state;
    expect_error("name = x\nhypervisor = h\nmemory-mib = 12x\n",
                 "ports/test/port.conf:3: memory-mib must be a whole number from 1 to 1048576, "
                 "found '12x'");
    expect_error("name = x\nhypervisor = h\ncpus = 0\n",
                 "ports/test/port.conf:3: cpus must be a whole number from 1 to 512, found '0'");
    expect_error("name = x\ntimeout = -5\n",
                 "ports/test/port.conf:2: timeout must be a whole number from 1 to 604800, "
                 "found '-5'");
    expect_error("name = x\ntimeout = 99999999999999999999999\n",
                 "ports/test/port.conf:2: timeout must be a whole number from 1 to 604800, "
                 "found '99999999999999999999999'");
    expect_error("name = x\ncpus =\n",
                 "ports/test/port.conf:2: cpus must be a whole number from 1 to 512, found ''");
}

static void test_bad_yes_no(void **state)
{
    (void)state;
    expect_error("name = x\nhalts-when-domains-stop = true\n",
                 "ports/test/port.conf:2: halts-when-domains-stop must be 'yes' or 'no', "
                 "found 'true'");
    expect_error("name = x\nhalts-when-domains-stop = Yes\n",
                 "ports/test/port.conf:2: halts-when-domains-stop must be 'yes' or 'no', "
                 "found 'Yes'");
}

static void test_required_keys(void **state)
{
    (void)state;
    expect_error("hypervisor = h\n",
                 "ports/test/port.conf: no 'name' key; every port needs a name");
    expect_error("name = x\n",
                 "ports/test/port.conf: no 'hypervisor' key; it names the image QEMU boots");
    expect_error("name =\nhypervisor = h\n",
                 "ports/test/port.conf:1: name must not be empty");
    expect_error("name = x\nhypervisor =  \n",
                 "ports/test/port.conf:2: hypervisor must not be empty");
    expect_error("name = x\nhypervisor = h\nbootargs-property =\n",
                 "ports/test/port.conf:3: bootargs-property must not be empty");
}

static void test_no_sections(void **state)
{
    (void)state;
    expect_error("name = x\n[section]\n",
                 "ports/test/port.conf:2: section headers such as '[section]' are not used in "
                 "this file");
}

static void test_empty_values_allowed(void **state)
{
    const char *text = "name = x\nhypervisor = /h\ndescription =\nhypervisor-bootargs =\n"
                       "deviations =\n";
    struct port_config port;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(text, &port, &err), 0);
    assert_string_equal(port.description, "");
    assert_string_equal(port.hypervisor_bootargs, "");
    assert_null(port.deviations);
    port_config_free(&port);
}

static void test_missing_file(void **state)
{
    struct port_config port;
    struct harness_error err;

    (void)state;
    assert_int_equal(port_config_load("/nonexistent/port.conf", &test_paths, &port, &err), -1);
    assert_string_equal(err.message, "cannot open port description /nonexistent/port.conf: "
                                     "No such file or directory");
}

static void test_binary_garbage(void **state)
{
    const char garbage[] = "name = x\n\x01\x02\xff\x00garbage\n";
    FILE *file = fmemopen((void *)garbage, sizeof(garbage) - 1, "r");
    struct port_config port;
    struct harness_error err;

    (void)state;
    assert_non_null(file);
    assert_int_equal(port_config_read(file, "g.conf", &test_paths, &port, &err), -1);
    assert_string_equal(err.message, "g.conf:2: expected 'key = value', found '\x01\x02\xff'");
    fclose(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_missing_equals),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_bad_yes_no),
        cmocka_unit_test(test_required_keys),
        cmocka_unit_test(test_no_sections),
        cmocka_unit_test(test_empty_values_allowed),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_binary_garbage),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
