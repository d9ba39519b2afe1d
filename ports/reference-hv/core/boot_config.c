/*
 * boot_config.c - read and check the system device tree (see boot_config.h).
 */
#include <libfdt.h>
#include <string.h>

#include "core/boot_config.h"
#include "core/console.h"
#include "core/domain_config.h"
#include "fdtutil/fdt_reg.h"

/*
 * Whether property `name` of `node` is the one string `value`: exactly its
 * bytes and a NUL, so a value without its NUL is never read past its end.
 */
static bool property_is_string(const void *fdt, int node, const char *name, const char *value)
{
    size_t size = strlen(value) + 1;
    const char *prop;
    int len;

    prop = fdt_getprop(fdt, node, name, &len);
    return prop != NULL && (size_t)len == size && memcmp(prop, value, size) == 0;
}

static void read_uart(struct boot_config *cfg)
{
    int chosen = fdt_path_offset(cfg->fdt, "/chosen");
    const char *path, *colon;
    uint64_t base, size;
    int len, node;

    if (chosen < 0) {
        return;
    }
    path = fdt_getprop(cfg->fdt, chosen, "stdout-path", &len);
    if (path == NULL || len < 2) {
        return;
    }
    colon = memchr(path, ':', (size_t)len);
    len = colon != NULL ? (int)(colon - path) : (int)strnlen(path, (size_t)len);
    if (path[0] != '/') {
        path = fdt_get_alias_namelen(cfg->fdt, path, len);
        if (path == NULL) {
            return;
        }
        len = (int)strlen(path);
    }
    node = fdt_path_offset_namelen(cfg->fdt, path, len);
    if (node < 0 || (fdt_node_check_compatible(cfg->fdt, node, "arm,pl011") != 0 &&
                     fdt_node_check_compatible(cfg->fdt, node, "arm,sbsa-uart") != 0)) {
        return;
    }
    if (fdt_reg_read(cfg->fdt, node, 0, &base, &size) == 0) {
        cfg->uart_base = (uintptr_t)base;
    }
}

static void read_psci(struct boot_config *cfg)
{
    int node = fdt_node_offset_by_compatible(cfg->fdt, -1, "arm,psci-0.2");

    if (node < 0) {
        node = fdt_node_offset_by_compatible(cfg->fdt, -1, "arm,psci");
    }
    if (node < 0) {
        return;
    }
    if (property_is_string(cfg->fdt, node, "method", "smc")) {
        cfg->psci = PSCI_CONDUIT_SMC;
    } else if (property_is_string(cfg->fdt, node, "method", "hvc")) {
        cfg->psci = PSCI_CONDUIT_HVC;
    }
}

int boot_config_read_platform(const void *fdt, struct boot_config *cfg)
{
    int err;

    memset(cfg, 0, sizeof(*cfg));
    cfg->fdt = fdt;
    err = fdt_check_header(fdt);
    if (err != 0) {
        return err;
    }
    read_uart(cfg);
    read_psci(cfg);
    return 0;
}

static unsigned int add_reserved(struct boot_config *cfg, uint64_t base, uint64_t size,
                                 const char *what)
{
    if (size == 0) {
        return 0;
    }
    if (cfg->reserved_count == MAX_RESERVED_RANGES) {
        hv_log("error: more than %u reserved memory ranges (at %s)\n", MAX_RESERVED_RANGES, what);
        return 1;
    }
    cfg->reserved[cfg->reserved_count++] = (struct mem_range){ .base = base, .size = size };
    return 0;
}

static unsigned int read_ram(struct boot_config *cfg)
{
    unsigned int problems = 0;
    int node;

    fdt_for_each_subnode(node, cfg->fdt, 0) {
        uint64_t base, size;

        if (!property_is_string(cfg->fdt, node, "device_type", "memory")) {
            continue;
        }
        for (int i = 0; fdt_reg_read(cfg->fdt, node, i, &base, &size) == 0; i++) {
            if (cfg->ram_count == MAX_RAM_RANGES) {
                hv_log("error: /%s: more than %u RAM ranges\n",
                       fdt_get_name(cfg->fdt, node, NULL), MAX_RAM_RANGES);
                return problems + 1;
            }
            cfg->ram[cfg->ram_count++] = (struct mem_range){ .base = base, .size = size };
        }
    }
    if (cfg->ram_count == 0) {
        hv_log("error: the device tree has no memory node with a \"reg\"\n");
        problems++;
    }
    return problems;
}

/* /memreserve/ entries, /reserved-memory children and boot modules. */
static unsigned int read_reserved(struct boot_config *cfg)
{
    unsigned int problems = 0;
    int node;

    for (int i = 0; i < fdt_num_mem_rsv(cfg->fdt); i++) {
        uint64_t base, size;

        if (fdt_get_mem_rsv(cfg->fdt, i, &base, &size) == 0) {
            problems += add_reserved(cfg, base, size, "/memreserve/");
        }
    }
    node = fdt_path_offset(cfg->fdt, "/reserved-memory");
    if (node >= 0) {
        int child;

        fdt_for_each_subnode(child, cfg->fdt, node) {
            uint64_t base, size;

            for (int i = 0; fdt_reg_read(cfg->fdt, child, i, &base, &size) == 0; i++) {
                problems += add_reserved(cfg, base, size, "/reserved-memory");
            }
        }
    }
    for (node = fdt_node_offset_by_compatible(cfg->fdt, -1, "multiboot,module"); node >= 0;
         node = fdt_node_offset_by_compatible(cfg->fdt, node, "multiboot,module")) {
        uint64_t base, size;

        if (fdt_reg_read(cfg->fdt, node, 0, &base, &size) == 0) {
            problems += add_reserved(cfg, base, size, "a boot module");
        }
    }
    return problems;
}

static unsigned int read_cpus(struct boot_config *cfg)
{
    int cpus = fdt_path_offset(cfg->fdt, "/cpus");
    int node;

    if (cpus < 0) {
        hv_log("error: the device tree has no /cpus node\n");
        return 1;
    }
    fdt_for_each_subnode(node, cfg->fdt, cpus) {
        uint64_t mpidr, unused;

        if (!property_is_string(cfg->fdt, node, "device_type", "cpu")) {
            continue;
        }
        if (cfg->cpu_count == MAX_CPUS) {
            hv_log("warning: /cpus: more than %u CPUs; the others are not used\n", MAX_CPUS);
            break;
        }
        /* A cpu node's "reg" is its MPIDR affinity, with no size cells. */
        if (fdt_reg_read(cfg->fdt, node, 0, &mpidr, &unused) != 0) {
            hv_log("error: /cpus/%s: property \"reg\" is missing or malformed\n",
                   fdt_get_name(cfg->fdt, node, NULL));
            return 1;
        }
        cfg->cpus[cfg->cpu_count++].mpidr = mpidr;
    }
    if (cfg->cpu_count == 0) {
        hv_log("error: /cpus has no node with device_type \"cpu\"\n");
        return 1;
    }
    return 0;
}

/*
 * The hypervisor's command line is /chosen/xen,xen-bootargs.  It has no
 * options yet: each word is reported as an unknown option and ignored.
 */
static void read_command_line(const struct boot_config *cfg)
{
    int chosen = fdt_path_offset(cfg->fdt, "/chosen");
    const char *line;
    int len;

    if (chosen < 0) {
        return;
    }
    line = fdt_getprop(cfg->fdt, chosen, "xen,xen-bootargs", &len);
    if (line == NULL) {
        return;
    }
    len = (int)strnlen(line, (size_t)len);
    for (int i = 0; i < len;) {
        int end = i;

        while (end < len && line[end] != ' ') {
            end++;
        }
        if (end > i) {
            hv_log("warning: unknown command-line option \"%.*s\" is ignored\n", end - i, line + i);
        }
        i = end + 1;
    }
}

static unsigned int read_gic(struct boot_config *cfg)
{
    int node = fdt_node_offset_by_compatible(cfg->fdt, -1, "arm,gic-v3");

    if (node < 0) {
        hv_log("error: the device tree has no interrupt controller with compatible "
               "\"arm,gic-v3\"\n");
        return 1;
    }
    if (fdt_reg_read(cfg->fdt, node, 0, &cfg->gic_dist.base, &cfg->gic_dist.size) != 0 ||
        fdt_reg_read(cfg->fdt, node, 1, &cfg->gic_redist.base, &cfg->gic_redist.size) != 0) {
        hv_log("error: /%s: property \"reg\" must give the distributor and a redistributor "
               "region\n", fdt_get_name(cfg->fdt, node, NULL));
        return 1;
    }
    return 0;
}

unsigned int boot_config_read(struct boot_config *cfg, struct mem_range image)
{
    unsigned int problems = 0;

    problems += read_ram(cfg);
    problems += add_reserved(cfg, image.base, image.size, "the hypervisor image");
    problems += add_reserved(cfg, (uintptr_t)cfg->fdt, fdt_totalsize(cfg->fdt),
                             "the device tree");
    problems += read_reserved(cfg);
    problems += read_cpus(cfg);
    problems += read_gic(cfg);
    read_command_line(cfg);
    problems += domain_config_read(cfg);
    return problems;
}
