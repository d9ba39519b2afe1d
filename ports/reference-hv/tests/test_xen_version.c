/*
 * test_xen_version.c - the xen_version hypercall (spec/chapters/xen_version.rst).
 *
 * The guest's RAM is `ram`, 4 pages at GUEST_VA (guest_fixture.h); every
 * test fills it with FILL first, so a byte the hypervisor did not write
 * still holds FILL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/hypercall.h"
#include "core/xen_version.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/xen_version.h>

#define FILL 0xa5
#define RAM_SIZE (4 * PAGE_SIZE)
#define UNMAPPED_VA 0x7000000ULL
#define READ_ONLY_VA 0x8000000ULL /* the first page of RAM, read-only */
#define VERSION_4_17 0x00040011

static _Alignas(4096) uint8_t ram[RAM_SIZE];
static struct vcpu *v;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    memset(ram, FILL, sizeof(ram));
    assert_int_equal(fake_arch_map_va(READ_ONLY_VA, GUEST_RAM_BASE, false), 0);
    return 0;
}

/* Asserts that guest RAM from `offset` on holds FILL for `len` bytes. */
static void assert_untouched(uint64_t offset, uint64_t len)
{
    for (uint64_t i = offset; i < offset + len; i++) {
        assert_int_equal(ram[i], FILL);
    }
}

/* Asserts that `field` is a string of printable ASCII, NUL-padded to `size`; returns its length. */
static size_t assert_string_field(const uint8_t *field, size_t size)
{
    size_t len = 0;

    while (len < size && field[len] != 0) {
        assert_true(field[len] >= 0x20 && field[len] <= 0x7e);
        len++;
    }
    assert_true(len < size);
    for (size_t i = len; i < size; i++) {
        assert_int_equal(field[i], 0);
    }
    return len;
}

/* Calls `cmd` with arg = GUEST_VA + 8 and checks that exactly `size` bytes were written. */
static void call_and_check_size(uint32_t cmd, size_t size)
{
    assert_int_equal(do_xen_version(v, cmd, GUEST_VA + 8), 0);
    assert_untouched(0, 8);
    assert_untouched(8 + size, 64);
}

static void test_version_is_that_of_xen_4_17(void **state)
{
    int64_t version;

    (void)state;
    version = do_xen_version(v, HVABI_XENVER_VERSION, 0);
    assert_int_equal(version, VERSION_4_17);
    assert_int_equal(version >> HVABI_XENVER_MAJOR_SHIFT, 4);
    assert_int_equal(version & HVABI_XENVER_MINOR_MASK, 17);
    assert_int_equal((uint64_t)version >> 32, 0);
}

static void test_version_ignores_the_argument(void **state)
{
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    /* Not a pointer the guest has mapped: it must not even be looked at. */
    assert_int_equal(do_xen_version(v, HVABI_XENVER_VERSION, 0xffff000012345678ULL), VERSION_4_17);
    assert_int_equal(fake_arch.va_lookups, lookups);
}

static void test_version_does_not_change(void **state)
{
    (void)state;
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(do_xen_version(v, HVABI_XENVER_VERSION, (uint64_t)i), VERSION_4_17);
    }
}

static void test_extraversion_is_a_16_byte_string(void **state)
{
    (void)state;
    call_and_check_size(HVABI_XENVER_EXTRAVERSION, HVABI_XENVER_EXTRAVERSION_LEN);
    assert_string_field(&ram[8], HVABI_XENVER_EXTRAVERSION_LEN);
    assert_string_equal((const char *)&ram[8], "-refhv" REFHV_VERSION_STRING);
}

static void test_compile_info_is_four_strings(void **state)
{
    struct hvabi_xenver_compile_info info;

    (void)state;
    call_and_check_size(HVABI_XENVER_COMPILE_INFO, sizeof(info));
    memcpy(&info, &ram[8], sizeof(info));
    assert_true(assert_string_field(info.compiler, sizeof(info.compiler)) > 0);
    assert_string_equal((const char *)info.compile_by, "hvabi");
    assert_string_field(info.compile_by, sizeof(info.compile_by));
    assert_string_field(info.compile_domain, sizeof(info.compile_domain));
    assert_string_field(info.compile_date, sizeof(info.compile_date));
}

static void test_capabilities_are_aarch64_only(void **state)
{
    (void)state;
    call_and_check_size(HVABI_XENVER_CAPABILITIES, HVABI_XENVER_CAPABILITIES_LEN);
    assert_string_field(&ram[8], HVABI_XENVER_CAPABILITIES_LEN);
    assert_string_equal((const char *)&ram[8], "xen-3.0-aarch64");
}

static void test_changeset_is_empty(void **state)
{
    (void)state;
    call_and_check_size(HVABI_XENVER_CHANGESET, HVABI_XENVER_CHANGESET_LEN);
    assert_int_equal(assert_string_field(&ram[8], HVABI_XENVER_CHANGESET_LEN), 0);
}

static void test_platform_parameters_reserve_nothing(void **state)
{
    struct hvabi_xenver_platform_parameters params;

    (void)state;
    call_and_check_size(HVABI_XENVER_PLATFORM_PARAMETERS, sizeof(params));
    memcpy(&params, &ram[8], sizeof(params));
    assert_int_equal(params.virt_start, 0);
}

static uint32_t features_of_this_domain(void)
{
    struct hvabi_xenver_feature_info info = { .submap_idx = 0, .submap = 0xdeadbeef };

    memcpy(&ram[16], &info, sizeof(info));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_GET_FEATURES, GUEST_VA + 16), 0);
    memcpy(&info, &ram[16], sizeof(info));
    assert_int_equal(info.submap_idx, 0);
    assert_untouched(0, 16);
    assert_untouched(24, 64);
    return info.submap;
}

static void test_features_of_a_translated_domain(void **state)
{
    (void)state;
    /* The fixture's RAM is host memory: guest-physical is not physical. */
    assert_int_equal(features_of_this_domain(),
                     (1U << HVABI_XENFEAT_WRITABLE_PAGE_TABLES) |
                         (1U << HVABI_XENFEAT_AUTO_TRANSLATED_PHYSMAP) |
                         (1U << HVABI_XENFEAT_ARM_SMCCC_SUPPORTED) |
                         (1U << HVABI_XENFEAT_NOT_DIRECT_MAPPED));
}

static void test_features_of_a_direct_mapped_domain(void **state)
{
    (void)state;
    v->domain->ram_pa = v->domain->ram_ipa;
    assert_int_equal(features_of_this_domain(),
                     (1U << HVABI_XENFEAT_WRITABLE_PAGE_TABLES) |
                         (1U << HVABI_XENFEAT_AUTO_TRANSLATED_PHYSMAP) |
                         (1U << HVABI_XENFEAT_ARM_SMCCC_SUPPORTED) |
                         (1U << HVABI_XENFEAT_DIRECT_MAPPED));
}

static void test_features_of_a_control_domain_lack_dom0(void **state)
{
    (void)state;
    v->domain->is_control = true;
    assert_int_equal(features_of_this_domain() & (1U << HVABI_XENFEAT_DOM0), 0);
}

static void test_features_of_other_submaps_fail_with_einval(void **state)
{
    static const uint32_t indexes[] = { 1, 2, 0x80000000U, 0xffffffffU };

    (void)state;
    for (unsigned int i = 0; i < sizeof(indexes) / sizeof(indexes[0]); i++) {
        struct hvabi_xenver_feature_info info = { .submap_idx = indexes[i], .submap = 0x1234 };
        struct hvabi_xenver_feature_info after;

        memcpy(&ram[0], &info, sizeof(info));
        assert_int_equal(do_xen_version(v, HVABI_XENVER_GET_FEATURES, GUEST_VA),
                         -HVABI_EINVAL);
        /* A read-only structure fails on its index too: the write is never tried. */
        assert_int_equal(do_xen_version(v, HVABI_XENVER_GET_FEATURES, READ_ONLY_VA),
                         -HVABI_EINVAL);
        memcpy(&after, &ram[0], sizeof(after));
        assert_memory_equal(&after, &info, sizeof(info));
    }
}

static void test_features_check_read_then_write(void **state)
{
    struct hvabi_xenver_feature_info info = { .submap_idx = 0, .submap = 0x1234 };

    (void)state;
    assert_int_equal(do_xen_version(v, HVABI_XENVER_GET_FEATURES, UNMAPPED_VA), -HVABI_EFAULT);
    memcpy(&ram[0], &info, sizeof(info));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_GET_FEATURES, READ_ONLY_VA), -HVABI_EFAULT);
    assert_memory_equal(&ram[0], &info, sizeof(info));
}

static void test_pagesize(void **state)
{
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    assert_int_equal(do_xen_version(v, HVABI_XENVER_PAGESIZE, 0), 4096);
    assert_int_equal(do_xen_version(v, HVABI_XENVER_PAGESIZE, GUEST_VA), -HVABI_EINVAL);
    assert_int_equal(do_xen_version(v, HVABI_XENVER_PAGESIZE, 1), -HVABI_EINVAL);
    assert_int_equal(fake_arch.va_lookups, lookups);
}

static void test_guest_handle_is_zero(void **state)
{
    (void)state;
    call_and_check_size(HVABI_XENVER_GUEST_HANDLE, HVABI_XENVER_GUEST_HANDLE_LEN);
    for (unsigned int i = 0; i < HVABI_XENVER_GUEST_HANDLE_LEN; i++) {
        assert_int_equal(ram[8 + i], 0);
    }
}

static void test_commandline_is_denied_to_other_domains(void **state)
{
    (void)state;
    xen_version_init("console=dtuart", 14);
    call_and_check_size(HVABI_XENVER_COMMANDLINE, 9);
    assert_memory_equal(&ram[8], "<denied>", 9);
}

static void test_commandline_of_a_control_domain(void **state)
{
    (void)state;
    v->domain->is_control = true;
    xen_version_init("console=dtuart\x01 x", 17);
    call_and_check_size(HVABI_XENVER_COMMANDLINE, HVABI_XENVER_COMMANDLINE_LEN);
    assert_string_field(&ram[8], HVABI_XENVER_COMMANDLINE_LEN);
    assert_string_equal((const char *)&ram[8], "console=dtuart? x");
}

static void test_commandline_is_truncated_to_1023_bytes(void **state)
{
    static char line[1100];

    (void)state;
    memset(line, 'x', sizeof(line));
    v->domain->is_control = true;
    xen_version_init(line, sizeof(line));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_COMMANDLINE, GUEST_VA), 0);
    assert_int_equal(assert_string_field(&ram[0], HVABI_XENVER_COMMANDLINE_LEN), 1023);
}

static void test_build_id_is_denied_to_other_domains(void **state)
{
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, 0), -HVABI_EPERM);
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, GUEST_VA), -HVABI_EPERM);
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, UNMAPPED_VA), -HVABI_EPERM);
    assert_int_equal(fake_arch.va_lookups, lookups);
}

static void test_build_id_of_a_control_domain_is_missing(void **state)
{
    uint32_t len;

    (void)state;
    v->domain->is_control = true;
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, 0), -HVABI_ENODATA);
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, UNMAPPED_VA), -HVABI_EFAULT);
    len = 0;
    memcpy(&ram[0], &len, sizeof(len));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, GUEST_VA), -HVABI_EINVAL);
    len = 20;
    memcpy(&ram[0], &len, sizeof(len));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, GUEST_VA), -HVABI_ENODATA);
    assert_untouched(4, 64);
}

static void test_build_id_of_a_control_domain(void **state)
{
    static const uint8_t id[20] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x02,
                                    0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c };
    uint32_t len;

    (void)state;
    v->domain->is_control = true;
    fake_arch.build_id = id;
    fake_arch.build_id_size = sizeof(id);
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, 0), 20);
    /* The checks in their order: len unreadable, len 0, len too small. */
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, UNMAPPED_VA), -HVABI_EFAULT);
    len = 0;
    memcpy(&ram[0], &len, sizeof(len));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, GUEST_VA), -HVABI_EINVAL);
    len = 19;
    memcpy(&ram[0], &len, sizeof(len));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, GUEST_VA), -HVABI_ENOBUFS);
    assert_untouched(4, 64);
    /* Written from offset 4; len and the bytes after the ID unchanged. */
    len = 24;
    memcpy(&ram[0], &len, sizeof(len));
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, GUEST_VA), 20);
    memcpy(&len, &ram[0], sizeof(len));
    assert_int_equal(len, 24);
    assert_memory_equal(&ram[4], id, sizeof(id));
    assert_untouched(24, 64);
    /* The ID is written to read-only memory: EFAULT, after the size checks. */
    assert_int_equal(do_xen_version(v, HVABI_XENVER_BUILD_ID, READ_ONLY_VA), -HVABI_EFAULT);
}

static void test_unwritable_results_fail_with_efault(void **state)
{
    static const uint32_t commands[] = {
        HVABI_XENVER_EXTRAVERSION, HVABI_XENVER_COMPILE_INFO, HVABI_XENVER_CAPABILITIES,
        HVABI_XENVER_CHANGESET, HVABI_XENVER_PLATFORM_PARAMETERS, HVABI_XENVER_GUEST_HANDLE,
        HVABI_XENVER_COMMANDLINE,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_xen_version(v, commands[i], UNMAPPED_VA), -HVABI_EFAULT);
        assert_int_equal(do_xen_version(v, commands[i], READ_ONLY_VA), -HVABI_EFAULT);
    }
    assert_untouched(0, PAGE_SIZE);
}

static void test_results_are_constant(void **state)
{
    static uint8_t first[2 * PAGE_SIZE];

    (void)state;
    for (uint32_t cmd = HVABI_XENVER_EXTRAVERSION; cmd <= HVABI_XENVER_COMMANDLINE; cmd++) {
        int64_t rc = do_xen_version(v, cmd, cmd == HVABI_XENVER_PAGESIZE ? 0 : GUEST_VA);

        memcpy(first, ram, sizeof(first));
        assert_int_equal(do_xen_version(v, cmd, cmd == HVABI_XENVER_PAGESIZE ? 0 : GUEST_VA), rc);
        assert_memory_equal(first, ram, sizeof(first));
    }
}

static void test_reserved_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = { 11, 12, 13, 14, 15, 0x80000000U, 0xffffffffU };
    unsigned int lookups = fake_arch.va_lookups;

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_xen_version(v, commands[i], GUEST_VA), -HVABI_ENOSYS);
    }
    assert_int_equal(fake_arch.va_lookups, lookups);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_version_is_that_of_xen_4_17, setup),
        cmocka_unit_test_setup(test_version_ignores_the_argument, setup),
        cmocka_unit_test_setup(test_version_does_not_change, setup),
        cmocka_unit_test_setup(test_extraversion_is_a_16_byte_string, setup),
        cmocka_unit_test_setup(test_compile_info_is_four_strings, setup),
        cmocka_unit_test_setup(test_capabilities_are_aarch64_only, setup),
        cmocka_unit_test_setup(test_changeset_is_empty, setup),
        cmocka_unit_test_setup(test_platform_parameters_reserve_nothing, setup),
        cmocka_unit_test_setup(test_features_of_a_translated_domain, setup),
        cmocka_unit_test_setup(test_features_of_a_direct_mapped_domain, setup),
        cmocka_unit_test_setup(test_features_of_a_control_domain_lack_dom0, setup),
        cmocka_unit_test_setup(test_features_of_other_submaps_fail_with_einval, setup),
        cmocka_unit_test_setup(test_features_check_read_then_write, setup),
        cmocka_unit_test_setup(test_pagesize, setup),
        cmocka_unit_test_setup(test_guest_handle_is_zero, setup),
        cmocka_unit_test_setup(test_commandline_is_denied_to_other_domains, setup),
        cmocka_unit_test_setup(test_commandline_of_a_control_domain, setup),
        cmocka_unit_test_setup(test_commandline_is_truncated_to_1023_bytes, setup),
        cmocka_unit_test_setup(test_build_id_is_denied_to_other_domains, setup),
        cmocka_unit_test_setup(test_build_id_of_a_control_domain, setup),
        cmocka_unit_test_setup(test_build_id_of_a_control_domain_is_missing, setup),
        cmocka_unit_test_setup(test_unwritable_results_fail_with_efault, setup),
        cmocka_unit_test_setup(test_results_are_constant, setup),
        cmocka_unit_test_setup(test_reserved_commands_fail_with_enosys, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
