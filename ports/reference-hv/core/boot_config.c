/*
 * boot_config.c - read and check the system device tree (see boot_config.h).
 */
#include <libfdt.h>
#include <string.h>

#include "core/boot_config.h"
#include "core/console.h"
#include "fdtutil/fdt_reg.h"

#define KIB 1024ULL

/* Properties of a domain node this hypervisor understands. */
static const char *const known_domain_properties[] = {
    "compatible", "#address-cells", "#size-cells", "memory", "cpus", "xen,enhanced", NULL,
};

static bool is_known_domain_property(const char *name)
{
    for (unsigned int i = 0; known_domain_properties[i] != NULL; i++) {
        if (strcmp(name, known_domain_properties[i]) == 0) {
            return true;
        }
    }
    return false;
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
    const char *method;

    if (node < 0) {
        node = fdt_node_offset_by_compatible(cfg->fdt, -1, "arm,psci");
    }
    if (node < 0) {
        return;
    }
    method = fdt_getprop(cfg->fdt, node, "method", NULL);
    if (method == NULL) {
        return;
    }
    if (strcmp(method, "smc") == 0) {
        cfg->psci = PSCI_CONDUIT_SMC;
    } else if (strcmp(method, "hvc") == 0) {
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
        const char *type = fdt_getprop(cfg->fdt, node, "device_type", NULL);
        uint64_t base, size;

        if (type == NULL || strcmp(type, "memory") != 0) {
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
        const char *type = fdt_getprop(cfg->fdt, node, "device_type", NULL);
        uint64_t mpidr, unused;

        if (type == NULL || strcmp(type, "cpu") != 0) {
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

static bool inside_ram(const struct boot_config *cfg, struct mem_range r)
{
    for (unsigned int i = 0; i < cfg->ram_count; i++) {
        if (r.base >= cfg->ram[i].base && r.size <= cfg->ram[i].size &&
            r.base - cfg->ram[i].base <= cfg->ram[i].size - r.size) {
            return true;
        }
    }
    return false;
}

/* The kernel module of a domain node: exactly one "multiboot,kernel" child. */
static unsigned int read_kernel(struct boot_config *cfg, int node, struct domain_config *dom)
{
    int kernel = -1, child, len;
    const char *args;

    fdt_for_each_subnode(child, cfg->fdt, node) {
        if (fdt_node_check_compatible(cfg->fdt, child, "multiboot,kernel") != 0) {
            continue;
        }
        if (kernel >= 0) {
            hv_log("error: /chosen/%s: more than one \"multiboot,kernel\" module\n", dom->name);
            return 1;
        }
        kernel = child;
    }
    if (kernel < 0) {
        hv_log("error: /chosen/%s: no module node with compatible \"multiboot,kernel\"\n",
               dom->name);
        return 1;
    }
    if (fdt_reg_read(cfg->fdt, kernel, 0, &dom->kernel.base, &dom->kernel.size) != 0 ||
        dom->kernel.size == 0) {
        hv_log("error: /chosen/%s/%s: property \"reg\" is missing or malformed\n", dom->name,
               fdt_get_name(cfg->fdt, kernel, NULL));
        return 1;
    }
    if (!inside_ram(cfg, dom->kernel)) {
        hv_log("error: /chosen/%s/%s: property \"reg\" (0x%llx, 0x%llx bytes) is not in RAM\n",
               dom->name, fdt_get_name(cfg->fdt, kernel, NULL),
               (unsigned long long)dom->kernel.base, (unsigned long long)dom->kernel.size);
        return 1;
    }
    args = fdt_getprop(cfg->fdt, kernel, "bootargs", &len);
    if (args != NULL) {
        if (len < 1 || strnlen(args, (size_t)len) != (size_t)len - 1 || len > BOOTARGS_MAX) {
            hv_log("error: /chosen/%s/%s: property \"bootargs\" is not a string of at most "
                   "%u characters\n", dom->name, fdt_get_name(cfg->fdt, kernel, NULL),
                   BOOTARGS_MAX - 1);
            return 1;
        }
        memcpy(dom->bootargs, args, (size_t)len);
    }
    return 0;
}

static unsigned int read_enhanced(struct boot_config *cfg, int node, struct domain_config *dom)
{
    const char *value;
    int len;

    value = fdt_getprop(cfg->fdt, node, "xen,enhanced", &len);
    if (value == NULL) {
        dom->enhanced = false;
        return 0;
    }
    if (len == 0 || strcmp(value, "enabled") == 0 || strcmp(value, "no-xenstore") == 0) {
        dom->enhanced = true;
        return 0;
    }
    if (strcmp(value, "disabled") == 0) {
        dom->enhanced = false;
        return 0;
    }
    hv_log("error: /chosen/%s: property \"xen,enhanced\" must be \"enabled\", \"no-xenstore\" "
           "or \"disabled\"\n", dom->name);
    return 1;
}

static unsigned int read_domain(struct boot_config *cfg, int node, struct domain_config *dom)
{
    const char *name = fdt_get_name(cfg->fdt, node, NULL);
    unsigned int problems = 0;
    uint64_t kib, vcpus;
    int prop;

    if (name == NULL || strlen(name) >= DOMAIN_NAME_MAX) {
        hv_log("error: a \"xen,domain\" node under /chosen has a name longer than %u\n",
               DOMAIN_NAME_MAX - 1);
        return 1;
    }
    memcpy(dom->name, name, strlen(name) + 1);

    if (fdt_read_uint(cfg->fdt, node, "memory", 8, &kib) != 0) {
        hv_log("error: /chosen/%s: property \"memory\" must be one 64-bit integer (KiB)\n", name);
        problems++;
    } else if (kib == 0 || kib % 4 != 0 || kib * KIB > GUEST_RAM_MAX_SIZE) {
        hv_log("error: /chosen/%s: property \"memory\" (%llu KiB) must be a non-zero multiple of "
               "4 KiB, at most %llu KiB\n", name, (unsigned long long)kib,
               (unsigned long long)(GUEST_RAM_MAX_SIZE / KIB));
        problems++;
    } else {
        dom->memory_size = kib * KIB;
    }

    if (fdt_read_uint(cfg->fdt, node, "cpus", 4, &vcpus) != 0) {
        hv_log("error: /chosen/%s: property \"cpus\" must be one 32-bit integer\n", name);
        problems++;
    } else if (vcpus < 1 || vcpus > MAX_VCPUS_PER_DOMAIN) {
        hv_log("error: /chosen/%s: property \"cpus\" is %llu; this hypervisor supports 1 to %u\n",
               name, (unsigned long long)vcpus, MAX_VCPUS_PER_DOMAIN);
        problems++;
    } else {
        dom->vcpu_count = (uint32_t)vcpus;
    }

    problems += read_enhanced(cfg, node, dom);
    problems += read_kernel(cfg, node, dom);

    fdt_for_each_property_offset(prop, cfg->fdt, node) {
        const char *prop_name;

        if (fdt_getprop_by_offset(cfg->fdt, prop, &prop_name, NULL) != NULL &&
            !is_known_domain_property(prop_name)) {
            hv_log("warning: /chosen/%s: property \"%s\" is not supported and is ignored\n",
                   name, prop_name);
        }
    }
    return problems;
}

static unsigned int read_domains(struct boot_config *cfg)
{
    int chosen = fdt_path_offset(cfg->fdt, "/chosen");
    unsigned int problems = 0;
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
            hv_log("error: more than %u domains under /chosen\n", MAX_DOMAINS);
            return problems + 1;
        }
        problems += read_domain(cfg, node, &cfg->domains[cfg->domain_count++]);
    }
    if (cfg->domain_count == 0) {
        hv_log("error: /chosen has no node with compatible \"xen,domain\"\n");
        problems++;
    }
    return problems;
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
    problems += read_domains(cfg);
    return problems;
}
