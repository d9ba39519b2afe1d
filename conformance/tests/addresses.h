/*
 * addresses.h - addresses a test can pass as a bad pointer.
 *
 * Hypercall pointer arguments are guest virtual addresses translated by the
 * caller's stage-1 tables and then by the hypervisor's stage 2.  A pointer
 * can be bad at either step; the tests use one of each.
 */
#ifndef HVABI_CONFORMANCE_TESTS_ADDRESSES_H
#define HVABI_CONFORMANCE_TESTS_ADDRESSES_H

#include <stdint.h>

#include "guest/platform.h"

/*
 * A page-aligned address that the guest's identity map translates, but that
 * lies outside every /memory range, device and grant window of the device
 * tree: no memory of the domain is there.  Returns 0 when every candidate is in
 * use (a guest with RAM near 512 GiB); the test then skips.
 */
uint64_t unbacked_guest_address(const struct guest_platform *platform);

/* An address the guest's stage-1 tables do not map at all. */
uint64_t unmapped_virtual_address(void);

#endif /* HVABI_CONFORMANCE_TESTS_ADDRESSES_H */
