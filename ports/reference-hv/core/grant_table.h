/*
 * grant_table.h - the grant tables of domains (version 1 layout).
 *
 * Specification: spec/chapters/grant_table.rst.  Each domain's table is
 * up to GRANT_MAX_FRAMES pages of hypervisor memory, set aside for it at
 * build time; it starts with one frame and grows when the domain places a
 * frame beyond its end with XENMEM_add_to_physmap (core/memory_op.c).
 */
#ifndef REFHV_CORE_GRANT_TABLE_H
#define REFHV_CORE_GRANT_TABLE_H

#include <stdint.h>

#include "core/domain.h"

/* Gives a new domain its grant table: one frame, zeroed, placed nowhere. */
void grant_table_init(struct domain *d);

/* Where frame `index` (below GRANT_MAX_FRAMES) of the domain's table is in hypervisor memory. */
uint64_t grant_frame_pa(const struct domain *d, uint32_t index);

/*
 * Grows the table to at least `frames` frames (at most GRANT_MAX_FRAMES);
 * never shrinks it.  The frames added are zero: no one could write them
 * before.  Called with the domain's lock held.
 */
void grant_table_grow(struct domain *d, uint32_t frames);

/* The frame of the table placed at `gfn`, or -1 when none is.  Domain's lock held. */
int32_t grant_frame_at(const struct domain *d, uint64_t gfn);

#endif /* REFHV_CORE_GRANT_TABLE_H */
