/*
 * readonly_page.c - a read-only page of RAM (see readonly_page.h).
 */
#include <string.h>

#include "guest/aarch64/mmu.h"
#include "support/guest_memory.h"
#include "support/readonly_page.h"

#define PAGE_SIZE 4096

uint64_t readonly_page_map(struct test_context *t, const void *contents, size_t size)
{
    uint64_t block = guest_memory_spare_block(t->platform);

    if (!expect(t, block != 0, "no 2 MiB block of RAM is free to map read-only") ||
        !expect(t, size <= PAGE_SIZE && mmu_set_block(block, MMU_EL1_READ_WRITE) == 0,
                "cannot map the block at 0x%llx", (unsigned long long)block)) {
        return 0;
    }
    memset((void *)(uintptr_t)block, 0, PAGE_SIZE);
    memcpy((void *)(uintptr_t)block, contents, size);
    if (!expect(t, mmu_set_block(block, MMU_EL1_READ_ONLY) == 0,
                "cannot map the block at 0x%llx read-only", (unsigned long long)block)) {
        return 0;
    }
    return block;
}

void readonly_page_unmap(uint64_t page)
{
    if (page != 0) {
        mmu_set_block(page, MMU_EL1_READ_WRITE);
    }
}
