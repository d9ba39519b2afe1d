/*
 * hypervisor_node_platform.c - the rest of the guest's own device tree:
 * root cells, memory, CPUs, PSCI, GIC, timer, /chosen, and what the tree
 * must not contain.
 *
 * Specification: spec/chapters/hypervisor_node.rst ("The rest of the tree").
 * The harness passes what it configured in the boot arguments
 * (harness/src/topology.h): hvabi.memory-kib (the domain node's memory
 * property), hvabi.cpus (its cpus property) and, last,
 * hvabi.bootargs-crc32 (the CRC-32 of the boot arguments before it).
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework/suite.h"
#include "support/crc32.h"
#include "support/device_tree.h"

#define PAGE_SIZE 4096ULL
#define BOOTARGS_CRC_KEY " hvabi.bootargs-crc32="

/* GIC identification registers (Arm GIC architecture specification). */
#define GICD_PIDR2_V3      0xffe8 /* GICv3 distributor and redistributor */
#define GICD_PIDR2_V2      0xfe8  /* GICv2 distributor */
#define GICC_IIDR          0x00fc /* GICv2 CPU interface */
#define GICR_TYPER         0x0008
#define GICR_TYPER_VLPIS   (1ULL << 1)
#define GICR_TYPER_LAST    (1ULL << 4)
#define GICR_FRAME_SIZE    0x20000 /* RD_base and SGI_base */
#define GICR_VLPI_FRAMES   0x20000 /* VLPI_base and a reserved frame (GICv4) */

static uint32_t mmio_read32(uint64_t address)
{
    return *(volatile uint32_t *)(uintptr_t)address;
}

static uint64_t mmio_read64(uint64_t address)
{
    return *(volatile uint64_t *)(uintptr_t)address;
}

static uint64_t read_mpidr(void)
{
    uint64_t mpidr;

    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr;
}

static void root_cells(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    uint32_t address_cells = 0;
    uint32_t size_cells = 0;

    expect(t, tree_read_cell(fdt, 0, "#address-cells", &address_cells) && address_cells == 2,
           "root #address-cells: expected one cell of value 2, got %u", address_cells);
    expect(t, tree_read_cell(fdt, 0, "#size-cells", &size_cells) && size_cells == 2,
           "root #size-cells: expected one cell of value 2, got %u", size_cells);
}

static void memory_nodes(struct test_context *t)
{
    struct tree_range ranges[TREE_MAX_RANGES];
    int count = tree_memory_ranges(t->platform->fdt, ranges, TREE_MAX_RANGES);

    if (!expect(t, count >= 0, "a memory node's reg is not a list of 2 + 2 cell ranges") ||
        !expect(t, count > 0, "no node with device_type = \"memory\" and a reg range")) {
        return;
    }
    for (int i = 0; i < count; i++) {
        test_note(t, "RAM [0x%llx, +0x%llx)", (unsigned long long)ranges[i].base,
                  (unsigned long long)ranges[i].size);
        expect(t, ranges[i].base % PAGE_SIZE == 0 && ranges[i].size % PAGE_SIZE == 0,
               "memory range %d [0x%llx, +0x%llx): base and size must be multiples of 4096", i,
               (unsigned long long)ranges[i].base, (unsigned long long)ranges[i].size);
        for (int j = 0; j < i; j++) {
            expect(t, !tree_ranges_overlap(&ranges[i], &ranges[j]),
                   "memory ranges %d and %d overlap", j, i);
        }
    }
}

static void memory_size(struct test_context *t)
{
    struct tree_range ranges[TREE_MAX_RANGES];
    int count = tree_memory_ranges(t->platform->fdt, ranges, TREE_MAX_RANGES);
    uint64_t configured_kib;
    uint64_t total = 0;

    if (!tree_bootarg_number(t, "memory-kib", &configured_kib) ||
        !expect(t, count > 0, "no usable memory node")) {
        return;
    }
    for (int i = 0; i < count; i++) {
        total += ranges[i].size;
    }
    expect(t, total == configured_kib * 1024,
           "the memory nodes add up to 0x%llx bytes; the domain node's memory is %llu KiB "
           "(0x%llx bytes)",
           (unsigned long long)total, (unsigned long long)configured_kib,
           (unsigned long long)(configured_kib * 1024));
}

/* The number of children of /cpus with device_type = "cpu"; -1 without /cpus. */
static int count_cpu_nodes(const void *fdt)
{
    int cpus = fdt_path_offset(fdt, "/cpus");
    int count = 0;
    int node;

    if (cpus < 0) {
        return -1;
    }
    fdt_for_each_subnode(node, fdt, cpus) {
        if (tree_property_is_string(fdt, node, "device_type", "cpu")) {
            count++;
        }
    }
    return count;
}

static void cpu_nodes(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int cpus = fdt_path_offset(fdt, "/cpus");
    uint32_t address_cells = 0;
    uint32_t size_cells = 1;
    int node;

    if (!expect(t, cpus >= 0, "no /cpus node")) {
        return;
    }
    expect(t, tree_read_cell(fdt, cpus, "#address-cells", &address_cells) && address_cells == 1,
           "/cpus #address-cells: expected one cell of value 1, got %u", address_cells);
    expect(t, tree_read_cell(fdt, cpus, "#size-cells", &size_cells) && size_cells == 0,
           "/cpus #size-cells: expected one cell of value 0, got %u", size_cells);
    expect(t, count_cpu_nodes(fdt) > 0, "/cpus has no child with device_type = \"cpu\"");
    fdt_for_each_subnode(node, fdt, cpus) {
        if (tree_property_is_string(fdt, node, "device_type", "cpu")) {
            expect(t, tree_property_is_string(fdt, node, "enable-method", "psci"),
                   "/cpus/%s: enable-method is not \"psci\"", fdt_get_name(fdt, node, NULL));
        }
    }
}

static void cpu_count(struct test_context *t)
{
    uint64_t configured;
    int count = count_cpu_nodes(t->platform->fdt);

    if (!tree_bootarg_number(t, "cpus", &configured)) {
        return;
    }
    expect(t, count >= 0 && (uint64_t)count == configured,
           "/cpus has %d CPU nodes; the domain node's cpus is %llu", count,
           (unsigned long long)configured);
}

/*
 * The vCPU running the suite is vCPU 0; it can read only its own MPIDR_EL1.
 * When the domain has one vCPU, its node is the only CPU node.
 */
static void cpu_reg(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int cpus = fdt_path_offset(fdt, "/cpus");
    uint64_t mpidr = read_mpidr();
    int matches = 0;
    int count = 0;
    int node;

    if (!expect(t, cpus >= 0, "no /cpus node")) {
        return;
    }
    test_note(t, "MPIDR_EL1 of vCPU 0: 0x%llx", (unsigned long long)mpidr);
    expect(t, ((mpidr >> 32) & 0xff) == 0, "MPIDR_EL1 bits [39:32] (Aff3) are 0x%llx, not 0",
           (unsigned long long)((mpidr >> 32) & 0xff));
    fdt_for_each_subnode(node, fdt, cpus) {
        uint32_t reg;

        if (!tree_property_is_string(fdt, node, "device_type", "cpu")) {
            continue;
        }
        count++;
        if (!expect(t, tree_read_cell(fdt, node, "reg", &reg),
                    "/cpus/%s: reg is not one cell", fdt_get_name(fdt, node, NULL))) {
            continue;
        }
        expect(t, reg <= 0xffffff, "/cpus/%s: reg 0x%x has bits above [23:0]",
               fdt_get_name(fdt, node, NULL), reg);
        if (reg == (mpidr & 0xffffff)) {
            matches++;
        }
    }
    expect(t, matches == 1,
           "%d of the %d CPU nodes have reg = MPIDR_EL1 bits [23:0] of vCPU 0 (0x%llx); "
           "expected exactly one",
           matches, count, (unsigned long long)(mpidr & 0xffffff));
}

static void psci_node(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int node;

    fdt_for_each_subnode(node, fdt, 0) {
        if (tree_is_compatible(fdt, node, "arm,psci-0.2")) {
            expect(t, tree_property_is_string(fdt, node, "method", "hvc"),
                   "/%s: method is not \"hvc\"", fdt_get_name(fdt, node, NULL));
            return;
        }
    }
    expect(t, false, "no node at the root is compatible with \"arm,psci-0.2\"");
}

/* The architecture revision of the distributor at `base` (GICD_PIDR2.ArchRev). */
static uint32_t distributor_revision(uint64_t base, bool v3_layout)
{
    return (mmio_read32(base + (v3_layout ? GICD_PIDR2_V3 : GICD_PIDR2_V2)) >> 4) & 0xf;
}

static void gic_node(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    struct tree_range ranges[TREE_MAX_RANGES];
    uint32_t interrupt_cells = 0;
    bool v3;
    int count;
    int gic;

    count = tree_find_gic(fdt, &gic);
    if (!expect(t, count == 1, "expected exactly one GIC node at the root, found %d", count)) {
        return;
    }
    expect(t, fdt_getprop(fdt, gic, "interrupt-controller", NULL) != NULL,
           "the GIC node has no interrupt-controller property");
    expect(t, tree_read_cell(fdt, gic, "#interrupt-cells", &interrupt_cells) &&
                  interrupt_cells == 3,
           "the GIC node's #interrupt-cells: expected one cell of value 3, got %u",
           interrupt_cells);
    expect(t, fdt_get_phandle(fdt, gic) != 0, "the GIC node has no phandle");

    /* The compatible string must name the controller the domain really has. */
    v3 = tree_is_compatible(fdt, gic, "arm,gic-v3");
    if (!expect(t, tree_root_node_ranges(fdt, gic, ranges, TREE_MAX_RANGES) > 0,
                "the GIC node has no reg to identify the controller by")) {
        return;
    }
    if (v3) {
        uint32_t revision = distributor_revision(ranges[0].base, true);

        expect(t, revision == 3 || revision == 4,
               "compatible says GICv3, but GICD_PIDR2.ArchRev of the distributor is %u", revision);
    } else {
        uint32_t revision = distributor_revision(ranges[0].base, false);

        expect(t, revision == 2 || revision == 1,
               "compatible says GICv2, but ICPIDR2.ArchRev of the distributor is %u", revision);
    }
}

/* Looks for a redistributor frame with GICR_TYPER affinity `affinity`. */
static bool find_redistributor(const struct tree_range *ranges, int count, uint32_t affinity,
                               unsigned int *frames_seen)
{
    bool found = false;

    *frames_seen = 0;
    for (int r = 1; r < count; r++) {
        uint64_t frame = ranges[r].base;

        while (frame - ranges[r].base + GICR_FRAME_SIZE <= ranges[r].size) {
            uint64_t typer = mmio_read64(frame + GICR_TYPER);

            (*frames_seen)++;
            if ((uint32_t)(typer >> 32) == affinity) {
                found = true;
            }
            if ((typer & GICR_TYPER_LAST) != 0) {
                break;
            }
            frame += GICR_FRAME_SIZE + ((typer & GICR_TYPER_VLPIS) != 0 ? GICR_VLPI_FRAMES : 0);
        }
    }
    return found;
}

static void gic_reg(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    struct tree_range ranges[TREE_MAX_RANGES];
    int cpus = fdt_path_offset(fdt, "/cpus");
    int count;
    int gic;
    int node;

    if (!expect(t, tree_find_gic(fdt, &gic) == 1, "no single GIC node")) {
        return;
    }
    count = tree_root_node_ranges(fdt, gic, ranges, TREE_MAX_RANGES);
    if (!tree_is_compatible(fdt, gic, "arm,gic-v3")) {
        if (expect(t, count >= 2, "GICv2 node: expected a distributor and a CPU interface "
                                  "range, got %d ranges", count)) {
            uint32_t iidr = mmio_read32(ranges[1].base + GICC_IIDR);

            expect(t, distributor_revision(ranges[0].base, false) == 2,
                   "range 0 is not a GICv2 distributor");
            expect(t, ((iidr >> 16) & 0xf) == 2,
                   "range 1: GICC_IIDR 0x%x is not that of a GICv2 CPU interface", iidr);
        }
        return;
    }
    if (!expect(t, count >= 2, "GICv3 node: expected a distributor and redistributor ranges, "
                               "got %d ranges", count)) {
        return;
    }
    expect(t, distributor_revision(ranges[0].base, true) >= 3,
           "range 0 [0x%llx, ...) is not a GICv3 distributor (GICD_PIDR2.ArchRev %u)",
           (unsigned long long)ranges[0].base, distributor_revision(ranges[0].base, true));
    if (!expect(t, cpus >= 0, "no /cpus node to find the vCPUs by")) {
        return;
    }
    /* Every vCPU (every CPU node's affinity) has a redistributor frame. */
    fdt_for_each_subnode(node, fdt, cpus) {
        unsigned int frames = 0;
        uint32_t reg;

        if (!tree_property_is_string(fdt, node, "device_type", "cpu") ||
            !tree_read_cell(fdt, node, "reg", &reg)) {
            continue;
        }
        expect(t, find_redistributor(ranges, count, reg, &frames),
               "no redistributor frame in ranges 1 to %d (%u frames) has the affinity 0x%x of "
               "/cpus/%s",
               count - 1, frames, reg, fdt_get_name(fdt, node, NULL));
    }
}

static void timer_node(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
    const fdt32_t *cells;
    uint32_t parent;
    int length;
    int gic;

    if (!expect(t, node >= 0, "no node compatible with \"arm,armv8-timer\"")) {
        return;
    }
    expect(t, tree_find_gic(fdt, &gic) == 1 && tree_read_cell(fdt, node, "interrupt-parent", &parent) &&
                  parent == fdt_get_phandle(fdt, gic),
           "the timer node has no interrupt-parent property naming the GIC node");
    cells = fdt_getprop(fdt, node, "interrupts", &length);
    if (!expect(t, cells != NULL && length >= 36,
                "the timer node's interrupts: expected at least 3 specifiers of 3 cells, got %d "
                "bytes",
                cells != NULL ? length : 0)) {
        return;
    }
    for (int i = 0; i < 3; i++) {
        expect(t, fdt32_to_cpu(cells[3 * i]) == 1 && fdt32_to_cpu(cells[3 * i + 1]) <= 15,
               "timer interrupt %d: <%u %u ...> is not a PPI", i, fdt32_to_cpu(cells[3 * i]),
               fdt32_to_cpu(cells[3 * i + 1]));
    }
}

static void chosen_node(struct test_context *t)
{
    expect(t, fdt_path_offset(t->platform->fdt, "/chosen") >= 0, "no /chosen node");
}

/*
 * The harness ends the kernel module's bootargs with
 * " hvabi.bootargs-crc32=<8 hex digits>", the CRC-32 of everything before
 * it: /chosen/bootargs must carry the same string, every byte of it.
 */
static void chosen_bootargs(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *bootargs;
    const char *crc_word;
    char *end;
    uint32_t expected_crc;
    int length;

    if (!expect(t, chosen >= 0, "no /chosen node")) {
        return;
    }
    bootargs = fdt_getprop(fdt, chosen, "bootargs", &length);
    if (!expect(t, bootargs != NULL && length > 0, "/chosen has no bootargs property") ||
        !expect(t, strnlen(bootargs, (size_t)length) == (size_t)length - 1,
                "/chosen/bootargs (%d bytes) is not one NUL-terminated string", length)) {
        return;
    }
    /* The last occurrence of the key: the harness appends it last. */
    crc_word = NULL;
    for (const char *p = bootargs; (p = strchr(p, ' ')) != NULL; p++) {
        if (strncmp(p, BOOTARGS_CRC_KEY, strlen(BOOTARGS_CRC_KEY)) == 0) {
            crc_word = p;
        }
    }
    if (!expect(t, crc_word != NULL, "/chosen/bootargs has no hvabi.bootargs-crc32 word: \"%s\"",
                bootargs)) {
        return;
    }
    expected_crc = (uint32_t)strtoul(crc_word + strlen(BOOTARGS_CRC_KEY), &end, 16);
    if (!expect(t, end == crc_word + strlen(BOOTARGS_CRC_KEY) + 8 && *end == '\0',
                "/chosen/bootargs does not end with hvabi.bootargs-crc32=<8 hex digits>")) {
        return;
    }
    expect(t, crc32_of(bootargs, (size_t)(crc_word - bootargs)) == expected_crc,
           "/chosen/bootargs before hvabi.bootargs-crc32 has CRC-32 0x%08x, the harness gave "
           "0x%08x: the string was changed",
           crc32_of(bootargs, (size_t)(crc_word - bootargs)), expected_crc);
}

/* The compatible strings of the system configuration (hvabi~hypervisor-node-no-system-config~1). */
static const char *const system_compatibles[] = {
    "xen,domain", "multiboot,module", "xen,evtchn-v1",
};

static void no_system_config(struct test_context *t)
{
    const void *fdt = t->platform->fdt;

    for (int node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
        int property;

        for (unsigned int i = 0; i < sizeof(system_compatibles) / sizeof(system_compatibles[0]);
             i++) {
            expect(t, !tree_is_compatible(fdt, node, system_compatibles[i]),
                   "node %s is compatible with \"%s\"", fdt_get_name(fdt, node, NULL),
                   system_compatibles[i]);
        }
        fdt_for_each_property_offset(property, fdt, node) {
            const char *name = NULL;

            fdt_getprop_by_offset(fdt, property, &name, NULL);
            expect(t, name == NULL || strcmp(name, "xen,xen-bootargs") != 0,
                   "node %s has a property xen,xen-bootargs", fdt_get_name(fdt, node, NULL));
        }
    }
}

const struct conformance_test hypervisor_node_platform_tests[] = {
    {
        .name = "hypervisor_node_root_cells",
        .verifies = "hvabi~hypervisor-node-root-cells~1",
        .run = root_cells,
    },
    {
        .name = "hypervisor_node_memory",
        .verifies = "hvabi~hypervisor-node-memory~1",
        .run = memory_nodes,
    },
    {
        .name = "hypervisor_node_memory_size",
        .verifies = "hvabi~hypervisor-node-memory-size~1",
        .run = memory_size,
    },
    {
        .name = "hypervisor_node_cpus",
        .verifies = "hvabi~hypervisor-node-cpus~1",
        .run = cpu_nodes,
    },
    {
        .name = "hypervisor_node_cpus_count",
        .verifies = "hvabi~hypervisor-node-cpus-count~1",
        .run = cpu_count,
    },
    {
        .name = "hypervisor_node_cpu_reg",
        .verifies = "hvabi~hypervisor-node-cpu-reg~1",
        .run = cpu_reg,
    },
    {
        .name = "hypervisor_node_psci",
        .verifies = "hvabi~hypervisor-node-psci~1",
        .run = psci_node,
    },
    {
        .name = "hypervisor_node_gic",
        .verifies = "hvabi~hypervisor-node-gic~1",
        .run = gic_node,
    },
    {
        .name = "hypervisor_node_gic_reg",
        .verifies = "hvabi~hypervisor-node-gic-reg~1",
        .run = gic_reg,
    },
    {
        .name = "hypervisor_node_timer",
        .verifies = "hvabi~hypervisor-node-timer~1",
        .run = timer_node,
    },
    {
        .name = "hypervisor_node_chosen",
        .verifies = "hvabi~hypervisor-node-chosen~1",
        .run = chosen_node,
    },
    {
        .name = "hypervisor_node_bootargs",
        .verifies = "hvabi~hypervisor-node-bootargs~1",
        .run = chosen_bootargs,
    },
    {
        .name = "hypervisor_node_no_system_config",
        .verifies = "hvabi~hypervisor-node-no-system-config~1",
        .run = no_system_config,
    },
    { .name = NULL },
};
