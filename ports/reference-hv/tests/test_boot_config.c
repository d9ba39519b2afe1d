/*
 * test_boot_config.c - reading a valid system device tree
 * (core/boot_config.h): the platform (console UART, PSCI conduit), RAM,
 * CPUs, the GIC, the reserved ranges and the hypervisor's command line.
 * Malformed trees are in test_boot_config_errors.c; the domain nodes, which
 * boot_config_read() passes to core/domain_config.c, in test_domain_config.c.
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

/* The hypervisor's own image, as main.c passes it. */
static const struct mem_range image = { .base = 0x40000000, .size = 0x200000 };

/* uint64_t: libfdt wants the tree 8-byte aligned. */
static uint64_t tree[SYSTEM_TREE_SIZE / sizeof(uint64_t)];
static struct boot_config cfg;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    system_tree_build(tree);
    return 0;
}

static void read_platform(void)
{
    assert_int_equal(boot_config_read_platform(tree, &cfg), 0);
    assert_ptr_equal(cfg.fdt, tree);
}

/* Reads the whole tree; returns the number of problems. */
static unsigned int read_all(void)
{
    read_platform();
    return boot_config_read(&cfg, image);
}

static void set_string(const char *path, const char *name, const char *value)
{
    assert_int_equal(fdt_setprop_string(tree, system_tree_node(tree, path), name, value), 0);
}

static void test_platform_of_the_valid_tree(void **state)
{
    (void)state;
    read_platform();
    assert_int_equal(cfg.uart_base, SYSTEM_TREE_UART_BASE);
    assert_int_equal(cfg.psci, PSCI_CONDUIT_SMC);
    expect_console("");
}

static void test_stdout_path_with_options(void **state)
{
    (void)state;
    set_string("/chosen", "stdout-path", "/pl011@9000000:115200n8");
    read_platform();
    assert_int_equal(cfg.uart_base, SYSTEM_TREE_UART_BASE);
}

static void test_stdout_path_through_an_alias(void **state)
{
    int aliases;

    (void)state;
    aliases = fdt_add_subnode(tree, 0, "aliases");
    assert_true(aliases >= 0);
    assert_int_equal(fdt_setprop_string(tree, aliases, "serial0", "/pl011@9000000"), 0);
    set_string("/chosen", "stdout-path", "serial0:115200n8");
    read_platform();
    assert_int_equal(cfg.uart_base, SYSTEM_TREE_UART_BASE);
}

static void test_stdout_path_through_an_unknown_alias_is_no_uart(void **state)
{
    (void)state;
    set_string("/chosen", "stdout-path", "serial7");
    read_platform();
    assert_int_equal(cfg.uart_base, 0);
}

static void test_stdout_path_to_a_node_that_is_no_pl011_is_no_uart(void **state)
{
    (void)state;
    set_string("/chosen", "stdout-path", "/psci");
    read_platform();
    assert_int_equal(cfg.uart_base, 0);
}

static void test_stdout_path_to_an_sbsa_uart(void **state)
{
    (void)state;
    set_string("/pl011@9000000", "compatible", "arm,sbsa-uart");
    read_platform();
    assert_int_equal(cfg.uart_base, SYSTEM_TREE_UART_BASE);
}

static void test_no_or_empty_stdout_path_is_no_uart(void **state)
{
    (void)state;
    set_string("/chosen", "stdout-path", "");
    read_platform();
    assert_int_equal(cfg.uart_base, 0);

    assert_int_equal(fdt_delprop(tree, system_tree_node(tree, "/chosen"), "stdout-path"), 0);
    read_platform();
    assert_int_equal(cfg.uart_base, 0);

    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, "/chosen")), 0);
    read_platform();
    assert_int_equal(cfg.uart_base, 0);
}

static void test_psci_method_hvc(void **state)
{
    (void)state;
    set_string("/psci", "method", "hvc");
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_HVC);
}

static void test_psci_0_1_node_is_found_too(void **state)
{
    (void)state;
    set_string("/psci", "compatible", "arm,psci");
    set_string("/psci", "method", "hvc");
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_HVC);
}

static void test_psci_without_a_usable_method_is_no_conduit(void **state)
{
    (void)state;
    set_string("/psci", "method", "svc");
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_NONE);

    assert_int_equal(fdt_delprop(tree, system_tree_node(tree, "/psci"), "method"), 0);
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_NONE);

    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, "/psci")), 0);
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_NONE);
}

static void test_psci_method_without_its_nul_is_no_conduit(void **state)
{
    (void)state;
    /* "smc" in 3 bytes: the tree pads the value with a zero, which is not part of it. */
    assert_int_equal(fdt_setprop(tree, system_tree_node(tree, "/psci"), "method", "smc", 3), 0);
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_NONE);
}

static void test_psci_method_of_two_strings_is_no_conduit(void **state)
{
    (void)state;
    assert_int_equal(fdt_setprop(tree, system_tree_node(tree, "/psci"), "method", "hvc\0smc", 8),
                     0);
    read_platform();
    assert_int_equal(cfg.psci, PSCI_CONDUIT_NONE);
}

static void test_not_a_device_tree(void **state)
{
    static uint64_t not_a_tree[64];

    (void)state;
    cfg.uart_base = 0x1234;
    assert_int_equal(boot_config_read_platform(not_a_tree, &cfg), -FDT_ERR_BADMAGIC);
    assert_int_equal(cfg.uart_base, 0);
    assert_int_equal(cfg.psci, PSCI_CONDUIT_NONE);
}

static void test_valid_tree_has_no_problem(void **state)
{
    const struct domain_config *dom = &cfg.domains[0];

    (void)state;
    assert_int_equal(read_all(), 0);
    expect_console("");

    assert_int_equal(cfg.ram_count, 1);
    assert_int_equal(cfg.ram[0].base, SYSTEM_TREE_RAM_BASE);
    assert_int_equal(cfg.ram[0].size, SYSTEM_TREE_RAM_SIZE);
    assert_int_equal(cfg.cpu_count, 2);
    assert_int_equal(cfg.cpus[0].mpidr, 0);
    assert_int_equal(cfg.cpus[1].mpidr, 1);
    assert_int_equal(cfg.gic_dist.base, SYSTEM_TREE_GICD_BASE);
    assert_int_equal(cfg.gic_dist.size, SYSTEM_TREE_GICD_SIZE);
    assert_int_equal(cfg.gic_redist.base, SYSTEM_TREE_GICR_BASE);
    assert_int_equal(cfg.gic_redist.size, SYSTEM_TREE_GICR_SIZE);

    assert_int_equal(cfg.domain_count, 1);
    assert_string_equal(dom->name, "domU1");
    assert_int_equal(dom->memory_size, 64 * 1024 * 1024);
    assert_int_equal(dom->vcpu_count, 1);
    assert_int_equal(dom->kernel.base, SYSTEM_TREE_KERNEL_BASE);
    assert_int_equal(dom->kernel.size, SYSTEM_TREE_KERNEL_SIZE);
    assert_string_equal(dom->bootargs, SYSTEM_TREE_BOOTARGS);
    assert_false(dom->enhanced);
}

static void test_ram_from_several_nodes_and_entries(void **state)
{
    int node;

    (void)state;
    node = fdt_add_subnode(tree, 0, "memory@100000000");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_string(tree, node, "device_type", "memory"), 0);
    system_tree_set_reg(tree, "/memory@100000000", 0x100000000ULL, 0x10000000);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x200000000ULL), 0);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x20000000), 0);
    /* A node with "reg" but no device_type "memory" is not RAM. */
    node = fdt_add_subnode(tree, 0, "flash@0");
    assert_true(node >= 0);
    system_tree_set_reg(tree, "/flash@0", 0, 0x4000000);

    assert_int_equal(read_all(), 0);
    /* In tree order: the new node is the root's first. */
    assert_int_equal(cfg.ram_count, 3);
    assert_int_equal(cfg.ram[0].base, 0x100000000ULL);
    assert_int_equal(cfg.ram[0].size, 0x10000000);
    assert_int_equal(cfg.ram[1].base, 0x200000000ULL);
    assert_int_equal(cfg.ram[1].size, 0x20000000);
    assert_int_equal(cfg.ram[2].base, SYSTEM_TREE_RAM_BASE);
    assert_int_equal(cfg.ram[2].size, SYSTEM_TREE_RAM_SIZE);
}

static void test_device_type_without_its_nul_is_not_memory(void **state)
{
    int node;

    (void)state;
    node = fdt_add_subnode(tree, 0, "memory@100000000");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop(tree, node, "device_type", "memory", 6), 0);
    system_tree_set_reg(tree, "/memory@100000000", 0x100000000ULL, 0x10000000);
    assert_int_equal(read_all(), 0);
    assert_int_equal(cfg.ram_count, 1);
    assert_int_equal(cfg.ram[0].base, SYSTEM_TREE_RAM_BASE);
}

static void test_device_type_without_its_nul_is_not_a_cpu(void **state)
{
    int node;

    (void)state;
    node = fdt_add_subnode(tree, system_tree_node(tree, "/cpus"), "cpu@2");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop(tree, node, "device_type", "cpu", 3), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "reg", 2), 0);
    assert_int_equal(read_all(), 0);
    assert_int_equal(cfg.cpu_count, 2);
}

static void test_cpu_reg_of_two_cells_keeps_aff3(void **state)
{
    int cpus;

    (void)state;
    cpus = system_tree_node(tree, "/cpus");
    assert_int_equal(fdt_setprop_u32(tree, cpus, "#address-cells", 2), 0);
    system_tree_set_u64(tree, "/cpus/cpu@0", "reg", 0x100000000ULL);
    system_tree_set_u64(tree, "/cpus/cpu@1", "reg", 0x100000101ULL);
    assert_int_equal(read_all(), 0);
    assert_int_equal(cfg.cpus[0].mpidr, 0x100000000ULL);
    assert_int_equal(cfg.cpus[1].mpidr, 0x100000101ULL);
}

static void test_nodes_under_cpus_that_are_not_cpus_are_skipped(void **state)
{
    (void)state;
    assert_true(fdt_add_subnode(tree, system_tree_node(tree, "/cpus"), "cpu-map") >= 0);
    assert_int_equal(read_all(), 0);
    assert_int_equal(cfg.cpu_count, 2);
}

static void test_more_cpus_than_supported_is_a_warning(void **state)
{
    (void)state;
    /* Added last first, cpu@2 to cpu@9 come in order, before cpu@0 and cpu@1. */
    for (unsigned int i = MAX_CPUS + 1; i >= 2; i--) {
        char name[16];
        int node;

        snprintf(name, sizeof(name), "cpu@%u", i);
        node = fdt_add_subnode(tree, system_tree_node(tree, "/cpus"), name);
        assert_true(node >= 0);
        assert_int_equal(fdt_setprop_string(tree, node, "device_type", "cpu"), 0);
        assert_int_equal(fdt_setprop_u32(tree, node, "reg", i), 0);
    }
    assert_int_equal(read_all(), 0);
    expect_console("(hv) warning: /cpus: more than 8 CPUs; the others are not used\n");
    assert_int_equal(cfg.cpu_count, MAX_CPUS);
    assert_int_equal(cfg.cpus[0].mpidr, 2);
    assert_int_equal(cfg.cpus[MAX_CPUS - 1].mpidr, MAX_CPUS + 1);
}

static void test_command_line_words_are_unknown_options(void **state)
{
    static const char line[] = "console=dtuart  dom0_mem=0\0ignored after the NUL";

    (void)state;
    assert_int_equal(fdt_setprop(tree, system_tree_node(tree, "/chosen"), "xen,xen-bootargs", line,
                                 sizeof(line)),
                     0);
    assert_int_equal(read_all(), 0);
    expect_console("(hv) warning: unknown command-line option \"console=dtuart\" is ignored\n"
                   "(hv) warning: unknown command-line option \"dom0_mem=0\" is ignored\n");
}

static void add_reserved_memory_child(const char *name, uint64_t base, uint64_t size)
{
    char path[64];
    int node;

    node = fdt_add_subnode(tree, system_tree_node(tree, "/reserved-memory"), name);
    assert_true(node >= 0);
    snprintf(path, sizeof(path), "/reserved-memory/%s", name);
    system_tree_set_reg(tree, path, base, size);
}

static void assert_reserved(unsigned int i, uint64_t base, uint64_t size)
{
    assert_true(i < cfg.reserved_count);
    assert_int_equal(cfg.reserved[i].base, base);
    assert_int_equal(cfg.reserved[i].size, size);
}

static void test_reserved_ranges_are_collected(void **state)
{
    int node;

    (void)state;
    assert_int_equal(fdt_add_mem_rsv(tree, 0x40000000 + 0x300000, 0x1000), 0);
    assert_int_equal(fdt_add_mem_rsv(tree, 0x50000000, 0x100000), 0);
    node = fdt_add_subnode(tree, 0, "reserved-memory");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "#address-cells", 2), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "#size-cells", 2), 0);
    assert_int_equal(fdt_setprop_empty(tree, node, "ranges"), 0);
    add_reserved_memory_child("shm@60000000", 0x60000000, 0x200000);
    node = system_tree_node(tree, "/reserved-memory/shm@60000000");
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x61000000), 0);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x1000), 0);
    /* Dynamically placed: no "reg", so nothing to reserve. */
    node = fdt_add_subnode(tree, system_tree_node(tree, "/reserved-memory"), "pool");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_u64(tree, node, "size", 0x100000), 0);
    system_tree_add_domain(tree, "domU2", 0x4a000000);

    assert_int_equal(read_all(), 0);
    /*
     * In order: the image, the tree, /memreserve/, /reserved-memory, the
     * modules in tree order (domU2's node comes first).
     */
    assert_int_equal(cfg.reserved_count, 8);
    assert_reserved(0, image.base, image.size);
    assert_reserved(1, (uintptr_t)tree, SYSTEM_TREE_SIZE);
    assert_reserved(2, 0x40300000, 0x1000);
    assert_reserved(3, 0x50000000, 0x100000);
    assert_reserved(4, 0x60000000, 0x200000);
    assert_reserved(5, 0x61000000, 0x1000);
    assert_reserved(6, 0x4a000000, SYSTEM_TREE_KERNEL_SIZE);
    assert_reserved(7, SYSTEM_TREE_KERNEL_BASE, SYSTEM_TREE_KERNEL_SIZE);
}

static void test_an_empty_image_is_not_reserved(void **state)
{
    const struct mem_range no_image = { .base = 0x40000000, .size = 0 };

    (void)state;
    read_platform();
    assert_int_equal(boot_config_read(&cfg, no_image), 0);
    assert_int_equal(cfg.reserved_count, 2);
    assert_reserved(0, (uintptr_t)tree, SYSTEM_TREE_SIZE);
    assert_reserved(1, SYSTEM_TREE_KERNEL_BASE, SYSTEM_TREE_KERNEL_SIZE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_platform_of_the_valid_tree, setup),
        cmocka_unit_test_setup(test_stdout_path_with_options, setup),
        cmocka_unit_test_setup(test_stdout_path_through_an_alias, setup),
        cmocka_unit_test_setup(test_stdout_path_through_an_unknown_alias_is_no_uart, setup),
        cmocka_unit_test_setup(test_stdout_path_to_a_node_that_is_no_pl011_is_no_uart, setup),
        cmocka_unit_test_setup(test_stdout_path_to_an_sbsa_uart, setup),
        cmocka_unit_test_setup(test_no_or_empty_stdout_path_is_no_uart, setup),
        cmocka_unit_test_setup(test_psci_method_hvc, setup),
        cmocka_unit_test_setup(test_psci_0_1_node_is_found_too, setup),
        cmocka_unit_test_setup(test_psci_without_a_usable_method_is_no_conduit, setup),
        cmocka_unit_test_setup(test_psci_method_without_its_nul_is_no_conduit, setup),
        cmocka_unit_test_setup(test_psci_method_of_two_strings_is_no_conduit, setup),
        cmocka_unit_test_setup(test_not_a_device_tree, setup),
        cmocka_unit_test_setup(test_valid_tree_has_no_problem, setup),
        cmocka_unit_test_setup(test_ram_from_several_nodes_and_entries, setup),
        cmocka_unit_test_setup(test_device_type_without_its_nul_is_not_memory, setup),
        cmocka_unit_test_setup(test_device_type_without_its_nul_is_not_a_cpu, setup),
        cmocka_unit_test_setup(test_cpu_reg_of_two_cells_keeps_aff3, setup),
        cmocka_unit_test_setup(test_nodes_under_cpus_that_are_not_cpus_are_skipped, setup),
        cmocka_unit_test_setup(test_more_cpus_than_supported_is_a_warning, setup),
        cmocka_unit_test_setup(test_command_line_words_are_unknown_options, setup),
        cmocka_unit_test_setup(test_reserved_ranges_are_collected, setup),
        cmocka_unit_test_setup(test_an_empty_image_is_not_reserved, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
