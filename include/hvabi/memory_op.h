/*
 * hvabi/memory_op.h - the memory_op hypercall.
 *
 * Specification: spec/chapters/memory_op.rst.
 * Call: memory_op(cmd, arg) with HVABI_HYPERCALL_MEMORY_OP; cmd is 64 bits
 * wide, the command in bits [5:0] and zero above.
 */
#ifndef HVABI_MEMORY_OP_H
#define HVABI_MEMORY_OP_H

#include <stdint.h>
#include <hvabi/types.h>

#define HVABI_MEMOP_CMD_MASK 0x3F /* bits of cmd that select the command */

/* Commands. */
#define HVABI_XENMEM_INCREASE_RESERVATION 0  /* returns -ENOSYS */
#define HVABI_XENMEM_DECREASE_RESERVATION 1  /* returns -ENOSYS */
#define HVABI_XENMEM_MAXIMUM_RAM_PAGE     2  /* returns -ENOSYS */
#define HVABI_XENMEM_CURRENT_RESERVATION  3
#define HVABI_XENMEM_MAXIMUM_RESERVATION  4
#define HVABI_XENMEM_POPULATE_PHYSMAP     6  /* returns -ENOSYS */
#define HVABI_XENMEM_ADD_TO_PHYSMAP       7
#define HVABI_XENMEM_REMOVE_FROM_PHYSMAP  15

/* Argument of HVABI_XENMEM_ADD_TO_PHYSMAP. */
struct hvabi_add_to_physmap {
    hvabi_domid_t domid; /* usually HVABI_DOMID_SELF */
    uint16_t size;       /* ignored */
    uint32_t space;      /* HVABI_XENMAPSPACE_* */
    hvabi_ulong_t idx;   /* which page of that space */
    hvabi_pfn_t gpfn;    /* where to place it */
};

/* Spaces of pages (field space). */
#define HVABI_XENMAPSPACE_SHARED_INFO  0
#define HVABI_XENMAPSPACE_GRANT_TABLE  1
#define HVABI_XENMAPSPACE_GMFN         2 /* not supported */
#define HVABI_XENMAPSPACE_GMFN_RANGE   3 /* not supported */
#define HVABI_XENMAPSPACE_GMFN_FOREIGN 4 /* not supported here */
#define HVABI_XENMAPSPACE_DEV_MMIO     5 /* not allowed */

/* Flag in idx for layout version 2 status frames (not supported). */
#define HVABI_XENMAPIDX_GRANT_TABLE_STATUS 0x80000000

/* Argument of HVABI_XENMEM_REMOVE_FROM_PHYSMAP. */
struct hvabi_remove_from_physmap {
    hvabi_domid_t domid; /* usually HVABI_DOMID_SELF */
    hvabi_pfn_t gpfn;    /* the frame to empty */
};

/* Argument of HVABI_XENMEM_CURRENT_RESERVATION and _MAXIMUM_RESERVATION. */
struct hvabi_memory_domain {
    hvabi_domid_t domid; /* usually HVABI_DOMID_SELF */
};

#endif /* HVABI_MEMORY_OP_H */
