/*
 * guest_fixture.c - a running guest for hypercall tests (see guest_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

/* The guest's RAM, remembered for guest_fixture_put(). */
static uint8_t *guest_ram;
static uint64_t guest_ram_size;

struct vcpu *guest_fixture_create(void *ram, uint64_t size)
{
    struct domain *d;

    assert_int_equal(size % PAGE_SIZE, 0);
    assert_true(size / PAGE_SIZE <= FAKE_ARCH_MAX_MAPPINGS);
    core_fixture_reset();
    d = core_fixture_domain("guest", 1);
    core_fixture_give_ram(d, ram, size);
    core_fixture_start(d);
    fake_arch.current_vcpu = &d->vcpus[0];
    for (uint64_t offset = 0; offset < size; offset += PAGE_SIZE) {
        assert_int_equal(fake_arch_map_va(GUEST_VA + offset, GUEST_RAM_BASE + offset, true), 0);
    }
    guest_ram = ram;
    guest_ram_size = size;
    return &d->vcpus[0];
}

uint64_t guest_fixture_put(uint64_t offset, const void *data, size_t len)
{
    assert_true(offset <= guest_ram_size && len <= guest_ram_size - offset);
    memcpy(guest_ram + offset, data, len);
    return GUEST_VA + offset;
}
