/*
 * system_tree.c - builds the device tree the hypervisor boots with
 * (see system_tree.h).
 *
 * The domain nodes follow Xen's dom0less binding
 * (docs/misc/arm/device-tree/booting.txt in the Xen tree):
 *
 *     /chosen {
 *         #address-cells = <2>; #size-cells = <2>;
 *         domU1 {
 *             compatible = "xen,domain";
 *             #address-cells = <2>; #size-cells = <2>;
 *             memory = <0 65536>;            (KiB, 64 bits)
 *             cpus = <1>;
 *             xen,enhanced = "no-xenstore";  (gives the domain a /hypervisor node)
 *             module@50000000 {
 *                 compatible = "multiboot,kernel", "multiboot,module";
 *                 reg = <0 0x50000000 0 size>;
 *                 bootargs = "...";
 *             };
 *             module@50200000 {              (with ramdisk-kib only)
 *                 compatible = "multiboot,ramdisk", "multiboot,module";
 *                 reg = <0 0x50200000 0 size>;
 *             };
 *             evtchn@a { ... };              (static event channels: evtchn_nodes.h)
 *         };
 *     };
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "alloc.h"
#include "evtchn_nodes.h"
#include "system_tree.h"

/* Room for what the builder adds to the machine tree: fixed properties and
 * node headers; the strings are counted on top. */
#define SPACE_FOR_CHOSEN 1024u
#define SPACE_PER_DOMAIN 1024u

/* Reads a value of one or two cells (big-endian, high cell first). */
static uint64_t read_cells(const fdt32_t *cells, int count)
{
    uint64_t value = 0;

    for (int i = 0; i < count; i++) {
        value = (value << 32) | fdt32_to_cpu(cells[i]);
    }
    return value;
}

int system_tree_read_ram(const void *fdt, uint64_t *base, uint64_t *size,
                         struct harness_error *err)
{
    int memory = fdt_path_offset(fdt, "/memory");
    int address_cells;
    int size_cells;
    const fdt32_t *reg;
    int length;

    if (memory < 0) {
        error_set(err, "the machine's device tree has no /memory node (%s)",
                  fdt_strerror(memory));
        return -1;
    }
    address_cells = fdt_address_cells(fdt, 0);
    size_cells = fdt_size_cells(fdt, 0);
    if (address_cells < 1 || address_cells > 2 || size_cells < 1 || size_cells > 2) {
        error_set(err,
                  "the machine's device tree has #address-cells = %d and #size-cells = %d "
                  "at its root; the harness handles 1 or 2",
                  address_cells, size_cells);
        return -1;
    }
    reg = fdt_getprop(fdt, memory, "reg", &length);
    if (reg == NULL || length < (address_cells + size_cells) * (int)sizeof(fdt32_t)) {
        error_set(err, "the /memory node of the machine's device tree has no usable reg");
        return -1;
    }
    *base = read_cells(reg, address_cells);
    *size = read_cells(reg + address_cells, size_cells);
    if (*size == 0) {
        error_set(err, "the /memory node of the machine's device tree has a size of 0");
        return -1;
    }
    return 0;
}

/* Adds the kernel module node of domain below the domain node. */
static int add_module_node(void *fdt, int domain_node, const struct domain_config *domain)
{
    char name[40];
    int node;
    int status;

    snprintf(name, sizeof(name), "module@%llx", (unsigned long long)domain->kernel_address);
    node = fdt_add_subnode(fdt, domain_node, name);
    if (node < 0) {
        return node;
    }
    status = fdt_setprop_string(fdt, node, "compatible", "multiboot,kernel");
    if (status == 0) {
        status = fdt_appendprop_string(fdt, node, "compatible", "multiboot,module");
    }
    if (status == 0) {
        status = fdt_setprop_u64(fdt, node, "reg", domain->kernel_address);
    }
    if (status == 0) {
        status = fdt_appendprop_u64(fdt, node, "reg", domain->kernel_size);
    }
    if (status == 0) {
        status = fdt_setprop_string(fdt, node, "bootargs", domain->bootargs);
    }
    return status;
}

/* Adds the ramdisk module node of domain below the domain node. */
static int add_ramdisk_node(void *fdt, int domain_node, const struct domain_config *domain)
{
    char name[40];
    int node;
    int status;

    snprintf(name, sizeof(name), "module@%llx", (unsigned long long)domain->ramdisk_address);
    node = fdt_add_subnode(fdt, domain_node, name);
    if (node < 0) {
        return node;
    }
    status = fdt_setprop_string(fdt, node, "compatible", "multiboot,ramdisk");
    if (status == 0) {
        status = fdt_appendprop_string(fdt, node, "compatible", "multiboot,module");
    }
    if (status == 0) {
        status = fdt_setprop_u64(fdt, node, "reg", domain->ramdisk_address);
    }
    if (status == 0) {
        status = fdt_appendprop_u64(fdt, node, "reg", domain->ramdisk_size);
    }
    return status;
}

/* Adds /chosen/domU<N> for domain, with its modules. */
static int add_domain_node(void *fdt, const struct domain_config *domain,
                           struct harness_error *err)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    char name[32];
    int node;
    int status;

    snprintf(name, sizeof(name), "domU%u", domain->id);
    node = chosen < 0 ? chosen : fdt_add_subnode(fdt, chosen, name);
    if (node < 0) {
        error_set(err, "cannot add /chosen/%s to the device tree: %s", name, fdt_strerror(node));
        return -1;
    }
    status = fdt_setprop_string(fdt, node, "compatible", "xen,domain");
    if (status == 0) {
        status = fdt_setprop_u32(fdt, node, "#address-cells", 2);
    }
    if (status == 0) {
        status = fdt_setprop_u32(fdt, node, "#size-cells", 2);
    }
    if (status == 0) {
        status = fdt_setprop_u64(fdt, node, "memory", domain->memory_kib);
    }
    if (status == 0) {
        status = fdt_setprop_u32(fdt, node, "cpus", domain->cpus);
    }
    if (status == 0) {
        status = fdt_setprop_string(fdt, node, "xen,enhanced", "no-xenstore");
    }
    if (status == 0 && domain->capabilities != 0) {
        status = fdt_setprop_u32(fdt, node, "capabilities", domain->capabilities);
    }
    if (status == 0 && domain->ramdisk_size != 0) {
        status = add_ramdisk_node(fdt, node, domain);
    }
    if (status == 0) {
        status = add_module_node(fdt, node, domain);
    }
    if (status != 0) {
        error_set(err, "cannot fill in /chosen/%s: %s", name, fdt_strerror(status));
        return -1;
    }
    return 0;
}

/* Sets the hypervisor's command line and the address format of /chosen. */
static int fill_chosen(void *fdt, const struct system_tree_settings *settings,
                       struct harness_error *err)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    int status;

    if (chosen == -FDT_ERR_NOTFOUND) {
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (chosen < 0) {
        error_set(err, "cannot find or add /chosen in the device tree: %s",
                  fdt_strerror(chosen));
        return -1;
    }
    status = 0;
    if (settings->hypervisor_bootargs[0] != '\0') {
        status = fdt_setprop_string(fdt, chosen, settings->bootargs_property,
                                    settings->hypervisor_bootargs);
    }
    if (status == 0) {
        status = fdt_setprop_u32(fdt, chosen, "#address-cells", 2);
    }
    if (status == 0) {
        status = fdt_setprop_u32(fdt, chosen, "#size-cells", 2);
    }
    if (status != 0) {
        error_set(err, "cannot fill in /chosen: %s", fdt_strerror(status));
        return -1;
    }
    return 0;
}

/* The buffer size that holds the machine tree and everything added. */
static size_t space_needed(const void *machine_fdt, const struct system_tree_settings *settings,
                           const struct topology *topology)
{
    size_t space = fdt_totalsize(machine_fdt) + SPACE_FOR_CHOSEN +
                   strlen(settings->bootargs_property) + strlen(settings->hypervisor_bootargs);

    for (size_t i = 0; i < topology->count; i++) {
        space += SPACE_PER_DOMAIN + strlen(topology->domains[i].bootargs);
    }
    space += topology->channel_count * EVTCHN_NODES_SPACE_PER_CHANNEL;
    return space;
}

int system_tree_build(const void *machine_fdt, size_t machine_size,
                      const struct system_tree_settings *settings, struct topology *topology,
                      void **tree, size_t *tree_size, struct harness_error *err)
{
    uint64_t ram_base;
    uint64_t ram_size;
    size_t space;
    void *buffer;
    int status;

    /* Everything below trusts the tree's structure: check all of it first. */
    if (machine_size < sizeof(struct fdt_header)) {
        error_set(err, "the machine's device tree is %zu bytes long: too short for a header",
                  machine_size);
        return -1;
    }
    status = fdt_check_full(machine_fdt, machine_size);
    if (status != 0) {
        error_set(err, "the machine's device tree is not a valid flattened device tree: %s",
                  fdt_strerror(status));
        return -1;
    }
    if (system_tree_read_ram(machine_fdt, &ram_base, &ram_size, err) != 0) {
        return -1;
    }
    if (topology_place_modules(topology, ram_base, ram_size, err) != 0) {
        return -1;
    }

    space = space_needed(machine_fdt, settings, topology);
    if (space > INT32_MAX) {
        error_set(err, "the machine's device tree is too large (%zu bytes)", space);
        return -1;
    }
    buffer = alloc_zeroed(space, 1);
    status = fdt_open_into(machine_fdt, buffer, (int)space);
    if (status != 0) {
        error_set(err, "cannot open the machine's device tree for editing: %s",
                  fdt_strerror(status));
        free(buffer);
        return -1;
    }
    if (fill_chosen(buffer, settings, err) != 0) {
        free(buffer);
        return -1;
    }
    /* libfdt puts a new subnode first among its siblings, and the order of
     * the domain nodes is the order of the domain IDs (Xen's dom0less
     * numbers them 1, 2, ... as it finds them): add the last one first. */
    for (size_t i = topology->count; i > 0; i--) {
        if (add_domain_node(buffer, &topology->domains[i - 1], err) != 0) {
            free(buffer);
            return -1;
        }
    }
    if (evtchn_nodes_add(buffer, topology, err) != 0) {
        free(buffer);
        return -1;
    }
    status = fdt_pack(buffer);
    if (status != 0) {
        error_set(err, "cannot pack the system device tree: %s", fdt_strerror(status));
        free(buffer);
        return -1;
    }
    *tree = buffer;
    *tree_size = fdt_totalsize(buffer);
    return 0;
}
