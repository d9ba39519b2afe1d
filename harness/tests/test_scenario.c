/*
 * test_scenario.c - scenario files, the list of scenarios a run boots, and
 * the domains' boot arguments made from a scenario.
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
#include "crc32.h"
#include "ramdisk.h"
#include "scenario.h"
#include "scenario_list.h"
#include "topology.h"

/* Compiled in by CMake. */
static const char fixtures[] = HARNESS_TEST_SCENARIOS;
static const char default_file[] = HARNESS_DEFAULT_SCENARIO;

static int read_text(const char *text, struct scenario *scenario, struct harness_error *err)
{
    FILE *file = fmemopen((void *)text, strlen(text), "r");
    int status;

    assert_non_null(file);
    err->message[0] = '\0';
    status = scenario_read(file, "s.conf", "s", scenario, err);
    fclose(file);
    return status;
}

static void expect_error(const char *text, const char *expected)
{
    struct scenario scenario;
    struct harness_error err;

    assert_int_equal(read_text(text, &scenario, &err), -1);
    assert_string_equal(err.message, expected);
    /* Nothing is left to free. */
    assert_null(scenario.domains);
    assert_null(scenario.name);
}

#define HEAD "description = d\norder = 1\n"                  /* lines 1-2 */
#define MAIN "[domain main]\nmemory-mib = 64\ncpus = 1\nbootargs = b\n" /* 4 lines */
#define PEER "[domain peer]\nmemory-mib = 32\ncpus = 1\nbootargs = p\n" /* 4 lines */

static void test_good_file(void **state)
{
    struct scenario scenario;
    struct harness_error err;
    char *file = alloc_printf("%s/%s", fixtures, "three/pair.conf");

    (void)state;
    assert_int_equal(scenario_load(file, "pair", &scenario, &err), 0);
    assert_string_equal(scenario.name, "pair");
    assert_string_equal(scenario.file, file);
    assert_false(scenario.is_default);
    assert_string_equal(scenario.description,
                        "two domains: interdomain event channels, remote operations");
    assert_int_equal(scenario.order, 20);
    assert_int_equal(scenario.domain_count, 2);
    assert_string_equal(scenario.domains[0].name, "main");
    assert_int_equal(scenario.domains[0].memory_mib, 64);
    assert_int_equal(scenario.domains[0].cpus, 1);
    assert_int_equal(scenario.domains[0].expect, DOMAIN_EXPECT_RESULTS);
    assert_string_equal(scenario.domains[0].bootargs, "hvabi.role=main");
    assert_int_equal(scenario.domains[0].line, 5);
    assert_string_equal(scenario.domains[1].name, "peer");
    assert_int_equal(scenario.domains[1].memory_mib, 32);
    /* expect is optional: results. */
    assert_int_equal(scenario.domains[1].expect, DOMAIN_EXPECT_RESULTS);
    assert_int_equal(scenario.channel_count, 1);
    assert_int_equal(scenario.channels[0].ends[0].domain, 0);
    assert_int_equal(scenario.channels[0].ends[0].port, 10);
    assert_int_equal(scenario.channels[0].ends[1].domain, 1);
    assert_int_equal(scenario.channels[0].ends[1].port, 10);
    assert_int_equal(scenario.channels[0].line, 16);
    assert_int_equal(scenario_memory_mib(&scenario), 96);
    assert_int_equal(scenario_result_domain_count(&scenario), 2);
    scenario_free(&scenario);
    free(file);
}

static void test_channel_before_domains_and_stopped_domain(void **state)
{
    struct scenario scenario;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(HEAD "[static-evtchn]\npeer-port = 4095\nmain-port = 1\n" MAIN
                                    "[domain peer]\nmemory-mib = 8\ncpus = 128\n"
                                    "expect = stopped\nbootargs =\n",
                               &scenario, &err),
                     0);
    assert_int_equal(scenario.channels[0].ends[0].domain, 1);
    assert_int_equal(scenario.channels[0].ends[0].port, 4095);
    assert_int_equal(scenario.channels[0].ends[1].domain, 0);
    assert_int_equal(scenario.channels[0].ends[1].port, 1);
    assert_int_equal(scenario.domains[1].expect, DOMAIN_EXPECT_STOPPED);
    assert_int_equal(scenario.domains[0].capabilities, 0);
    assert_int_equal(scenario.domains[1].cpus, 128);
    assert_string_equal(scenario.domains[1].bootargs, "");
    assert_int_equal(scenario_result_domain_count(&scenario), 1);
    scenario_free(&scenario);
}

static void test_unknown_keys_and_sections(void **state)
{
    (void)state;
    expect_error(HEAD "colour = red\n" MAIN,
                 "s.conf:3: unknown key 'colour' (before the first section)");
    expect_error(HEAD MAIN "colour = red\n", "s.conf:7: unknown key 'colour'");
    expect_error(HEAD MAIN "[domian peer]\n",
                 "s.conf:7: unknown section '[domian peer]'; the sections are [domain NAME] "
                 "and [static-evtchn]");
    expect_error(HEAD MAIN "[domain]\n",
                 "s.conf:7: unknown section '[domain]'; the sections are [domain NAME] and "
                 "[static-evtchn]");
    expect_error(HEAD MAIN "[static-evtchn]\nmain = 3\n",
                 "s.conf:8: unknown key 'main'; [static-evtchn] takes '<domain>-port' keys");
    expect_error(HEAD MAIN "cpus = 2\n", "s.conf:7: duplicate key 'cpus' (first set on line 5)");
}

static void test_missing_keys(void **state)
{
    (void)state;
    expect_error("order = 1\n" MAIN, "s.conf: no 'description' key before the first section");
    expect_error("description = d\n" MAIN, "s.conf: no 'order' key before the first section");
    expect_error(HEAD "[domain main]\nmemory-mib = 64\nbootargs = b\n" PEER,
                 "s.conf:3: [domain main] has no 'cpus' key");
    expect_error(HEAD MAIN "[domain peer]\ncpus = 1\nbootargs = p\n",
                 "s.conf:7: [domain peer] has no 'memory-mib' key");
    expect_error(HEAD "[domain main]\nmemory-mib = 64\ncpus = 1\n",
                 "s.conf:3: [domain main] has no 'bootargs' key");
    expect_error(HEAD, "s.conf: no [domain NAME] section; a scenario needs at least one domain");
}

static void test_bad_domains(void **state)
{
    (void)state;
    expect_error(HEAD MAIN "[domain main]\n",
                 "s.conf:7: duplicate domain name 'main' (first on line 3)");
    expect_error(HEAD "[domain Main]\n",
                 "s.conf:3: 'Main' is not a domain name: lower-case letters, digits and '_', "
                 "starting with a letter, at most 32 characters");
    expect_error(HEAD "[domain start]\n",
                 "s.conf:3: a domain cannot be called 'start': the harness passes hvabi.start= "
                 "itself");
    expect_error(HEAD "[domain main]\nmemory-mib = 7\n",
                 "s.conf:4: memory-mib must be a whole number from 8 to 1048576, found '7'");
    expect_error(HEAD "[domain main]\ncpus = 0\n",
                 "s.conf:4: cpus must be a whole number from 1 to 128, found '0'");
    expect_error(HEAD "[domain main]\nexpect = crash\n",
                 "s.conf:4: expect must be 'results' or 'stopped', found 'crash'");
    expect_error(HEAD "[domain main]\nmemory-mib = 64\ncpus = 1\nexpect = stopped\nbootargs =\n",
                 "s.conf: every domain has expect = stopped; at least one must print results");
    expect_error("description = d\norder = -1\n",
                 "s.conf:2: order must be a whole number from 0 to 1000000, found '-1'");
    expect_error("description =\n", "s.conf:1: description must not be empty");
}

static void test_capabilities(void **state)
{
    struct scenario scenario;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(HEAD MAIN "capabilities = control\n" PEER
                                    "capabilities = xenstore  hardware control\n",
                               &scenario, &err),
                     0);
    assert_int_equal(scenario.domains[0].capabilities, SCENARIO_CAPS_CONTROL);
    assert_int_equal(scenario.domains[1].capabilities, SCENARIO_CAPS_CONTROL |
                                                           SCENARIO_CAPS_HARDWARE |
                                                           SCENARIO_CAPS_XENSTORE);
    scenario_free(&scenario);

    expect_error(HEAD MAIN "capabilities = control dom0\n",
                 "s.conf:7: unknown capability 'dom0'; the capabilities are control, hardware "
                 "and xenstore");
    expect_error(HEAD MAIN "capabilities = control control\n",
                 "s.conf:7: capability 'control' is listed twice");
    expect_error(HEAD MAIN "capabilities =\n",
                 "s.conf:7: capabilities needs at least one of control, hardware and xenstore");
    expect_error(HEAD MAIN "capabilities = control\ncapabilities = control\n",
                 "s.conf:8: duplicate key 'capabilities' (first set on line 7)");
}

static void test_bad_channels(void **state)
{
    (void)state;
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 10\nother-port = 10\n",
                 "s.conf:13: [static-evtchn] names domain 'other', which this scenario does "
                 "not have");
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 0\n",
                 "s.conf:12: main-port must be a whole number from 1 to 4095, found '0'");
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 4096\n",
                 "s.conf:12: main-port must be a whole number from 1 to 4095, found '4096'");
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 10\npeer-port = 10\n"
                                "[static-evtchn]\npeer-port = 11\nmain-port = 10\n",
                 "s.conf:16: port 10 of domain main is used twice (also on line 12)");
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 10\n",
                 "s.conf:11: [static-evtchn] has 1 '<domain>-port' line; a channel needs "
                 "exactly two");
    expect_error(HEAD MAIN PEER "[static-evtchn]\n[static-evtchn]\n",
                 "s.conf:11: [static-evtchn] has 0 '<domain>-port' lines; a channel needs "
                 "exactly two");
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 10\nmain-port = 11\n",
                 "s.conf:13: duplicate key 'main-port' (first set on line 12)");
    expect_error(HEAD MAIN PEER "[static-evtchn]\nmain-port = 10\npeer-port = 10\npeer-port = 3\n",
                 "s.conf:14: a third end for the channel of line 11; a channel has exactly two "
                 "(start another [static-evtchn] for another channel)");
}

static void test_memory_must_fit_the_machine(void **state)
{
    struct scenario scenario;
    struct harness_error err;

    (void)state;
    assert_int_equal(read_text(HEAD MAIN PEER, &scenario, &err), 0);
    assert_int_equal(scenario_check_memory(&scenario, 97, &err), 0);
    assert_int_equal(scenario_check_memory(&scenario, 96, &err), -1);
    assert_string_equal(err.message,
                        "s.conf: the domains of scenario s have 96 MiB of memory together; the "
                        "machine has 96 MiB (memory-mib of the port), and the hypervisor needs "
                        "some of it too");
    scenario_free(&scenario);
}

/* The scenario directory, and the order of its scenarios. */
static void test_list_from_directory(void **state)
{
    struct scenario_selection everything = { NULL, 0, NULL, 0 };
    struct scenario_list list;
    struct harness_error err;
    char *dir = alloc_printf("%s/%s", fixtures, "three");
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    (void)state;
    assert_non_null(out);
    assert_int_equal(scenario_list_load(&list, dir, default_file, &everything, &err), 0);
    assert_int_equal(list.count, 3);
    /* Order 5 first; then the two of order 20 by name. */
    assert_string_equal(list.items[0].name, "stop");
    assert_string_equal(list.items[1].name, "pair");
    assert_string_equal(list.items[2].name, "solo");
    assert_false(list.items[0].is_default);
    scenario_list_print(out, &list);
    fclose(out);
    assert_non_null(strstr(text, "stop  (order 5, 2 domains: main, victim)  a domain the "
                                 "hypervisor stops  ["));
    assert_non_null(strstr(text, "\nsolo  (order 20, 1 domain: main)  one domain  ["));
    free(text);
    scenario_list_free(&list);
    free(dir);
}

static void test_list_selected(void **state)
{
    const char *names[] = { "solo", "stop" };
    const char *unknown[] = { "nope" };
    char *pair_file = alloc_printf("%s/%s", fixtures, "three/pair.conf");
    const char *files[] = { pair_file };
    const char *twice[] = { "pair" };
    struct scenario_selection selection = { names, 2, files, 1 };
    struct scenario_selection bad = { unknown, 1, NULL, 0 };
    struct scenario_selection doubled = { twice, 1, files, 1 };
    struct scenario_list list;
    struct harness_error err;
    char *dir = alloc_printf("%s/%s", fixtures, "three");
    char *message;

    (void)state;
    assert_int_equal(scenario_list_load(&list, dir, default_file, &selection, &err), 0);
    assert_int_equal(list.count, 3);
    assert_string_equal(list.items[0].name, "stop");
    assert_string_equal(list.items[1].name, "pair");
    assert_string_equal(list.items[2].name, "solo");
    scenario_list_free(&list);

    assert_int_equal(scenario_list_load(&list, dir, default_file, &bad, &err), -1);
    message = alloc_printf("no scenario 'nope' (no file %s/nope.conf); the scenarios "
                                    "are: pair, solo, stop",
                                    dir);
    assert_string_equal(err.message, message);
    assert_int_equal(list.count, 0);
    free(message);

    assert_int_equal(scenario_list_load(&list, dir, default_file, &doubled, &err), -1);
    message = alloc_printf("scenario pair is selected twice: %s/pair.conf and %s", dir,
                                    pair_file);
    assert_string_equal(err.message, message);
    free(message);
    free(dir);
    free(pair_file);
}

/* Without scenario files, the harness's default scenario: today's domain. */
static void test_default_scenario(void **state)
{
    struct scenario_selection everything = { NULL, 0, NULL, 0 };
    struct scenario_list list;
    struct harness_error err;
    char *missing = alloc_printf("%s/%s", fixtures, "does-not-exist");
    char *none = alloc_printf("%s/%s", fixtures, "none");
    char *bootargs;

    (void)state;
    assert_int_equal(scenario_list_load(&list, missing, default_file, &everything, &err), 0);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0].name, "default");
    assert_true(list.items[0].is_default);
    assert_int_equal(list.items[0].domain_count, 1);
    assert_int_equal(list.items[0].domains[0].memory_mib, 64);
    assert_int_equal(list.items[0].domains[0].cpus, 1);
    assert_int_equal(list.items[0].channel_count, 0);
    /* Exactly the boot arguments of the harness before scenarios. */
    bootargs = topology_bootargs(&list.items[0], 0, 0);
    assert_string_equal(bootargs, 
                        "hvabi.role=main hvabi.domain=1 hvabi.memory-kib=65536 hvabi.cpus=1 hvabi.bootargs-crc32=aa2e3aba");
    free(bootargs);
    scenario_list_free(&list);

    assert_int_equal(scenario_list_load(&list, none, default_file, &everything, &err), 0);
    assert_int_equal(list.count, 1);
    assert_true(list.items[0].is_default);
    scenario_list_free(&list);
    free(missing);
    free(none);
}

static void test_bad_scenario_file_name(void **state)
{
    struct scenario_selection everything = { NULL, 0, NULL, 0 };
    struct scenario_list list;
    struct harness_error err;
    char *dir = alloc_printf("%s/%s", fixtures, "bad-name");
    char *message = alloc_printf("%s/solo.v2.conf: a scenario file's name must be "
                                          "letters, digits, '_' and '-' before .conf",
                                          dir);

    (void)state;
    assert_int_equal(scenario_list_load(&list, dir, default_file, &everything, &err), -1);
    assert_string_equal(err.message, message);
    free(message);
    free(dir);
}

/* IDs in file order; every other domain by name; hvabi.start on a resumed boot. */
static void test_bootargs(void **state)
{
    struct scenario scenario;
    struct harness_error err;
    char *bootargs;

    (void)state;
    assert_int_equal(read_text(HEAD MAIN PEER "[domain third]\nmemory-mib = 8\ncpus = 1\n"
                                              "bootargs =\n",
                               &scenario, &err),
                     0);
    bootargs = topology_bootargs(&scenario, 0, 0);
    assert_string_equal(bootargs, 
                        "b hvabi.domain=1 hvabi.peer=2 hvabi.third=3 hvabi.memory-kib=65536 hvabi.cpus=1 hvabi.bootargs-crc32=657006f1");
    free(bootargs);
    bootargs = topology_bootargs(&scenario, 1, 18);
    assert_string_equal(bootargs, 
                        "p hvabi.domain=2 hvabi.main=1 hvabi.third=3 hvabi.memory-kib=32768 hvabi.cpus=1 hvabi.start=18 hvabi.bootargs-crc32=22a6a299");
    free(bootargs);
    /* Without bootargs of its own, no leading blank. */
    bootargs = topology_bootargs(&scenario, 2, 1);
    assert_string_equal(bootargs, 
                        "hvabi.domain=3 hvabi.main=1 hvabi.peer=2 hvabi.memory-kib=8192 hvabi.cpus=1 hvabi.start=1 hvabi.bootargs-crc32=f8fe81eb");
    free(bootargs);
    scenario_free(&scenario);
}

static void test_topology_from_scenario(void **state)
{
    const unsigned first_tests[] = { 18, 6 };
    struct scenario scenario;
    struct topology topology;
    struct harness_error err;
    char *guest = alloc_printf("%s/%s", fixtures, "three/pair.conf"); /* any file with contents */

    (void)state;
    assert_int_equal(read_text(HEAD MAIN PEER "capabilities = control\n"
                                              "[static-evtchn]\npeer-port = 7\nmain-port = 9\n",
                               &scenario, &err),
                     0);
    assert_int_equal(topology_from_scenario(&topology, &scenario, guest, NULL, &err), 0);
    assert_int_equal(topology.count, 2);
    assert_int_equal(topology.domains[0].id, 1);
    assert_int_equal(topology.domains[1].id, 2);
    assert_true(topology.domains[0].memory_kib == 64 * 1024);
    assert_true(topology.domains[1].memory_kib == 32 * 1024);
    assert_string_equal(topology.domains[0].bootargs, 
                        "b hvabi.domain=1 hvabi.peer=2 hvabi.memory-kib=65536 hvabi.cpus=1 hvabi.bootargs-crc32=4584f357");
    assert_int_equal(topology.domains[0].capabilities, 0);
    assert_int_equal(topology.domains[1].capabilities, SCENARIO_CAPS_CONTROL);
    assert_string_equal(topology.domains[1].kernel_path, guest);
    assert_true(topology.domains[1].kernel_size > 0);
    assert_int_equal(topology.channel_count, 1);
    assert_int_equal(topology.channels[0].domain[0], 1);
    assert_int_equal(topology.channels[0].port[0], 7);
    assert_int_equal(topology.channels[0].domain[1], 0);
    assert_int_equal(topology.channels[0].port[1], 9);
    topology_free(&topology);

    /* A resumed boot: each domain's own start. */
    assert_int_equal(topology_from_scenario(&topology, &scenario, guest, first_tests, &err), 0);
    assert_string_equal(topology.domains[0].bootargs,
                        "b hvabi.domain=1 hvabi.peer=2 hvabi.memory-kib=65536 hvabi.cpus=1 hvabi.start=18 hvabi.bootargs-crc32=b2089820");
    assert_string_equal(topology.domains[1].bootargs,
                        "p hvabi.domain=2 hvabi.main=1 hvabi.memory-kib=32768 hvabi.cpus=1 hvabi.start=6 hvabi.bootargs-crc32=1219953f");
    topology_free(&topology);

    assert_int_equal(topology_from_scenario(&topology, &scenario, "/no/such.Image", NULL, &err),
                     -1);
    assert_string_equal(err.message,
                        "cannot read guest image /no/such.Image: No such file or directory");
    scenario_free(&scenario);
    free(guest);
}

/* ramdisk-kib: the harness's content, its size and CRC in the boot arguments. */
static void test_ramdisk(void **state)
{
    static const uint8_t first_bytes[8] = { 0x17, 0x04, 0xcb, 0x65, 0x6f, 0xf6, 0xbc, 0x99 };
    uint8_t content[4096];
    struct scenario scenario;
    struct harness_error err;
    char *bootargs;

    (void)state;
    assert_int_equal(read_text(HEAD "[domain main]\nmemory-mib = 64\ncpus = 1\nramdisk-kib = 4\n"
                                    "bootargs = b\n",
                               &scenario, &err),
                     0);
    assert_int_equal(scenario.domains[0].ramdisk_kib, 4);
    /* The content (a xorshift64 sequence) and its CRC-32, as zlib computes them. */
    ramdisk_fill(content, sizeof(content), 1);
    assert_memory_equal(content, first_bytes, sizeof(first_bytes));
    assert_int_equal(crc32_update(0, content, sizeof(content)), 0x13774acf);
    assert_int_equal(ramdisk_crc32(sizeof(content), 1), 0x13774acf);
    bootargs = topology_bootargs(&scenario, 0, 0);
    assert_string_equal(bootargs, "b hvabi.domain=1 hvabi.memory-kib=65536 hvabi.cpus=1 "
                                  "hvabi.ramdisk-bytes=4096 hvabi.ramdisk-crc32=13774acf "
                                  "hvabi.bootargs-crc32=b12d7f20");
    free(bootargs);
    scenario_free(&scenario);

    expect_error(HEAD "[domain main]\nmemory-mib = 64\ncpus = 1\nramdisk-kib = 0\nbootargs = b\n",
                 "s.conf:6: ramdisk-kib must be a whole number from 1 to 65536, found '0'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_channel_before_domains_and_stopped_domain),
        cmocka_unit_test(test_unknown_keys_and_sections),
        cmocka_unit_test(test_missing_keys),
        cmocka_unit_test(test_bad_domains),
        cmocka_unit_test(test_capabilities),
        cmocka_unit_test(test_bad_channels),
        cmocka_unit_test(test_memory_must_fit_the_machine),
        cmocka_unit_test(test_list_from_directory),
        cmocka_unit_test(test_list_selected),
        cmocka_unit_test(test_default_scenario),
        cmocka_unit_test(test_bad_scenario_file_name),
        cmocka_unit_test(test_bootargs),
        cmocka_unit_test(test_topology_from_scenario),
        cmocka_unit_test(test_ramdisk),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
