/*
 * memory.h - hand out physical RAM to domains.
 *
 * The pool starts as the RAM of the system device tree minus every reserved
 * range (the hypervisor, the tree, boot modules, /memreserve/ and
 * /reserved-memory).  Domains get contiguous, aligned pieces of it, taken
 * from the top.  Memory is never returned: partitions are static.
 */
#ifndef REFHV_CORE_MEMORY_H
#define REFHV_CORE_MEMORY_H

#include <stdint.h>

#include "core/boot_config.h"

#define MEMORY_POOL_RANGES (MAX_RAM_RANGES + MAX_RESERVED_RANGES)

struct memory_pool {
    struct mem_range free[MEMORY_POOL_RANGES];
    unsigned int count;
};

/* Returns 0, or -1 when the reserved ranges split RAM into too many pieces. */
int memory_pool_init(struct memory_pool *pool, const struct mem_range *ram, unsigned int ram_count,
                     const struct mem_range *reserved, unsigned int reserved_count);

/*
 * Takes `size` bytes aligned to `align` (a power of two).  Returns 0 and the
 * base, or -1 when no free range is large enough.
 */
int memory_alloc(struct memory_pool *pool, uint64_t size, uint64_t align, uint64_t *base);

/* Bytes still free, for messages. */
uint64_t memory_free_bytes(const struct memory_pool *pool);

#endif /* REFHV_CORE_MEMORY_H */
