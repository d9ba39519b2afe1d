/*
 * domain_binding.c - what a correct system tree gives a domain: one domain
 * per domain node, and the ramdisk module copied unchanged.
 *
 * Specification: spec/chapters/domain_binding.rst and the ramdisk part of
 * hypervisor_node.rst.  The tests run in the scenarios of
 * conformance/scenarios/ that configure what they check: ramdisk.conf (a
 * domain with a ramdisk module; the harness passes its size and CRC-32 as
 * hvabi.ramdisk-bytes and hvabi.ramdisk-crc32) and domain_binding.conf
 * (three domains of different sizes; the harness passes each one's
 * configuration and the IDs of the others, hvabi.<name>=<id>).
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "framework/suite.h"
#include "support/crc32.h"
#include "support/device_tree.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>

/* The most domains a scenario of the harness has (harness/src/scenario.h). */
#define SCENARIO_MAX_DOMAINS 64

/* Reads /chosen linux,initrd-start or -end, which must be two cells. */
static bool read_initrd_property(struct test_context *t, int chosen, const char *name,
                                 uint64_t *value)
{
    const fdt32_t *cells;
    int length;

    cells = fdt_getprop(t->platform->fdt, chosen, name, &length);
    if (!expect(t, cells != NULL, "/chosen has no %s property", name) ||
        !expect(t, length == 8, "/chosen %s: expected two cells (8 bytes), got %d bytes", name,
                length)) {
        return false;
    }
    *value = ((uint64_t)fdt32_to_cpu(cells[0]) << 32) | fdt32_to_cpu(cells[1]);
    return true;
}

/* The ramdisk's copy [start, end); false after recording a failure. */
static bool initrd_range(struct test_context *t, uint64_t *start, uint64_t *end)
{
    int chosen = fdt_path_offset(t->platform->fdt, "/chosen");

    if (!expect(t, chosen >= 0, "no /chosen node")) {
        return false;
    }
    return read_initrd_property(t, chosen, "linux,initrd-start", start) &&
           read_initrd_property(t, chosen, "linux,initrd-end", end);
}

static void initrd(struct test_context *t)
{
    struct tree_range memory[TREE_MAX_RANGES];
    uint64_t size;
    uint64_t start;
    uint64_t end;
    bool in_ram = false;
    int count;

    if (!tree_bootarg_number(t, "ramdisk-bytes", &size) || !initrd_range(t, &start, &end)) {
        return;
    }
    test_note(t, "ramdisk copy [0x%llx, 0x%llx)", (unsigned long long)start,
              (unsigned long long)end);
    if (!expect(t, end >= start && end - start == size,
                "linux,initrd-end - linux,initrd-start is 0x%llx; the ramdisk module has 0x%llx "
                "bytes",
                (unsigned long long)(end - start), (unsigned long long)size)) {
        return;
    }
    count = tree_memory_ranges(t->platform->fdt, memory, TREE_MAX_RANGES);
    for (int i = 0; i < count; i++) {
        in_ram = in_ram || (start >= memory[i].base && end - memory[i].base <= memory[i].size);
    }
    expect(t, in_ram, "the ramdisk copy [0x%llx, 0x%llx) is not within one range of the RAM",
           (unsigned long long)start, (unsigned long long)end);
}

static void ramdisk_copy(struct test_context *t)
{
    char text[16];
    char *text_end;
    uint64_t size;
    uint64_t start;
    uint64_t end;
    uint32_t expected;
    uint32_t actual;

    if (!tree_bootarg_number(t, "ramdisk-bytes", &size) ||
        !expect(t, platform_bootarg(t->platform, "hvabi.ramdisk-crc32", text, sizeof(text)),
                "boot argument hvabi.ramdisk-crc32: missing (the harness passes it)") ||
        !initrd_range(t, &start, &end) ||
        !expect(t, end >= start && end - start == size, "the ramdisk copy has the wrong size")) {
        return;
    }
    expected = (uint32_t)strtoul(text, &text_end, 16);
    if (!expect(t, text[0] != '\0' && *text_end == '\0',
                "hvabi.ramdisk-crc32 is not a hexadecimal number: '%s'", text)) {
        return;
    }
    /* Byte loads: the guest maps RAM outside its image as Device memory. */
    actual = crc32_of((const void *)(uintptr_t)start, (size_t)size);
    expect(t, actual == expected,
           "the %llu bytes at 0x%llx have CRC-32 0x%08x; the ramdisk module's is 0x%08x",
           (unsigned long long)size, (unsigned long long)start, actual, expected);
}

/* Whether bind_interdomain says that domain `id` exists (anything but -ESRCH). */
static int64_t probe_domain(uint16_t id)
{
    struct hvabi_evtchn_bind_interdomain bind;

    memset(&bind, 0, sizeof(bind));
    bind.remote_dom = id;
    bind.remote_port = 0; /* never an unbound port: the call cannot succeed */
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, HVABI_EVTCHNOP_BIND_INTERDOMAIN,
                            (uint64_t)(uintptr_t)&bind);
}

/* The IDs the harness gave the scenario's domains: hvabi.domain and each
 * hvabi.<name>=<id> of the boot arguments.  Returns how many. */
static unsigned int scenario_domain_ids(const struct guest_platform *platform, uint16_t *ids)
{
    const char *word = platform->bootargs;
    unsigned int count = 0;

    while (*word != '\0' && count < SCENARIO_MAX_DOMAINS) {
        const char *end = strchr(word, ' ');
        size_t length = end != NULL ? (size_t)(end - word) : strlen(word);
        const char *equals = memchr(word, '=', length);

        /* hvabi.<lower-case name>=<decimal>; the harness's other words have
         * '-' in their names or non-ID values, and none is a domain ID
         * unless it is one of these. */
        if (strncmp(word, "hvabi.", 6) == 0 && equals != NULL && equals[1] >= '0' &&
            equals[1] <= '9' && memchr(word, '-', (size_t)(equals - word)) == NULL &&
            strncmp(word, "hvabi.start=", 12) != 0 && strncmp(word, "hvabi.cpus=", 11) != 0) {
            char *number_end;
            unsigned long id = strtoul(equals + 1, &number_end, 10);

            if (number_end == word + length && id < HVABI_DOMID_FIRST_RESERVED) {
                ids[count++] = (uint16_t)id;
            }
        }
        word += length;
        while (*word == ' ') {
            word++;
        }
    }
    return count;
}

static bool is_scenario_domain(const uint16_t *ids, unsigned int count, uint16_t id)
{
    for (unsigned int i = 0; i < count; i++) {
        if (ids[i] == id) {
            return true;
        }
    }
    return false;
}

/*
 * This domain is the one its node configures (its RAM and vCPUs are the
 * node's), every domain of the scenario exists, and no other domain does.
 */
static void domains(struct test_context *t)
{
    struct tree_range memory[TREE_MAX_RANGES];
    uint16_t ids[SCENARIO_MAX_DOMAINS];
    unsigned int id_count = scenario_domain_ids(t->platform, ids);
    unsigned int extra = 0;
    uint64_t memory_kib;
    uint64_t cpus;
    uint64_t total = 0;
    int count;
    int cpu_nodes = 0;
    int node;
    int cpus_node = fdt_path_offset(t->platform->fdt, "/cpus");

    if (!tree_bootarg_number(t, "memory-kib", &memory_kib) ||
        !tree_bootarg_number(t, "cpus", &cpus)) {
        return;
    }
    count = tree_memory_ranges(t->platform->fdt, memory, TREE_MAX_RANGES);
    for (int i = 0; i < count; i++) {
        total += memory[i].size;
    }
    fdt_for_each_subnode(node, t->platform->fdt, cpus_node) {
        if (tree_property_is_string(t->platform->fdt, node, "device_type", "cpu")) {
            cpu_nodes++;
        }
    }
    expect(t, total == memory_kib * 1024 && (uint64_t)cpu_nodes == cpus,
           "this domain has 0x%llx bytes of RAM and %d vCPUs; its node configures %llu KiB and "
           "%llu vCPUs",
           (unsigned long long)total, cpu_nodes, (unsigned long long)memory_kib,
           (unsigned long long)cpus);

    if (!expect(t, id_count > 0, "no domain IDs in the boot arguments")) {
        return;
    }
    for (unsigned int i = 0; i < id_count; i++) {
        int64_t rc = probe_domain(ids[i]);

        expect(t, rc != -HVABI_ESRCH,
               "domain %u of the scenario: EVTCHNOP_bind_interdomain says it does not exist "
               "(-ESRCH)",
               ids[i]);
    }
    for (uint32_t id = 0; id < HVABI_DOMID_FIRST_RESERVED; id++) {
        int64_t rc;

        if (is_scenario_domain(ids, id_count, (uint16_t)id)) {
            continue;
        }
        rc = probe_domain((uint16_t)id);
        if (rc != -HVABI_ESRCH && extra++ < 4) {
            expect(t, false,
                   "domain %u exists (EVTCHNOP_bind_interdomain gives %lld, not -ESRCH), but "
                   "the system tree has no node for it",
                   id, (long long)rc);
        }
    }
    expect(t, extra <= 4, "%u domains in all exist without a domain node", extra);
    test_note(t, "%u domains of the scenario found; %u other domain IDs exist", id_count, extra);
}

const struct conformance_test domain_binding_ramdisk_tests[] = {
    {
        .name = "hypervisor_node_initrd",
        .verifies = "hvabi~hypervisor-node-initrd~1",
        .run = initrd,
    },
    {
        .name = "domain_binding_ramdisk_copy",
        .verifies = "hvabi~domain-binding-ramdisk-copy~1",
        .run = ramdisk_copy,
    },
    { .name = NULL },
};

const struct conformance_test domain_binding_domain_tests[] = {
    {
        .name = "domain_binding_domains",
        .verifies = "hvabi~domain-binding-domains~1",
        .run = domains,
    },
    { .name = NULL },
};
