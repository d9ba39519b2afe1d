/*
 * hvabi/xen_version.h - the xen_version hypercall.
 *
 * Specification: spec/chapters/xen_version.rst.
 * Call: xen_version(cmd, arg) with HVABI_HYPERCALL_XEN_VERSION.
 */
#ifndef HVABI_XEN_VERSION_H
#define HVABI_XEN_VERSION_H

#include <stdint.h>

#include <hvabi/types.h>

/* Commands (first argument).  Every other value is reserved (-ENOSYS). */
#define HVABI_XENVER_VERSION             0  /* arg ignored; returns the version */
#define HVABI_XENVER_EXTRAVERSION        1  /* 16-byte string at arg */
#define HVABI_XENVER_COMPILE_INFO        2  /* struct hvabi_xenver_compile_info */
#define HVABI_XENVER_CAPABILITIES        3  /* 1024-byte string at arg */
#define HVABI_XENVER_CHANGESET           4  /* 64-byte string at arg */
#define HVABI_XENVER_PLATFORM_PARAMETERS 5  /* struct hvabi_xenver_platform_parameters */
#define HVABI_XENVER_GET_FEATURES        6  /* struct hvabi_xenver_feature_info */
#define HVABI_XENVER_PAGESIZE            7  /* arg must be 0; returns 4096 */
#define HVABI_XENVER_GUEST_HANDLE        8  /* 16 bytes at arg */
#define HVABI_XENVER_COMMANDLINE         9  /* 1024-byte string at arg */
#define HVABI_XENVER_BUILD_ID            10 /* struct hvabi_xenver_build_id + bytes */

/*
 * HVABI_XENVER_VERSION returns the implemented interface version as
 * (major << 16) | minor, a non-negative value below 2^32.
 */
#define HVABI_XENVER_MAJOR_SHIFT 16
#define HVABI_XENVER_MINOR_MASK  0xffff

/* Bytes that the commands with a fixed-size result write at arg. */
#define HVABI_XENVER_EXTRAVERSION_LEN  16
#define HVABI_XENVER_CAPABILITIES_LEN  1024
#define HVABI_XENVER_CHANGESET_LEN     64
#define HVABI_XENVER_GUEST_HANDLE_LEN  16
#define HVABI_XENVER_COMMANDLINE_LEN   1024 /* to a control domain */

/* HVABI_XENVER_COMPILE_INFO: four NUL-terminated, zero-padded strings. */
struct hvabi_xenver_compile_info {
    uint8_t compiler[64];
    uint8_t compile_by[16];
    uint8_t compile_domain[32];
    uint8_t compile_date[32];
};

/* HVABI_XENVER_PLATFORM_PARAMETERS: 0 on AArch64 (nothing reserved). */
struct hvabi_xenver_platform_parameters {
    hvabi_ulong_t virt_start;
};

/* HVABI_XENVER_GET_FEATURES: submap_idx in, submap out. */
struct hvabi_xenver_feature_info {
    uint32_t submap_idx;
    uint32_t submap;
};

/*
 * HVABI_XENVER_BUILD_ID: len is the number of bytes that follow the
 * structure in memory; they receive the build ID (control domains only).
 */
struct hvabi_xenver_build_id {
    uint32_t len;
};

/* Number of feature submaps; only submap 0 exists. */
#define HVABI_XENFEAT_NR_SUBMAPS 1

/* Bit numbers of the feature flags in submap 0 (see the chapter for which
 * an AArch64 domain sees). */
#define HVABI_XENFEAT_WRITABLE_PAGE_TABLES       0
#define HVABI_XENFEAT_WRITABLE_DESCRIPTOR_TABLES 1
#define HVABI_XENFEAT_AUTO_TRANSLATED_PHYSMAP    2
#define HVABI_XENFEAT_SUPERVISOR_MODE_KERNEL     3
#define HVABI_XENFEAT_PAE_PGDIR_ABOVE_4GB        4
#define HVABI_XENFEAT_MMU_PT_UPDATE_PRESERVE_AD  5
#define HVABI_XENFEAT_HIGHMEM_ASSIST             6
#define HVABI_XENFEAT_GNTTAB_MAP_AVAIL_BITS      7
#define HVABI_XENFEAT_HVM_CALLBACK_VECTOR        8
#define HVABI_XENFEAT_HVM_SAFE_PVCLOCK           9
#define HVABI_XENFEAT_HVM_PIRQS                  10
#define HVABI_XENFEAT_DOM0                       11
#define HVABI_XENFEAT_GRANT_MAP_IDENTITY         12
#define HVABI_XENFEAT_MEMORY_OP_VNODE_SUPPORTED  13
#define HVABI_XENFEAT_ARM_SMCCC_SUPPORTED        14
#define HVABI_XENFEAT_LINUX_RSDP_UNRESTRICTED    15
#define HVABI_XENFEAT_NOT_DIRECT_MAPPED          16
#define HVABI_XENFEAT_DIRECT_MAPPED              17

#endif /* HVABI_XEN_VERSION_H */
