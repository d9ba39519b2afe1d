/*
 * xen_version_control.c - what xen_version tells a control domain and
 * keeps from the others: the dom0 feature flag, the command line and the
 * build ID.
 *
 * Specification: spec/chapters/xen_version.rst ("Feature flags", "Command
 * line and build ID").  xen_version_denied_tests run in a domain that is
 * not a control domain (the main role); xen_version_control_tests in the
 * control domain of conformance/scenarios/control.conf.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/readonly_page.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/xen_version.h>

#define GUARD 0xa5

static int64_t xen_version(uint64_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, cmd, arg);
}

static void features_no_dom0(struct test_context *t)
{
    struct hvabi_xenver_feature_info info = { .submap_idx = 0, .submap = 0 };

    if (!expect_result(t, "XENVER_get_features of submap 0",
                       xen_version(HVABI_XENVER_GET_FEATURES, (uint64_t)(uintptr_t)&info), 0)) {
        return;
    }
    expect(t, (info.submap & (1U << HVABI_XENFEAT_DOM0)) == 0,
           "submap 0 is 0x%08x: bit 11 (dom0) is set for a domain that is not a control domain",
           (unsigned)info.submap);
}

static void build_id_denied(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint8_t buffer[64];
    struct hvabi_xenver_build_id head = { .len = sizeof(buffer) - sizeof(head) };

    expect_result(t, "XENVER_build_id with arg 0", xen_version(HVABI_XENVER_BUILD_ID, 0),
                  -HVABI_EPERM);
    memset(buffer, GUARD, sizeof(buffer));
    memcpy(buffer, &head, sizeof(head));
    expect_result(t, "XENVER_build_id with a buffer",
                  xen_version(HVABI_XENVER_BUILD_ID, (uint64_t)(uintptr_t)buffer), -HVABI_EPERM);
    for (size_t i = sizeof(head); i < sizeof(buffer); i++) {
        if (buffer[i] != GUARD) {
            expect(t, false, "XENVER_build_id wrote byte %zu of the buffer", i);
            break;
        }
    }
    /* Memory at arg is not accessed: an unreadable one makes no -EFAULT. */
    expect_result(t, "XENVER_build_id with arg at an unmapped virtual address",
                  xen_version(HVABI_XENVER_BUILD_ID, unmapped_virtual_address()), -HVABI_EPERM);
    if (unbacked != 0) {
        expect_result(t, "XENVER_build_id with arg at a guest address without memory",
                      xen_version(HVABI_XENVER_BUILD_ID, unbacked), -HVABI_EPERM);
    }
}

const struct conformance_test xen_version_denied_tests[] = {
    {
        .name = "xen_version_features_no_dom0",
        .verifies = "hvabi~xen-version-features-dom0~1",
        .run = features_no_dom0,
    },
    {
        .name = "xen_version_build_id_denied",
        .verifies = "hvabi~xen-version-build-id-denied~1",
        .run = build_id_denied,
    },
    { .name = NULL },
};

static void commandline_control(struct test_context *t)
{
    static uint8_t buffer[HVABI_XENVER_COMMANDLINE_LEN + 64];
    size_t length = 0;
    bool zero_after = true;
    bool printable = true;
    bool guards_intact = true;

    memset(buffer, GUARD, sizeof(buffer));
    if (!expect_result(t, "XENVER_commandline from a control domain",
                       xen_version(HVABI_XENVER_COMMANDLINE, (uint64_t)(uintptr_t)buffer), 0)) {
        return;
    }
    while (length < HVABI_XENVER_COMMANDLINE_LEN && buffer[length] != 0) {
        printable = printable && buffer[length] >= 0x20 && buffer[length] < 0x7f;
        length++;
    }
    if (!expect(t, length < HVABI_XENVER_COMMANDLINE_LEN,
                "no NUL among the 1024 bytes XENVER_commandline wrote")) {
        return;
    }
    for (size_t i = length; i < HVABI_XENVER_COMMANDLINE_LEN; i++) {
        zero_after = zero_after && buffer[i] == 0;
    }
    for (size_t i = HVABI_XENVER_COMMANDLINE_LEN; i < sizeof(buffer); i++) {
        guards_intact = guards_intact && buffer[i] == GUARD;
    }
    test_note(t, "command line: '%s'", (char *)buffer);
    expect(t, strcmp((char *)buffer, "<denied>") != 0,
           "a control domain got \"<denied>\" for the command line");
    expect(t, zero_after, "bytes after the NUL of the command line are not all zero");
    expect(t, guards_intact, "XENVER_commandline wrote beyond its 1024 bytes");
    expect(t, printable, "the command line has bytes that are not printable ASCII");
}

static int64_t build_id_into(void *buffer)
{
    return xen_version(HVABI_XENVER_BUILD_ID, (uint64_t)(uintptr_t)buffer);
}

/* XENVER_build_id with `head` in read-only memory. */
static void expect_build_id_in_readonly(struct test_context *t,
                                        const struct hvabi_xenver_build_id *head,
                                        const char *what, int64_t expected)
{
    uint64_t mapped = readonly_page_map(t, head, sizeof(*head));

    if (mapped == 0) {
        return;
    }
    expect(t, xen_version(HVABI_XENVER_BUILD_ID, mapped) == expected,
           "XENVER_build_id with %s in read-only memory: expected %lld", what,
           (long long)expected);
    readonly_page_unmap(mapped);
}

static void build_id_control(struct test_context *t)
{
    /* The specification bounds no build ID; a page holds any real one. */
    static uint8_t buffer[4096];
    struct hvabi_xenver_build_id head;
    int64_t size = xen_version(HVABI_XENVER_BUILD_ID, 0);
    int64_t result;
    bool guards_intact = true;
    bool written = false;

    if (size == -HVABI_ENODATA) {
        /*
         * No build ID: a non-zero arg says the same at its place in the
         * order of checks: after an unreadable len and len 0, before a
         * short len and an unwritable buffer.
         */
        test_note(t, "the hypervisor has no build ID");
        expect_result(t, "XENVER_build_id with len unreadable",
                      xen_version(HVABI_XENVER_BUILD_ID, unmapped_virtual_address()),
                      -HVABI_EFAULT);
        head.len = 0;
        memcpy(buffer, &head, sizeof(head));
        expect_result(t, "XENVER_build_id with len 0", build_id_into(buffer), -HVABI_EINVAL);
        head.len = sizeof(buffer) - sizeof(head);
        memcpy(buffer, &head, sizeof(head));
        expect_result(t, "XENVER_build_id with no build ID", build_id_into(buffer),
                      -HVABI_ENODATA);
        head.len = 1;
        memcpy(buffer, &head, sizeof(head));
        expect_result(t, "XENVER_build_id with no build ID and len 1", build_id_into(buffer),
                      -HVABI_ENODATA);
        head.len = 0;
        expect_build_id_in_readonly(t, &head, "len 0", -HVABI_EINVAL);
        head.len = 1;
        expect_build_id_in_readonly(t, &head, "no build ID and len 1", -HVABI_ENODATA);
        return;
    }
    if (!expect(t, size > 0 && (size_t)size + sizeof(head) + 16 <= sizeof(buffer),
                "XENVER_build_id with arg 0 from a control domain: expected the size of the "
                "build ID, got %lld",
                (long long)size)) {
        return;
    }
    test_note(t, "build ID of %lld bytes", (long long)size);
    /* Room for exactly the build ID and 16 guard bytes after it. */
    memset(buffer, GUARD, sizeof(buffer));
    head.len = (uint32_t)size + 16;
    memcpy(buffer, &head, sizeof(head));
    result = build_id_into(buffer);
    expect_result(t, "XENVER_build_id into a buffer with room for it", result, size);
    memcpy(&head, buffer, sizeof(head));
    expect_result(t, "len after XENVER_build_id", head.len, size + 16);
    for (int64_t i = 0; i < size; i++) {
        written = written || buffer[sizeof(head) + i] != GUARD;
    }
    for (size_t i = sizeof(head) + (size_t)size; i < sizeof(buffer); i++) {
        guards_intact = guards_intact && buffer[i] == GUARD;
    }
    expect(t, written, "XENVER_build_id left the build ID bytes as they were");
    expect(t, guards_intact, "XENVER_build_id wrote bytes after the build ID");

    /* The errors, in their order. */
    expect_result(t, "XENVER_build_id with len unreadable",
                  xen_version(HVABI_XENVER_BUILD_ID, unmapped_virtual_address()),
                  -HVABI_EFAULT);
    head.len = 0;
    memcpy(buffer, &head, sizeof(head));
    expect_result(t, "XENVER_build_id with len 0", build_id_into(buffer), -HVABI_EINVAL);
    head.len = (uint32_t)size - 1;
    memcpy(buffer, &head, sizeof(head));
    expect_result(t, "XENVER_build_id with len one byte short", build_id_into(buffer),
                  -HVABI_ENOBUFS);
    /* len readable, the bytes after it not writable: last of all. */
    head.len = 0;
    expect_build_id_in_readonly(t, &head, "len 0", -HVABI_EINVAL);
    head.len = (uint32_t)size - 1;
    expect_build_id_in_readonly(t, &head, "len one byte short", -HVABI_ENOBUFS);
    head.len = (uint32_t)size;
    expect_build_id_in_readonly(t, &head, "len the size of the build ID", -HVABI_EFAULT);
}

const struct conformance_test xen_version_control_tests[] = {
    {
        .name = "xen_version_commandline_control",
        .verifies = "hvabi~xen-version-commandline~1",
        .run = commandline_control,
    },
    {
        .name = "xen_version_build_id_control",
        .verifies = "hvabi~xen-version-build-id-size~1 hvabi~xen-version-build-id-none~1 "
                    "hvabi~xen-version-build-id~1 hvabi~xen-version-build-id-errors~1",
        .run = build_id_control,
    },
    { .name = NULL },
};
