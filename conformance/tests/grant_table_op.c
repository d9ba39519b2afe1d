/*
 * grant_table_op.c - the rules common to every grant_table_op command:
 * counts, the bits of cmd, reserved commands, 16-bit statuses, and GNTTABOP_transfer, which never moves a page.
 *
 * Specification: spec/chapters/grant_table.rst, "The grant_table_op
 * hypercall".  Every call here leaves the grant table as it was, so the
 * tests run in the main role.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/domains.h"
#include "support/grant_frames.h"
#include "tests/addresses.h"

#include <hvabi/errno.h>
#include <hvabi/grant_table.h>
#include <hvabi/types.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define PATTERN 0xa5
#define PAGE_SIZE 4096

/* Every command value of bits [11:0] that the spec lists, and reserved ones. */
static const uint32_t commands[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xfff };

static bool all_bytes(const void *buffer, size_t size, uint8_t value)
{
    const uint8_t *bytes = buffer;

    for (size_t i = 0; i < size; i++) {
        if (bytes[i] != value) {
            return false;
        }
    }
    return true;
}

static void count_range(struct test_context *t)
{
    static const uint64_t counts[] = { 0x80000000ULL, 0x80000001ULL, 0xfffffffeULL,
                                       0xffffffffULL };
    uint8_t buffer[64];

    for (unsigned int c = 0; c < COUNT(commands); c++) {
        for (unsigned int n = 0; n < COUNT(counts); n++) {
            int64_t result = grant_table_op(commands[c], unmapped_virtual_address(), counts[n]);

            expect(t, result == -HVABI_EINVAL,
                   "grant_table_op %u, count 0x%llx, uop unmapped: expected %d, got %lld",
                   commands[c], (unsigned long long)counts[n], -HVABI_EINVAL,
                   (long long)result);
            /* A readable and writable uop is not touched either. */
            memset(buffer, PATTERN, sizeof(buffer));
            result = grant_table_op(commands[c], (uint64_t)(uintptr_t)buffer, counts[n]);
            expect(t, result == -HVABI_EINVAL && all_bytes(buffer, sizeof(buffer), PATTERN),
                   "grant_table_op %u, count 0x%llx: expected %d and uop untouched, got %lld",
                   commands[c], (unsigned long long)counts[n], -HVABI_EINVAL,
                   (long long)result);
        }
    }
}

static void cmd_high_bits(struct test_context *t)
{
    static const uint32_t high[] = { 1U << 12, 1U << 20, 1U << 31, 0xfffff000U };
    uint8_t buffer[64];

    for (unsigned int c = 0; c < COUNT(commands); c++) {
        if (commands[c] == HVABI_GNTTABOP_CACHE_FLUSH) {
            continue; /* Xen's only command that takes these bits: not specified */
        }
        for (unsigned int h = 0; h < COUNT(high); h++) {
            uint32_t cmd = commands[c] | high[h];
            int64_t result = grant_table_op(cmd, unmapped_virtual_address(), 1);

            expect(t, result == -HVABI_EINVAL,
                   "grant_table_op 0x%x, count 1, uop unmapped: expected %d, got %lld", cmd,
                   -HVABI_EINVAL, (long long)result);
            memset(buffer, PATTERN, sizeof(buffer));
            result = grant_table_op(cmd, (uint64_t)(uintptr_t)buffer, 1);
            expect(t, result == -HVABI_EINVAL && all_bytes(buffer, sizeof(buffer), PATTERN),
                   "grant_table_op 0x%x, count 1: expected %d and uop untouched, got %lld", cmd,
                   -HVABI_EINVAL, (long long)result);
            result = grant_table_op(cmd, unmapped_virtual_address(), 0);
            expect(t, result == -HVABI_EINVAL,
                   "grant_table_op 0x%x, count 0: expected %d, got %lld", cmd, -HVABI_EINVAL,
                   (long long)result);
        }
    }
}

static void reserved_command(struct test_context *t)
{
    static const uint32_t reserved[] = { 13, 14, 15, 16, 100, 0x800, 0xffe, 0xfff };
    static const uint64_t counts[] = { 0, 1, 2 };
    uint32_t nr_before = 0;
    uint32_t max_before = 0;
    uint32_t nr_after = 0;
    uint32_t max_after = 0;
    uint8_t buffer[64];

    if (!grant_frames_query(t, &nr_before, &max_before)) {
        return;
    }
    for (unsigned int c = 0; c < COUNT(reserved); c++) {
        for (unsigned int n = 0; n < COUNT(counts); n++) {
            int64_t result;

            memset(buffer, PATTERN, sizeof(buffer));
            result = grant_table_op(reserved[c], (uint64_t)(uintptr_t)buffer, counts[n]);
            expect(t, result == -HVABI_ENOSYS && all_bytes(buffer, sizeof(buffer), PATTERN),
                   "grant_table_op %u, count %llu: expected %d and uop untouched, got %lld",
                   reserved[c], (unsigned long long)counts[n], -HVABI_ENOSYS,
                   (long long)result);
            result = grant_table_op(reserved[c], unmapped_virtual_address(), counts[n]);
            expect(t, result == -HVABI_ENOSYS,
                   "grant_table_op %u, count %llu, uop unmapped: expected %d, got %lld",
                   reserved[c], (unsigned long long)counts[n], -HVABI_ENOSYS,
                   (long long)result);
        }
    }
    if (grant_frames_query(t, &nr_after, &max_after)) {
        expect(t, nr_after == nr_before && max_after == max_before,
               "the table was %u of %u frames before the reserved commands, %u of %u after",
               nr_before, max_before, nr_after, max_after);
    }
}

/* Statuses are 16-bit: the 2 bytes after status in each structure are
 * padding that must keep their value. */
static void status_fields(struct test_context *t)
{
    struct hvabi_gnttab_query_size query;
    struct hvabi_gnttab_swap_grant_ref swap[2];
    int64_t result;

    memset(&query, PATTERN, sizeof(query));
    query.dom = domains_unused_ids[0];
    result = grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, (uint64_t)(uintptr_t)&query, 1);
    expect(t, result == 0 && query.status == HVABI_GNTST_BAD_DOMAIN,
           "GNTTABOP_query_size of domain 0x%x: expected 0 and status %d, got %lld and %d",
           (unsigned)domains_unused_ids[0], HVABI_GNTST_BAD_DOMAIN, (long long)result,
           query.status);
    expect(t, all_bytes((const uint8_t *)&query + 14, 2, PATTERN),
           "GNTTABOP_query_size wrote bytes 14 and 15, after the 16-bit status");

    memset(&query, PATTERN, sizeof(query));
    query.dom = HVABI_DOMID_SELF;
    result = grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, (uint64_t)(uintptr_t)&query, 1);
    expect(t, result == 0 && query.status == HVABI_GNTST_OKAY,
           "GNTTABOP_query_size of DOMID_SELF: expected 0 and status 0, got %lld and %d",
           (long long)result, query.status);
    expect(t, all_bytes((const uint8_t *)&query + 14, 2, PATTERN),
           "GNTTABOP_query_size wrote bytes 14 and 15, after the 16-bit status");

    /* References beyond any table (max_nr_frames is below 2^23). */
    memset(swap, PATTERN, sizeof(swap));
    swap[0].ref_a = 0xffffffffU;
    swap[0].ref_b = 0xfffffffeU;
    swap[1].ref_a = 0xfffffffdU;
    swap[1].ref_b = 0xfffffffdU;
    result = grant_table_op(HVABI_GNTTABOP_SWAP_GRANT_REF, (uint64_t)(uintptr_t)swap, 2);
    expect_result(t, "GNTTABOP_swap_grant_ref of references beyond the table", result, 0);
    for (unsigned int i = 0; i < 2; i++) {
        expect(t, swap[i].status == HVABI_GNTST_BAD_GNTREF,
               "element %u: expected status %d, got %d", i, HVABI_GNTST_BAD_GNTREF,
               swap[i].status);
        expect(t, all_bytes((const uint8_t *)&swap[i] + 10, 2, PATTERN),
               "element %u: bytes 10 and 11, after the 16-bit status, were written", i);
    }
}

/* RAM pages offered for transfer: they must stay this domain's. */
static uint8_t transfer_pages[2][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void no_transfer(struct test_context *t)
{
    struct hvabi_gnttab_transfer transfer[4];
    uint16_t self = 0;
    int64_t result;

    if (!domains_self(t, &self)) {
        return;
    }
    memset(transfer_pages, PATTERN, sizeof(transfer_pages));
    memset(transfer, 0, sizeof(transfer));
    for (unsigned int i = 0; i < COUNT(transfer); i++) {
        transfer[i].mfn = (uint64_t)(uintptr_t)transfer_pages[i % 2] / PAGE_SIZE;
        transfer[i].ref = HVABI_GNTTAB_NR_RESERVED_ENTRIES + i;
        transfer[i].status = HVABI_GNTST_OKAY;
    }
    transfer[0].domid = HVABI_DOMID_SELF;
    transfer[1].domid = self;
    transfer[2].domid = domains_unused_ids[0];
    transfer[3].domid = HVABI_DOMID_INVALID;
    result = grant_table_op(HVABI_GNTTABOP_TRANSFER, (uint64_t)(uintptr_t)transfer,
                            COUNT(transfer));
    if (result != -HVABI_ENOSYS && result != -HVABI_EOPNOTSUPP) {
        expect(t, result == 0, "GNTTABOP_transfer: expected -ENOSYS, -EOPNOTSUPP or 0, got %lld",
               (long long)result);
        for (unsigned int i = 0; i < COUNT(transfer); i++) {
            expect(t, transfer[i].status != HVABI_GNTST_OKAY,
                   "GNTTABOP_transfer element %u (to domain 0x%x): status GNTST_okay", i,
                   (unsigned)transfer[i].domid);
        }
    }
    /* The pages are still here, with their contents, and writable. */
    expect(t, all_bytes(transfer_pages, sizeof(transfer_pages), PATTERN),
           "the pages offered for transfer changed");
    memset(transfer_pages, 0x3c, sizeof(transfer_pages));
    expect(t, all_bytes(transfer_pages, sizeof(transfer_pages), 0x3c),
           "the pages offered for transfer cannot be written any more");
}

const struct conformance_test grant_table_op_tests[] = {
    {
        .name = "grant_table_op_count_range",
        .verifies = "hvabi~gnttab-op-count-range~1",
        .run = count_range,
    },
    {
        .name = "grant_table_op_cmd_high_bits",
        .verifies = "hvabi~gnttab-op-cmd-high-bits~1",
        .run = cmd_high_bits,
    },
    {
        .name = "grant_table_op_reserved_command",
        .verifies = "hvabi~gnttab-op-reserved-command~1",
        .run = reserved_command,
    },
    {
        .name = "grant_table_op_status_fields",
        .verifies = "hvabi~gnttab-op-status-fields~1",
        .run = status_fields,
    },
    {
        .name = "grant_table_op_no_transfer",
        .verifies = "hvabi~gnttab-no-transfer~1",
        .run = no_transfer,
    },
    { .name = NULL },
};
