/*
 * tree_fault.h - the faults of the system-tree tests (tree_test.h):
 * node references, property values, and applying the faults to a built
 * system tree with libfdt.
 *
 * Node references:
 *   /path              that path
 *   @<domain>          the domain node of the layout's domain: /chosen/domU<id>
 *   @<domain>/kernel   its kernel module node, /chosen/domU<id>/module@<address>
 *   @<domain>/ramdisk  its ramdisk module node (the domain needs ramdisk-kib)
 *   @<domain>/<path>   /chosen/domU<id>/<path>, e.g. @main/evtchn@a
 *
 * Values of set-property (a blank-separated list inside the brackets):
 *   (nothing)          an empty property
 *   <1 0x20 phandle(@peer/evtchn@a)>
 *                      32-bit cells: numbers, or the phandle of a node
 *   "a", "b"           NUL-terminated strings (no escapes)
 *   [41 00 42]         bytes in hexadecimal
 *   filler(N)          N bytes: N - 1 letters 'x' and a NUL
 *   ram-percent(P)     two cells: P percent of the machine's RAM in KiB,
 *                      rounded down to a multiple of 4 KiB (a memory size)
 * A cell of set-cell is a number or phandle(<node>); its index counts the
 * property's 32-bit cells from 0.
 */
#ifndef HARNESS_TREE_FAULT_H
#define HARNESS_TREE_FAULT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "scenario.h"
#include "topology.h"
#include "tree_test.h"

/* What a reference is resolved against: the layout, and the topology of
 * the boot (domain IDs, module addresses). */
struct tree_fault_context {
    const struct scenario *layout;
    const struct topology *topology;
    uint64_t ram_size; /* the machine's RAM, for ram-percent() */
};

/* Checks that a reference is well formed and names a domain of the layout.
 * Returns 0, or -1 with err set ("FILE:LINE: ..."). */
int tree_reference_check(const char *reference, const struct scenario *layout,
                         const char *file_name, unsigned line, struct harness_error *err);

/* The path a reference names.  A new string, or NULL with err set. */
char *tree_reference_path(const char *reference, const struct tree_fault_context *context,
                          struct harness_error *err);

/*
 * Parses a value of set-property into *bytes (free() it), *size bytes long.
 * fdt is the tree being changed, for phandle().  Returns 0, or -1 with err
 * set.
 */
int tree_value_parse(const char *text, const void *fdt, const struct tree_fault_context *context,
                     uint8_t **bytes, size_t *size, struct harness_error *err);

/*
 * Applies the test's faults, in order, to the packed tree at tree.  On
 * success returns 0 and a packed tree in *changed (free() it) of
 * *changed_size bytes; -1 with err set when a fault cannot be applied
 * (a missing node or property, a bad value).
 */
int tree_faults_apply(const void *tree, const struct tree_test *test,
                      const struct tree_fault_context *context, void **changed,
                      size_t *changed_size, struct harness_error *err);

#endif
