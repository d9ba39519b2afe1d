/*
 * test_boot_config_errors.c - malformed system device trees
 * (core/boot_config.h): each problem is reported with one line naming the
 * node and property, and counted.  Each test breaks one thing in the valid
 * tree of tests/support/system_tree.h and checks the exact output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "core/boot_config.h"
#include "tests/support/core_fixture.h"
#include "tests/support/system_tree.h"

#define DOMAIN "/chosen/domU1"
#define MODULE "/chosen/domU1/module@49000000"

static const struct mem_range image = { .base = 0x40000000, .size = 0x200000 };

static uint64_t tree[SYSTEM_TREE_SIZE / sizeof(uint64_t)];
static struct boot_config cfg;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    system_tree_build(tree);
    return 0;
}

/* Reads the tree and checks that it has `problems` problems, reported as `output`. */
static void expect_problems(unsigned int problems, const char *output)
{
    assert_int_equal(boot_config_read_platform(tree, &cfg), 0);
    assert_int_equal(boot_config_read(&cfg, image), problems);
    expect_console(output);
}

static void delete_property(const char *path, const char *name)
{
    assert_int_equal(fdt_delprop(tree, system_tree_node(tree, path), name), 0);
}

static void delete_node(const char *path)
{
    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, path)), 0);
}

static void set_u32(const char *path, const char *name, uint32_t value)
{
    assert_int_equal(fdt_setprop_u32(tree, system_tree_node(tree, path), name, value), 0);
}

static void set_string(const char *path, const char *name, const char *value)
{
    assert_int_equal(fdt_setprop_string(tree, system_tree_node(tree, path), name, value), 0);
}

static const char memory_line[] =
    "(hv) error: /chosen/domU1: property \"memory\" must be one 64-bit integer (KiB)\n";

static void test_memory_missing(void **state)
{
    (void)state;
    delete_property(DOMAIN, "memory");
    expect_problems(1, memory_line);
}

static void test_memory_of_32_bits(void **state)
{
    (void)state;
    set_u32(DOMAIN, "memory", 65536);
    expect_problems(1, memory_line);
}

static void test_memory_not_a_multiple_of_4_kib(void **state)
{
    (void)state;
    system_tree_set_u64(tree, DOMAIN, "memory", 65538);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"memory\" (65538 KiB) must be a "
                       "non-zero multiple of 4 KiB, at most 3145728 KiB\n");
}

static void test_memory_zero(void **state)
{
    (void)state;
    system_tree_set_u64(tree, DOMAIN, "memory", 0);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"memory\" (0 KiB) must be a "
                       "non-zero multiple of 4 KiB, at most 3145728 KiB\n");
}

static void test_memory_too_large(void **state)
{
    (void)state;
    /* 3 GiB is the most; the next multiple of 4 KiB is too much. */
    system_tree_set_u64(tree, DOMAIN, "memory", 3145728);
    expect_problems(0, "");
    system_tree_set_u64(tree, DOMAIN, "memory", 3145732);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"memory\" (3145732 KiB) must be a "
                       "non-zero multiple of 4 KiB, at most 3145728 KiB\n");
}

static void test_cpus_missing(void **state)
{
    (void)state;
    delete_property(DOMAIN, "cpus");
    expect_problems(1, "(hv) error: /chosen/domU1: property \"cpus\" must be one 32-bit integer\n");
}

static void test_cpus_zero(void **state)
{
    (void)state;
    set_u32(DOMAIN, "cpus", 0);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"cpus\" is 0; this hypervisor "
                       "supports 1 to 4\n");
}

static void test_cpus_too_many(void **state)
{
    (void)state;
    set_u32(DOMAIN, "cpus", MAX_VCPUS_PER_DOMAIN + 1);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"cpus\" is 5; this hypervisor "
                       "supports 1 to 4\n");
}

static void test_no_kernel_module(void **state)
{
    (void)state;
    delete_node(MODULE);
    expect_problems(1, "(hv) error: /chosen/domU1: no module node with compatible "
                       "\"multiboot,kernel\"\n");
}

static void test_two_kernel_modules(void **state)
{
    int node;

    (void)state;
    node = fdt_add_subnode(tree, system_tree_node(tree, DOMAIN), "module@4a000000");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_string(tree, node, "compatible", "multiboot,kernel"), 0);
    system_tree_set_reg(tree, "/chosen/domU1/module@4a000000", 0x4a000000, 0x1000);
    expect_problems(1, "(hv) error: /chosen/domU1: more than one \"multiboot,kernel\" module\n");
}

static void test_module_reg_outside_ram(void **state)
{
    (void)state;
    system_tree_set_reg(tree, MODULE, 0x90000000, 0x10000);
    expect_problems(1, "(hv) error: /chosen/domU1/module@49000000: property \"reg\" (0x90000000, "
                       "0x10000 bytes) is not in RAM\n");
}

static void test_module_reg_across_the_end_of_ram(void **state)
{
    (void)state;
    system_tree_set_reg(tree, MODULE, 0x7fff8000, 0x10000);
    expect_problems(1, "(hv) error: /chosen/domU1/module@49000000: property \"reg\" (0x7fff8000, "
                       "0x10000 bytes) is not in RAM\n");
}

static void test_module_reg_missing_or_empty(void **state)
{
    static const char line[] =
        "(hv) error: /chosen/domU1/module@49000000: property \"reg\" is missing or malformed\n";

    (void)state;
    system_tree_set_reg(tree, MODULE, SYSTEM_TREE_KERNEL_BASE, 0);
    expect_problems(1, line);
    delete_property(MODULE, "reg");
    expect_problems(1, line);
}

static void test_bootargs_too_long(void **state)
{
    char too_long[BOOTARGS_MAX + 1];

    (void)state;
    memset(too_long, 'a', sizeof(too_long) - 1);
    too_long[sizeof(too_long) - 1] = '\0';
    set_string(MODULE, "bootargs", too_long);
    expect_problems(1, "(hv) error: /chosen/domU1/module@49000000: property \"bootargs\" is not "
                       "a string of at most 255 characters\n");
}

static void test_bootargs_not_a_string(void **state)
{
    static const char unterminated[3] = { 'a', 'b', 'c' };

    (void)state;
    assert_int_equal(fdt_setprop(tree, system_tree_node(tree, MODULE), "bootargs", unterminated,
                                 sizeof(unterminated)),
                     0);
    expect_problems(1, "(hv) error: /chosen/domU1/module@49000000: property \"bootargs\" is not "
                       "a string of at most 255 characters\n");
}

static void test_bad_xen_enhanced_value(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "yes");
    expect_problems(1, "(hv) error: /chosen/domU1: property \"xen,enhanced\" must be \"enabled\", "
                       "\"no-xenstore\" or \"disabled\"\n");
}

static void test_domain_name_too_long(void **state)
{
    char name[DOMAIN_NAME_MAX + 1];

    (void)state;
    /* The longest name that fits: 31 characters. */
    memset(name, 'd', DOMAIN_NAME_MAX - 1);
    name[DOMAIN_NAME_MAX - 1] = '\0';
    assert_int_equal(fdt_set_name(tree, system_tree_node(tree, DOMAIN), name), 0);
    expect_problems(0, "");
    assert_string_equal(cfg.domains[0].name, name);

    /* One more is too long. */
    system_tree_build(tree);
    memset(name, 'd', DOMAIN_NAME_MAX);
    name[DOMAIN_NAME_MAX] = '\0';
    assert_int_equal(fdt_set_name(tree, system_tree_node(tree, DOMAIN), name), 0);
    expect_problems(1, "(hv) error: a \"xen,domain\" node under /chosen has a name longer than "
                       "31\n");
}

static void test_every_problem_of_a_domain_is_reported(void **state)
{
    (void)state;
    delete_property(DOMAIN, "memory");
    set_u32(DOMAIN, "cpus", 0);
    set_string(DOMAIN, "xen,enhanced", "yes");
    delete_node(MODULE);
    expect_problems(4, "(hv) error: /chosen/domU1: property \"memory\" must be one 64-bit "
                       "integer (KiB)\n"
                       "(hv) error: /chosen/domU1: property \"cpus\" is 0; this hypervisor "
                       "supports 1 to 4\n"
                       "(hv) error: /chosen/domU1: property \"xen,enhanced\" must be "
                       "\"enabled\", \"no-xenstore\" or \"disabled\"\n"
                       "(hv) error: /chosen/domU1: no module node with compatible "
                       "\"multiboot,kernel\"\n");
}

static void test_no_chosen(void **state)
{
    (void)state;
    delete_node("/chosen");
    expect_problems(1, "(hv) error: the device tree has no /chosen node, so no domains\n");
}

static void test_no_domains(void **state)
{
    (void)state;
    delete_node(DOMAIN);
    expect_problems(1, "(hv) error: /chosen has no node with compatible \"xen,domain\"\n");
}

static void test_more_domains_than_supported(void **state)
{
    (void)state;
    for (unsigned int i = 2; i <= MAX_DOMAINS + 1; i++) {
        char name[16];

        snprintf(name, sizeof(name), "domU%u", i);
        system_tree_add_domain(tree, name, SYSTEM_TREE_KERNEL_BASE + 0x100000ULL * i);
    }
    expect_problems(1, "(hv) error: more than 8 domains under /chosen\n");
    assert_int_equal(cfg.domain_count, MAX_DOMAINS);
}

static void test_no_gic(void **state)
{
    (void)state;
    delete_node("/intc@8000000");
    expect_problems(1, "(hv) error: the device tree has no interrupt controller with compatible "
                       "\"arm,gic-v3\"\n");
}

static void test_gic_without_a_redistributor_region(void **state)
{
    (void)state;
    system_tree_set_reg(tree, "/intc@8000000", SYSTEM_TREE_GICD_BASE, SYSTEM_TREE_GICD_SIZE);
    expect_problems(1, "(hv) error: /intc@8000000: property \"reg\" must give the distributor and "
                       "a redistributor region\n");
}

static void test_no_cpus_node(void **state)
{
    (void)state;
    delete_node("/cpus");
    expect_problems(1, "(hv) error: the device tree has no /cpus node\n");
}

static void test_cpus_node_without_cpus(void **state)
{
    (void)state;
    delete_node("/cpus/cpu@1");
    delete_node("/cpus/cpu@0");
    expect_problems(1, "(hv) error: /cpus has no node with device_type \"cpu\"\n");
}

static void test_cpu_without_reg(void **state)
{
    (void)state;
    delete_property("/cpus/cpu@1", "reg");
    expect_problems(1, "(hv) error: /cpus/cpu@1: property \"reg\" is missing or malformed\n");
}

static void test_no_memory_node(void **state)
{
    (void)state;
    delete_node("/memory@40000000");
    /* Without RAM the kernel is not in RAM either. */
    expect_problems(2, "(hv) error: the device tree has no memory node with a \"reg\"\n"
                       "(hv) error: /chosen/domU1/module@49000000: property \"reg\" "
                       "(0x49000000, 0x10000 bytes) is not in RAM\n");
}

static void test_more_ram_ranges_than_supported(void **state)
{
    int node = system_tree_node(tree, "/memory@40000000");

    (void)state;
    for (unsigned int i = 1; i <= MAX_RAM_RANGES; i++) {
        assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x100000000ULL * i), 0);
        assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x10000000), 0);
    }
    expect_problems(1, "(hv) error: /memory@40000000: more than 8 RAM ranges\n");
    assert_int_equal(cfg.ram_count, MAX_RAM_RANGES);
}

static void test_more_reserved_ranges_than_supported(void **state)
{
    (void)state;
    /* The image and the tree take two places; /memreserve/ fills the rest. */
    for (unsigned int i = 0; i < MAX_RESERVED_RANGES - 2; i++) {
        assert_int_equal(fdt_add_mem_rsv(tree, 0x60000000 + 0x1000ULL * i, 0x1000), 0);
    }
    expect_problems(1, "(hv) error: more than 32 reserved memory ranges (at a boot module)\n");
    assert_int_equal(cfg.reserved_count, MAX_RESERVED_RANGES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_memory_missing, setup),
        cmocka_unit_test_setup(test_memory_of_32_bits, setup),
        cmocka_unit_test_setup(test_memory_not_a_multiple_of_4_kib, setup),
        cmocka_unit_test_setup(test_memory_zero, setup),
        cmocka_unit_test_setup(test_memory_too_large, setup),
        cmocka_unit_test_setup(test_cpus_missing, setup),
        cmocka_unit_test_setup(test_cpus_zero, setup),
        cmocka_unit_test_setup(test_cpus_too_many, setup),
        cmocka_unit_test_setup(test_no_kernel_module, setup),
        cmocka_unit_test_setup(test_two_kernel_modules, setup),
        cmocka_unit_test_setup(test_module_reg_outside_ram, setup),
        cmocka_unit_test_setup(test_module_reg_across_the_end_of_ram, setup),
        cmocka_unit_test_setup(test_module_reg_missing_or_empty, setup),
        cmocka_unit_test_setup(test_bootargs_too_long, setup),
        cmocka_unit_test_setup(test_bootargs_not_a_string, setup),
        cmocka_unit_test_setup(test_bad_xen_enhanced_value, setup),
        cmocka_unit_test_setup(test_domain_name_too_long, setup),
        cmocka_unit_test_setup(test_every_problem_of_a_domain_is_reported, setup),
        cmocka_unit_test_setup(test_no_chosen, setup),
        cmocka_unit_test_setup(test_no_domains, setup),
        cmocka_unit_test_setup(test_more_domains_than_supported, setup),
        cmocka_unit_test_setup(test_no_gic, setup),
        cmocka_unit_test_setup(test_gic_without_a_redistributor_region, setup),
        cmocka_unit_test_setup(test_no_cpus_node, setup),
        cmocka_unit_test_setup(test_cpus_node_without_cpus, setup),
        cmocka_unit_test_setup(test_cpu_without_reg, setup),
        cmocka_unit_test_setup(test_no_memory_node, setup),
        cmocka_unit_test_setup(test_more_ram_ranges_than_supported, setup),
        cmocka_unit_test_setup(test_more_reserved_ranges_than_supported, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
