/*
 * grant_table_version.c - GNTTABOP_set_version and GNTTABOP_get_version:
 * only layout version 1 exists.
 *
 * Specification: spec/chapters/grant_table.rst, "The layout version".
 * set_version(1) leaves the table unchanged and the other calls fail, so
 * the tests run in the main role; the one that names another domain runs
 * in the control scenario's target (grant_table_version_other_tests).
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
#define UNWRITTEN_PAD 0xabcd

static int64_t set_version(struct hvabi_gnttab_set_version *arg, uint64_t count)
{
    return grant_table_op(HVABI_GNTTABOP_SET_VERSION, (uint64_t)(uintptr_t)arg, count);
}

static int64_t get_version(struct hvabi_gnttab_get_version *arg, uint64_t count)
{
    return grant_table_op(HVABI_GNTTABOP_GET_VERSION, (uint64_t)(uintptr_t)arg, count);
}

static void prepare_get(struct hvabi_gnttab_get_version *arg, uint16_t dom)
{
    arg->dom = dom;
    arg->pad = UNWRITTEN_PAD;
    arg->version = UNWRITTEN;
}

/* Calls set_version with `version` and each of several counts (count is
 * ignored), expecting `expected` and version 1 written back; then checks
 * that the table kept its size and version 1. */
static void expect_set_version(struct test_context *t, uint32_t version, int64_t expected)
{
    static const uint64_t counts[] = { 1, 0, 7 };
    uint32_t nr_before = 0;
    uint32_t max_before = 0;
    uint32_t nr_after = 0;
    uint32_t max_after = 0;
    struct hvabi_gnttab_get_version get;

    if (!grant_frames_query(t, &nr_before, &max_before)) {
        return;
    }
    for (unsigned int i = 0; i < COUNT(counts); i++) {
        struct hvabi_gnttab_set_version arg = { .version = version };
        int64_t result = set_version(&arg, counts[i]);

        expect(t, result == expected && arg.version == 1,
               "GNTTABOP_set_version(%u), count %llu: expected %lld and version 1, got %lld "
               "and version %u",
               version, (unsigned long long)counts[i], (long long)expected, (long long)result,
               arg.version);
    }
    if (grant_frames_query(t, &nr_after, &max_after)) {
        expect(t, nr_after == nr_before && max_after == max_before,
               "the table was %u of %u frames before GNTTABOP_set_version(%u), %u of %u after",
               nr_before, max_before, version, nr_after, max_after);
    }
    prepare_get(&get, HVABI_DOMID_SELF);
    expect(t, get_version(&get, 1) == 0 && get.version == 1,
           "GNTTABOP_get_version after GNTTABOP_set_version(%u): version %u", version,
           get.version);
}

static void set_version_1(struct test_context *t)
{
    expect_set_version(t, 1, 0);
}

static void set_version_2(struct test_context *t)
{
    expect_set_version(t, 2, -HVABI_ENOSYS);
}

static void set_version_invalid(struct test_context *t)
{
    static const uint32_t versions[] = { 0, 3, 4, 0x100, 0x80000001U, 0xffffffffU };

    for (unsigned int i = 0; i < COUNT(versions); i++) {
        expect_set_version(t, versions[i], -HVABI_EINVAL);
    }
}

static void set_version_fault(struct test_context *t)
{
    static const uint32_t versions[] = { 1, 2, 0, 3 };
    uint64_t unbacked = unbacked_guest_address(t->platform);

    expect_result(t, "GNTTABOP_set_version with uop unmapped",
                  grant_table_op(HVABI_GNTTABOP_SET_VERSION, unmapped_virtual_address(), 1),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "GNTTABOP_set_version with uop at a guest address without memory",
                      grant_table_op(HVABI_GNTTABOP_SET_VERSION, unbacked, 1), -HVABI_EFAULT);
    }
    /* version cannot be written back. */
    for (unsigned int i = 0; i < COUNT(versions); i++) {
        struct hvabi_gnttab_set_version arg = { .version = versions[i] };
        uint64_t page = readonly_page_map(t, &arg, sizeof(arg));
        int64_t result;

        if (page == 0) {
            return;
        }
        result = grant_table_op(HVABI_GNTTABOP_SET_VERSION, page, 1);
        readonly_page_unmap(page);
        expect(t, result == -HVABI_EFAULT,
               "GNTTABOP_set_version(%u) in a read-only page: expected %d, got %lld",
               versions[i], -HVABI_EFAULT, (long long)result);
    }
}

static void get_version_self(struct test_context *t)
{
    static const uint64_t counts[] = { 1, 0, 5 };
    uint16_t self = 0;

    if (!domains_self(t, &self)) {
        return;
    }
    for (unsigned int i = 0; i < COUNT(counts); i++) {
        uint16_t doms[2] = { HVABI_DOMID_SELF, self };

        for (unsigned int d = 0; d < 2; d++) {
            struct hvabi_gnttab_get_version arg;
            int64_t result;

            prepare_get(&arg, doms[d]);
            result = get_version(&arg, counts[i]);
            expect(t, result == 0 && arg.version == 1,
                   "GNTTABOP_get_version of domain 0x%x, count %llu: expected 0 and version "
                   "1, got %lld and version %u",
                   (unsigned)doms[d], (unsigned long long)counts[i], (long long)result,
                   arg.version);
            expect(t, arg.dom == doms[d] && arg.pad == UNWRITTEN_PAD,
                   "GNTTABOP_get_version wrote dom (0x%x) or pad (0x%x)", (unsigned)arg.dom,
                   (unsigned)arg.pad);
        }
    }
}

/* get_version of `dom` from a read-only page: `expected`. */
static void expect_get_readonly(struct test_context *t, const char *what, uint16_t dom,
                                int64_t expected)
{
    struct hvabi_gnttab_get_version arg;
    uint64_t page;

    prepare_get(&arg, dom);
    page = readonly_page_map(t, &arg, sizeof(arg));
    if (page != 0) {
        expect_result(t, what, grant_table_op(HVABI_GNTTABOP_GET_VERSION, page, 1), expected);
        readonly_page_unmap(page);
    }
}

static void get_version_errors(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    expect_result(t, "GNTTABOP_get_version with uop unmapped",
                  grant_table_op(HVABI_GNTTABOP_GET_VERSION, unmapped_virtual_address(), 1),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "GNTTABOP_get_version with uop at a guest address without memory",
                      grant_table_op(HVABI_GNTTABOP_GET_VERSION, unbacked, 1), -HVABI_EFAULT);
    }
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        struct hvabi_gnttab_get_version arg;
        int64_t result;

        prepare_get(&arg, domains_unused_ids[i]);
        result = get_version(&arg, 1);
        expect(t, result == -HVABI_ESRCH && arg.version == UNWRITTEN,
               "GNTTABOP_get_version of domain 0x%x, which does not exist: expected %d, got "
               "%lld and version 0x%x",
               (unsigned)domains_unused_ids[i], -HVABI_ESRCH, (long long)result, arg.version);
    }
    /* -ESRCH comes before the write of version. */
    expect_get_readonly(t, "GNTTABOP_get_version of a domain that does not exist, in a "
                           "read-only page",
                        domains_unused_ids[0], -HVABI_ESRCH);
    expect_get_readonly(t, "GNTTABOP_get_version of DOMID_SELF in a read-only page",
                        HVABI_DOMID_SELF, -HVABI_EFAULT);
}

const struct conformance_test grant_table_version_tests[] = {
    {
        .name = "grant_table_set_version_1",
        .verifies = "hvabi~gnttab-set-version-1~1",
        .run = set_version_1,
    },
    {
        .name = "grant_table_set_version_2",
        .verifies = "hvabi~gnttab-set-version-2~1",
        .run = set_version_2,
    },
    {
        .name = "grant_table_set_version_invalid",
        .verifies = "hvabi~gnttab-set-version-invalid~1",
        .run = set_version_invalid,
    },
    {
        .name = "grant_table_set_version_fault",
        .verifies = "hvabi~gnttab-set-version-fault~1",
        .run = set_version_fault,
    },
    {
        .name = "grant_table_get_version",
        .verifies = "hvabi~gnttab-get-version~1 hvabi~types-domid-self~1",
        .run = get_version_self,
    },
    {
        .name = "grant_table_get_version_errors",
        .verifies = "hvabi~gnttab-get-version-errors~1",
        .run = get_version_errors,
    },
    { .name = NULL },
};

/* In a domain that is not a control domain, with a control domain "control". */

static void get_version_other(struct test_context *t)
{
    struct hvabi_gnttab_get_version arg;
    uint16_t other = 0;
    int64_t result;

    if (!domains_peer(t, "control", &other)) {
        return;
    }
    prepare_get(&arg, other);
    result = get_version(&arg, 1);
    expect(t, result == -HVABI_EPERM && arg.version == UNWRITTEN,
           "GNTTABOP_get_version of another domain: expected %d, got %lld and version 0x%x",
           -HVABI_EPERM, (long long)result, arg.version);
    /* -EPERM comes before the write of version. */
    expect_get_readonly(t, "GNTTABOP_get_version of another domain, in a read-only page", other,
                        -HVABI_EPERM);
}

const struct conformance_test grant_table_version_other_tests[] = {
    {
        .name = "grant_table_get_version_other",
        .verifies = "hvabi~gnttab-get-version-errors~1",
        .run = get_version_other,
    },
    { .name = NULL },
};
