/*
 * hvabi/grant_table.h - grant tables (layout version 1) and the
 * grant_table_op hypercall.
 *
 * Specification: spec/chapters/grant_table.rst.
 * Call: grant_table_op(cmd, uop, count) with HVABI_HYPERCALL_GRANT_TABLE_OP;
 * uop points to count elements of the structure the command names.
 */
#ifndef HVABI_GRANT_TABLE_H
#define HVABI_GRANT_TABLE_H

#include <stdint.h>
#include <hvabi/types.h>

typedef uint32_t hvabi_grant_ref_t;    /* index of an entry in a grant table */
typedef uint32_t hvabi_grant_handle_t; /* names one mapping of the caller */

/* Geometry of the table and the references kept for the system. */
#define HVABI_GNTTAB_ENTRIES_PER_FRAME    512 /* 8-byte entries per 4 KiB frame */
#define HVABI_GNTTAB_NR_RESERVED_ENTRIES  8   /* references 0..7 are the system's */
#define HVABI_GNTTAB_RESERVED_CONSOLE     0
#define HVABI_GNTTAB_RESERVED_XENSTORE    1

/* One entry of layout version 1. */
struct hvabi_grant_entry_v1 {
    uint16_t flags;      /* type in bits [1:0], then HVABI_GTF_* sub-flags */
    hvabi_domid_t domid; /* the grantee */
    uint32_t frame;      /* granted frame, in the granting domain's space */
};

/* Types (bits [1:0] of flags). */
#define HVABI_GTF_INVALID         0
#define HVABI_GTF_PERMIT_ACCESS   1
#define HVABI_GTF_ACCEPT_TRANSFER 2 /* not supported */
#define HVABI_GTF_TRANSITIVE      3 /* not supported */
#define HVABI_GTF_TYPE_MASK       3

/* Sub-flags. */
#define HVABI_GTF_READONLY 0x4   /* set by the granter: read-only grant */
#define HVABI_GTF_READING  0x8   /* set by the hypervisor: entry in use */
#define HVABI_GTF_WRITING  0x10  /* set by the hypervisor: writable use */
#define HVABI_GTF_PWT      0x20  /* x86 cache attributes: mapping fails */
#define HVABI_GTF_PCD      0x40
#define HVABI_GTF_PAT      0x80
#define HVABI_GTF_SUB_PAGE 0x100 /* layout version 2 only: mapping fails */

/* Commands (cmd, bits [11:0]). */
#define HVABI_GNTTABOP_MAP_GRANT_REF      0
#define HVABI_GNTTABOP_UNMAP_GRANT_REF    1
#define HVABI_GNTTABOP_SETUP_TABLE        2  /* not specified */
#define HVABI_GNTTABOP_DUMP_TABLE         3  /* not specified */
#define HVABI_GNTTABOP_TRANSFER           4  /* not specified; never moves pages */
#define HVABI_GNTTABOP_COPY               5
#define HVABI_GNTTABOP_QUERY_SIZE         6
#define HVABI_GNTTABOP_UNMAP_AND_REPLACE  7  /* not specified */
#define HVABI_GNTTABOP_SET_VERSION        8
#define HVABI_GNTTABOP_GET_STATUS_FRAMES  9  /* not specified */
#define HVABI_GNTTABOP_GET_VERSION        10
#define HVABI_GNTTABOP_SWAP_GRANT_REF     11
#define HVABI_GNTTABOP_CACHE_FLUSH        12 /* not specified */

/* Status of an element (a signed 16-bit value). */
#define HVABI_GNTST_OKAY               0
#define HVABI_GNTST_GENERAL_ERROR      (-1)
#define HVABI_GNTST_BAD_DOMAIN         (-2)
#define HVABI_GNTST_BAD_GNTREF         (-3)
#define HVABI_GNTST_BAD_HANDLE         (-4)
#define HVABI_GNTST_BAD_VIRT_ADDR      (-5)
#define HVABI_GNTST_BAD_DEV_ADDR       (-6)  /* not used */
#define HVABI_GNTST_NO_DEVICE_SPACE    (-7)
#define HVABI_GNTST_PERMISSION_DENIED  (-8)
#define HVABI_GNTST_BAD_PAGE           (-9)
#define HVABI_GNTST_BAD_COPY_ARG       (-10)
#define HVABI_GNTST_ADDRESS_TOO_BIG    (-11) /* not used */
#define HVABI_GNTST_EAGAIN             (-12)
#define HVABI_GNTST_NO_SPACE           (-13) /* not used */

/* Element of HVABI_GNTTABOP_MAP_GRANT_REF. */
struct hvabi_gnttab_map_grant_ref {
    uint64_t host_addr;          /* in: where to map (bits [11:0] ignored) */
    uint32_t flags;              /* in: HVABI_GNTMAP_* */
    hvabi_grant_ref_t ref;       /* in: entry in the granting domain's table */
    hvabi_domid_t dom;           /* in: the granting domain */
    int16_t status;              /* out: HVABI_GNTST_* */
    hvabi_grant_handle_t handle; /* out: names the new mapping */
    uint64_t dev_bus_addr;       /* out: not specified; do not use */
};

/* Mapping flags. */
#define HVABI_GNTMAP_DEVICE_MAP      0x1  /* not supported */
#define HVABI_GNTMAP_HOST_MAP        0x2
#define HVABI_GNTMAP_READONLY        0x4
#define HVABI_GNTMAP_APPLICATION_MAP 0x8  /* not supported */
#define HVABI_GNTMAP_CONTAINS_PTE    0x10 /* not supported */

/* Element of HVABI_GNTTABOP_UNMAP_GRANT_REF. */
struct hvabi_gnttab_unmap_grant_ref {
    uint64_t host_addr;          /* in: where the mapping is */
    uint64_t dev_bus_addr;       /* in: 0 (or the value the mapping returned) */
    hvabi_grant_handle_t handle; /* in: the mapping */
    int16_t status;              /* out: HVABI_GNTST_* */
};

/* One side of a copy: an entry (with the *_GREF flag) or a frame of the caller. */
union hvabi_gnttab_copy_ptr_u {
    hvabi_grant_ref_t ref; /* entry: reference (bytes 0..3) */
    hvabi_pfn_t gmfn;      /* frame: the caller's frame number */
};

struct hvabi_gnttab_copy_ptr {
    union hvabi_gnttab_copy_ptr_u u;
    hvabi_domid_t domid; /* owner of the table, or HVABI_DOMID_SELF for a frame */
    uint16_t offset;     /* first byte in the page */
};

/* Element of HVABI_GNTTABOP_COPY. */
struct hvabi_gnttab_copy {
    struct hvabi_gnttab_copy_ptr source; /* in */
    struct hvabi_gnttab_copy_ptr dest;   /* in */
    uint16_t len;                        /* in: number of bytes */
    uint16_t flags;                      /* in: HVABI_GNTCOPY_* */
    int16_t status;                      /* out: HVABI_GNTST_* */
};

#define HVABI_GNTCOPY_SOURCE_GREF 0x1
#define HVABI_GNTCOPY_DEST_GREF   0x2

/* Element of HVABI_GNTTABOP_QUERY_SIZE (count = 1). */
struct hvabi_gnttab_query_size {
    hvabi_domid_t dom;      /* in */
    uint32_t nr_frames;     /* out */
    uint32_t max_nr_frames; /* out */
    int16_t status;         /* out: HVABI_GNTST_* */
};

/* Argument of HVABI_GNTTABOP_SET_VERSION. */
struct hvabi_gnttab_set_version {
    uint32_t version; /* in: version asked for; out: version in force (1) */
};

/* Argument of HVABI_GNTTABOP_GET_VERSION. */
struct hvabi_gnttab_get_version {
    hvabi_domid_t dom; /* in */
    uint16_t pad;      /* ignored */
    uint32_t version;  /* out */
};

/* Element of HVABI_GNTTABOP_SWAP_GRANT_REF. */
struct hvabi_gnttab_swap_grant_ref {
    hvabi_grant_ref_t ref_a; /* in */
    hvabi_grant_ref_t ref_b; /* in */
    int16_t status;          /* out: HVABI_GNTST_* */
};

/* Element of HVABI_GNTTABOP_TRANSFER (which never moves a page). */
struct hvabi_gnttab_transfer {
    hvabi_pfn_t mfn;       /* in: the caller's frame */
    hvabi_domid_t domid;   /* in: the receiver */
    hvabi_grant_ref_t ref; /* in: the receiver's entry */
    int16_t status;        /* out: HVABI_GNTST_* */
};

#endif /* HVABI_GRANT_TABLE_H */
