/*
 * guest_memory.h - copy to and from memory a guest points to.
 *
 * Pointer arguments of hypercalls are guest virtual addresses.  They are
 * translated with the calling vCPU's own stage-1 tables, then through the
 * domain's stage-2 translation, so every byte must lie in a page mapped in
 * the domain: its RAM, or a page the hypervisor placed there for it (its
 * shared info page).  Anything else is -HVABI_EFAULT.  The hypervisor
 * copies the data; it never keeps a pointer into a guest.
 */
#ifndef REFHV_CORE_GUEST_MEMORY_H
#define REFHV_CORE_GUEST_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"

/* Returns 0, or -HVABI_EFAULT when any byte is not readable guest RAM. */
int guest_copy_from(struct vcpu *v, void *dst, uint64_t va, size_t len);

/* Returns 0, or -HVABI_EFAULT when any byte is not writable guest RAM. */
int guest_copy_to(struct vcpu *v, uint64_t va, const void *src, size_t len);

#endif /* REFHV_CORE_GUEST_MEMORY_H */
