/*
 * guest_memory.h - the domain's RAM as its device tree describes it, and a
 * spare block of it whose stage-1 mapping tests may change.
 *
 * The guest library maps its image and device tree as Normal memory with
 * 2 MiB blocks (lib/guest/aarch64/mmu.h).  A test that needs a page that
 * EL1 may only read, a page EL0 may use, or an address whose mapping it
 * removes takes the *spare block*: a 2 MiB aligned block of RAM that holds
 * none of the image, the device tree and the ramdisk.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_GUEST_MEMORY_H
#define HVABI_CONFORMANCE_SUPPORT_GUEST_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#include "guest/platform.h"

#define GUEST_MEMORY_RANGES_MAX 8

struct guest_memory_range {
    uint64_t base;
    uint64_t size;
};

/*
 * The reg ranges of the nodes with device_type "memory", at most `max`,
 * read with the cell counts the tree declares (fdt_reg_read()).  Returns
 * their number (0 when the tree has none or they are malformed).  For
 * helpers that need the RAM whatever its form; a test of the form itself
 * uses tree_memory_ranges() (device_tree.h), which insists on two cells.
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
 * read-write for EL1, or 0 when the RAM has none.  A test changes its
 * mapping with mmu_set_block() and maps it MMU_EL1_READ_WRITE again before
 * it returns.  readonly_page.h uses it too, so a test uses one or the other.
 */
uint64_t guest_memory_spare_block(const struct guest_platform *platform);

#endif /* HVABI_CONFORMANCE_SUPPORT_GUEST_MEMORY_H */
