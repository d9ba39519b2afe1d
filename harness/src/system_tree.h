/*
 * system_tree.h - builds the device tree the hypervisor boots with: the
 * machine's own tree from QEMU, plus the hypervisor's command line, one
 * /chosen/domU<N> node per domain (Xen's dom0less binding), and the static
 * event channels between the domains (evtchn_nodes.h).
 */
#ifndef HARNESS_SYSTEM_TREE_H
#define HARNESS_SYSTEM_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "topology.h"

struct system_tree_settings {
    const char *bootargs_property;   /* e.g. "xen,xen-bootargs" */
    const char *hypervisor_bootargs; /* set only when not "" */
};

/* The first RAM range of the /memory node.  Returns 0, or -1 with err set. */
int system_tree_read_ram(const void *fdt, uint64_t *base, uint64_t *size,
                         struct harness_error *err);

/*
 * Builds the system tree from the machine tree (machine_size bytes at
 * machine_fdt, checked before use) and places the domains' kernels in RAM
 * (topology_place_modules()).  On success returns 0 and a packed tree in
 * *tree (free() it) of *tree_size bytes; on failure -1 with err set.
 */
int system_tree_build(const void *machine_fdt, size_t machine_size,
                      const struct system_tree_settings *settings, struct topology *topology,
                      void **tree, size_t *tree_size, struct harness_error *err);

#endif
