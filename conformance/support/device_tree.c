/*
 * device_tree.c - reading the guest's own device tree (see device_tree.h).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"
#include "support/device_tree.h"

#define PAGE_SIZE 4096ULL

/* The GIC compatible strings of hvabi~hypervisor-node-gic~1. */
static const char *const gic_compatibles[] = {
    "arm,gic-v3", "arm,gic-400", "arm,cortex-a15-gic",
};

bool tree_ranges_overlap(const struct tree_range *a, const struct tree_range *b)
{
    if (a->size == 0 || b->size == 0) {
        return false;
    }
    /* Compare with the last bytes: base + size may wrap at 2^64. */
    return a->base <= b->base + (b->size - 1) && b->base <= a->base + (a->size - 1);
}

static uint64_t read_two_cells(const fdt32_t *cells)
{
    return ((uint64_t)fdt32_to_cpu(cells[0]) << 32) | fdt32_to_cpu(cells[1]);
}

int tree_root_node_ranges(const void *fdt, int node, struct tree_range *ranges, int max)
{
    const fdt32_t *cells;
    int length;
    int count;

    cells = fdt_getprop(fdt, node, "reg", &length);
    if (cells == NULL) {
        return 0;
    }
    if (length % 16 != 0) {
        return -1;
    }
    count = length / 16;
    if (count > max) {
        count = max;
    }
    for (int i = 0; i < count; i++) {
        ranges[i].base = read_two_cells(&cells[4 * i]);
        ranges[i].size = read_two_cells(&cells[4 * i + 2]);
    }
    return count;
}

int tree_memory_ranges(const void *fdt, struct tree_range *ranges, int max)
{
    int total = 0;
    int node;

    fdt_for_each_subnode(node, fdt, 0) {
        int count;

        if (!tree_property_is_string(fdt, node, "device_type", "memory")) {
            continue;
        }
        count = tree_root_node_ranges(fdt, node, &ranges[total], max - total);
        if (count < 0) {
            return -1;
        }
        total += count;
    }
    return total;
}

static void add_in_use(struct tree_range *ranges, int max, int *count, uint64_t base,
                       uint64_t end)
{
    if (end > base && *count < max) {
        ranges[*count].base = base & ~(PAGE_SIZE - 1);
        ranges[*count].size = ((end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)) - ranges[*count].base;
        (*count)++;
    }
}

/* An initrd property: one or two cells. */
static uint64_t read_initrd_address(const void *value, int length)
{
    const fdt32_t *cells = value;

    if (length == 8) {
        return read_two_cells(cells);
    }
    return length == 4 ? fdt32_to_cpu(cells[0]) : 0;
}

int tree_ranges_in_use(const void *fdt, struct tree_range *ranges, int max)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    int count = 0;

    add_in_use(ranges, max, &count, (uint64_t)(uintptr_t)__image_start,
               (uint64_t)(uintptr_t)__image_end);
    add_in_use(ranges, max, &count, (uint64_t)(uintptr_t)fdt,
               (uint64_t)(uintptr_t)fdt + fdt_totalsize(fdt));
    if (chosen >= 0) {
        int start_length = 0;
        int end_length = 0;
        const void *start = fdt_getprop(fdt, chosen, "linux,initrd-start", &start_length);
        const void *end = fdt_getprop(fdt, chosen, "linux,initrd-end", &end_length);

        if (start != NULL && end != NULL) {
            add_in_use(ranges, max, &count, read_initrd_address(start, start_length),
                       read_initrd_address(end, end_length));
        }
    }
    return count;
}

bool tree_is_compatible(const void *fdt, int node, const char *compatible)
{
    return fdt_node_check_compatible(fdt, node, compatible) == 0;
}

bool tree_property_is_string(const void *fdt, int node, const char *name, const char *value)
{
    const char *text;
    int length;

    text = fdt_getprop(fdt, node, name, &length);
    return text != NULL && length == (int)strlen(value) + 1 && memcmp(text, value, (size_t)length) == 0;
}

bool tree_read_cell(const void *fdt, int node, const char *name, uint32_t *value)
{
    const fdt32_t *cell;
    int length;

    cell = fdt_getprop(fdt, node, name, &length);
    if (cell == NULL || length != 4) {
        return false;
    }
    *value = fdt32_to_cpu(*cell);
    return true;
}

int tree_find_gic(const void *fdt, int *node)
{
    int count = 0;
    int child;

    *node = -1;
    fdt_for_each_subnode(child, fdt, 0) {
        for (unsigned int i = 0; i < sizeof(gic_compatibles) / sizeof(gic_compatibles[0]); i++) {
            if (tree_is_compatible(fdt, child, gic_compatibles[i])) {
                if (count == 0) {
                    *node = child;
                }
                count++;
                break;
            }
        }
    }
    return count;
}

bool tree_interrupt_parent(const void *fdt, int node, uint32_t *phandle)
{
    while (node >= 0) {
        if (tree_read_cell(fdt, node, "interrupt-parent", phandle)) {
            return true;
        }
        node = fdt_parent_offset(fdt, node);
    }
    return false;
}

bool tree_bootarg_number(struct test_context *t, const char *key, uint64_t *value)
{
    char name[48];
    char text[24];
    char *end;

    snprintf(name, sizeof(name), "hvabi.%s", key);
    if (!platform_bootarg(t->platform, name, text, sizeof(text))) {
        expect(t, false, "boot argument %s: missing (the harness passes it)", name);
        return false;
    }
    *value = strtoul(text, &end, 10);
    return expect(t, text[0] >= '0' && text[0] <= '9' && *end == '\0',
                  "boot argument %s: expected a decimal number, got '%s'", name, text);
}
