/*
 * hvabi/types.h - types and values shared by several chapters.
 *
 * Specification: spec/chapters/types.rst.
 */
#ifndef HVABI_TYPES_H
#define HVABI_TYPES_H

#include <stdint.h>

typedef uint16_t hvabi_domid_t; /* a domain ID */
typedef uint64_t hvabi_pfn_t;   /* a guest frame number (address / 4096) */
typedef uint64_t hvabi_ulong_t; /* a register-width value, 64 bits */

/* Domain IDs from HVABI_DOMID_FIRST_RESERVED up are not ordinary domains. */
#define HVABI_DOMID_FIRST_RESERVED  0x7FF0 /* the lowest ID that names no ordinary domain */
#define HVABI_DOMID_SELF            0x7FF0 /* the calling domain */
#define HVABI_DOMID_IO              0x7FF1 /* Xen's owner of I/O memory (not used by this version) */
#define HVABI_DOMID_XEN             0x7FF2 /* the hypervisor itself, as owner of its memory */
#define HVABI_DOMID_COW             0x7FF3 /* Xen's owner of shared copy-on-write pages (not used by this version) */
#define HVABI_DOMID_INVALID         0x7FF4 /* no domain */
#define HVABI_DOMID_IDLE            0x7FFF /* Xen's idle domain (not used by this version) */
#define HVABI_DOMID_MASK            0x7FFF /* the bits of a domain ID */

#define HVABI_PAGE_SHIFT 12
#define HVABI_PAGE_SIZE  4096

#endif /* HVABI_TYPES_H */
