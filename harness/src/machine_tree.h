/*
 * machine_tree.h - gets the device tree of the machine QEMU emulates, by
 * running QEMU with dumpdtb=.
 */
#ifndef HARNESS_MACHINE_TREE_H
#define HARNESS_MACHINE_TREE_H

#include <stddef.h>

#include "error.h"
#include "qemu_command.h"
#include "signal_watch.h"

/* QEMU dumps the tree and exits at once; this is generous. */
#define MACHINE_TREE_DUMP_SECONDS 60

/* A device tree larger than this is not QEMU's. */
#define MACHINE_TREE_MAX_BYTES (16u * 1024u * 1024u)

/*
 * Runs QEMU to write the tree of machine to dtb_path, then reads it.
 * Returns 0 with the tree in *tree (free() it) of *tree_size bytes, or -1
 * with err set (with QEMU's last lines of output when it failed).
 */
int machine_tree_dump(const struct qemu_machine *machine, const char *dtb_path,
                      const struct signal_watch *signals, void **tree, size_t *tree_size,
                      struct harness_error *err);

/* Reads a whole file of at most max_bytes.  Returns 0, or -1 with err set. */
int machine_tree_read_file(const char *path, size_t max_bytes, void **data, size_t *size,
                           struct harness_error *err);

#endif
