/*
 * xen_version.c - the xen_version hypercall.
 *
 * Specification: spec/chapters/xen_version.rst.
 */
#include <stdint.h>

#include "framework/suite.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/xen_version.h>

static int64_t xen_version(uint64_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, cmd, arg);
}

static void version_is_well_formed(struct test_context *t)
{
    int64_t v = xen_version(HVABI_XENVER_VERSION, 0);

    if (!expect(t, v >= 0 && v <= 0xffffffffLL,
                "XENVER_version: expected a value in [0, 2^32), got %lld", (long long)v)) {
        return;
    }
    test_note(t, "interface version %lld.%lld", (long long)(v >> HVABI_XENVER_MAJOR_SHIFT),
              (long long)(v & HVABI_XENVER_MINOR_MASK));
    expect(t, v >> HVABI_XENVER_MAJOR_SHIFT == 4 && (v & HVABI_XENVER_MINOR_MASK) == 17,
           "XENVER_version: expected the interface version 4.17 that version 1 of the "
           "specification requires, got %lld.%lld", (long long)(v >> HVABI_XENVER_MAJOR_SHIFT),
           (long long)(v & HVABI_XENVER_MINOR_MASK));
}

static void version_is_constant(struct test_context *t)
{
    int64_t first = xen_version(HVABI_XENVER_VERSION, 0);

    for (int i = 0; i < 100; i++) {
        int64_t again = xen_version(HVABI_XENVER_VERSION, 0);

        if (!expect(t, again == first, "XENVER_version call %d: got 0x%llx, first call 0x%llx",
                    i + 2, (long long)again, (long long)first)) {
            return;
        }
    }
}

/* Commands no version of the interface defines. */
static void unknown_command(struct test_context *t)
{
    static const uint64_t commands[] = { 0x7fff, 0x7fffffff };

    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        int64_t rc = xen_version(commands[i], 0);

        expect(t, rc == -HVABI_ENOSYS, "xen_version(0x%llx): expected -ENOSYS (-38), got %lld",
               (unsigned long long)commands[i], (long long)rc);
    }
}

const struct conformance_test xen_version_tests[] = {
    {
        .name = "xen_version_version_is_well_formed",
        .verifies = "hvabi~xen-version-version~1 hvabi~interface-version~1 "
                    "hvabi~aarch64-call-instruction~1 hvabi~aarch64-call-result~1",
        .run = version_is_well_formed,
    },
    {
        .name = "xen_version_version_is_constant",
        .verifies = "hvabi~xen-version-version-constant~1",
        .run = version_is_constant,
    },
    {
        .name = "xen_version_unknown_command",
        .verifies = "hvabi~xen-version-unknown-command~1",
        .run = unknown_command,
    },
    { .name = NULL },
};
