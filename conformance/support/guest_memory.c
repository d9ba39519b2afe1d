/*
 * guest_memory.c - RAM ranges and the spare block (see guest_memory.h).
 */
#include <libfdt.h>
#include <string.h>

#include "fdtutil/fdt_reg.h"
#include "guest/aarch64/mmu.h"
#include "support/device_tree.h"
#include "support/guest_memory.h"

/* Chosen once: every test that takes the spare block gets the same one. */
static uint64_t spare_block;

unsigned int guest_memory_ranges(const void *fdt, struct guest_memory_range *ranges,
                                 unsigned int max)
{
    unsigned int count = 0;
    int node;

    fdt_for_each_subnode(node, fdt, 0) {
        const char *type = fdt_getprop(fdt, node, "device_type", NULL);

        if (type == NULL || strcmp(type, "memory") != 0) {
            continue;
        }
        for (int i = 0; count < max; i++) {
            uint64_t base, size;

            if (fdt_reg_read(fdt, node, i, &base, &size) != 0) {
                break;
            }
            ranges[count].base = base;
            ranges[count].size = size;
            count++;
        }
    }
    return count;
}

bool guest_memory_is_ram(const void *fdt, uint64_t address, uint64_t size)
{
    struct guest_memory_range ranges[GUEST_MEMORY_RANGES_MAX];
    unsigned int count = guest_memory_ranges(fdt, ranges, GUEST_MEMORY_RANGES_MAX);

    for (unsigned int i = 0; i < count; i++) {
        if (address >= ranges[i].base && address - ranges[i].base <= ranges[i].size &&
            size <= ranges[i].size - (address - ranges[i].base)) {
            return true;
        }
    }
    return false;
}

uint64_t guest_memory_device_address(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
    uint64_t base = 0, size = 0;

    if (node < 0 || fdt_reg_read(fdt, node, 0, &base, &size) != 0) {
        return 0;
    }
    return base;
}

/*
 * The highest 2 MiB block of RAM that holds none of the image, the device
 * tree and the ramdisk (far from the image at the bottom of RAM); 0 if none.
 */
static uint64_t free_block(const void *fdt)
{
    struct guest_memory_range ranges[GUEST_MEMORY_RANGES_MAX];
    struct tree_range in_use[TREE_IN_USE_MAX];
    unsigned int count = guest_memory_ranges(fdt, ranges, GUEST_MEMORY_RANGES_MAX);
    int in_use_count = tree_ranges_in_use(fdt, in_use, TREE_IN_USE_MAX);

    for (unsigned int r = count; r-- > 0;) {
        uint64_t first = (ranges[r].base + MMU_BLOCK_SIZE - 1) & ~(MMU_BLOCK_SIZE - 1);
        uint64_t end = (ranges[r].base + ranges[r].size) & ~(MMU_BLOCK_SIZE - 1);

        for (uint64_t block = end; block > first; block -= MMU_BLOCK_SIZE) {
            struct tree_range candidate = { block - MMU_BLOCK_SIZE, MMU_BLOCK_SIZE };
            bool used = false;

            for (int i = 0; i < in_use_count; i++) {
                used = used || tree_ranges_overlap(&candidate, &in_use[i]);
            }
            if (!used) {
                return candidate.base;
            }
        }
    }
    return 0;
}

uint64_t guest_memory_spare_block(const struct guest_platform *platform)
{
    uint64_t block;

    if (spare_block != 0) {
        return spare_block;
    }
    block = free_block(platform->fdt);
    if (block == 0 || mmu_set_block(block, MMU_EL1_READ_WRITE) != 0) {
        return 0;
    }
    spare_block = block;
    return spare_block;
}
