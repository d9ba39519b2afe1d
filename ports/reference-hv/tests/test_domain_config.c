/*
 * test_domain_config.c - the domain nodes of the system device tree
 * (core/domain_config.h, spec/chapters/domain_binding.rst), read through
 * boot_config_read(): what a valid node gives, and one test per rule that
 * refuses a node, each checking the exact line printed and the count.
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

static void set_u32(const char *path, const char *name, uint32_t value)
{
    assert_int_equal(fdt_setprop_u32(tree, system_tree_node(tree, path), name, value), 0);
}

static void set_string(const char *path, const char *name, const char *value)
{
    assert_int_equal(fdt_setprop_string(tree, system_tree_node(tree, path), name, value), 0);
}

static void set_bytes(const char *path, const char *name, const void *value, int length)
{
    assert_int_equal(fdt_setprop(tree, system_tree_node(tree, path), name, value, length), 0);
}

/* Adds a child of domU1 with the given compatible list (NUL-separated, `length` bytes). */
static void add_module(const char *name, const char *compatible, int length, uint64_t base)
{
    char path[64];
    int node;

    node = fdt_add_subnode(tree, system_tree_node(tree, DOMAIN), name);
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop(tree, node, "compatible", compatible, length), 0);
    snprintf(path, sizeof(path), DOMAIN "/%s", name);
    system_tree_set_reg(tree, path, base, 0x1000);
}

/* Adds a static event channel node under `domain_path`. */
static void add_evtchn(const char *domain_path, const char *name, uint32_t port,
                       uint32_t phandle, uint32_t peer_phandle)
{
    int node;

    node = fdt_add_subnode(tree, system_tree_node(tree, domain_path), name);
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_string(tree, node, "compatible", "xen,evtchn-v1"), 0);
    assert_int_equal(fdt_setprop_u32(tree, node, "xen,evtchn", port), 0);
    assert_int_equal(fdt_appendprop_u32(tree, node, "xen,evtchn", peer_phandle), 0);
    if (phandle != 0) {
        assert_int_equal(fdt_setprop_u32(tree, node, "phandle", phandle), 0);
    }
}

/* ---- Valid domain nodes ---- */

static void test_valid_domain(void **state)
{
    const struct domain_config *dom = &cfg.domains[0];

    (void)state;
    expect_problems(0, "");
    assert_int_equal(cfg.domain_count, 1);
    assert_string_equal(dom->name, "domU1");
    assert_int_equal(dom->memory_size, SYSTEM_TREE_DOMAIN_KIB * 1024);
    assert_int_equal(dom->vcpu_count, 1);
    assert_int_equal(dom->kernel.base, SYSTEM_TREE_KERNEL_BASE);
    assert_int_equal(dom->kernel.size, SYSTEM_TREE_KERNEL_SIZE);
    assert_int_equal(dom->ramdisk.size, 0);
    assert_string_equal(dom->bootargs, SYSTEM_TREE_BOOTARGS);
    assert_false(dom->enhanced);
    assert_false(dom->is_control);
    assert_int_equal(cfg.static_evtchn_count, 0);
}

static void test_domains_in_tree_order(void **state)
{
    (void)state;
    /* Each new node comes first: the tree order is third, second, domU1. */
    system_tree_add_domain(tree, "second", 0x4a000000);
    system_tree_add_domain(tree, "third", 0x4b000000);
    set_u32("/chosen/third", "cpus", 4);
    expect_problems(0, "");
    assert_int_equal(cfg.domain_count, 3);
    assert_string_equal(cfg.domains[0].name, "third");
    assert_int_equal(cfg.domains[0].vcpu_count, 4);
    assert_int_equal(cfg.domains[0].kernel.base, 0x4b000000);
    assert_string_equal(cfg.domains[1].name, "second");
    assert_int_equal(cfg.domains[1].kernel.base, 0x4a000000);
    assert_string_equal(cfg.domains[2].name, "domU1");
}

static void test_other_nodes_under_chosen_are_not_domains(void **state)
{
    int node;

    (void)state;
    node = fdt_add_subnode(tree, system_tree_node(tree, "/chosen"), "module@0");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_string(tree, node, "compatible", "multiboot,module"), 0);
    expect_problems(0, "");
    assert_int_equal(cfg.domain_count, 1);
}

static void test_enhanced_no_xenstore_and_disabled(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    expect_problems(0, "");
    assert_true(cfg.domains[0].enhanced);
    set_string(DOMAIN, "xen,enhanced", "disabled");
    expect_problems(0, "");
    assert_false(cfg.domains[0].enhanced);
}

static void test_control_domain(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_u32(DOMAIN, "capabilities", 1);
    expect_problems(0, "");
    assert_true(cfg.domains[0].is_control);
    set_u32(DOMAIN, "capabilities", 0);
    expect_problems(0, "");
    assert_false(cfg.domains[0].is_control);
}

static void test_bootargs_absent_or_at_the_longest(void **state)
{
    char longest[BOOTARGS_MAX];

    (void)state;
    delete_property(MODULE, "bootargs");
    expect_problems(0, "");
    assert_string_equal(cfg.domains[0].bootargs, "");

    memset(longest, 'a', sizeof(longest) - 1);
    longest[sizeof(longest) - 1] = '\0';
    set_string(MODULE, "bootargs", longest);
    expect_problems(0, "");
    assert_string_equal(cfg.domains[0].bootargs, longest);
}

static void test_ramdisk_module(void **state)
{
    static const char ramdisk[] = "multiboot,ramdisk\0multiboot,module";

    (void)state;
    add_module("module@4a000000", ramdisk, sizeof(ramdisk), 0x4a000000);
    expect_problems(0, "");
    assert_int_equal(cfg.domains[0].ramdisk.base, 0x4a000000);
    assert_int_equal(cfg.domains[0].ramdisk.size, 0x1000);
    assert_int_equal(cfg.domains[0].kernel.base, SYSTEM_TREE_KERNEL_BASE);
}

static void test_kernel_at_the_very_end_of_ram(void **state)
{
    (void)state;
    system_tree_set_reg(tree, MODULE,
                        SYSTEM_TREE_RAM_BASE + SYSTEM_TREE_RAM_SIZE - SYSTEM_TREE_KERNEL_SIZE,
                        SYSTEM_TREE_KERNEL_SIZE);
    expect_problems(0, "");
}

static void test_module_reg_in_one_cell_each(void **state)
{
    (void)state;
    set_u32(DOMAIN, "#address-cells", 1);
    set_u32(DOMAIN, "#size-cells", 1);
    set_u32(MODULE, "reg", (uint32_t)SYSTEM_TREE_KERNEL_BASE);
    assert_int_equal(fdt_appendprop_u32(tree, system_tree_node(tree, MODULE), "reg", 0x2000), 0);
    expect_problems(0, "");
    assert_int_equal(cfg.domains[0].kernel.base, SYSTEM_TREE_KERNEL_BASE);
    assert_int_equal(cfg.domains[0].kernel.size, 0x2000);
}

static void test_static_event_channel_pair(void **state)
{
    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    add_evtchn("/chosen/domU2", "evtchn@b", 11, 200, 100);
    expect_problems(0, "");
    /* Recorded once, from the node that comes first: domU2's (domain index 0). */
    assert_int_equal(cfg.static_evtchn_count, 1);
    assert_int_equal(cfg.static_evtchns[0].domain_index[0], 0);
    assert_int_equal(cfg.static_evtchns[0].port[0], 11);
    assert_int_equal(cfg.static_evtchns[0].domain_index[1], 1);
    assert_int_equal(cfg.static_evtchns[0].port[1], 10);
}

static void test_domain_node_with_a_phandle(void **state)
{
    (void)state;
    /* Both forms are optional properties of a domain node (domain_binding.rst). */
    set_u32(DOMAIN, "phandle", 7);
    set_u32(DOMAIN, "linux,phandle", 7);
    expect_problems(0, "");
}

/* ---- Refused domain nodes ---- */

static void test_memory_missing_or_of_32_bits(void **state)
{
    static const char line[] = "(hv) error: /chosen/domU1: property \"memory\" must be one 64-bit "
                               "integer, a size in KiB\n";

    (void)state;
    set_u32(DOMAIN, "memory", 65536);
    expect_problems(1, line);
    delete_property(DOMAIN, "memory");
    expect_problems(1, line);
}

static const char memory_value_line[] = "(hv) error: /chosen/domU1: property \"memory\" must be a "
                                        "non-zero multiple of 4 KiB, at most 3 GiB\n";

static void test_memory_not_a_multiple_of_4_kib_or_zero(void **state)
{
    (void)state;
    system_tree_set_u64(tree, DOMAIN, "memory", 65538);
    expect_problems(1, memory_value_line);
    system_tree_set_u64(tree, DOMAIN, "memory", 0);
    expect_problems(1, memory_value_line);
}

static void test_memory_too_large(void **state)
{
    (void)state;
    /* 3 GiB is the most; the next multiple of 4 KiB is too much. */
    system_tree_set_u64(tree, DOMAIN, "memory", 3145728);
    expect_problems(0, "");
    system_tree_set_u64(tree, DOMAIN, "memory", 3145732);
    expect_problems(1, memory_value_line);
}

static void test_memory_whose_size_in_bytes_wraps_around(void **state)
{
    (void)state;
    /* 2^54 + 65536 KiB is 2^64 + 64 MiB bytes: 64 MiB once it wraps around 2^64. */
    system_tree_set_u64(tree, DOMAIN, "memory", (1ULL << 54) + SYSTEM_TREE_DOMAIN_KIB);
    expect_problems(1, memory_value_line);
    assert_int_equal(cfg.domains[0].memory_size, 0);
}

static void test_cpus_missing(void **state)
{
    (void)state;
    delete_property(DOMAIN, "cpus");
    expect_problems(1, "(hv) error: /chosen/domU1: property \"cpus\" must be one 32-bit "
                       "integer\n");
}

static void test_cpus_zero_or_too_many(void **state)
{
    static const char line[] = "(hv) error: /chosen/domU1: property \"cpus\" must be 1 to 4, the "
                               "vCPUs per domain this hypervisor supports\n";

    (void)state;
    set_u32(DOMAIN, "cpus", 0);
    expect_problems(1, line);
    set_u32(DOMAIN, "cpus", MAX_VCPUS_PER_DOMAIN + 1);
    expect_problems(1, line);
}

static void test_cells_missing_or_out_of_range(void **state)
{
    (void)state;
    delete_property(DOMAIN, "#address-cells");
    expect_problems(1, "(hv) error: /chosen/domU1: property \"#address-cells\" must be one cell "
                       "with the value 1 or 2\n");
    system_tree_build(tree);
    set_u32(DOMAIN, "#size-cells", 3);
    /* The module's reg, 4 cells, is then not one range of 2 + 3 cells either. */
    expect_problems(2, "(hv) error: /chosen/domU1: property \"#size-cells\" must be one cell "
                       "with the value 1 or 2\n"
                       "(hv) error: /chosen/domU1/module@49000000: property \"reg\" must be "
                       "exactly one non-empty range\n");
}

static const char kernel_count_line[] =
    "(hv) error: /chosen/domU1: must have exactly one kernel module node (compatible "
    "\"multiboot,kernel\", \"multiboot,module\")\n";

static void test_no_kernel_module(void **state)
{
    (void)state;
    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, MODULE)), 0);
    expect_problems(1, kernel_count_line);
}

static void test_two_kernel_modules(void **state)
{
    static const char kernel[] = "multiboot,kernel\0multiboot,module";

    (void)state;
    add_module("module@4a000000", kernel, sizeof(kernel), 0x4a000000);
    expect_problems(1, kernel_count_line);
}

static void test_module_of_no_single_kind(void **state)
{
    static const char line[] =
        "(hv) error: /chosen/domU1/module@4a000000: property \"compatible\" must name "
        "\"multiboot,module\" and exactly one of \"multiboot,kernel\" and \"multiboot,ramdisk\"\n";
    static const char kernel_only[] = "multiboot,kernel";
    static const char both[] = "multiboot,kernel\0multiboot,ramdisk\0multiboot,module";

    (void)state;
    add_module("module@4a000000", kernel_only, sizeof(kernel_only), 0x4a000000);
    expect_problems(1, line);
    system_tree_build(tree);
    add_module("module@4a000000", both, sizeof(both), 0x4a000000);
    expect_problems(1, line);
}

static void test_two_ramdisks(void **state)
{
    static const char ramdisk[] = "multiboot,ramdisk\0multiboot,module";

    (void)state;
    add_module("module@4a000000", ramdisk, sizeof(ramdisk), 0x4a000000);
    add_module("module@4b000000", ramdisk, sizeof(ramdisk), 0x4b000000);
    expect_problems(1, "(hv) error: /chosen/domU1: has more than one ramdisk module node\n");
}

static void test_bootargs_on_a_ramdisk(void **state)
{
    static const char ramdisk[] = "multiboot,ramdisk\0multiboot,module";

    (void)state;
    add_module("module@4a000000", ramdisk, sizeof(ramdisk), 0x4a000000);
    set_string(DOMAIN "/module@4a000000", "bootargs", "quiet");
    expect_problems(1, "(hv) error: /chosen/domU1/module@4a000000: property \"bootargs\" belongs "
                       "to the kernel module, not the ramdisk\n");
}

static void test_child_node_of_an_unknown_kind(void **state)
{
    (void)state;
    assert_true(fdt_add_subnode(tree, system_tree_node(tree, DOMAIN), "vpl011") >= 0);
    expect_problems(1, "(hv) error: /chosen/domU1/vpl011: is not a kind of node this hypervisor "
                       "supports under a domain node\n");
}

static const char not_in_ram_line[] =
    "(hv) error: /chosen/domU1/module@49000000: property \"reg\" does not lie in RAM\n";

static void test_module_reg_outside_ram(void **state)
{
    (void)state;
    system_tree_set_reg(tree, MODULE, 0x90000000, 0x10000);
    expect_problems(1, not_in_ram_line);
}

static void test_module_reg_across_the_end_of_ram(void **state)
{
    (void)state;
    system_tree_set_reg(tree, MODULE, 0x7fff8000, 0x10000);
    expect_problems(1, not_in_ram_line);
}

static void test_module_reg_not_one_non_empty_range(void **state)
{
    static const char line[] = "(hv) error: /chosen/domU1/module@49000000: property \"reg\" "
                               "must be exactly one non-empty range\n";
    int node;

    (void)state;
    system_tree_set_reg(tree, MODULE, SYSTEM_TREE_KERNEL_BASE, 0);
    expect_problems(1, line);
    system_tree_set_reg(tree, MODULE, SYSTEM_TREE_KERNEL_BASE, 0x1000);
    node = system_tree_node(tree, MODULE);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x4a000000), 0);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", 0x1000), 0);
    expect_problems(1, line);
    delete_property(MODULE, "reg");
    expect_problems(1, line);
}

static const char bootargs_line[] = "(hv) error: /chosen/domU1/module@49000000: property "
                                    "\"bootargs\" must be one string of at most 1023 characters\n";

static void test_bootargs_too_long(void **state)
{
    char too_long[BOOTARGS_MAX + 1];

    (void)state;
    memset(too_long, 'a', sizeof(too_long) - 1);
    too_long[sizeof(too_long) - 1] = '\0';
    set_string(MODULE, "bootargs", too_long);
    expect_problems(1, bootargs_line);
}

static void test_bootargs_not_one_string(void **state)
{
    static const char unterminated[3] = { 'a', 'b', 'c' };
    static const char two_strings[] = "a\0b";

    (void)state;
    set_bytes(MODULE, "bootargs", unterminated, sizeof(unterminated));
    expect_problems(1, bootargs_line);
    set_bytes(MODULE, "bootargs", two_strings, sizeof(two_strings));
    expect_problems(1, bootargs_line);
}

static void test_enhanced_other_values(void **state)
{
    static const char line[] = "(hv) error: /chosen/domU1: property \"xen,enhanced\" must be "
                               "\"no-xenstore\" or \"disabled\"\n";
    static const char *const values[] = { "enabled", "", "yes", "no-xenstore " };

    (void)state;
    for (unsigned int i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        set_string(DOMAIN, "xen,enhanced", values[i]);
        expect_problems(1, line);
    }
    assert_int_equal(fdt_setprop_empty(tree, system_tree_node(tree, DOMAIN), "xen,enhanced"), 0);
    expect_problems(1, line);
}

static void test_capabilities_other_bits(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_u32(DOMAIN, "capabilities", 2);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"capabilities\" must be one cell "
                       "with no bit other than 0 set\n");
    system_tree_set_u64(tree, DOMAIN, "capabilities", 1);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"capabilities\" must be one cell "
                       "with no bit other than 0 set\n");
}

static void test_control_domain_without_the_interface(void **state)
{
    (void)state;
    set_u32(DOMAIN, "capabilities", 1);
    expect_problems(1, "(hv) error: /chosen/domU1: property \"capabilities\" makes a control "
                       "domain, which needs xen,enhanced = \"no-xenstore\"\n");
}

static void test_unsupported_properties(void **state)
{
    (void)state;
    assert_int_equal(fdt_setprop_empty(tree, system_tree_node(tree, DOMAIN), "vpl011"), 0);
    set_u32(MODULE, "xen,uefi-binary", 1);
    expect_problems(2, "(hv) error: /chosen/domU1: property \"vpl011\" is not supported by this "
                       "hypervisor\n"
                       "(hv) error: /chosen/domU1/module@49000000: property \"xen,uefi-binary\" "
                       "is not supported by this hypervisor\n");
}

static void test_domain_name_too_long(void **state)
{
    char name[DOMAIN_NAME_MAX + 1];
    char expected[128];

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
    snprintf(expected, sizeof(expected),
             "(hv) error: /chosen/%s: the node name is longer than this hypervisor supports "
             "(31)\n", name);
    expect_problems(1, expected);
}

static void test_every_problem_of_a_domain_is_reported(void **state)
{
    (void)state;
    delete_property(DOMAIN, "memory");
    set_u32(DOMAIN, "cpus", 0);
    set_string(DOMAIN, "xen,enhanced", "yes");
    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, MODULE)), 0);
    expect_problems(4, "(hv) error: /chosen/domU1: property \"memory\" must be one 64-bit "
                       "integer, a size in KiB\n"
                       "(hv) error: /chosen/domU1: property \"cpus\" must be 1 to 4, the vCPUs "
                       "per domain this hypervisor supports\n"
                       "(hv) error: /chosen/domU1: property \"xen,enhanced\" must be "
                       "\"no-xenstore\" or \"disabled\"\n"
                       "(hv) error: /chosen/domU1: must have exactly one kernel module node "
                       "(compatible \"multiboot,kernel\", \"multiboot,module\")\n");
}

static void test_no_chosen(void **state)
{
    (void)state;
    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, "/chosen")), 0);
    expect_problems(1, "(hv) error: the device tree has no /chosen node, so no domains\n");
}

static void test_no_domains(void **state)
{
    (void)state;
    assert_int_equal(fdt_del_node(tree, system_tree_node(tree, DOMAIN)), 0);
    expect_problems(1, "(hv) error: /chosen has no domain node (compatible \"xen,domain\")\n");
}

static void test_more_domains_than_supported(void **state)
{
    (void)state;
    for (unsigned int i = 2; i <= MAX_DOMAINS; i++) {
        char name[16];

        snprintf(name, sizeof(name), "domU%u", i);
        system_tree_add_domain(tree, name, SYSTEM_TREE_KERNEL_BASE + 0x100000ULL * i);
    }
    expect_problems(0, "");
    assert_int_equal(cfg.domain_count, MAX_DOMAINS);

    /* A ninth is one too many: the last in tree order, domU1, is refused. */
    system_tree_add_domain(tree, "domU9", SYSTEM_TREE_KERNEL_BASE + 0x900000ULL);
    expect_problems(1, "(hv) error: /chosen/domU1: more domain nodes than this hypervisor "
                       "supports (8)\n");
    assert_int_equal(cfg.domain_count, MAX_DOMAINS);
}

static void test_event_channel_needs_the_interface(void **state)
{
    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    add_evtchn("/chosen/domU2", "evtchn@b", 11, 200, 100);
    expect_problems(1, "(hv) error: /chosen/domU1/evtchn@a: a static event channel needs "
                       "xen,enhanced = \"no-xenstore\" in its domain node\n");
}

static void test_event_channel_port_out_of_range(void **state)
{
    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 0, 100, 200);
    add_evtchn("/chosen/domU2", "evtchn@b", 1024, 200, 100);
    expect_problems(2, "(hv) error: /chosen/domU2/evtchn@b: property \"xen,evtchn\" has a local "
                       "port outside 1 to 1023\n"
                       "(hv) error: /chosen/domU1/evtchn@a: property \"xen,evtchn\" has a local "
                       "port outside 1 to 1023\n");
}

static void test_event_channel_without_its_peer(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    expect_problems(1, "(hv) error: /chosen/domU1/evtchn@a: property \"xen,evtchn\" must name "
                       "another static event channel node that names this one\n");
    assert_int_equal(cfg.static_evtchn_count, 0);
}

static void test_event_channel_without_a_phandle(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 0, 200);
    expect_problems(1, "(hv) error: /chosen/domU1/evtchn@a: a static event channel node needs a "
                       "phandle\n");
}

static void test_event_channels_sharing_a_phandle(void **state)
{
    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    add_evtchn("/chosen/domU2", "evtchn@b", 11, 200, 100);
    add_evtchn("/chosen/domU2", "evtchn@c", 12, 200, 100);
    /* evtchn@c comes first in the tree: evtchn@b is the one refused. */
    expect_problems(1, "(hv) error: /chosen/domU2/evtchn@b: has the same phandle as "
                       "/chosen/domU2/evtchn@c; phandles must be unique\n");
}

static void test_many_event_channels_sharing_a_phandle(void **state)
{
    enum { SHARING = MAX_STATIC_EVTCHNS + 8 };
    char expected[SHARING * 128];
    size_t length = 0;

    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    /* More nodes than there can be channels, all named by the one node of domU1. */
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    for (unsigned int i = 1; i <= SHARING; i++) {
        char name[16];

        snprintf(name, sizeof(name), "evtchn@%u", i);
        add_evtchn("/chosen/domU2", name, i, 200, 100);
    }
    /* The last added comes first and is kept; each of the others is refused. */
    for (unsigned int i = SHARING - 1; i >= 1; i--) {
        length += (size_t)snprintf(expected + length, sizeof(expected) - length,
                                   "(hv) error: /chosen/domU2/evtchn@%u: has the same phandle as "
                                   "/chosen/domU2/evtchn@%u; phandles must be unique\n",
                                   i, (unsigned int)SHARING);
    }
    expect_problems(SHARING - 1, expected);
    assert_int_equal(cfg.static_evtchn_count, 1);
}

static void test_event_channel_naming_itself(void **state)
{
    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 100);
    expect_problems(1, "(hv) error: /chosen/domU1/evtchn@a: property \"xen,evtchn\" must name "
                       "another static event channel node that names this one\n");
}

static void test_event_channel_without_two_cells(void **state)
{
    static const char line[] = "(hv) error: /chosen/domU1/evtchn@a: property \"xen,evtchn\" must be "
                               "two cells: the local port and a phandle\n";

    (void)state;
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    set_u32(DOMAIN "/evtchn@a", "xen,evtchn", 10);
    expect_problems(1, line);
    delete_property(DOMAIN "/evtchn@a", "xen,evtchn");
    expect_problems(1, line);
}

static void test_event_channels_of_one_domain_sharing_a_local_port(void **state)
{
    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    add_evtchn(DOMAIN, "evtchn@a", 10, 100, 200);
    add_evtchn(DOMAIN, "evtchn@b", 10, 101, 201);
    add_evtchn("/chosen/domU2", "evtchn@c", 10, 200, 100);
    add_evtchn("/chosen/domU2", "evtchn@d", 11, 201, 101);
    /* Port 10 of the other domain is no conflict; the second port 10 of domU1 is. */
    expect_problems(1, "(hv) error: /chosen/domU1/evtchn@a: property \"xen,evtchn\" has the local "
                       "port of another static event channel of the same domain\n");
}

static void test_more_event_channel_nodes_than_supported(void **state)
{
    char name[16];

    (void)state;
    system_tree_add_domain(tree, "domU2", 0x4a000000);
    set_string(DOMAIN, "xen,enhanced", "no-xenstore");
    set_string("/chosen/domU2", "xen,enhanced", "no-xenstore");
    /* 32 pairs are the most: one node per domain each. */
    for (uint32_t i = 1; i <= MAX_STATIC_EVTCHNS; i++) {
        snprintf(name, sizeof(name), "evtchn@%u", i);
        add_evtchn(DOMAIN, name, i, 100 + i, 200 + i);
        add_evtchn("/chosen/domU2", name, i, 200 + i, 100 + i);
    }
    expect_problems(0, "");
    assert_int_equal(cfg.static_evtchn_count, MAX_STATIC_EVTCHNS);
    /*
     * A 65th node is one too many: the last in tree order, domU1's evtchn@1,
     * is refused.  Its peer and the new node, which names no node, are then
     * left without a pair.
     */
    add_evtchn(DOMAIN, "evtchn@99", 99, 199, 299);
    expect_problems(3, "(hv) error: /chosen/domU1/evtchn@1: more static event channels than this "
                       "hypervisor supports (32)\n"
                       "(hv) error: /chosen/domU2/evtchn@1: property \"xen,evtchn\" must name "
                       "another static event channel node that names this one\n"
                       "(hv) error: /chosen/domU1/evtchn@99: property \"xen,evtchn\" must name "
                       "another static event channel node that names this one\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_valid_domain, setup),
        cmocka_unit_test_setup(test_domains_in_tree_order, setup),
        cmocka_unit_test_setup(test_other_nodes_under_chosen_are_not_domains, setup),
        cmocka_unit_test_setup(test_enhanced_no_xenstore_and_disabled, setup),
        cmocka_unit_test_setup(test_control_domain, setup),
        cmocka_unit_test_setup(test_bootargs_absent_or_at_the_longest, setup),
        cmocka_unit_test_setup(test_ramdisk_module, setup),
        cmocka_unit_test_setup(test_kernel_at_the_very_end_of_ram, setup),
        cmocka_unit_test_setup(test_module_reg_in_one_cell_each, setup),
        cmocka_unit_test_setup(test_static_event_channel_pair, setup),
        cmocka_unit_test_setup(test_domain_node_with_a_phandle, setup),
        cmocka_unit_test_setup(test_memory_missing_or_of_32_bits, setup),
        cmocka_unit_test_setup(test_memory_not_a_multiple_of_4_kib_or_zero, setup),
        cmocka_unit_test_setup(test_memory_too_large, setup),
        cmocka_unit_test_setup(test_memory_whose_size_in_bytes_wraps_around, setup),
        cmocka_unit_test_setup(test_cpus_missing, setup),
        cmocka_unit_test_setup(test_cpus_zero_or_too_many, setup),
        cmocka_unit_test_setup(test_cells_missing_or_out_of_range, setup),
        cmocka_unit_test_setup(test_no_kernel_module, setup),
        cmocka_unit_test_setup(test_two_kernel_modules, setup),
        cmocka_unit_test_setup(test_module_of_no_single_kind, setup),
        cmocka_unit_test_setup(test_two_ramdisks, setup),
        cmocka_unit_test_setup(test_bootargs_on_a_ramdisk, setup),
        cmocka_unit_test_setup(test_child_node_of_an_unknown_kind, setup),
        cmocka_unit_test_setup(test_module_reg_outside_ram, setup),
        cmocka_unit_test_setup(test_module_reg_across_the_end_of_ram, setup),
        cmocka_unit_test_setup(test_module_reg_not_one_non_empty_range, setup),
        cmocka_unit_test_setup(test_bootargs_too_long, setup),
        cmocka_unit_test_setup(test_bootargs_not_one_string, setup),
        cmocka_unit_test_setup(test_enhanced_other_values, setup),
        cmocka_unit_test_setup(test_capabilities_other_bits, setup),
        cmocka_unit_test_setup(test_control_domain_without_the_interface, setup),
        cmocka_unit_test_setup(test_unsupported_properties, setup),
        cmocka_unit_test_setup(test_domain_name_too_long, setup),
        cmocka_unit_test_setup(test_every_problem_of_a_domain_is_reported, setup),
        cmocka_unit_test_setup(test_no_chosen, setup),
        cmocka_unit_test_setup(test_no_domains, setup),
        cmocka_unit_test_setup(test_more_domains_than_supported, setup),
        cmocka_unit_test_setup(test_event_channel_needs_the_interface, setup),
        cmocka_unit_test_setup(test_event_channel_port_out_of_range, setup),
        cmocka_unit_test_setup(test_event_channel_without_its_peer, setup),
        cmocka_unit_test_setup(test_event_channel_without_a_phandle, setup),
        cmocka_unit_test_setup(test_event_channels_sharing_a_phandle, setup),
        cmocka_unit_test_setup(test_many_event_channels_sharing_a_phandle, setup),
        cmocka_unit_test_setup(test_event_channel_naming_itself, setup),
        cmocka_unit_test_setup(test_event_channel_without_two_cells, setup),
        cmocka_unit_test_setup(test_event_channels_of_one_domain_sharing_a_local_port, setup),
        cmocka_unit_test_setup(test_more_event_channel_nodes_than_supported, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
