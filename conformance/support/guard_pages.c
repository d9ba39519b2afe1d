/*
 * guard_pages.c - an unmapped block right above read-write memory (see
 * guard_pages.h).
 */
#include "guest/aarch64/mmu.h"
#include "support/guard_pages.h"

#define PAGE_SIZE 4096ULL

/*
 * One whole 2 MiB block, and the page before it, lie in this buffer
 * wherever the loader put the image (4 KiB aligned): the block starts at
 * most 2 MiB - 4 KiB above the buffer's second page.
 */
static uint8_t buffer[2 * MMU_BLOCK_SIZE] __attribute__((aligned(PAGE_SIZE)));

uint64_t guard_unmapped_boundary(struct test_context *t)
{
    uint64_t start = (uint64_t)(uintptr_t)buffer + PAGE_SIZE;
    uint64_t block = (start + MMU_BLOCK_SIZE - 1) & ~(MMU_BLOCK_SIZE - 1);

    /* Each time: a test that maps all RAM (guest_entry_memory.c) maps it again. */
    if (!expect(t, mmu_set_block(block, MMU_UNMAPPED) == 0,
                "guard pages: cannot unmap the block at 0x%llx", (unsigned long long)block)) {
        return 0;
    }
    return block;
}
