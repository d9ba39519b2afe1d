/*
 * identity_map.c - build identity-mapped stage-1 tables (see identity_map.h).
 */
#include <stdbool.h>
#include <stddef.h>

#include "identity_map.h"

/* VMSAv8-64 block and table descriptor fields. */
#define DESC_VALID         (1ULL << 0)
#define DESC_TABLE         (1ULL << 1) /* level 1/2: points to a table */
#define DESC_ATTR_INDEX(i) ((uint64_t)(i) << 2)
#define DESC_INNER_SHARE   (3ULL << 8)
#define DESC_READ_ONLY     (1ULL << 7)  /* AP[2]: no write access */
#define DESC_ACCESS_FLAG   (1ULL << 10)
#define DESC_ADDRESS_MASK  0x0000fffffffff000ULL

#define LEVEL1_SHIFT 30
#define LEVEL2_SHIFT 21

static uint64_t device_block(const struct identity_map *map, uint64_t address)
{
    return address | DESC_VALID | DESC_ATTR_INDEX(IDMAP_ATTR_DEVICE) |
           DESC_ACCESS_FLAG | map->device_extra;
}

/* `permissions`: the regime's access permission and execute-never bits. */
static uint64_t normal_block(uint64_t address, uint64_t permissions)
{
    return address | DESC_VALID | DESC_ATTR_INDEX(IDMAP_ATTR_NORMAL) |
           DESC_INNER_SHARE | DESC_ACCESS_FLAG | permissions;
}

/* Replaces a descriptor that the MMU may be using (break-before-make). */
static void write_entry(struct identity_map *map, uint64_t *entry, uint64_t value)
{
    if (map->flush_tlb != NULL && (*entry & DESC_VALID) != 0) {
        *entry = 0;
        __asm__ volatile("dsb ishst" ::: "memory");
        map->flush_tlb();
    }
    *entry = value;
    __asm__ volatile("dsb ishst" ::: "memory");
}

void idmap_init(struct identity_map *map)
{
    map->level2_used = 0;
    for (uint64_t i = 0; i < IDMAP_ENTRIES; i++) {
        map->level1[i] = device_block(map, i << LEVEL1_SHIFT);
    }
}

/* Returns the level-2 table under level-1 entry `index`, splitting a block. */
static uint64_t *level2_table(struct identity_map *map, uint64_t index)
{
    uint64_t *table;
    uint64_t entry = map->level1[index];

    if ((entry & DESC_TABLE) != 0) {
        return (uint64_t *)(uintptr_t)(entry & DESC_ADDRESS_MASK);
    }
    if (map->level2_used == map->level2_total) {
        return NULL;
    }
    table = map->level2[map->level2_used++];
    for (uint64_t i = 0; i < IDMAP_ENTRIES; i++) {
        table[i] = device_block(map, (index << LEVEL1_SHIFT) | (i << LEVEL2_SHIFT));
    }
    write_entry(map, &map->level1[index],
                (uint64_t)(uintptr_t)table | DESC_VALID | DESC_TABLE);
    return table;
}

/*
 * Writes the level-2 entry of each 2 MiB block of [base, base + size):
 * Normal memory with `permissions`, or no mapping at all when `mapped` is
 * false.
 */
static int write_blocks(struct identity_map *map, uint64_t base, uint64_t size, bool mapped,
                        uint64_t permissions)
{
    uint64_t first = base & ~(IDMAP_BLOCK_SIZE - 1);
    uint64_t end = base + size;

    if (size == 0) {
        return 0;
    }
    if (end < base || end > (1ULL << IDMAP_ADDRESS_BITS)) {
        return -1;
    }
    for (uint64_t block = first; block < end; block += IDMAP_BLOCK_SIZE) {
        uint64_t *table = level2_table(map, block >> LEVEL1_SHIFT);
        uint64_t value = mapped ? normal_block(block, permissions) : 0;
        uint64_t *entry;

        if (table == NULL) {
            return -1;
        }
        entry = &table[(block >> LEVEL2_SHIFT) & (IDMAP_ENTRIES - 1)];
        if (*entry != value) {
            write_entry(map, entry, value);
        }
    }
    return 0;
}

int idmap_map_normal(struct identity_map *map, uint64_t base, uint64_t size)
{
    return write_blocks(map, base, size, true, map->normal_extra);
}

int idmap_map_normal_readonly(struct identity_map *map, uint64_t base, uint64_t size)
{
    return write_blocks(map, base, size, true, map->normal_extra | DESC_READ_ONLY);
}

int idmap_map_normal_permissions(struct identity_map *map, uint64_t base, uint64_t size,
                                 uint64_t permissions)
{
    return write_blocks(map, base, size, true, permissions);
}

int idmap_unmap(struct identity_map *map, uint64_t base, uint64_t size)
{
    return write_blocks(map, base, size, false, 0);
}
