/*
 * memory.c - the physical memory pool (see memory.h).
 */
#include <stdbool.h>

#include "core/memory.h"

/* Removes [base, base + size) from every free range, splitting one if needed. */
static int carve(struct memory_pool *pool, uint64_t base, uint64_t size)
{
    uint64_t end = base + size;

    if (end < base) {
        end = UINT64_MAX;
    }
    for (unsigned int i = 0; i < pool->count; i++) {
        struct mem_range *r = &pool->free[i];
        uint64_t r_end = r->base + r->size;

        if (end <= r->base || base >= r_end) {
            continue;
        }
        if (base > r->base && end < r_end) {
            /* The hole is inside: keep the part before, add the part after. */
            if (pool->count == MEMORY_POOL_RANGES) {
                return -1;
            }
            pool->free[pool->count++] = (struct mem_range){ .base = end, .size = r_end - end };
            r->size = base - r->base;
        } else if (base > r->base) {
            r->size = base - r->base;
        } else if (end < r_end) {
            r->size = r_end - end;
            r->base = end;
        } else {
            r->size = 0;
        }
    }
    return 0;
}

int memory_pool_init(struct memory_pool *pool, const struct mem_range *ram, unsigned int ram_count,
                     const struct mem_range *reserved, unsigned int reserved_count)
{
    pool->count = 0;
    for (unsigned int i = 0; i < ram_count && i < MEMORY_POOL_RANGES; i++) {
        pool->free[pool->count++] = ram[i];
    }
    for (unsigned int i = 0; i < reserved_count; i++) {
        if (carve(pool, reserved[i].base, reserved[i].size) != 0) {
            return -1;
        }
    }
    return 0;
}

int memory_alloc(struct memory_pool *pool, uint64_t size, uint64_t align, uint64_t *base)
{
    bool found = false;
    uint64_t best = 0;

    if (size == 0 || align == 0 || (align & (align - 1)) != 0) {
        return -1;
    }
    /* The highest aligned place that fits, over all free ranges. */
    for (unsigned int i = 0; i < pool->count; i++) {
        const struct mem_range *r = &pool->free[i];
        uint64_t candidate;

        if (r->size < size) {
            continue;
        }
        candidate = (r->base + r->size - size) & ~(align - 1);
        if (candidate < r->base) {
            continue;
        }
        if (!found || candidate > best) {
            best = candidate;
            found = true;
        }
    }
    if (!found) {
        return -1;
    }
    if (carve(pool, best, size) != 0) {
        return -1;
    }
    *base = best;
    return 0;
}

uint64_t memory_free_bytes(const struct memory_pool *pool)
{
    uint64_t total = 0;

    for (unsigned int i = 0; i < pool->count; i++) {
        total += pool->free[i].size;
    }
    return total;
}
