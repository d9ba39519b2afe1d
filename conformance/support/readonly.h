/*
 * readonly.h - memory that the guest maps read-only, to hand the hypervisor
 * a buffer it can read but must not write (spec: aarch64_binding.rst,
 * pointer arguments are accessed with the caller's stage-1 permissions),
 * or for code that runs at EL0.  One area serves both: each call replaces
 * what the area held.
 *
 * The area is a 2 MiB block of the domain's RAM away from its image and
 * device tree; the guest's stage-1 tables map whole 2 MiB blocks.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_READONLY_H
#define HVABI_CONFORMANCE_SUPPORT_READONLY_H

#include <stddef.h>
#include <stdint.h>

#include "framework/test.h"

#define READONLY_AREA_SIZE (2u * 1024u * 1024u)

/*
 * Copies `size` bytes of `content` to the start of the area, zeroes the
 * rest of its first page, and maps the area read-only.  Returns the
 * area's address, or NULL (recorded) when the domain has no RAM block to
 * spare.
 */
void *readonly_area(struct test_context *t, const void *content, size_t size);

/* The same area, with `size` bytes of code copied to its start, mapped so
 * that EL0 may execute it (and nobody write it). */
void *el0_code_area(struct test_context *t, const void *code, size_t size);

#endif /* HVABI_CONFORMANCE_SUPPORT_READONLY_H */
