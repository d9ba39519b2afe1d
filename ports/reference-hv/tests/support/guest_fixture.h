/*
 * guest_fixture.h - a running guest that makes hypercalls: one domain with
 * one vCPU, current on this CPU, and RAM the tests fill and read.
 *
 * The guest's virtual addresses GUEST_VA .. GUEST_VA + size map page for
 * page onto its RAM (GUEST_RAM_BASE ..), writable; everything else is
 * unmapped.  Include it after <cmocka.h>.
 */
#ifndef REFHV_TESTS_GUEST_FIXTURE_H
#define REFHV_TESTS_GUEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"

#define GUEST_VA 0x10000ULL

/*
 * Resets the core (core_fixture_reset()) and makes the guest, domain 1,
 * with `ram` (page-aligned, `size` bytes, at most 16 pages) as its RAM.
 * Returns its vCPU 0.
 */
struct vcpu *guest_fixture_create(void *ram, uint64_t size);

/* Copies `len` bytes to offset `offset` of the guest's RAM; returns their guest virtual address. */
uint64_t guest_fixture_put(uint64_t offset, const void *data, size_t len);

#endif /* REFHV_TESTS_GUEST_FIXTURE_H */
