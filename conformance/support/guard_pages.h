/*
 * guard_pages.h - memory that EL1 may read but not write, and an address
 * below which EL1 may read and at which it may not: for the tests of
 * pointer arguments (aarch64_binding.rst, hvabi~aarch64-pointer-el1-
 * permissions~1: the hypervisor checks a pointer with EL1's stage 1
 * permissions).
 *
 * The guest's identity map (lib/guest) maps its image with 2 MiB blocks.
 * This code takes two whole blocks of a buffer of its own in the image and
 * changes their stage 1 descriptors in place: one becomes read-only for the
 * time a test needs it, the other is unmapped for the rest of the boot.
 * Nothing else lives in those blocks.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_GUARD_PAGES_H
#define HVABI_CONFORMANCE_SUPPORT_GUARD_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "framework/test.h"

/*
 * Copies `size` bytes (at most 4096) to a page, makes the page read-only at
 * stage 1 and returns its address; NULL (with a failure recorded) when the
 * page tables are not as expected.  guard_readonly_end() makes the page
 * writable again; the test calls it before it returns.
 */
void *guard_readonly_begin(struct test_context *t, const void *content, size_t size);
void guard_readonly_end(void);

/*
 * An address X, 2 MiB aligned, such that [X - 4096, X) is ordinary
 * read-write memory of this image and [X, X + 2 MiB) has no stage 1
 * mapping.  0 (with a failure recorded) when the page tables are not as
 * expected.  A structure placed across X can be read only in part.
 */
uint64_t guard_unmapped_boundary(struct test_context *t);

#endif /* HVABI_CONFORMANCE_SUPPORT_GUARD_PAGES_H */
