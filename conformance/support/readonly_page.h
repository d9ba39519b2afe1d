/*
 * readonly_page.h - a page of the guest's RAM that its stage 1 maps
 * read-only, for the tests of results that "cannot be written"
 * (hvabi~aarch64-pointer-arguments~1: a hypercall translates a pointer as
 * the guest's stage 1 would for the access it makes).
 *
 * The guest's identity map has 2 MiB blocks, so a whole free 2 MiB block
 * of RAM becomes read-only: the spare block of guest_memory.h, which holds
 * none of the image, the device tree or the ramdisk.  A test that uses this
 * page does not use the spare block otherwise at the same time.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_READONLY_PAGE_H
#define HVABI_CONFORMANCE_SUPPORT_READONLY_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "framework/test.h"

/*
 * Copies `size` bytes (at most 4096) of `contents` to the start of the
 * spare block, the rest of the page 0, and maps the block read-only.
 * Returns the page's address, or 0 after recording a failure (no spare
 * block).
 */
uint64_t readonly_page_map(struct test_context *t, const void *contents, size_t size);

/* Makes the block writable again. */
void readonly_page_unmap(uint64_t page);

#endif /* HVABI_CONFORMANCE_SUPPORT_READONLY_PAGE_H */
