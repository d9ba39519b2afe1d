/*
 * evtchn_nodes.h - the static event channels of a boot in the system
 * device tree, in Xen's binding (docs/misc/arm/device-tree/booting.txt of
 * the Xen tree, section "Static Event Channel"; Xen 4.17 reads it in
 * arch/arm/domain_build.c).  Each end is a subnode of its domain's node:
 *
 *     /chosen/domU1/evtchn@a {               (unit address: the local port, hex)
 *         compatible = "xen,evtchn-v1";
 *         xen,evtchn = <10 &end_in_domU2>;   (local port, phandle of the other end)
 *         phandle = <...>;
 *     };
 *
 * and the two ends name each other.  Xen creates the channels before the
 * domains start; it needs xen,enhanced in both domains, which every domain
 * node of the harness has.
 */
#ifndef HARNESS_EVTCHN_NODES_H
#define HARNESS_EVTCHN_NODES_H

#include "error.h"
#include "topology.h"

/* Room one channel takes in the tree: two nodes with their properties. */
#define EVTCHN_NODES_SPACE_PER_CHANNEL 512u

#define EVTCHN_NODES_COMPATIBLE "xen,evtchn-v1"

/*
 * Adds both ends of every channel of topology below the /chosen/domU<N>
 * nodes, which must exist, with phandles that no node of fdt has yet.
 * Returns 0, or -1 with err set.
 */
int evtchn_nodes_add(void *fdt, const struct topology *topology, struct harness_error *err);

#endif
