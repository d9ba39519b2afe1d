/*
 * evtchn_nodes.c - the static event channels in the system device tree
 * (see evtchn_nodes.h).
 *
 * libfdt invalidates node offsets whenever the tree changes, so every step
 * looks its node up again by path.
 */
#include <stdio.h>

#include <libfdt.h>

#include "evtchn_nodes.h"

/* "/chosen/domU<id>/evtchn@<port>". */
static void end_path(char *path, size_t size, const struct domain_config *domain,
                     unsigned port)
{
    snprintf(path, size, "/chosen/domU%u/evtchn@%x", domain->id, port);
}

static int add_end_node(void *fdt, const struct domain_config *domain, unsigned port)
{
    char parent_path[32];
    char name[32];
    int parent;

    snprintf(parent_path, sizeof(parent_path), "/chosen/domU%u", domain->id);
    parent = fdt_path_offset(fdt, parent_path);
    if (parent < 0) {
        return parent;
    }
    snprintf(name, sizeof(name), "evtchn@%x", port);
    return fdt_add_subnode(fdt, parent, name);
}

/* Gives the end a phandle no other node has. */
static int set_new_phandle(void *fdt, const char *path, uint32_t *phandle)
{
    int status = fdt_generate_phandle(fdt, phandle);
    int node;

    if (status != 0) {
        return status;
    }
    node = fdt_path_offset(fdt, path);
    if (node < 0) {
        return node;
    }
    return fdt_setprop_u32(fdt, node, "phandle", *phandle);
}

/* compatible, and xen,evtchn = <port peer_phandle>. */
static int link_end(void *fdt, const char *path, unsigned port, uint32_t peer_phandle)
{
    int node = fdt_path_offset(fdt, path);
    int status;

    if (node < 0) {
        return node;
    }
    status = fdt_setprop_string(fdt, node, "compatible", EVTCHN_NODES_COMPATIBLE);
    if (status == 0) {
        status = fdt_setprop_u32(fdt, node, "xen,evtchn", port);
    }
    if (status == 0) {
        status = fdt_appendprop_u32(fdt, node, "xen,evtchn", peer_phandle);
    }
    return status;
}

static int add_channel(void *fdt, const struct topology *topology,
                       const struct static_channel *channel, struct harness_error *err)
{
    const struct domain_config *domains[2] = { &topology->domains[channel->domain[0]],
                                                &topology->domains[channel->domain[1]] };
    char paths[2][64];
    uint32_t phandles[2] = { 0, 0 };
    int status = 0;

    for (int e = 0; e < 2; e++) {
        end_path(paths[e], sizeof(paths[e]), domains[e], channel->port[e]);
    }
    for (int e = 0; e < 2 && status >= 0; e++) {
        status = add_end_node(fdt, domains[e], channel->port[e]);
    }
    /* One phandle at a time: the next one is generated after the first is set. */
    for (int e = 0; e < 2 && status >= 0; e++) {
        status = set_new_phandle(fdt, paths[e], &phandles[e]);
    }
    for (int e = 0; e < 2 && status >= 0; e++) {
        status = link_end(fdt, paths[e], channel->port[e], phandles[1 - e]);
    }
    if (status < 0) {
        error_set(err, "cannot add the static event channel %s <-> %s: %s", paths[0], paths[1],
                  fdt_strerror(status));
        return -1;
    }
    return 0;
}

int evtchn_nodes_add(void *fdt, const struct topology *topology, struct harness_error *err)
{
    for (size_t i = 0; i < topology->channel_count; i++) {
        if (add_channel(fdt, topology, &topology->channels[i], err) != 0) {
            return -1;
        }
    }
    return 0;
}
