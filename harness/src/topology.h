/*
 * topology.h - the domains one boot starts, where their kernels are
 * loaded, and the static event channels between them.
 *
 * A topology is made from a scenario (scenario.h) for each boot: the
 * domains get IDs 1, 2, ... in the scenario's order (the order in which
 * Xen's dom0less, and the reference hypervisor, number the /chosen/domU<N>
 * nodes) and their boot arguments, which change from boot to boot when a
 * boot resumes after a crash.
 */
#ifndef HARNESS_TOPOLOGY_H
#define HARNESS_TOPOLOGY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "scenario.h"

/* Kernel modules are placed on 2 MiB boundaries: the alignment the arm64
 * Image format asks for its load address. */
#define TOPOLOGY_MODULE_ALIGN (2u * 1024u * 1024u)

struct domain_config {
    unsigned id;             /* N of /chosen/domU<N> and of "(d<N>)" */
    uint64_t memory_kib;
    unsigned cpus;
    unsigned capabilities;   /* the node's "capabilities"; 0: no such property */
    char *bootargs;          /* for the guest, on its kernel module */
    char *kernel_path;
    uint64_t kernel_size;    /* bytes */
    uint64_t kernel_address; /* where QEMU loads it; set by topology_place_modules() */
    uint64_t ramdisk_size;   /* bytes; 0: no ramdisk module */
    char *ramdisk_path;      /* its content (ramdisk.h); set before the tree is built */
    uint64_t ramdisk_address; /* set by topology_place_modules() */
};

/* An event channel bound before the domains start (Xen: xen,evtchn-v1). */
struct static_channel {
    size_t domain[2];  /* indexes in topology->domains */
    unsigned port[2];  /* the local port of each end */
};

struct topology {
    struct domain_config *domains;
    size_t count;
    struct static_channel *channels;
    size_t channel_count;
};

/*
 * The boot arguments of the domain at index of scenario: its bootargs,
 * then " hvabi.domain=<its id>", then " hvabi.<name>=<id>" for each other
 * domain, then what the harness configured for it, for the guest to
 * compare with what it finds in its device tree: " hvabi.memory-kib=<the
 * memory property> hvabi.cpus=<the cpus property>", and with a ramdisk
 * " hvabi.ramdisk-bytes=<size> hvabi.ramdisk-crc32=<8 hex digits>"; then
 * " hvabi.start=<first_test>" when first_test is not 0 (a resumed boot);
 * last " hvabi.bootargs-crc32=<8 hex digits>", the CRC-32 of everything
 * before that word (crc32.h).  A new string.
 */
char *topology_bootargs(const struct scenario *scenario, size_t index, unsigned first_test);

/*
 * The topology of one boot of scenario, every domain running the guest at
 * guest_path.  first_tests is NULL for the first boot; on a resumed boot it
 * holds each domain's hvabi.start (see topology_bootargs()).  Returns 0,
 * or -1 with err set when the guest cannot be read.
 */
int topology_from_scenario(struct topology *topology, const struct scenario *scenario,
                           const char *guest_path, const unsigned *first_tests,
                           struct harness_error *err);

/* Adds a domain; the topology keeps copies of the strings. */
void topology_add_domain(struct topology *topology, unsigned id, uint64_t memory_kib,
                         unsigned cpus, const char *bootargs, const char *kernel_path,
                         uint64_t kernel_size);

/* Adds a static event channel between the domains at the two indexes. */
void topology_add_channel(struct topology *topology, size_t domain_a, unsigned port_a,
                          size_t domain_b, unsigned port_b);

/*
 * Gives each kernel its load address: the first at the middle of RAM
 * rounded up to TOPOLOGY_MODULE_ALIGN, each further one at the next such
 * boundary after the end of the one before; then each ramdisk, the same
 * way, after the last kernel.  The hypervisor copies the
 * kernels into their domains, so they only have to stay clear of where
 * QEMU puts the hypervisor and the device tree (the start of RAM).
 * Returns 0, or -1 with err set when a kernel would not fit in RAM.
 */
int topology_place_modules(struct topology *topology, uint64_t ram_base, uint64_t ram_size,
                           struct harness_error *err);

void topology_free(struct topology *topology);

#endif
