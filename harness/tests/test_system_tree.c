/*
 * test_system_tree.c - building the system device tree from a machine tree.
 *
 * The machine trees are made here with libfdt, small but shaped like
 * QEMU's: /memory with reg, /chosen with stdout-path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "system_tree.h"
#include "topology.h"

#define TREE_SIZE 4096

/* A machine tree with RAM at ram_base of ram_size bytes, in cells
 * #address-cells and #size-cells at the root (1 or 2 each). */
static void make_machine_tree(void *tree, uint64_t ram_base, uint64_t ram_size, int cells,
                              bool with_chosen, bool with_memory)
{
    int node;

    assert_int_equal(fdt_create_empty_tree(tree, TREE_SIZE), 0);
    assert_int_equal(fdt_setprop_u32(tree, 0, "#address-cells", (uint32_t)cells), 0);
    assert_int_equal(fdt_setprop_u32(tree, 0, "#size-cells", (uint32_t)cells), 0);
    assert_int_equal(fdt_setprop_string(tree, 0, "compatible", "linux,dummy-virt"), 0);
    if (with_memory) {
        node = fdt_add_subnode(tree, 0, "memory@40000000");
        assert_true(node >= 0);
        assert_int_equal(fdt_setprop_string(tree, node, "device_type", "memory"), 0);
        if (cells == 2) {
            assert_int_equal(fdt_setprop_u64(tree, node, "reg", ram_base), 0);
            assert_int_equal(fdt_appendprop_u64(tree, node, "reg", ram_size), 0);
        } else {
            assert_int_equal(fdt_setprop_u32(tree, node, "reg", (uint32_t)ram_base), 0);
            assert_int_equal(fdt_appendprop_u32(tree, node, "reg", (uint32_t)ram_size), 0);
        }
    }
    if (with_chosen) {
        node = fdt_add_subnode(tree, 0, "chosen");
        assert_true(node >= 0);
        assert_int_equal(fdt_setprop_string(tree, node, "stdout-path", "/pl011@9000000"), 0);
    }
    assert_int_equal(fdt_pack(tree), 0);
}

static const struct system_tree_settings xen_settings = {
    .bootargs_property = "xen,xen-bootargs",
    .hypervisor_bootargs = "console=dtuart bootscrub=0",
};

static uint32_t get_u32(const void *tree, const char *path, const char *name)
{
    int node = fdt_path_offset(tree, path);
    const fdt32_t *value;
    int length;

    assert_true(node >= 0);
    value = fdt_getprop(tree, node, name, &length);
    assert_non_null(value);
    assert_int_equal(length, 4);
    return fdt32_to_cpu(*value);
}

static const char *get_string(const void *tree, const char *path, const char *name)
{
    int node = fdt_path_offset(tree, path);
    const char *value;
    int length;

    assert_true(node >= 0);
    value = fdt_getprop(tree, node, name, &length);
    assert_non_null(value);
    assert_int_equal(length, (int)strlen(value) + 1);
    return value;
}

static void test_one_domain(void **state)
{
    static char machine[TREE_SIZE];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;
    const fdt32_t *cells;
    const char *compatible;
    int length;
    int node;

    (void)state;
    make_machine_tree(machine, 0x40000000, 0x40000000, 2, true, true);
    topology_add_domain(&topology, 1, 65536, 1, "hvabi.role=main hvabi.domain=1", "guest.Image",
                        32624);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &xen_settings, &topology,
                                       &tree, &tree_size, &err),
                     0);
    assert_int_equal(fdt_check_full(tree, tree_size), 0);
    assert_int_equal(tree_size, fdt_totalsize(tree));

    /* The middle of RAM, which is on a 2 MiB boundary already. */
    assert_true(topology.domains[0].kernel_address == 0x60000000);

    /* What the machine tree had is kept. */
    assert_string_equal(get_string(tree, "/chosen", "stdout-path"), "/pl011@9000000");
    assert_string_equal(get_string(tree, "/chosen", "xen,xen-bootargs"),
                        "console=dtuart bootscrub=0");
    assert_int_equal(get_u32(tree, "/chosen", "#address-cells"), 2);
    assert_int_equal(get_u32(tree, "/chosen", "#size-cells"), 2);

    assert_string_equal(get_string(tree, "/chosen/domU1", "compatible"), "xen,domain");
    assert_int_equal(get_u32(tree, "/chosen/domU1", "#address-cells"), 2);
    assert_int_equal(get_u32(tree, "/chosen/domU1", "#size-cells"), 2);
    assert_int_equal(get_u32(tree, "/chosen/domU1", "cpus"), 1);
    assert_string_equal(get_string(tree, "/chosen/domU1", "xen,enhanced"), "no-xenstore");

    node = fdt_path_offset(tree, "/chosen/domU1");
    cells = fdt_getprop(tree, node, "memory", &length);
    assert_non_null(cells);
    assert_int_equal(length, 8);
    assert_int_equal(fdt32_to_cpu(cells[0]), 0);
    assert_int_equal(fdt32_to_cpu(cells[1]), 65536);

    node = fdt_path_offset(tree, "/chosen/domU1/module@60000000");
    assert_true(node >= 0);
    compatible = fdt_getprop(tree, node, "compatible", &length);
    assert_non_null(compatible);
    assert_int_equal(length, (int)sizeof("multiboot,kernel\0multiboot,module"));
    assert_memory_equal(compatible, "multiboot,kernel\0multiboot,module", (size_t)length);
    cells = fdt_getprop(tree, node, "reg", &length);
    assert_non_null(cells);
    assert_int_equal(length, 16);
    assert_int_equal(fdt32_to_cpu(cells[0]), 0);
    assert_int_equal(fdt32_to_cpu(cells[1]), 0x60000000);
    assert_int_equal(fdt32_to_cpu(cells[2]), 0);
    assert_int_equal(fdt32_to_cpu(cells[3]), 32624);
    assert_string_equal(get_string(tree, "/chosen/domU1/module@60000000", "bootargs"),
                        "hvabi.role=main hvabi.domain=1");

    free(tree);
    topology_free(&topology);
}

static void test_several_domains(void **state)
{
    static char machine[TREE_SIZE];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;
    int node;

    (void)state;
    /* 17 MiB of RAM: the middle, 0x40880000, rounds up to 0x40a00000. */
    make_machine_tree(machine, 0x40000000, 0x1100000, 2, true, true);
    topology_add_domain(&topology, 1, 65536, 1, "a", "one.Image", 0x1000);
    topology_add_domain(&topology, 2, 32768, 2, "b", "two.Image", 0x200000);
    topology_add_domain(&topology, 3, 16384, 1, "c", "three.Image", 0x100);
    topology.domains[1].capabilities = 0x5;
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &xen_settings, &topology,
                                       &tree, &tree_size, &err),
                     0);

    assert_true(topology.domains[0].kernel_address == 0x40a00000);
    /* The next 2 MiB boundary after the end of the one before. */
    assert_true(topology.domains[1].kernel_address == 0x40c00000);
    /* Exactly 2 MiB long: the next boundary is its end. */
    assert_true(topology.domains[2].kernel_address == 0x40e00000);

    /* The domain nodes in the order of their IDs, which is the order the
     * hypervisor numbers them in. */
    node = fdt_first_subnode(tree, fdt_path_offset(tree, "/chosen"));
    assert_string_equal(fdt_get_name(tree, node, NULL), "domU1");
    node = fdt_next_subnode(tree, node);
    assert_string_equal(fdt_get_name(tree, node, NULL), "domU2");
    node = fdt_next_subnode(tree, node);
    assert_string_equal(fdt_get_name(tree, node, NULL), "domU3");
    assert_true(fdt_path_offset(tree, "/chosen/domU1/module@40a00000") >= 0);
    assert_true(fdt_path_offset(tree, "/chosen/domU2/module@40c00000") >= 0);
    assert_true(fdt_path_offset(tree, "/chosen/domU3/module@40e00000") >= 0);
    assert_int_equal(get_u32(tree, "/chosen/domU2", "cpus"), 2);
    assert_string_equal(get_string(tree, "/chosen/domU3/module@40e00000", "bootargs"), "c");

    /* Only a domain with capabilities has the property. */
    assert_int_equal(get_u32(tree, "/chosen/domU2", "capabilities"), 0x5);
    assert_null(fdt_getprop(tree, fdt_path_offset(tree, "/chosen/domU1"), "capabilities", NULL));
    assert_null(fdt_getprop(tree, fdt_path_offset(tree, "/chosen/domU3"), "capabilities", NULL));
    free(tree);
    topology_free(&topology);
}

static void test_one_cell_root_and_no_chosen(void **state)
{
    static char machine[TREE_SIZE];
    struct system_tree_settings no_bootargs = { "bootargs", "" };
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;
    uint64_t base = 0;
    uint64_t size = 0;
    int chosen;

    (void)state;
    make_machine_tree(machine, 0x80000000, 0x10000000, 1, false, true);
    assert_int_equal(system_tree_read_ram(machine, &base, &size, &err), 0);
    assert_true(base == 0x80000000);
    assert_true(size == 0x10000000);

    topology_add_domain(&topology, 1, 65536, 1, "x", "g.Image", 100);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &no_bootargs, &topology,
                                       &tree, &tree_size, &err),
                     0);
    chosen = fdt_path_offset(tree, "/chosen");
    assert_true(chosen >= 0);
    /* An empty command line is not written at all. */
    assert_null(fdt_getprop(tree, chosen, "bootargs", NULL));
    assert_true(fdt_path_offset(tree, "/chosen/domU1/module@88000000") >= 0);
    free(tree);
    topology_free(&topology);
}

static void test_garbage_is_refused(void **state)
{
    unsigned char garbage[256];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(garbage); i++) {
        garbage[i] = (unsigned char)(i * 37 + 11);
    }
    topology_add_domain(&topology, 1, 65536, 1, "x", "g.Image", 100);
    assert_int_equal(system_tree_build(garbage, sizeof(garbage), &xen_settings, &topology, &tree,
                                       &tree_size, &err),
                     -1);
    assert_null(tree);
    assert_string_equal(err.message,
                        "the machine's device tree is not a valid flattened device tree: "
                        "FDT_ERR_BADMAGIC");
    assert_int_equal(system_tree_build(garbage, 10, &xen_settings, &topology, &tree, &tree_size,
                                       &err),
                     -1);
    assert_string_equal(err.message,
                        "the machine's device tree is 10 bytes long: too short for a header");
    topology_free(&topology);
}

static void test_truncated_tree_is_refused(void **state)
{
    static char machine[TREE_SIZE];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;

    (void)state;
    make_machine_tree(machine, 0x40000000, 0x40000000, 2, true, true);
    topology_add_domain(&topology, 1, 65536, 1, "x", "g.Image", 100);
    /* The header says more bytes than there are. */
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine) - 8, &xen_settings,
                                       &topology, &tree, &tree_size, &err),
                     -1);
    assert_null(tree);
    assert_non_null(strstr(err.message, "not a valid flattened device tree"));

    /* A broken structure block inside a header that looks right. */
    memset(machine + fdt_off_dt_struct(machine) + 4, 0xff, 16);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &xen_settings, &topology,
                                       &tree, &tree_size, &err),
                     -1);
    assert_null(tree);
    assert_non_null(strstr(err.message, "not a valid flattened device tree"));
    topology_free(&topology);
}

static void test_missing_memory_is_refused(void **state)
{
    static char machine[TREE_SIZE];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;

    (void)state;
    make_machine_tree(machine, 0, 0, 2, true, false);
    topology_add_domain(&topology, 1, 65536, 1, "x", "g.Image", 100);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &xen_settings, &topology,
                                       &tree, &tree_size, &err),
                     -1);
    assert_null(tree);
    assert_string_equal(err.message,
                        "the machine's device tree has no /memory node (FDT_ERR_NOTFOUND)");
    topology_free(&topology);
}

static void test_kernel_too_large_is_refused(void **state)
{
    static char machine[TREE_SIZE];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;

    (void)state;
    make_machine_tree(machine, 0x40000000, 0x4000000, 2, true, true);
    topology_add_domain(&topology, 1, 65536, 1, "x", "big.Image", 0x2000001);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &xen_settings, &topology,
                                       &tree, &tree_size, &err),
                     -1);
    assert_string_equal(err.message,
                        "the kernel of d1 (big.Image, 33554433 bytes) does not fit in RAM above "
                        "0x42000000 (RAM ends at 0x44000000)");
    topology_free(&topology);
}

/* The value of a property of two cells. */
static void get_two_cells(const void *tree, const char *path, const char *name, uint32_t *first,
                          uint32_t *second)
{
    int node = fdt_path_offset(tree, path);
    const fdt32_t *value;
    int length;

    assert_true(node >= 0);
    value = fdt_getprop(tree, node, name, &length);
    assert_non_null(value);
    assert_int_equal(length, 8);
    *first = fdt32_to_cpu(value[0]);
    *second = fdt32_to_cpu(value[1]);
}

/* Two domains and a static event channel between them, read back: each
 * end names the other by phandle, in Xen's xen,evtchn-v1 binding. */
static void test_static_event_channel(void **state)
{
    static char machine[TREE_SIZE];
    struct topology topology = { 0 };
    struct harness_error err;
    void *tree = NULL;
    size_t tree_size = 0;
    uint32_t port = 0;
    uint32_t peer = 0;
    uint32_t phandle_1 = 0;
    uint32_t phandle_2 = 0;
    int node;

    (void)state;
    make_machine_tree(machine, 0x40000000, 0x40000000, 2, true, true);
    /* A phandle of the machine's own, as QEMU's GIC has one. */
    node = fdt_path_offset(machine, "/memory@40000000");
    assert_int_equal(fdt_open_into(machine, machine, TREE_SIZE), 0);
    assert_int_equal(fdt_setprop_u32(machine, node, "phandle", 0x8001), 0);
    assert_int_equal(fdt_pack(machine), 0);

    topology_add_domain(&topology, 1, 65536, 1, "hvabi.role=main", "g.Image", 100);
    topology_add_domain(&topology, 2, 32768, 1, "hvabi.role=peer", "g.Image", 100);
    topology_add_channel(&topology, 0, 10, 1, 42);
    topology_add_channel(&topology, 1, 11, 0, 4095);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &xen_settings, &topology,
                                       &tree, &tree_size, &err),
                     0);
    assert_int_equal(fdt_check_full(tree, tree_size), 0);

    /* Each end below its domain, named by its local port (hex). */
    assert_string_equal(get_string(tree, "/chosen/domU1/evtchn@a", "compatible"),
                        "xen,evtchn-v1");
    assert_string_equal(get_string(tree, "/chosen/domU2/evtchn@2a", "compatible"),
                        "xen,evtchn-v1");
    phandle_1 = get_u32(tree, "/chosen/domU1/evtchn@a", "phandle");
    phandle_2 = get_u32(tree, "/chosen/domU2/evtchn@2a", "phandle");
    /* New phandles: none of the machine's, and not each other's. */
    assert_true(phandle_1 > 0x8001);
    assert_true(phandle_2 > 0x8001);
    assert_true(phandle_1 != phandle_2);

    get_two_cells(tree, "/chosen/domU1/evtchn@a", "xen,evtchn", &port, &peer);
    assert_int_equal(port, 10);
    assert_int_equal(peer, phandle_2);
    get_two_cells(tree, "/chosen/domU2/evtchn@2a", "xen,evtchn", &port, &peer);
    assert_int_equal(port, 42);
    assert_int_equal(peer, phandle_1);
    /* The phandles resolve to each other's node. */
    assert_int_equal(fdt_node_offset_by_phandle(tree, peer),
                     fdt_path_offset(tree, "/chosen/domU1/evtchn@a"));
    get_two_cells(tree, "/chosen/domU1/evtchn@a", "xen,evtchn", &port, &peer);
    assert_int_equal(fdt_node_offset_by_phandle(tree, peer),
                     fdt_path_offset(tree, "/chosen/domU2/evtchn@2a"));

    /* The second channel, written the other way round. */
    get_two_cells(tree, "/chosen/domU2/evtchn@b", "xen,evtchn", &port, &peer);
    assert_int_equal(port, 11);
    assert_int_equal(fdt_node_offset_by_phandle(tree, peer),
                     fdt_path_offset(tree, "/chosen/domU1/evtchn@fff"));
    get_two_cells(tree, "/chosen/domU1/evtchn@fff", "xen,evtchn", &port, &peer);
    assert_int_equal(port, 4095);
    assert_int_equal(fdt_node_offset_by_phandle(tree, peer),
                     fdt_path_offset(tree, "/chosen/domU2/evtchn@b"));

    /* The domains themselves are as without channels. */
    assert_string_equal(get_string(tree, "/chosen/domU2/module@60200000", "bootargs"),
                        "hvabi.role=peer");
    free(tree);
    topology_free(&topology);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_domain),
        cmocka_unit_test(test_several_domains),
        cmocka_unit_test(test_one_cell_root_and_no_chosen),
        cmocka_unit_test(test_garbage_is_refused),
        cmocka_unit_test(test_truncated_tree_is_refused),
        cmocka_unit_test(test_missing_memory_is_refused),
        cmocka_unit_test(test_kernel_too_large_is_refused),
        cmocka_unit_test(test_static_event_channel),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
