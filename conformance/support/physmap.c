/*
 * physmap.c - XENMEM_add_to_physmap and XENMEM_remove_from_physmap (see
 * physmap.h).
 */
#include <string.h>

#include "support/physmap.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>

int64_t physmap_add(uint16_t domid, uint32_t space, uint64_t idx, uint64_t gpfn)
{
    struct hvabi_add_to_physmap arg;

    memset(&arg, 0, sizeof(arg));
    arg.domid = domid;
    arg.space = space;
    arg.idx = idx;
    arg.gpfn = gpfn;
    return hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                            (uint64_t)(uintptr_t)&arg);
}

int64_t physmap_remove(uint16_t domid, uint64_t gpfn)
{
    struct hvabi_remove_from_physmap arg;

    memset(&arg, 0, sizeof(arg));
    arg.domid = domid;
    arg.gpfn = gpfn;
    return hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_REMOVE_FROM_PHYSMAP,
                            (uint64_t)(uintptr_t)&arg);
}
