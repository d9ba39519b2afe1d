/*
 * physmap.h - the two memory_op calls that change what is at a frame of a
 * domain: XENMEM_add_to_physmap and XENMEM_remove_from_physmap
 * (spec/chapters/memory_op.rst), for tests and helpers that need them as
 * plain calls.  (Tests of the calls' own argument checks build their
 * arguments themselves.)
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_PHYSMAP_H
#define HVABI_CONFORMANCE_SUPPORT_PHYSMAP_H

#include <stdint.h>

/* XENMEM_add_to_physmap of page `idx` of `space` at frame `gpfn` of `domid`; its result. */
int64_t physmap_add(uint16_t domid, uint32_t space, uint64_t idx, uint64_t gpfn);

/* XENMEM_remove_from_physmap of frame `gpfn` of `domid`; its result. */
int64_t physmap_remove(uint16_t domid, uint64_t gpfn);

#endif /* HVABI_CONFORMANCE_SUPPORT_PHYSMAP_H */
