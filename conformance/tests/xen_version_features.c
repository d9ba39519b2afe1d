/*
 * xen_version_features.c - XENVER_get_features, XENVER_pagesize,
 * XENVER_commandline from a domain that is not a control domain, and who
 * may call xen_version.
 *
 * Specification: spec/chapters/xen_version.rst.  The conformance guest is
 * never a control domain in the harness's scenarios.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/readonly_page.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>
#include <hvabi/xen_version.h>

#define UNTOUCHED 0xa5a5a5a5U

static int64_t xen_version(uint64_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, cmd, arg);
}

/* Submap 0; false after recording a failure. */
static bool read_submap0(struct test_context *t, uint32_t *submap)
{
    struct hvabi_xenver_feature_info info = { .submap_idx = 0, .submap = UNTOUCHED };
    int64_t rc = xen_version(HVABI_XENVER_GET_FEATURES, (uint64_t)(uintptr_t)&info);

    if (!expect(t, rc == 0, "XENVER_get_features submap 0: expected 0, got %lld", (long long)rc)) {
        return false;
    }
    *submap = info.submap;
    return true;
}

static void get_features(struct test_context *t)
{
    struct hvabi_xenver_feature_info info = { .submap_idx = 0, .submap = UNTOUCHED };
    struct hvabi_xenver_feature_info again = { .submap_idx = 0, .submap = 0 };
    int64_t rc = xen_version(HVABI_XENVER_GET_FEATURES, (uint64_t)(uintptr_t)&info);

    expect_result(t, "XENVER_get_features submap 0", rc, 0);
    expect_result(t, "submap_idx after the call", info.submap_idx, 0);
    /* A submap over two different old values: it was written. */
    rc = xen_version(HVABI_XENVER_GET_FEATURES, (uint64_t)(uintptr_t)&again);
    expect(t, rc == 0 && again.submap == info.submap,
           "submap 0 read over 0xa5a5a5a5 is 0x%x, over 0 it is 0x%x: it was not written",
           info.submap, again.submap);
    test_note(t, "submap 0 = 0x%08x", info.submap);
}

static void get_features_index(struct test_context *t)
{
    static const uint32_t indexes[] = { 1, 2, 0x7fffffff, 0xffffffff };

    for (size_t i = 0; i < sizeof(indexes) / sizeof(indexes[0]); i++) {
        struct hvabi_xenver_feature_info info = { .submap_idx = indexes[i], .submap = UNTOUCHED };
        int64_t rc = xen_version(HVABI_XENVER_GET_FEATURES, (uint64_t)(uintptr_t)&info);

        expect(t, rc == -HVABI_EINVAL, "submap_idx %u: expected -EINVAL (-22), got %lld",
               indexes[i], (long long)rc);
        expect(t, info.submap_idx == indexes[i] && info.submap == UNTOUCHED,
               "submap_idx %u: the structure was written (now %u, 0x%x)", indexes[i],
               info.submap_idx, info.submap);
    }
}

/* The order of checks: read, then submap_idx, then write. */
static void get_features_fault(struct test_context *t)
{
    struct hvabi_xenver_feature_info bad_index = { .submap_idx = 1, .submap = UNTOUCHED };
    struct hvabi_xenver_feature_info good_index = { .submap_idx = 0, .submap = UNTOUCHED };
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t readonly;

    if (unbacked != 0) {
        expect_result(t, "XENVER_get_features from a guest address without memory",
                      xen_version(HVABI_XENVER_GET_FEATURES, unbacked), -HVABI_EFAULT);
    }
    expect_result(t, "XENVER_get_features from an address without a stage-1 mapping",
                  xen_version(HVABI_XENVER_GET_FEATURES, unmapped_virtual_address()),
                  -HVABI_EFAULT);

    readonly = readonly_page_map(t, &bad_index, sizeof(bad_index));
    if (readonly != 0) {
        expect_result(t, "XENVER_get_features, read-only page, submap_idx 1 (EINVAL before "
                         "the write)",
                      xen_version(HVABI_XENVER_GET_FEATURES, readonly), -HVABI_EINVAL);
        readonly_page_unmap(readonly);
    }
    readonly = readonly_page_map(t, &good_index, sizeof(good_index));
    if (readonly != 0) {
        expect_result(t, "XENVER_get_features, read-only page, submap_idx 0",
                      xen_version(HVABI_XENVER_GET_FEATURES, readonly), -HVABI_EFAULT);
        readonly_page_unmap(readonly);
    }
}

static void features_required(struct test_context *t)
{
    static const struct {
        unsigned int bit;
        const char *name;
    } required[] = {
        { HVABI_XENFEAT_WRITABLE_PAGE_TABLES, "writable_page_tables" },
        { HVABI_XENFEAT_AUTO_TRANSLATED_PHYSMAP, "auto_translated_physmap" },
        { HVABI_XENFEAT_ARM_SMCCC_SUPPORTED, "ARM_SMCCC_supported" },
    };
    uint32_t submap;

    if (!read_submap0(t, &submap)) {
        return;
    }
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        expect(t, (submap >> required[i].bit) & 1, "bit %u (%s) is clear in submap 0x%08x",
               required[i].bit, required[i].name, submap);
    }
}

static void features_direct_map(struct test_context *t)
{
    uint32_t submap;
    uint32_t both = (1U << HVABI_XENFEAT_NOT_DIRECT_MAPPED) | (1U << HVABI_XENFEAT_DIRECT_MAPPED);

    if (!read_submap0(t, &submap)) {
        return;
    }
    expect(t, (submap & both) == (1U << HVABI_XENFEAT_NOT_DIRECT_MAPPED) ||
                  (submap & both) == (1U << HVABI_XENFEAT_DIRECT_MAPPED),
           "bits 16 and 17 of submap 0x%08x: expected exactly one set", submap);
}

static void features_clear(struct test_context *t)
{
    /* Bits 1, 3 to 10, 12, 15 and 18 to 31. */
    const uint32_t must_be_clear = (1U << 1) | (0xffU << 3) | (1U << 12) | (1U << 15) |
                                   0xfffc0000U;
    uint32_t submap;

    if (!read_submap0(t, &submap)) {
        return;
    }
    expect(t, (submap & must_be_clear) == 0, "submap 0x%08x has bits 0x%08x set, which must be clear",
           submap, submap & must_be_clear);
}

static void pagesize(struct test_context *t)
{
    expect_result(t, "XENVER_pagesize with arg 0", xen_version(HVABI_XENVER_PAGESIZE, 0), 4096);
}

/* A non-zero arg fails before any access: even a bad pointer gives -EINVAL. */
static void pagesize_arg(struct test_context *t)
{
    static uint64_t word;
    const uint64_t args[] = {
        1, (uint64_t)(uintptr_t)&word, unmapped_virtual_address(), 0xffffffffffffffffULL,
    };

    for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
        int64_t rc = xen_version(HVABI_XENVER_PAGESIZE, args[i]);

        expect(t, rc == -HVABI_EINVAL, "XENVER_pagesize with arg 0x%llx: expected -EINVAL (-22), "
                                       "got %lld",
               (unsigned long long)args[i], (long long)rc);
    }
}

static void commandline_denied(struct test_context *t)
{
    static uint8_t buffer[HVABI_XENVER_COMMANDLINE_LEN + 64];
    static const char denied[] = "<denied>";
    int64_t rc;

    memset(buffer, 0xa5, sizeof(buffer));
    rc = xen_version(HVABI_XENVER_COMMANDLINE, (uint64_t)(uintptr_t)buffer);
    if (!expect_result(t, "XENVER_commandline", rc, 0)) {
        return;
    }
    expect(t, memcmp(buffer, denied, sizeof(denied)) == 0,
           "expected \"<denied>\" and a NUL, got \"%.9s\"", (const char *)buffer);
    for (size_t i = sizeof(denied); i < sizeof(buffer); i++) {
        if (!expect(t, buffer[i] == 0xa5, "byte %zu after \"<denied>\\0\" was written (0x%02x)",
                    i, buffer[i])) {
            break;
        }
    }
}

/* Commands 0 to 9 never give -EPERM; each has valid arguments here. */
static void permitted(struct test_context *t)
{
    static uint8_t buffer[HVABI_XENVER_CAPABILITIES_LEN] __attribute__((aligned(16)));
    struct hvabi_xenver_feature_info info = { .submap_idx = 0, .submap = 0 };

    for (uint32_t cmd = 0; cmd <= HVABI_XENVER_COMMANDLINE; cmd++) {
        uint64_t arg = (uint64_t)(uintptr_t)buffer;
        int64_t rc;

        if (cmd == HVABI_XENVER_VERSION || cmd == HVABI_XENVER_PAGESIZE) {
            arg = 0;
        } else if (cmd == HVABI_XENVER_GET_FEATURES) {
            arg = (uint64_t)(uintptr_t)&info;
        }
        rc = xen_version(cmd, arg);
        expect(t, rc >= 0, "xen_version(%u): expected success, got %lld%s", cmd, (long long)rc,
               rc == -HVABI_EPERM ? " (-EPERM)" : "");
    }
}

const struct conformance_test xen_version_feature_tests[] = {
    {
        .name = "xen_version_get_features",
        .verifies = "hvabi~xen-version-get-features~1",
        .run = get_features,
    },
    {
        .name = "xen_version_get_features_index",
        .verifies = "hvabi~xen-version-get-features-index~1",
        .run = get_features_index,
    },
    {
        .name = "xen_version_get_features_fault",
        .verifies = "hvabi~xen-version-get-features-fault~1",
        .run = get_features_fault,
    },
    {
        .name = "xen_version_features_required",
        .verifies = "hvabi~xen-version-features-required~1",
        .run = features_required,
    },
    {
        .name = "xen_version_features_direct_map",
        .verifies = "hvabi~xen-version-features-direct-map~1",
        .run = features_direct_map,
    },
    {
        .name = "xen_version_features_clear",
        .verifies = "hvabi~xen-version-features-clear~1",
        .run = features_clear,
    },
    {
        .name = "xen_version_pagesize",
        .verifies = "hvabi~xen-version-pagesize~1",
        .run = pagesize,
    },
    {
        .name = "xen_version_pagesize_arg",
        .verifies = "hvabi~xen-version-pagesize-arg~1",
        .run = pagesize_arg,
    },
    {
        .name = "xen_version_commandline_denied",
        .verifies = "hvabi~xen-version-commandline-denied~1",
        .run = commandline_denied,
    },
    {
        .name = "xen_version_permitted",
        .verifies = "hvabi~xen-version-permitted~1",
        .run = permitted,
    },
    { .name = NULL },
};
