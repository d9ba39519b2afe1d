/*
 * xen_version_strings.c - the xen_version commands that write fixed-size
 * results: the strings (1 to 4), the platform parameters (5), the domain
 * handle (8), and what holds for all of them.
 *
 * Specification: spec/chapters/xen_version.rst.  Results are written into a
 * field surrounded by guard bytes; a result is read twice, over two
 * different fill bytes, so that a byte the hypervisor did not write shows as
 * a difference.
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

#define GUARD 64
#define FIELD_MAX HVABI_XENVER_CAPABILITIES_LEN
#define FILL_A 0xa5
#define FILL_B 0x5a

/* A command that writes a fixed-size result, and the size. */
struct fixed_result {
    uint32_t cmd;
    const char *name;
    size_t size;
};

static const struct fixed_result fixed_results[] = {
    { HVABI_XENVER_EXTRAVERSION, "XENVER_extraversion", HVABI_XENVER_EXTRAVERSION_LEN },
    { HVABI_XENVER_COMPILE_INFO, "XENVER_compile_info", sizeof(struct hvabi_xenver_compile_info) },
    { HVABI_XENVER_CAPABILITIES, "XENVER_capabilities", HVABI_XENVER_CAPABILITIES_LEN },
    { HVABI_XENVER_CHANGESET, "XENVER_changeset", HVABI_XENVER_CHANGESET_LEN },
    { HVABI_XENVER_PLATFORM_PARAMETERS, "XENVER_platform_parameters",
      sizeof(struct hvabi_xenver_platform_parameters) },
    { HVABI_XENVER_GUEST_HANDLE, "XENVER_guest_handle", HVABI_XENVER_GUEST_HANDLE_LEN },
};

#define FIXED_RESULT_COUNT (sizeof(fixed_results) / sizeof(fixed_results[0]))

/* The guard bytes, the field, the guard bytes; the field is 8-byte aligned. */
static uint8_t area[GUARD + FIELD_MAX + GUARD] __attribute__((aligned(16)));
static uint8_t copy[FIELD_MAX];

static int64_t xen_version(uint64_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, cmd, arg);
}

static uint8_t *field(void)
{
    return &area[GUARD];
}

/*
 * Fills the area with `fill` and calls `cmd` on the field.  Records a
 * failure and returns false unless the call returns 0 and every guard byte
 * (the bytes after `size` included) still holds `fill`.
 */
static bool call_into_field(struct test_context *t, const struct fixed_result *r, uint8_t fill)
{
    int64_t rc;

    memset(area, fill, sizeof(area));
    rc = xen_version(r->cmd, (uint64_t)(uintptr_t)field());
    if (!expect(t, rc == 0, "%s: expected 0, got %lld", r->name, (long long)rc)) {
        return false;
    }
    for (size_t i = 0; i < sizeof(area); i++) {
        bool guard = i < GUARD || i >= GUARD + r->size;

        if (guard && !expect(t, area[i] == fill,
                             "%s wrote byte %lld relative to arg (0x%02x), outside its %zu bytes",
                             r->name, (long long)i - GUARD, area[i], r->size)) {
            return false;
        }
    }
    return true;
}

/*
 * Reads a fixed-size result into copy[], over both fill bytes; records a
 * failure unless the two reads are equal (every byte was written).
 */
static bool read_result(struct test_context *t, const struct fixed_result *r)
{
    if (!call_into_field(t, r, FILL_A)) {
        return false;
    }
    memcpy(copy, field(), r->size);
    if (!call_into_field(t, r, FILL_B)) {
        return false;
    }
    for (size_t i = 0; i < r->size; i++) {
        if (!expect(t, field()[i] == copy[i],
                    "%s left byte %zu of its %zu unwritten (0x%02x over 0x%02x fill, 0x%02x over "
                    "0x%02x)",
                    r->name, i, r->size, copy[i], FILL_A, field()[i], FILL_B)) {
            return false;
        }
    }
    return true;
}

static const struct fixed_result *find_result(uint32_t cmd)
{
    for (size_t i = 0; i < FIXED_RESULT_COUNT; i++) {
        if (fixed_results[i].cmd == cmd) {
            return &fixed_results[i];
        }
    }
    return NULL;
}

/*
 * Checks the string form of hvabi~xen-version-strings~1 in `size` bytes:
 * printable bytes, a NUL, zeros.  Returns the string's length, or -1.
 */
static int check_string(struct test_context *t, const char *what, const uint8_t *bytes,
                        size_t size)
{
    size_t length = 0;

    while (length < size && bytes[length] >= 0x20 && bytes[length] <= 0x7e) {
        length++;
    }
    if (!expect(t, length < size && bytes[length] == 0,
                "%s: byte %zu is 0x%02x; expected printable ASCII up to a NUL within %zu bytes",
                what, length, length < size ? bytes[length] : 0, size)) {
        return -1;
    }
    for (size_t i = length + 1; i < size; i++) {
        if (!expect(t, bytes[i] == 0, "%s: byte %zu after the NUL is 0x%02x, not 0", what, i,
                    bytes[i])) {
            return -1;
        }
    }
    return (int)length;
}

/* Reads a one-string command and checks the string; -1 after a failure. */
static int read_string(struct test_context *t, uint32_t cmd)
{
    const struct fixed_result *r = find_result(cmd);

    if (!read_result(t, r)) {
        return -1;
    }
    return check_string(t, r->name, copy, r->size);
}

static void extraversion(struct test_context *t)
{
    if (read_string(t, HVABI_XENVER_EXTRAVERSION) >= 0) {
        test_note(t, "extraversion \"%s\"", (const char *)copy);
    }
}

static void compile_info(struct test_context *t)
{
    static const struct {
        const char *name;
        size_t offset;
        size_t size;
    } fields[] = {
        { "compiler", 0, 64 },
        { "compile_by", 64, 16 },
        { "compile_domain", 80, 32 },
        { "compile_date", 112, 32 },
    };

    if (!read_result(t, find_result(HVABI_XENVER_COMPILE_INFO))) {
        return;
    }
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (check_string(t, fields[i].name, copy + fields[i].offset, fields[i].size) >= 0) {
            test_note(t, "%s \"%s\"", fields[i].name, (const char *)copy + fields[i].offset);
        }
    }
}

static void capabilities(struct test_context *t)
{
    const char *text = (const char *)copy;
    size_t start;
    size_t end;

    if (read_string(t, HVABI_XENVER_CAPABILITIES) < 0) {
        return;
    }
    test_note(t, "capabilities \"%s\"", text);
    start = 0;
    while (text[start] == ' ') {
        start++;
    }
    end = strlen(text);
    while (end > start && text[end - 1] == ' ') {
        end--;
    }
    expect(t, end - start == strlen("xen-3.0-aarch64") &&
                  memcmp(text + start, "xen-3.0-aarch64", end - start) == 0,
           "XENVER_capabilities: expected the one word xen-3.0-aarch64, got \"%s\"", text);
}

static void changeset(struct test_context *t)
{
    if (read_string(t, HVABI_XENVER_CHANGESET) >= 0) {
        test_note(t, "changeset \"%s\"", (const char *)copy);
    }
}

/* Every string field of commands 1 to 4 (also checked by the tests above,
 * field by field; here the requirement on all of them at once). */
static void strings_form(struct test_context *t)
{
    static const uint32_t commands[] = {
        HVABI_XENVER_EXTRAVERSION, HVABI_XENVER_CAPABILITIES, HVABI_XENVER_CHANGESET,
    };
    static const size_t compile_fields[][2] = { { 0, 64 }, { 64, 16 }, { 80, 32 }, { 112, 32 } };

    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        read_string(t, commands[i]);
    }
    if (read_result(t, find_result(HVABI_XENVER_COMPILE_INFO))) {
        for (size_t i = 0; i < 4; i++) {
            check_string(t, "XENVER_compile_info field", copy + compile_fields[i][0],
                         compile_fields[i][1]);
        }
    }
}

static void output_size(struct test_context *t)
{
    for (size_t i = 0; i < FIXED_RESULT_COUNT; i++) {
        read_result(t, &fixed_results[i]);
    }
}

static void platform_parameters(struct test_context *t)
{
    struct hvabi_xenver_platform_parameters parameters;

    if (!read_result(t, find_result(HVABI_XENVER_PLATFORM_PARAMETERS))) {
        return;
    }
    memcpy(&parameters, copy, sizeof(parameters));
    expect(t, parameters.virt_start == 0,
           "XENVER_platform_parameters: virt_start is 0x%llx, expected 0",
           (unsigned long long)parameters.virt_start);
}

static void guest_handle(struct test_context *t)
{
    static const uint8_t zeros[HVABI_XENVER_GUEST_HANDLE_LEN];

    if (!read_result(t, find_result(HVABI_XENVER_GUEST_HANDLE))) {
        return;
    }
    expect(t, memcmp(copy, zeros, sizeof(zeros)) == 0,
           "XENVER_guest_handle: expected 16 zero bytes (the harness assigns no handle), got "
           "%02x%02x%02x%02x...",
           copy[0], copy[1], copy[2], copy[3]);
}

/* The commands that write through arg, and an address each cannot write. */
static void fault(struct test_context *t)
{
    static const uint32_t commands[] = {
        HVABI_XENVER_EXTRAVERSION, HVABI_XENVER_COMPILE_INFO, HVABI_XENVER_CAPABILITIES,
        HVABI_XENVER_CHANGESET, HVABI_XENVER_PLATFORM_PARAMETERS, HVABI_XENVER_GUEST_HANDLE,
        HVABI_XENVER_COMMANDLINE,
    };
    static const uint8_t nothing[1];
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t unmapped = unmapped_virtual_address();
    uint64_t readonly = readonly_page_map(t, nothing, sizeof(nothing));

    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        uint32_t cmd = commands[i];

        const uint64_t bad_args[] = { unbacked, unmapped, readonly };
        static const char *const what[] = {
            "a guest address without memory", "an address without a stage-1 mapping",
            "a page mapped read-only at stage 1",
        };

        for (size_t a = 0; a < sizeof(bad_args) / sizeof(bad_args[0]); a++) {
            int64_t rc;

            if (bad_args[a] == 0) {
                continue;
            }
            rc = xen_version(cmd, bad_args[a]);
            expect(t, rc == -HVABI_EFAULT,
                   "xen_version(%u) to %s: expected -EFAULT (-14), got %lld", cmd, what[a],
                   (long long)rc);
        }
    }
    readonly_page_unmap(readonly);
}

/* Two reads of each command 1 to 10 agree in result and bytes. */
static void results_constant(struct test_context *t)
{
    static uint8_t first[FIELD_MAX];
    struct hvabi_xenver_feature_info features[2];
    int64_t rc[2];

    for (size_t i = 0; i < FIXED_RESULT_COUNT; i++) {
        if (!read_result(t, &fixed_results[i])) {
            continue;
        }
        memcpy(first, copy, fixed_results[i].size);
        if (read_result(t, &fixed_results[i])) {
            expect(t, memcmp(first, copy, fixed_results[i].size) == 0,
                   "%s: two calls wrote different bytes", fixed_results[i].name);
        }
    }
    for (int i = 0; i < 2; i++) {
        memset(&features[i], 0, sizeof(features[i]));
        rc[i] = xen_version(HVABI_XENVER_GET_FEATURES, (uint64_t)(uintptr_t)&features[i]);
    }
    expect(t, rc[0] == rc[1] && features[0].submap == features[1].submap,
           "XENVER_get_features: results %lld then %lld, submaps 0x%x then 0x%x",
           (long long)rc[0], (long long)rc[1], features[0].submap, features[1].submap);
    rc[0] = xen_version(HVABI_XENVER_PAGESIZE, 0);
    rc[1] = xen_version(HVABI_XENVER_PAGESIZE, 0);
    expect(t, rc[0] == rc[1], "XENVER_pagesize: %lld then %lld", (long long)rc[0],
           (long long)rc[1]);
    for (int i = 0; i < 2; i++) {
        memset(area, FILL_A, sizeof(area));
        rc[i] = xen_version(HVABI_XENVER_COMMANDLINE, (uint64_t)(uintptr_t)field());
        memcpy(i == 0 ? first : copy, field(), HVABI_XENVER_COMMANDLINE_LEN);
    }
    expect(t, rc[0] == rc[1] && memcmp(first, copy, HVABI_XENVER_COMMANDLINE_LEN) == 0,
           "XENVER_commandline: results %lld then %lld, or different bytes", (long long)rc[0],
           (long long)rc[1]);
    rc[0] = xen_version(HVABI_XENVER_BUILD_ID, 0);
    rc[1] = xen_version(HVABI_XENVER_BUILD_ID, 0);
    expect(t, rc[0] == rc[1], "XENVER_build_id with arg 0: %lld then %lld", (long long)rc[0],
           (long long)rc[1]);
}

const struct conformance_test xen_version_string_tests[] = {
    {
        .name = "xen_version_extraversion",
        .verifies = "hvabi~xen-version-extraversion~1",
        .run = extraversion,
    },
    {
        .name = "xen_version_compile_info",
        .verifies = "hvabi~xen-version-compile-info~1",
        .run = compile_info,
    },
    {
        .name = "xen_version_capabilities",
        .verifies = "hvabi~xen-version-capabilities~1",
        .run = capabilities,
    },
    {
        .name = "xen_version_changeset",
        .verifies = "hvabi~xen-version-changeset~1",
        .run = changeset,
    },
    {
        .name = "xen_version_strings",
        .verifies = "hvabi~xen-version-strings~1",
        .run = strings_form,
    },
    {
        .name = "xen_version_output_size",
        .verifies = "hvabi~xen-version-output-size~1",
        .run = output_size,
    },
    {
        .name = "xen_version_platform_parameters",
        .verifies = "hvabi~xen-version-platform-parameters~1",
        .run = platform_parameters,
    },
    {
        .name = "xen_version_guest_handle",
        .verifies = "hvabi~xen-version-guest-handle~1",
        .run = guest_handle,
    },
    {
        .name = "xen_version_fault",
        .verifies = "hvabi~xen-version-fault~1",
        .run = fault,
    },
    {
        .name = "xen_version_results_constant",
        .verifies = "hvabi~xen-version-results-constant~1",
        .run = results_constant,
    },
    { .name = NULL },
};
