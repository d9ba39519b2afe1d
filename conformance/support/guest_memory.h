/*
 * guest_memory.h - the domain's RAM as its device tree describes it, and a
 * spare block of it whose stage-1 mapping tests may change.
 *
 * The guest library maps its image and device tree as Normal memory with
 * 2 MiB blocks (lib/runtime/aarch64/identity_map.h).  A test that needs a
 * page that EL1 may only read, a page EL0 may use, or an address whose
 * mapping it removes gets a *spare block*: a 2 MiB aligned block of RAM
 * that holds neither the image nor the device tree, mapped Normal, whose
 * block descriptor guest_memory_set_block() rewrites in place.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_GUEST_MEMORY_H
#define HVABI_CONFORMANCE_SUPPORT_GUEST_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#include "guest/platform.h"

#define GUEST_MEMORY_RANGES_MAX 8
#define GUEST_MEMORY_BLOCK (2ULL * 1024 * 1024)

struct guest_memory_range {
    uint64_t base;
    uint64_t size;
};

/*
 * The reg ranges of the nodes with device_type "memory", at most `max`.
 * Returns their number (0 when the tree has none or they are malformed).
 */
unsigned int guest_memory_ranges(const void *fdt, struct guest_memory_range *ranges,
                                 unsigned int max);

/* Whether [address, address + size) lies within one RAM range. */
bool guest_memory_is_ram(const void *fdt, uint64_t address, uint64_t size);

/*
 * The address of a device of the domain that is not RAM: the GIC
 * distributor ("arm,gic-v3" reg 0), or 0 when the tree has none.
 */
uint64_t guest_memory_device_address(const void *fdt);

/*
 * The spare block (the same one for the whole boot), mapped Normal
 * read-write for EL1, or 0 when the RAM has none.
 */
uint64_t guest_memory_spare_block(const struct guest_platform *platform);

/* How EL1 and EL0 may use the spare block. */
enum guest_memory_access {
    GUEST_MEMORY_EL1_READ_WRITE, /* as mapped at first */
    GUEST_MEMORY_EL1_READ_ONLY,  /* EL1 read-only, EL0 no access */
    GUEST_MEMORY_EL0_EXECUTE,    /* EL1 and EL0 read-write, EL0 may execute */
    GUEST_MEMORY_UNMAPPED,       /* invalid descriptor: every access faults */
};

/*
 * Changes the stage-1 mapping of the spare block (break-before-make, TLB
 * invalidated).  Returns false when there is no spare block.
 */
bool guest_memory_set_spare(const struct guest_platform *platform,
                            enum guest_memory_access access);

/*
 * Maps the 2 MiB block that holds `address`, which need not be RAM, as
 * Normal memory with `access` (break-before-make, TLB invalidated): for
 * tests that make EL0 or EL1 access guest-physical addresses the domain
 * has no memory at, so that only stage 2 refuses the access.  Returns
 * false when the block is beyond the guest's tables.
 */
bool guest_memory_set_block(uint64_t address, enum guest_memory_access access);

#endif /* HVABI_CONFORMANCE_SUPPORT_GUEST_MEMORY_H */
