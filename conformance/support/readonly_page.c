/*
 * readonly_page.c - a read-only page of RAM (see readonly_page.h).
 */
#include <string.h>

#include "guest/aarch64/mmu.h"
#include "support/device_tree.h"
#include "support/readonly_page.h"

#define BLOCK_SIZE (2ULL * 1024 * 1024)

/* The highest 2 MiB block of RAM that the guest does not use; 0 if none. */
static uint64_t free_block(const void *fdt)
{
    struct tree_range memory[TREE_MAX_RANGES];
    struct tree_range in_use[TREE_IN_USE_MAX];
    int memory_count = tree_memory_ranges(fdt, memory, TREE_MAX_RANGES);
    int in_use_count = tree_ranges_in_use(fdt, in_use, TREE_IN_USE_MAX);

    for (int r = memory_count - 1; r >= 0; r--) {
        uint64_t first = (memory[r].base + BLOCK_SIZE - 1) & ~(BLOCK_SIZE - 1);
        uint64_t end = (memory[r].base + memory[r].size) & ~(BLOCK_SIZE - 1);

        for (uint64_t block = end; block > first; block -= BLOCK_SIZE) {
            struct tree_range candidate = { block - BLOCK_SIZE, BLOCK_SIZE };
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

uint64_t readonly_page_map(struct test_context *t, const void *contents, size_t size)
{
    uint64_t block = free_block(t->platform->fdt);

    if (!expect(t, block != 0, "no 2 MiB block of RAM is free to map read-only") ||
        !expect(t, size <= 4096 && mmu_map_normal(block, BLOCK_SIZE) == 0,
                "cannot map the block at 0x%llx", (unsigned long long)block)) {
        return 0;
    }
    memset((void *)(uintptr_t)block, 0, 4096);
    memcpy((void *)(uintptr_t)block, contents, size);
    if (!expect(t, mmu_map_readonly(block, BLOCK_SIZE) == 0,
                "cannot map the block at 0x%llx read-only", (unsigned long long)block)) {
        return 0;
    }
    return block;
}

void readonly_page_unmap(uint64_t page)
{
    if (page != 0) {
        mmu_map_normal(page, BLOCK_SIZE);
    }
}
