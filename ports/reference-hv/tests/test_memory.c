/*
 * test_memory.c - the physical memory pool (core/memory.h): RAM minus the
 * reserved ranges, handed out in aligned pieces from the top.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/memory.h"

#define MIB (1024ULL * 1024)

/* One bank of RAM, 256 MiB at 1 GiB, as most tests use. */
static const struct mem_range bank = { .base = 0x40000000, .size = 256 * MIB };

static void assert_free_range(const struct memory_pool *pool, unsigned int i, uint64_t base,
                              uint64_t size)
{
    assert_true(i < pool->count);
    assert_int_equal(pool->free[i].base, base);
    assert_int_equal(pool->free[i].size, size);
}

static void init_with(struct memory_pool *pool, const struct mem_range *reserved,
                      unsigned int reserved_count)
{
    assert_int_equal(memory_pool_init(pool, &bank, 1, reserved, reserved_count), 0);
}

static void test_no_reserved_range_keeps_ram_whole(void **state)
{
    struct memory_pool pool;

    (void)state;
    init_with(&pool, NULL, 0);
    assert_int_equal(pool.count, 1);
    assert_free_range(&pool, 0, 0x40000000, 256 * MIB);
    assert_int_equal(memory_free_bytes(&pool), 256 * MIB);
}

static void test_reserved_inside_splits_ram_in_two(void **state)
{
    const struct mem_range hole = { .base = 0x41000000, .size = 16 * MIB };
    struct memory_pool pool;

    (void)state;
    init_with(&pool, &hole, 1);
    assert_int_equal(pool.count, 2);
    assert_free_range(&pool, 0, 0x40000000, 16 * MIB);
    assert_free_range(&pool, 1, 0x42000000, 256 * MIB - 32 * MIB);
    assert_int_equal(memory_free_bytes(&pool), 256 * MIB - 16 * MIB);
}

static void test_reserved_over_the_start_trims_the_start(void **state)
{
    const struct mem_range hole = { .base = 0x3f000000, .size = 32 * MIB };
    struct memory_pool pool;

    (void)state;
    init_with(&pool, &hole, 1);
    assert_int_equal(pool.count, 1);
    assert_free_range(&pool, 0, 0x41000000, 256 * MIB - 16 * MIB);
}

static void test_reserved_over_the_end_trims_the_end(void **state)
{
    const struct mem_range hole = { .base = 0x4f000000, .size = 64 * MIB };
    struct memory_pool pool;

    (void)state;
    init_with(&pool, &hole, 1);
    assert_int_equal(pool.count, 1);
    assert_free_range(&pool, 0, 0x40000000, 240 * MIB);
}

static void test_reserved_covering_all_leaves_nothing(void **state)
{
    const struct mem_range hole = { .base = 0x30000000, .size = 1024 * MIB };
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    init_with(&pool, &hole, 1);
    assert_int_equal(memory_free_bytes(&pool), 0);
    assert_int_equal(memory_alloc(&pool, 4096, 4096, &base), -1);
}

static void test_reserved_exactly_the_ram_leaves_nothing(void **state)
{
    struct memory_pool pool;

    (void)state;
    init_with(&pool, &bank, 1);
    assert_int_equal(memory_free_bytes(&pool), 0);
}

static void test_reserved_touching_ram_changes_nothing(void **state)
{
    const struct mem_range touching[2] = {
        { .base = 0x3f000000, .size = 16 * MIB }, /* ends where RAM starts */
        { .base = 0x50000000, .size = 16 * MIB }, /* starts where RAM ends */
    };
    struct memory_pool pool;

    (void)state;
    init_with(&pool, touching, 2);
    assert_int_equal(pool.count, 1);
    assert_free_range(&pool, 0, 0x40000000, 256 * MIB);
}

static void test_reserved_up_to_the_top_of_the_address_space(void **state)
{
    /* base + size wraps around: the range is taken to reach the top. */
    const struct mem_range hole = { .base = 0x48000000, .size = UINT64_MAX };
    struct memory_pool pool;

    (void)state;
    init_with(&pool, &hole, 1);
    assert_int_equal(pool.count, 1);
    assert_free_range(&pool, 0, 0x40000000, 128 * MIB);
}

static void test_reserved_range_spanning_two_banks(void **state)
{
    const struct mem_range ram[2] = {
        { .base = 0x40000000, .size = 64 * MIB },
        { .base = 0x48000000, .size = 64 * MIB },
    };
    const struct mem_range hole = { .base = 0x43000000, .size = 0x6000000 };
    struct memory_pool pool;

    (void)state;
    assert_int_equal(memory_pool_init(&pool, ram, 2, &hole, 1), 0);
    assert_int_equal(pool.count, 2);
    assert_free_range(&pool, 0, 0x40000000, 48 * MIB);
    assert_free_range(&pool, 1, 0x49000000, 48 * MIB);
}

/* `count` reserved pages, one every 2 MiB from 1 MiB into the bank: each splits a range. */
static void make_holes(struct mem_range *holes, unsigned int count)
{
    for (unsigned int i = 0; i < count; i++) {
        holes[i] = (struct mem_range){ .base = bank.base + MIB + 2 * MIB * i, .size = 4096 };
    }
}

static void test_as_many_pieces_as_the_pool_holds(void **state)
{
    struct mem_range holes[MEMORY_POOL_RANGES - 1];
    struct memory_pool pool;

    (void)state;
    make_holes(holes, MEMORY_POOL_RANGES - 1);
    init_with(&pool, holes, MEMORY_POOL_RANGES - 1);
    assert_int_equal(pool.count, MEMORY_POOL_RANGES);
    assert_int_equal(memory_free_bytes(&pool), 256 * MIB - (MEMORY_POOL_RANGES - 1) * 4096ULL);
}

static void test_too_many_pieces_fails(void **state)
{
    struct mem_range holes[MEMORY_POOL_RANGES];
    struct memory_pool pool;

    (void)state;
    make_holes(holes, MEMORY_POOL_RANGES);
    assert_int_equal(memory_pool_init(&pool, &bank, 1, holes, MEMORY_POOL_RANGES), -1);
}

static void test_alloc_takes_the_highest_aligned_place(void **state)
{
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    init_with(&pool, NULL, 0);
    /* 1 MiB aligned to 2 MiB: the top 2 MiB block, leaving 1 MiB above it free. */
    assert_int_equal(memory_alloc(&pool, MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x4fe00000);
    assert_int_equal(base % (2 * MIB), 0);
    assert_int_equal(memory_free_bytes(&pool), 255 * MIB);
    /* The 1 MiB left at the top cannot hold a 2 MiB aligned piece: the next is below. */
    assert_int_equal(memory_alloc(&pool, MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x4fc00000);
    /* Page alignment: the free 1 MiB at the very top fits exactly. */
    assert_int_equal(memory_alloc(&pool, MIB, 4096, &base), 0);
    assert_int_equal(base, 0x4ff00000);
}

static void test_alloc_prefers_the_highest_range_of_all(void **state)
{
    const struct mem_range ram[2] = {
        { .base = 0x80000000, .size = 64 * MIB }, /* listed first, and higher */
        { .base = 0x40000000, .size = 64 * MIB },
    };
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    assert_int_equal(memory_pool_init(&pool, ram, 2, NULL, 0), 0);
    assert_int_equal(memory_alloc(&pool, 16 * MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x83000000);
    /* Larger than what is left of the high bank: it comes from the low one. */
    assert_int_equal(memory_alloc(&pool, 60 * MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x40400000);
}

static void test_alloc_skips_a_range_too_small_once_aligned(void **state)
{
    /* 3 MiB at 1 GiB + 1 MiB: no 2 MiB aligned 2 MiB piece fits inside. */
    const struct mem_range ram = { .base = 0x40100000, .size = 3 * MIB };
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    assert_int_equal(memory_pool_init(&pool, &ram, 1, NULL, 0), 0);
    assert_int_equal(memory_alloc(&pool, 3 * MIB, 2 * MIB, &base), -1);
    assert_int_equal(memory_alloc(&pool, 2 * MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x40200000);
}

static void test_alloc_until_exhausted(void **state)
{
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    init_with(&pool, NULL, 0);
    assert_int_equal(memory_alloc(&pool, 257 * MIB, 4096, &base), -1);
    assert_int_equal(memory_free_bytes(&pool), 256 * MIB);
    assert_int_equal(memory_alloc(&pool, 192 * MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x44000000);
    assert_int_equal(memory_alloc(&pool, 64 * MIB, 2 * MIB, &base), 0);
    assert_int_equal(base, 0x40000000);
    assert_int_equal(memory_free_bytes(&pool), 0);
    base = 0x1234;
    assert_int_equal(memory_alloc(&pool, 4096, 4096, &base), -1);
    assert_int_equal(base, 0x1234);
}

static void test_alloc_rejects_bad_sizes_and_alignments(void **state)
{
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    init_with(&pool, NULL, 0);
    assert_int_equal(memory_alloc(&pool, 0, 4096, &base), -1);
    assert_int_equal(memory_alloc(&pool, 4096, 0, &base), -1);
    assert_int_equal(memory_alloc(&pool, 4096, 3 * 4096, &base), -1);
    assert_int_equal(memory_free_bytes(&pool), 256 * MIB);
}

static void test_alloc_fails_when_the_split_does_not_fit(void **state)
{
    struct mem_range holes[MEMORY_POOL_RANGES - 1];
    struct memory_pool pool;
    uint64_t base = 0;

    (void)state;
    make_holes(holes, MEMORY_POOL_RANGES - 1);
    init_with(&pool, holes, MEMORY_POOL_RANGES - 1);
    /*
     * The pool is full.  The highest range ends at the top of the bank, not
     * 2 MiB aligned minus 1 MiB: a 2 MiB aligned piece in it leaves a range
     * above it, which needs a slot the pool does not have.
     */
    assert_int_equal(memory_alloc(&pool, 4096, 2 * MIB, &base), -1);
    assert_int_equal(pool.count, MEMORY_POOL_RANGES);
    /* A piece at the very top splits nothing. */
    assert_int_equal(memory_alloc(&pool, 4096, 4096, &base), 0);
    assert_int_equal(base, 0x4ffff000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_reserved_range_keeps_ram_whole),
        cmocka_unit_test(test_reserved_inside_splits_ram_in_two),
        cmocka_unit_test(test_reserved_over_the_start_trims_the_start),
        cmocka_unit_test(test_reserved_over_the_end_trims_the_end),
        cmocka_unit_test(test_reserved_covering_all_leaves_nothing),
        cmocka_unit_test(test_reserved_exactly_the_ram_leaves_nothing),
        cmocka_unit_test(test_reserved_touching_ram_changes_nothing),
        cmocka_unit_test(test_reserved_up_to_the_top_of_the_address_space),
        cmocka_unit_test(test_reserved_range_spanning_two_banks),
        cmocka_unit_test(test_as_many_pieces_as_the_pool_holds),
        cmocka_unit_test(test_too_many_pieces_fails),
        cmocka_unit_test(test_alloc_takes_the_highest_aligned_place),
        cmocka_unit_test(test_alloc_prefers_the_highest_range_of_all),
        cmocka_unit_test(test_alloc_skips_a_range_too_small_once_aligned),
        cmocka_unit_test(test_alloc_until_exhausted),
        cmocka_unit_test(test_alloc_rejects_bad_sizes_and_alignments),
        cmocka_unit_test(test_alloc_fails_when_the_split_does_not_fit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
