/*
 * guard_pages.c - read-only and unmapped blocks of the identity map (see
 * guard_pages.h).
 */
#include <stdbool.h>
#include <string.h>

#include "support/guard_pages.h"

#define BLOCK_SIZE        0x200000ULL
#define PAGE_SIZE         4096ULL
#define DESC_TYPE_MASK    3ULL
#define DESC_TYPE_BLOCK   1ULL
#define DESC_TYPE_TABLE   3ULL
#define DESC_ADDRESS_MASK 0x0000fffffffff000ULL
#define DESC_AP_READ_ONLY (1ULL << 7) /* AP[2]: EL1 may read, not write */

/*
 * Two whole 2 MiB blocks, and the page before the first, lie in this buffer
 * wherever the loader put the image (4 KiB aligned): the first block starts
 * at most 2 MiB above the buffer's second page.
 */
static uint8_t buffer[3 * BLOCK_SIZE] __attribute__((aligned(PAGE_SIZE)));
static bool unmapped_done;

static uint64_t first_block(void)
{
    uint64_t start = (uint64_t)(uintptr_t)buffer + PAGE_SIZE;

    return (start + BLOCK_SIZE - 1) & ~(BLOCK_SIZE - 1);
}

/* The level 2 descriptor that maps `address`, or NULL when the tables are
 * not the level 1 / level 2 identity map of lib/guest. */
static volatile uint64_t *block_descriptor(uint64_t address)
{
    uint64_t ttbr0;
    volatile uint64_t *level1;
    volatile uint64_t *level2;
    uint64_t entry;

    __asm__ volatile("mrs %0, ttbr0_el1" : "=r"(ttbr0));
    level1 = (volatile uint64_t *)(uintptr_t)(ttbr0 & DESC_ADDRESS_MASK);
    entry = level1[(address >> 30) & 511];
    if ((entry & DESC_TYPE_MASK) != DESC_TYPE_TABLE) {
        return NULL;
    }
    level2 = (volatile uint64_t *)(uintptr_t)(entry & DESC_ADDRESS_MASK);
    if ((level2[(address >> 21) & 511] & DESC_TYPE_MASK) != DESC_TYPE_BLOCK) {
        return NULL;
    }
    return &level2[(address >> 21) & 511];
}

static void flush_tlb(void)
{
    __asm__ volatile("dsb ishst\n\t"
                     "tlbi vmalle1is\n\t"
                     "dsb ish\n\t"
                     "isb" ::: "memory");
}

void *guard_readonly_begin(struct test_context *t, const void *content, size_t size)
{
    uint64_t block = first_block() + BLOCK_SIZE;
    volatile uint64_t *descriptor = block_descriptor(block);

    if (!expect(t, descriptor != NULL && size <= PAGE_SIZE,
                "guard pages: the image is not mapped by 2 MiB blocks")) {
        return NULL;
    }
    memcpy((void *)(uintptr_t)block, content, size);
    *descriptor |= DESC_AP_READ_ONLY;
    flush_tlb();
    return (void *)(uintptr_t)block;
}

void guard_readonly_end(void)
{
    volatile uint64_t *descriptor = block_descriptor(first_block() + BLOCK_SIZE);

    if (descriptor != NULL) {
        *descriptor &= ~DESC_AP_READ_ONLY;
        flush_tlb();
    }
}

uint64_t guard_unmapped_boundary(struct test_context *t)
{
    uint64_t block = first_block();
    volatile uint64_t *descriptor;

    if (unmapped_done) {
        return block;
    }
    descriptor = block_descriptor(block);
    if (!expect(t, descriptor != NULL, "guard pages: the image is not mapped by 2 MiB blocks")) {
        return 0;
    }
    *descriptor = 0;
    flush_tlb();
    unmapped_done = true;
    return block;
}
