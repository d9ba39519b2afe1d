/*
 * grant_table_query.c - GNTTABOP_query_size: the size of the caller's
 * grant table, and the errors of the command.
 *
 * Specification: spec/chapters/grant_table.rst, "The size of a table:
 * GNTTABOP_query_size".  The calls change nothing, so the tests run in the
 * main role; the one that names another domain runs in the control
 * scenario's target (grant_table_query_other_tests).
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/domains.h"
#include "support/grant_frames.h"
#include "support/readonly_page.h"
#include "tests/addresses.h"

#include <hvabi/errno.h>
#include <hvabi/grant_table.h>
#include <hvabi/types.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define UNWRITTEN 0xdeadbeefU
#define UNWRITTEN_STATUS 0x5a5a

static void prepare(struct hvabi_gnttab_query_size *query, uint16_t dom)
{
    memset(query, 0, sizeof(*query));
    query->dom = dom;
    query->nr_frames = UNWRITTEN;
    query->max_nr_frames = UNWRITTEN;
    query->status = UNWRITTEN_STATUS;
}

static int64_t query_size(struct hvabi_gnttab_query_size *query, uint64_t count)
{
    return grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, (uint64_t)(uintptr_t)query, count);
}

static void query_self(struct test_context *t)
{
    struct hvabi_gnttab_query_size by_self;
    struct hvabi_gnttab_query_size by_id;
    uint16_t self = 0;

    if (!domains_self(t, &self)) {
        return;
    }
    prepare(&by_self, HVABI_DOMID_SELF);
    expect_result(t, "GNTTABOP_query_size of DOMID_SELF", query_size(&by_self, 1), 0);
    expect_result(t, "its status", by_self.status, HVABI_GNTST_OKAY);
    expect(t, by_self.dom == HVABI_DOMID_SELF, "dom changed to 0x%x", (unsigned)by_self.dom);
    expect(t, by_self.nr_frames != UNWRITTEN && by_self.max_nr_frames != UNWRITTEN,
           "nr_frames (0x%x) or max_nr_frames (0x%x) was not written", by_self.nr_frames,
           by_self.max_nr_frames);
    expect(t, by_self.nr_frames >= 1 && by_self.max_nr_frames >= 1 &&
                  by_self.nr_frames <= by_self.max_nr_frames,
           "expected 1 <= nr_frames <= max_nr_frames, got nr_frames %u, max_nr_frames %u",
           by_self.nr_frames, by_self.max_nr_frames);
    test_note(t, "grant table: %u of at most %u frames", by_self.nr_frames,
              by_self.max_nr_frames);

    prepare(&by_id, self);
    expect_result(t, "GNTTABOP_query_size of the own ID", query_size(&by_id, 1), 0);
    expect_result(t, "its status", by_id.status, HVABI_GNTST_OKAY);
    expect(t, by_id.nr_frames == by_self.nr_frames &&
                  by_id.max_nr_frames == by_self.max_nr_frames,
           "the own ID %u gives %u of %u frames, DOMID_SELF %u of %u", self, by_id.nr_frames,
           by_id.max_nr_frames, by_self.nr_frames, by_self.max_nr_frames);
}

static void query_count(struct test_context *t)
{
    static const uint64_t counts[] = { 0, 2, 3, 16, 0x7fffffffULL };

    for (unsigned int i = 0; i < COUNT(counts); i++) {
        struct hvabi_gnttab_query_size query;
        int64_t result = query_size((struct hvabi_gnttab_query_size *)(uintptr_t)
                                        unmapped_virtual_address(),
                                    counts[i]);

        expect(t, result == -HVABI_EINVAL,
               "GNTTABOP_query_size, count %llu, uop unmapped: expected %d, got %lld",
               (unsigned long long)counts[i], -HVABI_EINVAL, (long long)result);
        prepare(&query, HVABI_DOMID_SELF);
        result = query_size(&query, counts[i]);
        expect(t, result == -HVABI_EINVAL,
               "GNTTABOP_query_size of DOMID_SELF, count %llu: expected %d, got %lld",
               (unsigned long long)counts[i], -HVABI_EINVAL, (long long)result);
        expect(t, query.nr_frames == UNWRITTEN && query.max_nr_frames == UNWRITTEN &&
                      query.status == UNWRITTEN_STATUS,
               "GNTTABOP_query_size, count %llu, wrote the element", (unsigned long long)counts[i]);
    }
}

static void query_fault(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    struct hvabi_gnttab_query_size query;
    uint64_t page;

    expect_result(t, "GNTTABOP_query_size with uop unmapped",
                  grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, unmapped_virtual_address(), 1),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "GNTTABOP_query_size with uop at a guest address without memory",
                      grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, unbacked, 1), -HVABI_EFAULT);
    }
    /* Readable, not writable: the results cannot be written. */
    prepare(&query, HVABI_DOMID_SELF);
    page = readonly_page_map(t, &query, sizeof(query));
    if (page == 0) {
        return;
    }
    expect_result(t, "GNTTABOP_query_size of DOMID_SELF in a read-only page",
                  grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, page, 1), -HVABI_EFAULT);
    readonly_page_unmap(page);

    prepare(&query, domains_unused_ids[0]);
    page = readonly_page_map(t, &query, sizeof(query));
    if (page == 0) {
        return;
    }
    expect_result(t, "GNTTABOP_query_size of a domain that does not exist, in a read-only page",
                  grant_table_op(HVABI_GNTTABOP_QUERY_SIZE, page, 1), -HVABI_EFAULT);
    readonly_page_unmap(page);
}

static void query_bad_domain(struct test_context *t)
{
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        struct hvabi_gnttab_query_size query;
        int64_t result;

        prepare(&query, domains_unused_ids[i]);
        result = query_size(&query, 1);
        expect(t, result == 0 && query.status == HVABI_GNTST_BAD_DOMAIN,
               "GNTTABOP_query_size of domain 0x%x, which does not exist: expected 0 and "
               "status %d, got %lld and %d",
               (unsigned)domains_unused_ids[i], HVABI_GNTST_BAD_DOMAIN, (long long)result,
               query.status);
        expect(t, query.nr_frames == UNWRITTEN && query.max_nr_frames == UNWRITTEN,
               "GNTTABOP_query_size of domain 0x%x wrote nr_frames 0x%x, max_nr_frames 0x%x",
               (unsigned)domains_unused_ids[i], query.nr_frames, query.max_nr_frames);
    }
}

const struct conformance_test grant_table_query_tests[] = {
    {
        .name = "grant_table_query_size",
        .verifies = "hvabi~gnttab-query-size~1 hvabi~types-domid-self~1",
        .run = query_self,
    },
    {
        .name = "grant_table_query_size_count",
        .verifies = "hvabi~gnttab-query-size-count~1",
        .run = query_count,
    },
    {
        .name = "grant_table_query_size_fault",
        .verifies = "hvabi~gnttab-query-size-fault~1",
        .run = query_fault,
    },
    {
        .name = "grant_table_query_size_bad_domain",
        .verifies = "hvabi~gnttab-query-size-bad-domain~1",
        .run = query_bad_domain,
    },
    { .name = NULL },
};

/* In a domain that is not a control domain, with a control domain "control". */

static void query_other(struct test_context *t)
{
    struct hvabi_gnttab_query_size query;
    uint16_t other = 0;
    int64_t result;

    if (!domains_peer(t, "control", &other)) {
        return;
    }
    prepare(&query, other);
    result = query_size(&query, 1);
    expect(t, result == 0 && query.status == HVABI_GNTST_PERMISSION_DENIED,
           "GNTTABOP_query_size of another domain: expected 0 and status %d, got %lld and %d",
           HVABI_GNTST_PERMISSION_DENIED, (long long)result, query.status);
    expect(t, query.nr_frames == UNWRITTEN && query.max_nr_frames == UNWRITTEN,
           "GNTTABOP_query_size of another domain wrote nr_frames 0x%x, max_nr_frames 0x%x",
           query.nr_frames, query.max_nr_frames);
}

const struct conformance_test grant_table_query_other_tests[] = {
    {
        .name = "grant_table_query_size_other",
        .verifies = "hvabi~gnttab-query-size-other~1",
        .run = query_other,
    },
    { .name = NULL },
};
