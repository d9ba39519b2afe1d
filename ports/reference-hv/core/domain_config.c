/*
 * domain_config.c - the domain nodes of the system tree (see the header).
 *
 * A domain node is refused, never partly understood: a property or child
 * node this hypervisor does not implement makes the whole tree invalid, as
 * the binding requires for Xen's options that this version leaves out.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "core/console.h"
#include "core/domain_config.h"
#include "fdtutil/fdt_reg.h"

#include <hvabi/domain_binding.h>

#define KIB 1024ULL
#define PATH_MAX_LENGTH 128

/* The properties each kind of node may have. */
static const char *const domain_properties[] = {
    "compatible", "#address-cells", "#size-cells", "memory", "cpus", "xen,enhanced",
    "capabilities", "phandle", "linux,phandle", NULL,
};
static const char *const module_properties[] = { "compatible", "reg", "bootargs", NULL };
static const char *const evtchn_properties[] = {
    "compatible", "xen,evtchn", "phandle", "linux,phandle", NULL,
};

/* A static event channel node while the tree is read. */
struct evtchn_node {
    int offset;
    unsigned int domain_index;
    uint32_t port;
    uint32_t phandle;      /* its own */
    uint32_t peer_phandle; /* from xen,evtchn */
};

#define MAX_EVTCHN_NODES (2 * MAX_STATIC_EVTCHNS)

/* What the reader carries from node to node. */
struct reader {
    struct boot_config *cfg;
    struct evtchn_node evtchns[MAX_EVTCHN_NODES];
    unsigned int evtchn_count;
    unsigned int problems;
};

static void node_path(const void *fdt, int node, char *path)
{
    static const char overlong[] = "(a node with an overlong path)";

    if (fdt_get_path(fdt, node, path, PATH_MAX_LENGTH) != 0) {
        memcpy(path, overlong, sizeof(overlong));
    }
}

/* Reports a problem with a node, or with one of its properties. */
static void problem(struct reader *r, int node, const char *property, const char *what)
{
    char path[PATH_MAX_LENGTH];

    node_path(r->cfg->fdt, node, path);
    if (property != NULL) {
        hv_log("error: %s: property \"%s\" %s\n", path, property, what);
    } else {
        hv_log("error: %s: %s\n", path, what);
    }
    r->problems++;
}

static bool listed(const char *const *list, const char *name)
{
    for (unsigned int i = 0; list[i] != NULL; i++) {
        if (strcmp(list[i], name) == 0) {
            return true;
        }
    }
    return false;
}

/* Refuses every property of `node` that `allowed` does not list. */
static void check_properties(struct reader *r, int node, const char *const *allowed)
{
    int prop;

    fdt_for_each_property_offset(prop, r->cfg->fdt, node) {
        const char *name;

        if (fdt_getprop_by_offset(r->cfg->fdt, prop, &name, NULL) != NULL &&
            !listed(allowed, name)) {
            problem(r, node, name, "is not supported by this hypervisor");
        }
    }
}

static bool inside_ram(const struct boot_config *cfg, struct mem_range range)
{
    for (unsigned int i = 0; i < cfg->ram_count; i++) {
        if (range.base >= cfg->ram[i].base && range.size <= cfg->ram[i].size &&
            range.base - cfg->ram[i].base <= cfg->ram[i].size - range.size) {
            return true;
        }
    }
    return false;
}

static void read_cells(struct reader *r, int node)
{
    static const char *const names[2] = { "#address-cells", "#size-cells" };

    for (unsigned int i = 0; i < 2; i++) {
        uint64_t cells;

        if (fdt_read_uint(r->cfg->fdt, node, names[i], 4, &cells) != 0 || cells < 1 ||
            cells > 2) {
            problem(r, node, names[i], "must be one cell with the value 1 or 2");
        }
    }
}

static void read_memory(struct reader *r, int node, struct domain_config *dom)
{
    uint64_t kib;

    if (fdt_read_uint(r->cfg->fdt, node, "memory", 8, &kib) != 0) {
        problem(r, node, "memory", "must be one 64-bit integer, a size in KiB");
    } else if (kib == 0 || kib % 4 != 0 || kib > GUEST_RAM_MAX_SIZE / KIB) {
        /* Compared in KiB: a size in bytes could wrap around 2^64. */
        problem(r, node, "memory", "must be a non-zero multiple of 4 KiB, at most 3 GiB");
    } else {
        dom->memory_size = kib * KIB;
    }
}

static void read_cpus(struct reader *r, int node, struct domain_config *dom)
{
    uint64_t vcpus;

    if (fdt_read_uint(r->cfg->fdt, node, "cpus", 4, &vcpus) != 0) {
        problem(r, node, "cpus", "must be one 32-bit integer");
    } else if (vcpus < 1 || vcpus > MAX_VCPUS_PER_DOMAIN) {
        problem(r, node, "cpus", "must be 1 to 4, the vCPUs per domain this hypervisor supports");
    } else {
        dom->vcpu_count = (uint32_t)vcpus;
    }
}

static void read_enhanced(struct reader *r, int node, struct domain_config *dom)
{
    const char *value;
    int len;

    value = fdt_getprop(r->cfg->fdt, node, "xen,enhanced", &len);
    dom->enhanced = false;
    if (value == NULL) {
        return;
    }
    if (len == (int)sizeof("no-xenstore") && memcmp(value, "no-xenstore", (size_t)len) == 0) {
        dom->enhanced = true;
    } else if (len != (int)sizeof("disabled") || memcmp(value, "disabled", (size_t)len) != 0) {
        problem(r, node, "xen,enhanced", "must be \"no-xenstore\" or \"disabled\"");
    }
}

static void read_capabilities(struct reader *r, int node, struct domain_config *dom)
{
    uint64_t caps;
    int len;

    dom->is_control = false;
    if (fdt_getprop(r->cfg->fdt, node, "capabilities", &len) == NULL) {
        return;
    }
    if (fdt_read_uint(r->cfg->fdt, node, "capabilities", 4, &caps) != 0 ||
        (caps & ~(uint64_t)HVABI_DOMAIN_CAPS_CONTROL) != 0) {
        problem(r, node, "capabilities", "must be one cell with no bit other than 0 set");
        return;
    }
    dom->is_control = (caps & HVABI_DOMAIN_CAPS_CONTROL) != 0;
    if (dom->is_control && !dom->enhanced) {
        problem(r, node, "capabilities",
                "makes a control domain, which needs xen,enhanced = \"no-xenstore\"");
    }
}

/* One module node: its range (exactly one, in RAM) and, for a kernel, bootargs. */
static void read_module(struct reader *r, int node, bool kernel, struct domain_config *dom)
{
    int parent = fdt_parent_offset(r->cfg->fdt, node);
    int cells = fdt_address_cells(r->cfg->fdt, parent) + fdt_size_cells(r->cfg->fdt, parent);
    struct mem_range *range = kernel ? &dom->kernel : &dom->ramdisk;
    const char *args;
    int len;

    check_properties(r, node, module_properties);
    if (fdt_getprop(r->cfg->fdt, node, "reg", &len) == NULL || len != cells * 4 ||
        fdt_reg_read(r->cfg->fdt, node, 0, &range->base, &range->size) != 0 || range->size == 0) {
        problem(r, node, "reg", "must be exactly one non-empty range");
        range->size = 0;
        return;
    }
    if (!inside_ram(r->cfg, *range)) {
        problem(r, node, "reg", "does not lie in RAM");
    }
    args = fdt_getprop(r->cfg->fdt, node, "bootargs", &len);
    if (args == NULL) {
        return;
    }
    if (!kernel) {
        problem(r, node, "bootargs", "belongs to the kernel module, not the ramdisk");
    } else if (len < 1 || len > BOOTARGS_MAX || strnlen(args, (size_t)len) != (size_t)len - 1) {
        problem(r, node, "bootargs", "must be one string of at most 1023 characters");
    } else {
        memcpy(dom->bootargs, args, (size_t)len);
    }
}

/* The static event channel node read so far that has this phandle, or NULL. */
static const struct evtchn_node *evtchn_by_phandle(const struct reader *r, uint32_t phandle)
{
    for (unsigned int i = 0; i < r->evtchn_count; i++) {
        if (r->evtchns[i].phandle == phandle) {
            return &r->evtchns[i];
        }
    }
    return NULL;
}

/*
 * Refuses a node whose phandle an earlier static event channel node has:
 * the other end could not tell which of them it names.  Keeping phandles
 * unique also keeps each node in at most one pair.
 */
static bool phandle_is_unique(struct reader *r, int node, uint32_t phandle)
{
    const struct evtchn_node *earlier = evtchn_by_phandle(r, phandle);
    char earlier_path[PATH_MAX_LENGTH];
    char what[PATH_MAX_LENGTH + 64];

    if (earlier == NULL) {
        return true;
    }
    node_path(r->cfg->fdt, earlier->offset, earlier_path);
    snprintf(what, sizeof(what), "has the same phandle as %s; phandles must be unique",
             earlier_path);
    problem(r, node, NULL, what);
    return false;
}

static void read_evtchn_node(struct reader *r, int node, unsigned int domain_index,
                             const struct domain_config *dom)
{
    struct evtchn_node *e;
    const fdt32_t *cells;
    uint32_t phandle;
    int len;

    check_properties(r, node, evtchn_properties);
    if (!dom->enhanced) {
        problem(r, node, NULL, "a static event channel needs xen,enhanced = \"no-xenstore\" "
                               "in its domain node");
    }
    cells = fdt_getprop(r->cfg->fdt, node, "xen,evtchn", &len);
    if (cells == NULL || len != 8) {
        problem(r, node, "xen,evtchn", "must be two cells: the local port and a phandle");
        return;
    }
    phandle = fdt_get_phandle(r->cfg->fdt, node);
    if (phandle == 0) {
        problem(r, node, NULL, "a static event channel node needs a phandle");
        return;
    }
    if (!phandle_is_unique(r, node, phandle)) {
        return;
    }
    if (r->evtchn_count == MAX_EVTCHN_NODES) {
        problem(r, node, NULL, "more static event channels than this hypervisor supports (32)");
        return;
    }
    e = &r->evtchns[r->evtchn_count++];
    *e = (struct evtchn_node){
        .offset = node,
        .domain_index = domain_index,
        .port = fdt32_to_cpu(cells[0]),
        .phandle = phandle,
        .peer_phandle = fdt32_to_cpu(cells[1]),
    };
    if (e->port == 0 || e->port > HVABI_STATIC_EVTCHN_PORT_MAX) {
        problem(r, node, "xen,evtchn", "has a local port outside 1 to 1023");
    }
    for (unsigned int i = 0; i + 1 < r->evtchn_count; i++) {
        if (r->evtchns[i].domain_index == domain_index && r->evtchns[i].port == e->port) {
            problem(r, node, "xen,evtchn", "has the local port of another static event channel "
                                           "of the same domain");
        }
    }
}

/* The child nodes of a domain node: one kernel, at most one ramdisk, static event channels. */
static void read_children(struct reader *r, int node, unsigned int index, struct domain_config *dom)
{
    const void *fdt = r->cfg->fdt;
    unsigned int kernels = 0, ramdisks = 0;
    int child;

    fdt_for_each_subnode(child, fdt, node) {
        bool is_module = fdt_node_check_compatible(fdt, child, "multiboot,module") == 0;
        bool is_kernel = fdt_node_check_compatible(fdt, child, "multiboot,kernel") == 0;
        bool is_ramdisk = fdt_node_check_compatible(fdt, child, "multiboot,ramdisk") == 0;

        if (fdt_node_check_compatible(fdt, child, "xen,evtchn-v1") == 0) {
            read_evtchn_node(r, child, index, dom);
        } else if ((is_kernel || is_ramdisk) && (!is_module || (is_kernel && is_ramdisk))) {
            problem(r, child, "compatible", "must name \"multiboot,module\" and exactly one of "
                                            "\"multiboot,kernel\" and \"multiboot,ramdisk\"");
        } else if (is_kernel) {
            kernels++;
            read_module(r, child, true, dom);
        } else if (is_ramdisk) {
            ramdisks++;
            read_module(r, child, false, dom);
        } else {
            problem(r, child, NULL, "is not a kind of node this hypervisor supports under a "
                                    "domain node");
        }
    }
    if (kernels != 1) {
        problem(r, node, NULL, "must have exactly one kernel module node (compatible "
                               "\"multiboot,kernel\", \"multiboot,module\")");
    }
    if (ramdisks > 1) {
        problem(r, node, NULL, "has more than one ramdisk module node");
    }
}

static void read_domain(struct reader *r, int node, unsigned int index)
{
    struct domain_config *dom = &r->cfg->domains[index];
    const char *name = fdt_get_name(r->cfg->fdt, node, NULL);

    memset(dom, 0, sizeof(*dom));
    if (name == NULL || strlen(name) >= DOMAIN_NAME_MAX) {
        problem(r, node, NULL, "the node name is longer than this hypervisor supports (31)");
        return;
    }
    memcpy(dom->name, name, strlen(name) + 1);
    check_properties(r, node, domain_properties);
    read_cells(r, node);
    read_memory(r, node, dom);
    read_cpus(r, node, dom);
    read_enhanced(r, node, dom);
    read_capabilities(r, node, dom);
    read_children(r, node, index, dom);
}

/*
 * Records the static event channel of nodes a and b.  The table cannot be
 * full: at most 2 * MAX_STATIC_EVTCHNS nodes are read, and with unique
 * phandles each is in one pair at most.  The check keeps the table's bound
 * from resting on that argument alone.
 */
static void record_pair(struct reader *r, const struct evtchn_node *a, const struct evtchn_node *b)
{
    struct boot_config *cfg = r->cfg;

    if (cfg->static_evtchn_count == MAX_STATIC_EVTCHNS) {
        problem(r, a->offset, NULL, "more static event channels than this hypervisor supports "
                                    "(32)");
        return;
    }
    cfg->static_evtchns[cfg->static_evtchn_count++] = (struct static_evtchn_config){
        .domain_index = { a->domain_index, b->domain_index },
        .port = { a->port, b->port },
    };
}

/* Pairs the static event channel nodes that name each other. */
static void pair_evtchns(struct reader *r)
{
    for (unsigned int i = 0; i < r->evtchn_count; i++) {
        const struct evtchn_node *a = &r->evtchns[i];
        const struct evtchn_node *b = evtchn_by_phandle(r, a->peer_phandle);

        if (b == NULL || b == a || b->peer_phandle != a->phandle) {
            problem(r, a->offset, "xen,evtchn", "must name another static event channel node "
                                                "that names this one");
            continue;
        }
        if (a->offset < b->offset) {
            record_pair(r, a, b); /* once, from the pair's first node */
        }
    }
}

unsigned int domain_config_read(struct boot_config *cfg)
{
    struct reader r = { .cfg = cfg, .evtchn_count = 0, .problems = 0 };
    int chosen = fdt_path_offset(cfg->fdt, "/chosen");
    int node;

    if (chosen < 0) {
        hv_log("error: the device tree has no /chosen node, so no domains\n");
        return 1;
    }
    fdt_for_each_subnode(node, cfg->fdt, chosen) {
        if (fdt_node_check_compatible(cfg->fdt, node, "xen,domain") != 0) {
            continue;
        }
        if (cfg->domain_count == MAX_DOMAINS) {
            problem(&r, node, NULL, "more domain nodes than this hypervisor supports (8)");
            break;
        }
        read_domain(&r, node, cfg->domain_count++);
    }
    if (cfg->domain_count == 0) {
        hv_log("error: /chosen has no domain node (compatible \"xen,domain\")\n");
        r.problems++;
    }
    pair_evtchns(&r);
    return r.problems;
}
