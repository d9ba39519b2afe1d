/*
 * test_guest_memory.c - copies to and from guest virtual addresses
 * (core/guest_memory.h): translated page by page with the vCPU's own
 * stage-1 tables, then through the domain's stage-2 mapping, and only ever
 * to memory of that domain.
 *
 * The guest's RAM is `ram` below, mapped at GUEST_RAM_BASE at stage 2; its
 * stage-1 tables are the fake's mappings of 4 KiB pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/guest_memory.h"
#include "tests/support/core_fixture.h"

#include <hvabi/errno.h>

#define RAM_PAGES 4
#define IPA(page) (GUEST_RAM_BASE + (page) * PAGE_SIZE)
#define VA(page)  (0x10000ULL + (page) * PAGE_SIZE)

static _Alignas(4096) uint8_t ram[RAM_PAGES * PAGE_SIZE];
static struct vcpu *v;

static int setup(void **state)
{
    struct domain *d;

    (void)state;
    core_fixture_reset();
    d = core_fixture_domain("guest", 1);
    core_fixture_give_ram(d, ram, sizeof(ram));
    core_fixture_start(d);
    v = &d->vcpus[0];
    fake_arch.current_vcpu = v;
    for (unsigned int i = 0; i < sizeof(ram); i++) {
        ram[i] = (uint8_t)(i * 7 + i / PAGE_SIZE);
    }
    return 0;
}

static void test_copy_from_one_page(void **state)
{
    uint8_t out[16];

    (void)state;
    assert_int_equal(fake_arch_map_va(VA(0), IPA(1), false), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0) + 0x123, sizeof(out)), 0);
    assert_memory_equal(out, &ram[PAGE_SIZE + 0x123], sizeof(out));
    assert_ptr_equal(fake_arch.last_va_lookup_vcpu, v);
}

static void test_copy_from_follows_each_page(void **state)
{
    uint8_t out[16 + PAGE_SIZE];

    (void)state;
    /* Consecutive virtual pages on pages 3 and 0 of RAM: 16 bytes of one, all of the next. */
    assert_int_equal(fake_arch_map_va(VA(0), IPA(3), false), 0);
    assert_int_equal(fake_arch_map_va(VA(1), IPA(0), false), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0) + PAGE_SIZE - 16, sizeof(out)), 0);
    assert_memory_equal(out, &ram[4 * PAGE_SIZE - 16], 16);
    assert_memory_equal(&out[16], &ram[0], sizeof(out) - 16);
    assert_int_equal(fake_arch.va_lookups, 2);
}

static void test_copy_from_unmapped_address_faults(void **state)
{
    uint8_t out[4];

    (void)state;
    assert_int_equal(guest_copy_from(v, out, VA(0), sizeof(out)), -HVABI_EFAULT);
}

static void test_copy_from_across_into_an_unmapped_page_faults(void **state)
{
    uint8_t out[8];

    (void)state;
    assert_int_equal(fake_arch_map_va(VA(0), IPA(0), false), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0) + PAGE_SIZE - 4, 4), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0) + PAGE_SIZE - 4, 5), -HVABI_EFAULT);
}

static void test_copy_from_memory_outside_ram_faults(void **state)
{
    uint8_t out[8];

    (void)state;
    /* Mapped by the guest, but not to its RAM: below it, and just past its end. */
    assert_int_equal(fake_arch_map_va(VA(0), GUEST_RAM_BASE - PAGE_SIZE, false), 0);
    assert_int_equal(fake_arch_map_va(VA(1), IPA(RAM_PAGES), false), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0), 1), -HVABI_EFAULT);
    assert_int_equal(guest_copy_from(v, out, VA(1), 1), -HVABI_EFAULT);
}

static void test_copy_from_across_the_end_of_ram_faults(void **state)
{
    uint8_t out[8];

    (void)state;
    /* The last page of RAM, then a page the guest maps past the end of RAM. */
    assert_int_equal(fake_arch_map_va(VA(0), IPA(RAM_PAGES - 1), false), 0);
    assert_int_equal(fake_arch_map_va(VA(1), IPA(RAM_PAGES), false), 0);
    assert_int_equal(guest_copy_from(v, out, VA(1) - 8, 8), 0);
    assert_memory_equal(out, &ram[sizeof(ram) - 8], 8);
    assert_int_equal(guest_copy_from(v, out, VA(1) - 4, 8), -HVABI_EFAULT);
}

static void test_copy_goes_through_the_stage_2_mapping(void **state)
{
    static _Alignas(4096) uint8_t other_page[PAGE_SIZE];
    struct domain *d = v->domain;
    uint8_t out[4];

    (void)state;
    /* Page 1 of RAM is remapped (as the shared info page is) to another page, then unmapped. */
    memset(other_page, 0xee, sizeof(other_page));
    assert_int_equal(fake_arch_map_va(VA(0), IPA(1), true), 0);
    assert_int_equal(arch_map_guest_page(d, IPA(1), (uint64_t)(uintptr_t)other_page), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0) + 8, sizeof(out)), 0);
    assert_memory_equal(out, &other_page[8], sizeof(out));
    assert_int_equal(guest_copy_to(v, VA(0), "abcd", 4), 0);
    assert_memory_equal(other_page, "abcd", 4);

    assert_int_equal(arch_unmap_guest_page(d, IPA(1)), 0);
    assert_int_equal(guest_copy_from(v, out, VA(0), sizeof(out)), -HVABI_EFAULT);
}

static void test_copy_of_nothing_translates_nothing(void **state)
{
    uint8_t buffer[1] = { 0 };

    (void)state;
    assert_int_equal(guest_copy_from(v, buffer, VA(9), 0), 0);
    assert_int_equal(guest_copy_to(v, VA(9), buffer, 0), 0);
    assert_int_equal(fake_arch.va_lookups, 0);
}

static void test_copy_to_writable_pages(void **state)
{
    uint8_t data[PAGE_SIZE + 8];

    (void)state;
    memset(data, 0x5a, sizeof(data));
    assert_int_equal(fake_arch_map_va(VA(0), IPA(2), true), 0);
    assert_int_equal(fake_arch_map_va(VA(1), IPA(1), true), 0);
    assert_int_equal(guest_copy_to(v, VA(0) + PAGE_SIZE - 8, data, sizeof(data)), 0);
    assert_memory_equal(&ram[3 * PAGE_SIZE - 8], data, 8);
    assert_memory_equal(&ram[PAGE_SIZE], data, PAGE_SIZE);
}

static void test_copy_to_a_read_only_page_faults(void **state)
{
    uint8_t before[PAGE_SIZE];
    const uint8_t data[4] = { 1, 2, 3, 4 };

    (void)state;
    memcpy(before, &ram[0], sizeof(before));
    assert_int_equal(fake_arch_map_va(VA(0), IPA(0), false), 0);
    assert_int_equal(guest_copy_to(v, VA(0), data, sizeof(data)), -HVABI_EFAULT);
    assert_memory_equal(&ram[0], before, sizeof(before));
}

static void test_copy_to_outside_ram_faults(void **state)
{
    const uint8_t data[4] = { 1, 2, 3, 4 };

    (void)state;
    assert_int_equal(fake_arch_map_va(VA(0), IPA(RAM_PAGES), true), 0);
    assert_int_equal(guest_copy_to(v, VA(0), data, sizeof(data)), -HVABI_EFAULT);
    assert_int_equal(guest_copy_to(v, VA(5), data, sizeof(data)), -HVABI_EFAULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_copy_from_one_page, setup),
        cmocka_unit_test_setup(test_copy_from_follows_each_page, setup),
        cmocka_unit_test_setup(test_copy_from_unmapped_address_faults, setup),
        cmocka_unit_test_setup(test_copy_from_across_into_an_unmapped_page_faults, setup),
        cmocka_unit_test_setup(test_copy_from_memory_outside_ram_faults, setup),
        cmocka_unit_test_setup(test_copy_from_across_the_end_of_ram_faults, setup),
        cmocka_unit_test_setup(test_copy_goes_through_the_stage_2_mapping, setup),
        cmocka_unit_test_setup(test_copy_of_nothing_translates_nothing, setup),
        cmocka_unit_test_setup(test_copy_to_writable_pages, setup),
        cmocka_unit_test_setup(test_copy_to_a_read_only_page_faults, setup),
        cmocka_unit_test_setup(test_copy_to_outside_ram_faults, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
