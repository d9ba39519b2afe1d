/*
 * config.h - fixed limits of the reference hypervisor.
 *
 * Everything is allocated statically at build time; a system device tree
 * that needs more than these limits is refused at boot with a message.
 */
#ifndef REFHV_CORE_CONFIG_H
#define REFHV_CORE_CONFIG_H

#define REFHV_VERSION_STRING "0.1"

/*
 * Domains, vCPUs and physical CPUs.  Domain IDs start at 1, in device-tree
 * order.  Each vCPU owns one physical CPU, so the domains of a system may
 * have at most as many vCPUs together as the machine has CPUs.
 */
#define MAX_DOMAINS 8
#define MAX_VCPUS_PER_DOMAIN 4
#define MAX_CPUS 8

/* Physical memory: RAM ranges and reserved ranges read from the tree. */
#define MAX_RAM_RANGES 8
#define MAX_RESERVED_RANGES 32

/* Static event channels of the whole system. */
#define MAX_STATIC_EVTCHNS 32

/* Longest domain node name, kernel command line (with its NUL) and console line. */
#define DOMAIN_NAME_MAX 32
#define BOOTARGS_MAX 1024
#define DOMAIN_CONSOLE_LINE_MAX 256

/* Guest-physical layout, the same as Xen's for its dom0less guests. */
#define GUEST_RAM_BASE          0x40000000ULL
#define GUEST_RAM_MAX_SIZE      0xc0000000ULL /* 3 GiB */
#define GUEST_GRANT_WINDOW_BASE 0x38000000ULL
#define GUEST_GRANT_WINDOW_SIZE 0x01000000ULL

/*
 * Grant tables: the most frames a domain's table may grow to
 * (max_nr_frames, Xen's default for dom0less domains).  The grant window
 * of /hypervisor holds GUEST_GRANT_WINDOW_SIZE / PAGE_SIZE frames, more
 * than this.
 */
#define GRANT_MAX_FRAMES 64

/* The guest device tree: at most this large, placed 2 MiB aligned in RAM. */
#define GUEST_FDT_MAX_SIZE (64 * 1024)

/* The interface version XENVER_version reports: Xen 4.17's. */
#define INTERFACE_VERSION_MAJOR 4
#define INTERFACE_VERSION_MINOR 17

#define PAGE_SIZE 4096ULL
#define BLOCK_2M (2ULL * 1024 * 1024)

#endif /* REFHV_CORE_CONFIG_H */
