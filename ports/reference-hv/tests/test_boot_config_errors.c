/*
 * test_boot_config_errors.c - malformed system device trees
 * (core/boot_config.h): RAM, CPUs, the GIC and the reserved ranges.  Each
 * problem is reported with one line naming the node and property, and
 * counted.  Each test breaks one thing in the valid tree of
 * tests/support/system_tree.h and checks the exact output.  Malformed
 * domain nodes are in test_domain_config.c.
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
                       "(hv) error: /chosen/domU1/module@49000000: property \"reg\" does not "
                       "lie in RAM\n");
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
