/*
 * device_tree.h - reading the guest's own device tree for the tests of
 * spec/chapters/hypervisor_node.rst and domain_binding.rst.
 *
 * The tests check the tree as the specification describes it, so these
 * helpers return what is there, malformed or not, and leave the verdict to
 * the test: a property of the wrong length is reported as such, not
 * skipped.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_DEVICE_TREE_H
#define HVABI_CONFORMANCE_SUPPORT_DEVICE_TREE_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

/* An address range [base, base + size). */
struct tree_range {
    uint64_t base;
    uint64_t size;
};

/* The most ranges a test looks at in one node or in the whole tree. */
#define TREE_MAX_RANGES 64

/* True when the two ranges share a byte (a range of size 0 shares none). */
bool tree_ranges_overlap(const struct tree_range *a, const struct tree_range *b);

/*
 * Reads the "reg" property of a node at the root as ranges of two address
 * and two size cells (the cells hvabi~hypervisor-node-root-cells~1
 * requires).  Returns the number of ranges (at most max), 0 when the node
 * has no reg, or -1 when the length is not a multiple of 16 bytes.
 */
int tree_root_node_ranges(const void *fdt, int node, struct tree_range *ranges, int max);

/*
 * The ranges of every node with device_type = "memory" (the domain's RAM),
 * read as two address and two size cells, the form the specification
 * requires.  Returns their number (at most max), or -1 when a memory node's
 * reg is malformed.  For tests of the tree; helpers that need the RAM in any
 * form use guest_memory_ranges() (guest_memory.h).
 */
int tree_memory_ranges(const void *fdt, struct tree_range *ranges, int max);

/*
 * The memory the guest is using: its image (code, data, stacks, page
 * tables), its device tree and its ramdisk (/chosen linux,initrd-start and
 * -end, if present), each rounded out to whole pages.  Returns how many
 * ranges (at most max).
 */
#define TREE_IN_USE_MAX 3
int tree_ranges_in_use(const void *fdt, struct tree_range *ranges, int max);

/* True when the node's "compatible" string list contains `compatible`. */
bool tree_is_compatible(const void *fdt, int node, const char *compatible);

/* True when the property is exactly the NUL-terminated string `value`. */
bool tree_property_is_string(const void *fdt, int node, const char *name, const char *value);

/*
 * Reads a property of exactly one cell.  Returns false when it is missing
 * or has another length.
 */
bool tree_read_cell(const void *fdt, int node, const char *name, uint32_t *value);

/*
 * The GIC node: the nodes at the root whose compatible list names a GICv3
 * or a GICv2 (hvabi~hypervisor-node-gic~1).  Returns how many there are and
 * the offset of the first in *node (-1 when none).
 */
int tree_find_gic(const void *fdt, int *node);

/*
 * The phandle of the interrupt parent of a node: its own interrupt-parent
 * property, or its nearest ancestor's.  Returns false when there is none.
 */
bool tree_interrupt_parent(const void *fdt, int node, uint32_t *phandle);

/*
 * Reads the boot argument hvabi.<key>=<decimal number> that the harness
 * passes.  Records a failure and returns false when it is missing or not a
 * number: the harness always passes it, so its absence is a fault of the
 * chain from the harness to the guest.
 */
bool tree_bootarg_number(struct test_context *t, const char *key, uint64_t *value);

#endif /* HVABI_CONFORMANCE_SUPPORT_DEVICE_TREE_H */
