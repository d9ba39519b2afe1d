/*
 * hypervisor_node.c - the /hypervisor node of the guest's own device tree.
 *
 * Specification: spec/chapters/hypervisor_node.rst ("Presence" to "The
 * interrupts property").  The harness gives every domain xen,enhanced =
 * "no-xenstore", so every tree the guest gets must have the node.
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "framework/suite.h"
#include "support/device_tree.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/grant_table.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>
#include <hvabi/xen_version.h>

#define PAGE_SIZE 4096ULL

/* The /hypervisor node, or -1 after recording the failure. */
static int hypervisor_node(struct test_context *t)
{
    int node = fdt_path_offset(t->platform->fdt, "/hypervisor");

    expect(t, node >= 0, "/hypervisor: not found (libfdt: %d)", node);
    return node;
}

/* The ranges of /hypervisor reg; -1 after recording a failure. */
static int hypervisor_ranges(struct test_context *t, struct tree_range *ranges)
{
    int node = hypervisor_node(t);
    int count;

    if (node < 0) {
        return -1;
    }
    count = tree_root_node_ranges(t->platform->fdt, node, ranges, TREE_MAX_RANGES);
    if (!expect(t, count > 0, "/hypervisor reg: expected ranges of 16 bytes, got %s",
                count == 0 ? "no reg property" : "a length that is not a multiple of 16")) {
        return -1;
    }
    return count;
}

static bool is_page_aligned(uint64_t value)
{
    return value % PAGE_SIZE == 0;
}

/*
 * Checks that `range` overlaps neither the RAM of the domain nor a reg
 * range of a node at the root other than /hypervisor.  `what` names the
 * range in messages.
 */
static void expect_clear_of_tree(struct test_context *t, const struct tree_range *range,
                                 const char *what)
{
    const void *fdt = t->platform->fdt;
    struct tree_range others[TREE_MAX_RANGES];
    int node;

    fdt_for_each_subnode(node, fdt, 0) {
        const char *name = fdt_get_name(fdt, node, NULL);
        int count;

        if (name != NULL && strcmp(name, "hypervisor") == 0) {
            continue;
        }
        count = tree_root_node_ranges(fdt, node, others, TREE_MAX_RANGES);
        for (int i = 0; i < count; i++) {
            expect(t, !tree_ranges_overlap(range, &others[i]),
                   "%s [0x%llx, +0x%llx) overlaps range %d of /%s [0x%llx, +0x%llx)", what,
                   (unsigned long long)range->base, (unsigned long long)range->size, i,
                   name != NULL ? name : "?", (unsigned long long)others[i].base,
                   (unsigned long long)others[i].size);
        }
    }
}

static void present(struct test_context *t)
{
    int node = hypervisor_node(t);
    const char *name;

    if (node < 0) {
        return;
    }
    name = fdt_get_name(t->platform->fdt, node, NULL);
    expect(t, name != NULL && strcmp(name, "hypervisor") == 0,
           "the node found at /hypervisor is named '%s', expected 'hypervisor' without a unit "
           "address",
           name != NULL ? name : "?");
    expect(t, fdt_parent_offset(t->platform->fdt, node) == 0,
           "/hypervisor is not a child of the root node");
}

static void compatible_names_version(struct test_context *t)
{
    int node = hypervisor_node(t);
    int64_t version = hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0);
    char expected[64];
    size_t first_length;
    const char *value;
    int length;

    if (node < 0 || !expect(t, version >= 0, "XENVER_version failed: %lld", (long long)version)) {
        return;
    }
    first_length = (size_t)snprintf(expected, sizeof(expected), "xen,xen-%lld.%lld",
                                    (long long)(version >> HVABI_XENVER_MAJOR_SHIFT),
                                    (long long)(version & HVABI_XENVER_MINOR_MASK)) + 1;
    /* The expected list: "xen,xen-M.m\0xen,xen\0". */
    memcpy(expected + first_length, "xen,xen", sizeof("xen,xen"));
    value = fdt_getprop(t->platform->fdt, node, "compatible", &length);
    if (!expect(t, value != NULL, "/hypervisor has no compatible property")) {
        return;
    }
    expect(t, length == (int)(first_length + sizeof("xen,xen")) &&
                  memcmp(value, expected, (size_t)length) == 0,
           "/hypervisor compatible: expected exactly \"%s\", \"xen,xen\" (%zu bytes); got %d "
           "bytes starting \"%.*s\"",
           expected, first_length + sizeof("xen,xen"), length,
           (int)strnlen(value, (size_t)length), value);
}

static void reg_format(struct test_context *t)
{
    int node = hypervisor_node(t);
    int length = 0;

    if (node < 0) {
        return;
    }
    if (!expect(t, fdt_getprop(t->platform->fdt, node, "reg", &length) != NULL,
                "/hypervisor has no reg property")) {
        return;
    }
    expect(t, length >= 16 && length % 16 == 0,
           "/hypervisor reg: expected one or more ranges of 2 + 2 cells (16 bytes each), got "
           "%d bytes",
           length);
}

static void grant_window(struct test_context *t)
{
    struct tree_range ranges[TREE_MAX_RANGES];
    struct hvabi_gnttab_query_size query;
    int64_t rc;

    if (hypervisor_ranges(t, ranges) < 0) {
        return;
    }
    expect(t, is_page_aligned(ranges[0].base) && is_page_aligned(ranges[0].size),
           "grant table window [0x%llx, +0x%llx): base and size must be multiples of 4096",
           (unsigned long long)ranges[0].base, (unsigned long long)ranges[0].size);

    memset(&query, 0, sizeof(query));
    query.dom = HVABI_DOMID_SELF;
    rc = hvabi_hypercall3(HVABI_HYPERCALL_GRANT_TABLE_OP, HVABI_GNTTABOP_QUERY_SIZE,
                          (uint64_t)(uintptr_t)&query, 1);
    if (!expect(t, rc == 0 && query.status == HVABI_GNTST_OKAY,
                "GNTTABOP_query_size of this domain: result %lld, status %d", (long long)rc,
                query.status)) {
        return;
    }
    test_note(t, "grant table window 0x%llx bytes; at most %u grant frames",
              (unsigned long long)ranges[0].size, query.max_nr_frames);
    expect(t, ranges[0].size / PAGE_SIZE >= query.max_nr_frames,
           "grant table window of 0x%llx bytes cannot hold the %u frames of max_nr_frames",
           (unsigned long long)ranges[0].size, query.max_nr_frames);
}

static void grant_window_free(struct test_context *t)
{
    struct tree_range ranges[TREE_MAX_RANGES];
    struct tree_range memory[TREE_MAX_RANGES];
    int count = hypervisor_ranges(t, ranges);
    int memory_count;

    if (count < 0) {
        return;
    }
    memory_count = tree_memory_ranges(t->platform->fdt, memory, TREE_MAX_RANGES);
    for (int i = 0; i < memory_count; i++) {
        expect(t, !tree_ranges_overlap(&ranges[0], &memory[i]),
               "grant table window overlaps RAM [0x%llx, +0x%llx)",
               (unsigned long long)memory[i].base, (unsigned long long)memory[i].size);
    }
    for (int i = 1; i < count; i++) {
        expect(t, !tree_ranges_overlap(&ranges[0], &ranges[i]),
               "grant table window overlaps extended region %d [0x%llx, +0x%llx)", i,
               (unsigned long long)ranges[i].base, (unsigned long long)ranges[i].size);
    }
    expect_clear_of_tree(t, &ranges[0], "grant table window");
}

static void extended_regions(struct test_context *t)
{
    struct tree_range ranges[TREE_MAX_RANGES];
    int count = hypervisor_ranges(t, ranges);

    if (count < 0) {
        return;
    }
    if (count == 1) {
        test_skip(t, "no extended regions: they are optional");
        return;
    }
    for (int i = 1; i < count; i++) {
        expect(t, is_page_aligned(ranges[i].base) && is_page_aligned(ranges[i].size) &&
                      ranges[i].size != 0,
               "extended region %d [0x%llx, +0x%llx): base and size must be non-zero multiples "
               "of 4096",
               i, (unsigned long long)ranges[i].base, (unsigned long long)ranges[i].size);
    }
}

/* The physical address size of ID_AA64MMFR0_EL1.PARange, in bits; 0 if unknown. */
static unsigned int physical_address_bits(void)
{
    static const unsigned int bits[] = { 32, 36, 40, 42, 44, 48, 52 };
    uint64_t mmfr0;

    __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
    return (mmfr0 & 0xf) < sizeof(bits) / sizeof(bits[0]) ? bits[mmfr0 & 0xf] : 0;
}

static void extended_regions_free(struct test_context *t)
{
    struct tree_range ranges[TREE_MAX_RANGES];
    struct tree_range memory[TREE_MAX_RANGES];
    int count = hypervisor_ranges(t, ranges);
    unsigned int pa_bits = physical_address_bits();
    int memory_count;

    if (count < 0) {
        return;
    }
    if (count == 1) {
        test_skip(t, "no extended regions: they are optional");
        return;
    }
    expect(t, pa_bits != 0, "ID_AA64MMFR0_EL1.PARange has a reserved value");
    memory_count = tree_memory_ranges(t->platform->fdt, memory, TREE_MAX_RANGES);
    for (int i = 1; i < count; i++) {
        const struct tree_range *region = &ranges[i];
        char what[32];

        snprintf(what, sizeof(what), "extended region %d", i);
        for (int m = 0; m < memory_count; m++) {
            expect(t, !tree_ranges_overlap(region, &memory[m]),
                   "%s [0x%llx, +0x%llx) overlaps RAM [0x%llx, +0x%llx)", what,
                   (unsigned long long)region->base, (unsigned long long)region->size,
                   (unsigned long long)memory[m].base, (unsigned long long)memory[m].size);
        }
        for (int j = 0; j < count; j++) {
            expect(t, j == i || !tree_ranges_overlap(region, &ranges[j]),
                   "%s overlaps %s %d of /hypervisor reg", what,
                   j == 0 ? "the grant table window, range" : "extended region", j);
        }
        expect_clear_of_tree(t, region, what);
        if (pa_bits != 0 && region->size != 0) {
            uint64_t last = region->base + (region->size - 1);

            expect(t, last >= region->base && (last >> pa_bits) == 0,
                   "%s [0x%llx, +0x%llx) does not lie below 2^%u (PARange)", what,
                   (unsigned long long)region->base, (unsigned long long)region->size, pa_bits);
        }
    }
}

static void interrupts_property(struct test_context *t)
{
    int node = hypervisor_node(t);
    const fdt32_t *cells;
    int length;

    if (node < 0) {
        return;
    }
    cells = fdt_getprop(t->platform->fdt, node, "interrupts", &length);
    if (!expect(t, cells != NULL, "/hypervisor has no interrupts property") ||
        !expect(t, length == 12, "/hypervisor interrupts: expected one specifier of 3 cells "
                                 "(12 bytes), got %d bytes", length)) {
        return;
    }
    test_note(t, "/hypervisor interrupts = <%u %u 0x%x>", fdt32_to_cpu(cells[0]),
              fdt32_to_cpu(cells[1]), fdt32_to_cpu(cells[2]));
    expect_result(t, "cell 0 (type: 1 for a PPI)", fdt32_to_cpu(cells[0]), 1);
    expect(t, fdt32_to_cpu(cells[1]) <= 15, "cell 1: expected a PPI number from 0 to 15, got %u",
           fdt32_to_cpu(cells[1]));
    expect_result(t, "cell 2 bits [3:0] (trigger: 8 for low level)",
                  fdt32_to_cpu(cells[2]) & 0xf, 8);
}

static void interrupt_parent(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int node = hypervisor_node(t);
    uint32_t parent;
    uint32_t gic_phandle;
    int gic;

    if (node < 0) {
        return;
    }
    if (!expect(t, tree_read_cell(fdt, node, "interrupt-parent", &parent),
                "/hypervisor: expected an interrupt-parent property of one cell")) {
        return;
    }
    if (!expect(t, tree_find_gic(fdt, &gic) == 1,
                "the tree has no single GIC node to compare with")) {
        return;
    }
    gic_phandle = fdt_get_phandle(fdt, gic);
    expect(t, gic_phandle != 0 && parent == gic_phandle,
           "/hypervisor interrupt-parent is 0x%x; the GIC node %s has phandle 0x%x", parent,
           fdt_get_name(fdt, gic, NULL), gic_phandle);
}

/* Checks one node's interrupts against the upcall PPI. */
static void expect_node_avoids_ppi(struct test_context *t, int node, uint32_t gic_phandle,
                                   uint32_t ppi)
{
    const void *fdt = t->platform->fdt;
    const fdt32_t *cells;
    uint32_t parent;
    int length;
    char path[128];

    cells = fdt_getprop(fdt, node, "interrupts", &length);
    if (cells == NULL || !tree_interrupt_parent(fdt, node, &parent) || parent != gic_phandle) {
        return; /* no interrupts, or those of another controller */
    }
    if (fdt_get_path(fdt, node, path, sizeof(path)) != 0) {
        snprintf(path, sizeof(path), "(node at offset %d)", node);
    }
    for (int i = 0; (i + 1) * 12 <= length; i++) {
        expect(t, !(fdt32_to_cpu(cells[3 * i]) == 1 && fdt32_to_cpu(cells[3 * i + 1]) == ppi),
               "%s names the upcall PPI %u in its interrupts (specifier %d)", path, ppi, i);
    }
}

static void upcall_exclusive(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int hypervisor = hypervisor_node(t);
    const fdt32_t *cells;
    uint32_t gic_phandle;
    uint32_t cells_per_interrupt;
    int length;
    int gic;

    if (hypervisor < 0) {
        return;
    }
    cells = fdt_getprop(fdt, hypervisor, "interrupts", &length);
    if (!expect(t, cells != NULL && length == 12, "/hypervisor interrupts is not one specifier") ||
        !expect(t, tree_find_gic(fdt, &gic) == 1, "the tree has no single GIC node")) {
        return;
    }
    gic_phandle = fdt_get_phandle(fdt, gic);
    if (!expect(t, tree_read_cell(fdt, gic, "#interrupt-cells", &cells_per_interrupt) &&
                       cells_per_interrupt == 3,
                "the GIC node has no #interrupt-cells = 3")) {
        return;
    }
    for (int node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
        if (node != hypervisor) {
            expect_node_avoids_ppi(t, node, gic_phandle, fdt32_to_cpu(cells[1]));
        }
    }
}

const struct conformance_test hypervisor_node_tests[] = {
    {
        .name = "hypervisor_node_present",
        .verifies = "hvabi~hypervisor-node-present~1",
        .run = present,
    },
    {
        .name = "hypervisor_node_compatible",
        .verifies = "hvabi~hypervisor-node-compatible~1",
        .run = compatible_names_version,
    },
    {
        .name = "hypervisor_node_reg_format",
        .verifies = "hvabi~hypervisor-node-reg-format~1",
        .run = reg_format,
    },
    {
        .name = "hypervisor_node_grant_window",
        .verifies = "hvabi~hypervisor-node-grant-window~1",
        .run = grant_window,
    },
    {
        .name = "hypervisor_node_grant_window_free",
        .verifies = "hvabi~hypervisor-node-grant-window-free~1",
        .run = grant_window_free,
    },
    {
        .name = "hypervisor_node_extended_regions",
        .verifies = "hvabi~hypervisor-node-extended-region~1",
        .run = extended_regions,
    },
    {
        .name = "hypervisor_node_extended_regions_free",
        .verifies = "hvabi~hypervisor-node-extended-region-free~1",
        .run = extended_regions_free,
    },
    {
        .name = "hypervisor_node_interrupts",
        .verifies = "hvabi~hypervisor-node-interrupts~1",
        .run = interrupts_property,
    },
    {
        .name = "hypervisor_node_interrupt_parent",
        .verifies = "hvabi~hypervisor-node-interrupt-parent~1",
        .run = interrupt_parent,
    },
    {
        .name = "hypervisor_node_upcall_exclusive",
        .verifies = "hvabi~hypervisor-node-upcall-exclusive~1",
        .run = upcall_exclusive,
    },
    { .name = NULL },
};
