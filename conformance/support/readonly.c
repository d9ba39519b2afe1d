/*
 * readonly.c - a read-only area of the guest's RAM (see readonly.h).
 */
#include <libfdt.h>
#include <string.h>

#include "fdtutil/fdt_reg.h"
#include "guest/aarch64/mmu.h"
#include "runtime.h"
#include "support/readonly.h"

#define PAGE_SIZE 4096

static bool overlaps(uint64_t base, uint64_t size, uint64_t other, uint64_t other_size)
{
    return base < other + other_size && other < base + size;
}

/* The highest 2 MiB block of the first RAM range that holds neither the
 * image nor the device tree; 0 when there is none. */
static uint64_t spare_block(const struct guest_platform *platform)
{
    uint64_t image = (uint64_t)(uintptr_t)__image_start;
    uint64_t image_size = (uint64_t)(uintptr_t)__image_end - image;
    uint64_t fdt = (uint64_t)(uintptr_t)platform->fdt;
    uint64_t fdt_size = fdt_totalsize(platform->fdt);
    int node = fdt_path_offset(platform->fdt, "/memory");
    uint64_t ram = 0;
    uint64_t ram_size = 0;

    if (node < 0) {
        node = fdt_node_offset_by_prop_value(platform->fdt, -1, "device_type", "memory",
                                             sizeof("memory"));
    }
    if (node < 0 || fdt_reg_read(platform->fdt, node, 0, &ram, &ram_size) != 0 ||
        ram_size < READONLY_AREA_SIZE) {
        return 0;
    }
    for (uint64_t block = (ram + ram_size - READONLY_AREA_SIZE) & ~(uint64_t)(READONLY_AREA_SIZE - 1);
         block >= ram; block -= READONLY_AREA_SIZE) {
        if (!overlaps(block, READONLY_AREA_SIZE, image, image_size) &&
            !overlaps(block, READONLY_AREA_SIZE, fdt, fdt_size)) {
            return block;
        }
        if (block < READONLY_AREA_SIZE) {
            break;
        }
    }
    return 0;
}

/* Writes the area with `content` and maps it with `access`. */
static void *fill_area(struct test_context *t, const void *content, size_t size,
                       enum mmu_access access)
{
    static uint64_t block;
    uint8_t *area;

    if (block == 0) {
        block = spare_block(t->platform);
    }
    if (!expect(t, block != 0 && size <= PAGE_SIZE,
                "no 2 MiB block of RAM away from the image and the device tree")) {
        return NULL;
    }
    if (!expect(t, mmu_set_access(block, READONLY_AREA_SIZE, MMU_EL1_READ_WRITE) == 0,
                "cannot map the block at 0x%llx", (unsigned long long)block)) {
        return NULL;
    }
    area = (uint8_t *)(uintptr_t)block;
    memset(area, 0, PAGE_SIZE);
    memcpy(area, content, size);
    /* Code must reach the instruction side: clean the data cache to the
     * point of unification and drop stale instructions. */
    for (uint64_t line = block; line < block + PAGE_SIZE; line += 16) {
        __asm__ volatile("dc cvau, %0\n\t"
                         "ic ivau, %0" : : "r"(line) : "memory");
    }
    __asm__ volatile("dsb ish\n\t"
                     "isb" ::: "memory");
    if (!expect(t, mmu_set_access(block, READONLY_AREA_SIZE, access) == 0,
                "cannot change the access to the block at 0x%llx", (unsigned long long)block)) {
        return NULL;
    }
    return area;
}

void *readonly_area(struct test_context *t, const void *content, size_t size)
{
    return fill_area(t, content, size, MMU_EL1_READ_ONLY);
}

void *el0_code_area(struct test_context *t, const void *code, size_t size)
{
    return fill_area(t, code, size, MMU_EL0_EXECUTE);
}
