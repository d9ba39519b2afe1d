/*
 * guard_pages.h - an address below which EL1 may read and write and at
 * which it has no mapping: for the tests of pointer arguments that lie
 * partly in unmapped memory (aarch64_binding.rst, hvabi~aarch64-pointer-
 * el1-permissions~1: the hypervisor checks a pointer with EL1's stage 1
 * permissions).
 *
 * The guest's identity map has 2 MiB blocks (lib/guest/aarch64/mmu.h).
 * This code unmaps a whole block of a buffer of its own in the image for
 * the rest of the boot: the page below it is still the buffer, so the
 * read-write memory right below the unmapped block is guaranteed, which
 * the spare block of guest_memory.h (whatever lies below it) cannot give.
 * For a page EL1 may only read, see readonly_page.h.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_GUARD_PAGES_H
#define HVABI_CONFORMANCE_SUPPORT_GUARD_PAGES_H

#include <stdint.h>

#include "framework/test.h"

/*
 * An address X, 2 MiB aligned, such that [X - 4096, X) is ordinary
 * read-write memory of this image and [X, X + 2 MiB) has no stage 1
 * mapping.  0 (with a failure recorded) when the block cannot be unmapped.
 * A structure placed across X can be read only in part.
 */
uint64_t guard_unmapped_boundary(struct test_context *t);

#endif /* HVABI_CONFORMANCE_SUPPORT_GUARD_PAGES_H */
