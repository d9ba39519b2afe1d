/*
 * guest_memory.c - RAM ranges and the spare block (see guest_memory.h).
 */
#include <libfdt.h>
#include <string.h>

#include "fdtutil/fdt_reg.h"
#include "guest/aarch64/mmu.h"
#include "runtime.h"
#include "support/guest_memory.h"

/* VMSAv8-64 stage-1 descriptor bits of a level-2 block. */
#define DESC_VALID       (1ULL << 0)
#define DESC_TABLE       (1ULL << 1)
#define DESC_AP_EL0      (1ULL << 6) /* AP[1]: EL0 may access */
#define DESC_AP_RDONLY   (1ULL << 7) /* AP[2]: read-only */
#define DESC_PXN         (1ULL << 53)
#define DESC_UXN         (1ULL << 54)
#define DESC_ADDRESS     0x0000fffffffff000ULL

static uint64_t spare_block;
static uint64_t spare_descriptor; /* as the guest library wrote it */

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

static bool overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

/* The level-2 descriptor that maps `address`, from TTBR0_EL1's tables. */
static uint64_t *block_descriptor(uint64_t address)
{
    uint64_t ttbr0, level1_entry;
    uint64_t *level1, *level2;

    __asm__ volatile("mrs %0, ttbr0_el1" : "=r"(ttbr0));
    level1 = (uint64_t *)(uintptr_t)(ttbr0 & DESC_ADDRESS);
    level1_entry = level1[(address >> 30) & 511];
    if ((level1_entry & (DESC_VALID | DESC_TABLE)) != (DESC_VALID | DESC_TABLE)) {
        return NULL;
    }
    level2 = (uint64_t *)(uintptr_t)(level1_entry & DESC_ADDRESS);
    return &level2[(address >> 21) & 511];
}

uint64_t guest_memory_spare_block(const struct guest_platform *platform)
{
    struct guest_memory_range ranges[GUEST_MEMORY_RANGES_MAX];
    uint64_t image = (uint64_t)(uintptr_t)__image_start;
    uint64_t image_size = (uint64_t)(uintptr_t)__image_end - image;
    uint64_t fdt = (uint64_t)(uintptr_t)platform->fdt;
    uint64_t fdt_size = fdt_totalsize(platform->fdt);
    unsigned int count;

    if (spare_block != 0) {
        return spare_block;
    }
    count = guest_memory_ranges(platform->fdt, ranges, GUEST_MEMORY_RANGES_MAX);
    /* The highest block that fits: far from the image at the bottom of RAM. */
    for (unsigned int i = 0; i < count && spare_block == 0; i++) {
        uint64_t end = (ranges[i].base + ranges[i].size) & ~(GUEST_MEMORY_BLOCK - 1);

        for (uint64_t block = end - GUEST_MEMORY_BLOCK;
             block >= ranges[i].base && block < end; block -= GUEST_MEMORY_BLOCK) {
            /* Both ends rounded out to blocks: the library maps 2 MiB blocks. */
            if (!overlaps(block, GUEST_MEMORY_BLOCK, image & ~(GUEST_MEMORY_BLOCK - 1),
                          image_size + (image & (GUEST_MEMORY_BLOCK - 1))) &&
                !overlaps(block, GUEST_MEMORY_BLOCK, fdt & ~(GUEST_MEMORY_BLOCK - 1),
                          fdt_size + (fdt & (GUEST_MEMORY_BLOCK - 1)))) {
                uint64_t *descriptor;

                if (mmu_map_normal(block, GUEST_MEMORY_BLOCK) != 0) {
                    return 0;
                }
                descriptor = block_descriptor(block);
                if (descriptor == NULL) {
                    return 0;
                }
                spare_descriptor = *descriptor;
                spare_block = block;
                break;
            }
        }
    }
    return spare_block;
}

static void write_descriptor(uint64_t *descriptor, uint64_t value, uint64_t address)
{
    /* Break, invalidate, make: the MMU may hold the old entry. */
    *descriptor = 0;
    __asm__ volatile("dsb ishst\n\t"
                     "tlbi vaae1is, %0\n\t"
                     "dsb ish\n\t"
                     "isb" : : "r"(address >> 12) : "memory");
    *descriptor = value;
    __asm__ volatile("dsb ishst\n\t"
                     "isb" ::: "memory");
}

/* The descriptor value of a Normal block mapped as `normal`, for `access`. */
static uint64_t with_access(uint64_t normal, enum guest_memory_access access)
{
    switch (access) {
    case GUEST_MEMORY_EL1_READ_WRITE:
        return normal;
    case GUEST_MEMORY_EL1_READ_ONLY:
        return normal | DESC_AP_RDONLY;
    case GUEST_MEMORY_EL0_EXECUTE:
        return (normal | DESC_AP_EL0 | DESC_PXN) & ~DESC_UXN;
    case GUEST_MEMORY_UNMAPPED:
    default:
        return 0;
    }
}

bool guest_memory_set_spare(const struct guest_platform *platform,
                            enum guest_memory_access access)
{
    uint64_t block = guest_memory_spare_block(platform);
    uint64_t *descriptor;

    if (block == 0 || (descriptor = block_descriptor(block)) == NULL) {
        return false;
    }
    write_descriptor(descriptor, with_access(spare_descriptor, access), block);
    return true;
}

bool guest_memory_set_block(uint64_t address, enum guest_memory_access access)
{
    uint64_t block = address & ~(GUEST_MEMORY_BLOCK - 1);
    uint64_t *descriptor;
    uint64_t normal;

    /* Normal read-write for EL1 first, as the library maps it: the base of
     * every access. */
    if (mmu_map_normal(block, GUEST_MEMORY_BLOCK) != 0 ||
        (descriptor = block_descriptor(block)) == NULL) {
        return false;
    }
    normal = *descriptor;
    if (access != GUEST_MEMORY_EL1_READ_WRITE) {
        write_descriptor(descriptor, with_access(normal, access), block);
    }
    return true;
}
