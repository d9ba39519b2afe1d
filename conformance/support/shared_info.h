/*
 * shared_info.h - the shared info page, placed once per boot for the tests
 * that need it.
 *
 * The page is placed as a guest does it (spec: memory_op.rst,
 * XENMEM_add_to_physmap with XENMAPSPACE_shared_info): over a page of the
 * guest's own RAM, a page-aligned array of this image, whose RAM page then
 * leaves the domain's address space for good.  Tests of XENMEM_add_to_physmap
 * itself use other frames and must expect the page to be placed here
 * already when shared_info_page() has run earlier in the same boot.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_SHARED_INFO_H
#define HVABI_CONFORMANCE_SUPPORT_SHARED_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include <hvabi/shared_info.h>

#include "framework/test.h"

/*
 * The shared info page: placed by the first call of a boot, then the same
 * pointer.  On failure the test records it (expect) and gets NULL.
 */
volatile struct hvabi_shared_info *shared_info_page(struct test_context *t);

/*
 * Moves the page to the other of two frames of this image: removes it from
 * its frame (XENMEM_remove_from_physmap), then places it at the other one.
 * From then on shared_info_page() and shared_info_frame() give the new
 * place; the old frame is empty and must not be touched.  Returns the new
 * place, or NULL with the failure recorded.
 */
volatile struct hvabi_shared_info *shared_info_move(struct test_context *t);

/* Whether shared_info_page() has placed the page in this boot. */
bool shared_info_is_placed(void);

/* The guest-physical frame number where shared_info_page() places the
 * page (the second frame after a shared_info_move()). */
uint64_t shared_info_frame(void);

#endif /* HVABI_CONFORMANCE_SUPPORT_SHARED_INFO_H */
