/*
 * boot_config.h - what the system device tree tells the hypervisor.
 *
 * The tree is the only configuration: the UART for the console, the PSCI
 * conduit, RAM, memory that must not be handed out, the physical CPUs, and
 * the domains in Xen's dom0less binding (/chosen nodes with compatible
 * "xen,domain").  Reading it validates it completely before any domain is
 * built; every problem is reported naming the node and property.
 */
#ifndef REFHV_CORE_BOOT_CONFIG_H
#define REFHV_CORE_BOOT_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"

struct mem_range {
    uint64_t base;
    uint64_t size;
};

enum psci_conduit {
    PSCI_CONDUIT_NONE,
    PSCI_CONDUIT_SMC,
    PSCI_CONDUIT_HVC,
};

struct domain_config {
    char name[DOMAIN_NAME_MAX]; /* node name under /chosen */
    uint64_t memory_size;       /* bytes */
    uint32_t vcpu_count;
    struct mem_range kernel;    /* where the boot loader put the kernel */
    struct mem_range ramdisk;   /* size 0: none */
    char bootargs[BOOTARGS_MAX];
    bool enhanced;              /* give the guest a /hypervisor node ("no-xenstore") */
    bool is_control;            /* capabilities bit 0 */
};

/* A static event channel: port[i] of the domain with index domain_index[i]. */
struct static_evtchn_config {
    unsigned int domain_index[2];
    uint32_t port[2];
};

struct cpu_config {
    uint64_t mpidr; /* affinity fields, from the cpu node's "reg" */
};

struct boot_config {
    const void *fdt;
    uintptr_t uart_base;        /* 0 when the tree names no usable UART */
    struct mem_range gic_dist;   /* the GICv3 distributor */
    struct mem_range gic_redist; /* its first redistributor region */
    enum psci_conduit psci;
    struct mem_range ram[MAX_RAM_RANGES];
    unsigned int ram_count;
    struct mem_range reserved[MAX_RESERVED_RANGES];
    unsigned int reserved_count;
    struct cpu_config cpus[MAX_CPUS];
    unsigned int cpu_count;
    struct domain_config domains[MAX_DOMAINS];
    unsigned int domain_count;
    struct static_evtchn_config static_evtchns[MAX_STATIC_EVTCHNS];
    unsigned int static_evtchn_count;
};

/*
 * Reads the console UART and PSCI conduit only, so that errors in the rest
 * of the tree can be reported and the machine powered off.  Returns 0 or a
 * negative libfdt error when the tree is not a device tree at all.
 */
int boot_config_read_platform(const void *fdt, struct boot_config *cfg);

/*
 * Reads and checks everything else.  `image` is the hypervisor's own
 * footprint, which is reserved like the tree itself.  Returns the number of
 * problems found (each already reported); 0 means the configuration is valid.
 */
unsigned int boot_config_read(struct boot_config *cfg, struct mem_range image);

#endif /* REFHV_CORE_BOOT_CONFIG_H */
