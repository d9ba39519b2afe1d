/*
 * grant_frames.h - grant_table_op calls and the frames of the caller's own
 * grant table, for the grant table tests.
 *
 * Specification: spec/chapters/grant_table.rst and memory_op.rst.  A domain
 * reaches its grant table only through frames it places with
 * XENMEM_add_to_physmap (space grant-table).  This file places them, keeps
 * track of where each frame is, and maps region 0 of the /hypervisor node
 * (the grant-table window) as Normal memory so that placed frames can be
 * read and written (hvabi~aarch64-shared-memory-attributes~1).
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_GRANT_FRAMES_H
#define HVABI_CONFORMANCE_SUPPORT_GRANT_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

#include <hvabi/grant_table.h>

#define GRANT_FRAMES_PAGE_SIZE 4096
#define GRANT_FRAMES_MAX 1024/* frames this file keeps track of */

/* grant_table_op(cmd, uop, count). */
int64_t grant_table_op(uint64_t cmd, uint64_t uop, uint64_t count);

/*
 * GNTTABOP_query_size of DOMID_SELF.  Returns false, recorded, when the
 * call or its status fails.
 */
bool grant_frames_query(struct test_context *t, uint32_t *nr_frames, uint32_t *max_nr_frames);

/* XENMEM_add_to_physmap of grant-table frame `idx` at `gpfn` (DOMID_SELF);
 * the hypervisor's result.  Keeps track of the frame on success. */
int64_t grant_frames_place(uint64_t idx, uint64_t gpfn);

/* XENMEM_remove_from_physmap of `gpfn` (DOMID_SELF); the hypervisor's
 * result.  Forgets a grant-table frame that was there on success. */
int64_t grant_frames_remove(uint64_t gpfn);

/* The frame at which grant-table frame `idx` was placed, or 0. */
uint64_t grant_frames_where(uint64_t idx);

/*
 * The frame of the grant-table window `pages` pages above its start.
 * Returns 0, recorded, when the device tree gives no window, the window is
 * shorter, or it cannot be mapped as Normal memory.
 */
uint64_t grant_frames_window(struct test_context *t, uint64_t pages);

/* Entry `ref` as the caller sees it in its placed frame, or NULL when
 * the frame that holds it is placed nowhere. */
volatile struct hvabi_grant_entry_v1 *grant_frames_entry(hvabi_grant_ref_t ref);

#endif /* HVABI_CONFORMANCE_SUPPORT_GRANT_FRAMES_H */
