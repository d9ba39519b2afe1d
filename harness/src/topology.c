/*
 * topology.c - the domains a run starts (see topology.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "topology.h"

/* The conformance guest's domain: 64 MiB and one CPU are plenty. */
#define GUEST_MEMORY_KIB (64u * 1024u)
#define GUEST_CPUS 1u

void topology_add_domain(struct topology *topology, unsigned id, uint64_t memory_kib,
                         unsigned cpus, const char *bootargs, const char *kernel_path,
                         uint64_t kernel_size)
{
    struct domain_config *domain;

    topology->domains = alloc_resize(topology->domains, topology->count + 1,
                                     sizeof(topology->domains[0]));
    domain = &topology->domains[topology->count];
    topology->count++;

    memset(domain, 0, sizeof(*domain));
    domain->id = id;
    domain->memory_kib = memory_kib;
    domain->cpus = cpus;
    domain->bootargs = alloc_text(bootargs);
    domain->kernel_path = alloc_text(kernel_path);
    domain->kernel_size = kernel_size;
}

int topology_single_guest(struct topology *topology, const char *guest_path,
                          struct harness_error *err)
{
    struct stat info;

    memset(topology, 0, sizeof(*topology));
    if (stat(guest_path, &info) != 0) {
        error_set(err, "cannot read guest image %s: %s", guest_path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(info.st_mode) || info.st_size == 0) {
        error_set(err, "guest image %s is not a file with contents", guest_path);
        return -1;
    }
    topology_add_domain(topology, 1, GUEST_MEMORY_KIB, GUEST_CPUS,
                        "hvabi.role=main hvabi.domain=1", guest_path, (uint64_t)info.st_size);
    return 0;
}

static uint64_t align_up(uint64_t value, uint64_t alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

int topology_place_modules(struct topology *topology, uint64_t ram_base, uint64_t ram_size,
                           struct harness_error *err)
{
    uint64_t ram_end = ram_base + ram_size;
    uint64_t address;

    if (ram_size == 0 || ram_end < ram_base || ram_end > UINT64_MAX - TOPOLOGY_MODULE_ALIGN) {
        error_set(err, "RAM at 0x%llx of size 0x%llx cannot hold kernel modules",
                  (unsigned long long)ram_base, (unsigned long long)ram_size);
        return -1;
    }
    address = align_up(ram_base + ram_size / 2, TOPOLOGY_MODULE_ALIGN);
    for (size_t i = 0; i < topology->count; i++) {
        struct domain_config *domain = &topology->domains[i];

        if (address >= ram_end || domain->kernel_size > ram_end - address) {
            error_set(err,
                      "the kernel of d%u (%s, %llu bytes) does not fit in RAM above 0x%llx "
                      "(RAM ends at 0x%llx)",
                      domain->id, domain->kernel_path, (unsigned long long)domain->kernel_size,
                      (unsigned long long)address, (unsigned long long)ram_end);
            return -1;
        }
        domain->kernel_address = address;
        address = align_up(address + domain->kernel_size, TOPOLOGY_MODULE_ALIGN);
    }
    return 0;
}

void topology_free(struct topology *topology)
{
    for (size_t i = 0; i < topology->count; i++) {
        free(topology->domains[i].bootargs);
        free(topology->domains[i].kernel_path);
    }
    free(topology->domains);
    topology->domains = NULL;
    topology->count = 0;
}
