/*
 * topology.h - the domains a run starts, and where their kernels are
 * loaded.
 *
 * For now a run starts one domain, the conformance guest; the structures
 * take a list so that runs with several domains need no new code here.
 */
#ifndef HARNESS_TOPOLOGY_H
#define HARNESS_TOPOLOGY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Kernel modules are placed on 2 MiB boundaries: the alignment the arm64
 * Image format asks for its load address. */
#define TOPOLOGY_MODULE_ALIGN (2u * 1024u * 1024u)

struct domain_config {
    unsigned id;             /* N of /chosen/domU<N> and of "(d<N>)" */
    uint64_t memory_kib;
    unsigned cpus;
    char *bootargs;          /* for the guest, on its kernel module */
    char *kernel_path;
    uint64_t kernel_size;    /* bytes */
    uint64_t kernel_address; /* where QEMU loads it; set by topology_place_modules() */
};

struct topology {
    struct domain_config *domains;
    size_t count;
};

/* One domain, d1, running the conformance guest at guest_path in its main
 * role.  Returns 0, or -1 with err set when the guest cannot be read. */
int topology_single_guest(struct topology *topology, const char *guest_path,
                          struct harness_error *err);

/* Adds a domain; the topology keeps copies of the strings. */
void topology_add_domain(struct topology *topology, unsigned id, uint64_t memory_kib,
                         unsigned cpus, const char *bootargs, const char *kernel_path,
                         uint64_t kernel_size);

/*
 * Gives each kernel its load address: the first at the middle of RAM
 * rounded up to TOPOLOGY_MODULE_ALIGN, each further one at the next such
 * boundary after the end of the one before.  The hypervisor copies the
 * kernels into their domains, so they only have to stay clear of where
 * QEMU puts the hypervisor and the device tree (the start of RAM).
 * Returns 0, or -1 with err set when a kernel would not fit in RAM.
 */
int topology_place_modules(struct topology *topology, uint64_t ram_base, uint64_t ram_size,
                           struct harness_error *err);

void topology_free(struct topology *topology);

#endif
