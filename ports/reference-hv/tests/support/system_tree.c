/*
 * system_tree.c - a valid system device tree for the boot configuration
 * tests (see system_tree.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>
#include <libfdt.h>

#include "tests/support/system_tree.h"

int system_tree_node(const void *tree, const char *path)
{
    int node = fdt_path_offset(tree, path);

    if (node < 0) {
        fail_msg("no node %s in the test tree (%s)", path, fdt_strerror(node));
    }
    return node;
}

static int add_node(void *tree, const char *parent_path, const char *name)
{
    int node = fdt_add_subnode(tree, system_tree_node(tree, parent_path), name);

    if (node < 0) {
        fail_msg("cannot add %s/%s (%s)", parent_path, name, fdt_strerror(node));
    }
    return node;
}

void system_tree_set_u64(void *tree, const char *path, const char *name, uint64_t value)
{
    assert_int_equal(fdt_setprop_u64(tree, system_tree_node(tree, path), name, value), 0);
}

void system_tree_set_reg(void *tree, const char *path, uint64_t base, uint64_t size)
{
    system_tree_set_u64(tree, path, "reg", base);
    assert_int_equal(fdt_appendprop_u64(tree, system_tree_node(tree, path), "reg", size), 0);
}

/* Sets a property that is a list of strings, given as one buffer of NUL-terminated strings. */
static void set_strings(void *tree, int node, const char *name, const char *strings, int length)
{
    assert_int_equal(fdt_setprop(tree, node, name, strings, length), 0);
}

static void add_cpu(void *tree, const char *name, uint32_t mpidr)
{
    int node = add_node(tree, "/cpus", name);

    assert_int_equal(fdt_setprop_string(tree, node, "device_type", "cpu"), 0);
    assert_int_equal(fdt_setprop_string(tree, node, "compatible", "arm,cortex-a57"), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "reg", mpidr), 0);
}

void system_tree_add_domain(void *tree, const char *name, uint64_t kernel_base)
{
    static const char kernel_compatible[] = "multiboot,kernel\0multiboot,module";
    char domain_path[128];
    char module_name[64];
    int node;

    node = add_node(tree, "/chosen", name);
    assert_int_equal(fdt_setprop_string(tree, node, "compatible", "xen,domain"), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "#address-cells", 2), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "#size-cells", 2), 0);
    assert_int_equal(fdt_setprop_u64(tree, node, "memory", SYSTEM_TREE_DOMAIN_KIB), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "cpus", 1), 0);

    snprintf(domain_path, sizeof(domain_path), "/chosen/%s", name);
    snprintf(module_name, sizeof(module_name), "module@%llx", (unsigned long long)kernel_base);
    node = add_node(tree, domain_path, module_name);
    set_strings(tree, node, "compatible", kernel_compatible, sizeof(kernel_compatible));
    assert_int_equal(fdt_setprop_u64(tree, node, "reg", kernel_base), 0);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", SYSTEM_TREE_KERNEL_SIZE), 0);
    assert_int_equal(fdt_setprop_string(tree, node, "bootargs", SYSTEM_TREE_BOOTARGS), 0);
}

void system_tree_build(void *tree)
{
    static const char psci_compatible[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    static const char uart_compatible[] = "arm,pl011\0arm,primecell";
    int node;

    assert_int_equal(fdt_create_empty_tree(tree, SYSTEM_TREE_SIZE), 0);
    assert_int_equal(fdt_setprop_u32(tree, 0, "#address-cells", 2), 0);
    assert_int_equal(fdt_setprop_u32(tree, 0, "#size-cells", 2), 0);
    assert_int_equal(fdt_setprop_string(tree, 0, "compatible", "linux,dummy-virt"), 0);

    node = add_node(tree, "/", "memory@40000000");
    assert_int_equal(fdt_setprop_string(tree, node, "device_type", "memory"), 0);
    system_tree_set_reg(tree, "/memory@40000000", SYSTEM_TREE_RAM_BASE, SYSTEM_TREE_RAM_SIZE);

    node = add_node(tree, "/", "cpus");
    assert_int_equal(fdt_setprop_u32(tree, node, "#address-cells", 1), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "#size-cells", 0), 0);
    /* fdt_add_subnode() puts a new node before its siblings: last first. */
    add_cpu(tree, "cpu@1", 1);
    add_cpu(tree, "cpu@0", 0);

    node = add_node(tree, "/", "intc@8000000");
    assert_int_equal(fdt_setprop_string(tree, node, "compatible", "arm,gic-v3"), 0);
    system_tree_set_reg(tree, "/intc@8000000", SYSTEM_TREE_GICD_BASE, SYSTEM_TREE_GICD_SIZE);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", SYSTEM_TREE_GICR_BASE), 0);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", SYSTEM_TREE_GICR_SIZE), 0);

    node = add_node(tree, "/", "psci");
    set_strings(tree, node, "compatible", psci_compatible, sizeof(psci_compatible));
    assert_int_equal(fdt_setprop_string(tree, node, "method", "smc"), 0);

    node = add_node(tree, "/", "pl011@9000000");
    set_strings(tree, node, "compatible", uart_compatible, sizeof(uart_compatible));
    system_tree_set_reg(tree, "/pl011@9000000", SYSTEM_TREE_UART_BASE, 0x1000);

    node = add_node(tree, "/", "chosen");
    assert_int_equal(fdt_setprop_string(tree, node, "stdout-path", "/pl011@9000000"), 0);
    system_tree_add_domain(tree, "domU1", SYSTEM_TREE_KERNEL_BASE);
}
