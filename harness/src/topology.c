/*
 * topology.c - the domains one boot starts (see topology.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "crc32.h"
#include "ramdisk.h"
#include "topology.h"

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

void topology_add_channel(struct topology *topology, size_t domain_a, unsigned port_a,
                          size_t domain_b, unsigned port_b)
{
    struct static_channel *channel;

    topology->channels = alloc_resize(topology->channels, topology->channel_count + 1,
                                      sizeof(topology->channels[0]));
    channel = &topology->channels[topology->channel_count];
    topology->channel_count++;
    channel->domain[0] = domain_a;
    channel->port[0] = port_a;
    channel->domain[1] = domain_b;
    channel->port[1] = port_b;
}

/* Domain IDs follow the scenario's order of domains, from 1. */
static unsigned domain_id(size_t index)
{
    return (unsigned)index + 1;
}

/* Appends " <word>" to *bootargs. */
static void append_word(char **bootargs, const char *word)
{
    char *longer = alloc_printf("%s %s", *bootargs, word);

    free(*bootargs);
    *bootargs = longer;
}

char *topology_bootargs(const struct scenario *scenario, size_t index, unsigned first_test)
{
    const struct scenario_domain *domain = &scenario->domains[index];
    const char *own = domain->bootargs;
    char *bootargs = alloc_printf("%s%shvabi.domain=%u", own, own[0] == '\0' ? "" : " ",
                                  domain_id(index));
    char word[64];

    for (size_t i = 0; i < scenario->domain_count; i++) {
        char *longer;

        if (i == index) {
            continue;
        }
        longer = alloc_printf("%s hvabi.%s=%u", bootargs, scenario->domains[i].name,
                              domain_id(i));
        free(bootargs);
        bootargs = longer;
    }
    snprintf(word, sizeof(word), "hvabi.memory-kib=%llu hvabi.cpus=%u",
             (unsigned long long)domain->memory_mib * 1024u, domain->cpus);
    append_word(&bootargs, word);
    if (domain->ramdisk_kib != 0) {
        size_t size = (size_t)domain->ramdisk_kib * 1024u;

        snprintf(word, sizeof(word), "hvabi.ramdisk-bytes=%zu hvabi.ramdisk-crc32=%08x", size,
                 ramdisk_crc32(size, domain_id(index)));
        append_word(&bootargs, word);
    }
    if (first_test != 0) {
        snprintf(word, sizeof(word), "hvabi.start=%u", first_test);
        append_word(&bootargs, word);
    }
    snprintf(word, sizeof(word), "hvabi.bootargs-crc32=%08x",
             crc32_update(0, bootargs, strlen(bootargs)));
    append_word(&bootargs, word);
    return bootargs;
}

int topology_from_scenario(struct topology *topology, const struct scenario *scenario,
                           const char *guest_path, const unsigned *first_tests,
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
    for (size_t i = 0; i < scenario->domain_count; i++) {
        const struct scenario_domain *domain = &scenario->domains[i];
        char *bootargs = topology_bootargs(scenario, i, first_tests != NULL ? first_tests[i] : 0);

        topology_add_domain(topology, domain_id(i), (uint64_t)domain->memory_mib * 1024u,
                            domain->cpus, bootargs, guest_path, (uint64_t)info.st_size);
        topology->domains[topology->count - 1].capabilities = domain->capabilities;
        topology->domains[topology->count - 1].ramdisk_size = (uint64_t)domain->ramdisk_kib * 1024u;
        free(bootargs);
    }
    for (size_t i = 0; i < scenario->channel_count; i++) {
        const struct scenario_channel *channel = &scenario->channels[i];

        topology_add_channel(topology, channel->ends[0].domain, channel->ends[0].port,
                             channel->ends[1].domain, channel->ends[1].port);
    }
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
    for (size_t i = 0; i < topology->count; i++) {
        struct domain_config *domain = &topology->domains[i];

        if (domain->ramdisk_size == 0) {
            continue;
        }
        if (address >= ram_end || domain->ramdisk_size > ram_end - address) {
            error_set(err,
                      "the ramdisk of d%u (%llu bytes) does not fit in RAM above 0x%llx (RAM "
                      "ends at 0x%llx)",
                      domain->id, (unsigned long long)domain->ramdisk_size,
                      (unsigned long long)address, (unsigned long long)ram_end);
            return -1;
        }
        domain->ramdisk_address = address;
        address = align_up(address + domain->ramdisk_size, TOPOLOGY_MODULE_ALIGN);
    }
    return 0;
}

void topology_free(struct topology *topology)
{
    for (size_t i = 0; i < topology->count; i++) {
        free(topology->domains[i].bootargs);
        free(topology->domains[i].kernel_path);
        free(topology->domains[i].ramdisk_path);
    }
    free(topology->domains);
    free(topology->channels);
    memset(topology, 0, sizeof(*topology));
}
