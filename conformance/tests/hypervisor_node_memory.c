/*
 * hypervisor_node_memory.c - every byte the memory nodes describe is RAM
 * the domain can read and write.
 *
 * Specification: spec/chapters/hypervisor_node.rst, "Memory".  The guest
 * maps each memory range as Normal write-back memory, writes a pattern that
 * depends on the address into every 8-byte word of it, and then reads every
 * word back: a word of the wrong value shows a hole or two addresses backed
 * by the same memory, a word without memory behind it a data abort (the
 * harness reports that as a crash of this test).  The pages the guest is
 * using are left alone: its image (code, data, stacks, page tables), its
 * device tree and its ramdisk, if any.
 */
#include <libfdt.h>
#include <stdint.h>

#include "framework/suite.h"
#include "guest/aarch64/mmu.h"
#include "support/device_tree.h"

#define PAGE_SIZE 4096ULL
#define PATTERN 0x5a3c96e1f00f1ee7ULL

struct in_use {
    struct tree_range ranges[TREE_IN_USE_MAX];
    int count;
};

static uint64_t round_up(uint64_t value)
{
    return (value + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static bool page_in_use(const struct in_use *in_use, uint64_t page)
{
    struct tree_range one = { page, PAGE_SIZE };

    for (int i = 0; i < in_use->count; i++) {
        if (tree_ranges_overlap(&one, &in_use->ranges[i])) {
            return true;
        }
    }
    return false;
}

static uint64_t pattern_at(uint64_t address)
{
    return address ^ PATTERN;
}

static void fill_page(uint64_t page)
{
    volatile uint64_t *word = (volatile uint64_t *)(uintptr_t)page;

    for (uint64_t i = 0; i < PAGE_SIZE / 8; i++) {
        word[i] = pattern_at(page + 8 * i);
    }
}

/* Returns the number of wrong words; *first_bad is the first one's address. */
static uint64_t check_page(uint64_t page, uint64_t *first_bad)
{
    volatile uint64_t *word = (volatile uint64_t *)(uintptr_t)page;
    uint64_t wrong = 0;

    for (uint64_t i = 0; i < PAGE_SIZE / 8; i++) {
        if (word[i] != pattern_at(page + 8 * i)) {
            if (wrong == 0) {
                *first_bad = page + 8 * i;
            }
            wrong++;
        }
    }
    return wrong;
}

static void memory_usable(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    struct tree_range ranges[TREE_MAX_RANGES];
    struct in_use in_use;
    uint64_t tested = 0;
    int count = tree_memory_ranges(fdt, ranges, TREE_MAX_RANGES);

    if (!expect(t, count > 0, "no usable memory node")) {
        return;
    }
    in_use.count = tree_ranges_in_use(fdt, in_use.ranges, TREE_IN_USE_MAX);
    for (int r = 0; r < count; r++) {
        if (!expect(t, mmu_map_normal(ranges[r].base, ranges[r].size) == 0,
                    "cannot map memory range [0x%llx, +0x%llx) in the guest's tables",
                    (unsigned long long)ranges[r].base, (unsigned long long)ranges[r].size)) {
            return;
        }
    }
    /* First every page, then the check: a page that aliases another shows. */
    for (int r = 0; r < count; r++) {
        for (uint64_t page = round_up(ranges[r].base); page + PAGE_SIZE <= ranges[r].base + ranges[r].size;
             page += PAGE_SIZE) {
            if (!page_in_use(&in_use, page)) {
                fill_page(page);
            }
        }
    }
    for (int r = 0; r < count; r++) {
        uint64_t wrong_words = 0;
        uint64_t first_bad = 0;

        for (uint64_t page = round_up(ranges[r].base); page + PAGE_SIZE <= ranges[r].base + ranges[r].size;
             page += PAGE_SIZE) {
            if (!page_in_use(&in_use, page)) {
                uint64_t bad = 0;
                uint64_t wrong = check_page(page, &bad);

                if (wrong != 0 && wrong_words == 0) {
                    first_bad = bad;
                }
                wrong_words += wrong;
                tested += PAGE_SIZE;
            }
        }
        expect(t, wrong_words == 0,
               "memory range [0x%llx, +0x%llx): %llu words read back wrong, the first at 0x%llx",
               (unsigned long long)ranges[r].base, (unsigned long long)ranges[r].size,
               (unsigned long long)wrong_words, (unsigned long long)first_bad);
    }
    test_note(t, "wrote and read back 0x%llx bytes of RAM", (unsigned long long)tested);
}

const struct conformance_test hypervisor_node_memory_tests[] = {
    {
        .name = "hypervisor_node_memory_usable",
        .verifies = "hvabi~hypervisor-node-memory-usable~1",
        .run = memory_usable,
    },
    { .name = NULL },
};
