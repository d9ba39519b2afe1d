/*
 * hvabi/shared_info.h - the shared info page and the per-vCPU vcpu_info.
 *
 * Specification: spec/chapters/shared_info.rst.  The layout is the one
 * Xen uses on Arm.  Event fields: spec/chapters/event_channel.rst.
 */
#ifndef HVABI_SHARED_INFO_H
#define HVABI_SHARED_INFO_H

#include <stdint.h>
#include <hvabi/types.h>

/* Number of vcpu_info structures inside the shared info page. */
#define HVABI_LEGACY_MAX_VCPUS 1

/* Time information of a vCPU (kept zero by the hypervisor in this version). */
struct hvabi_vcpu_time_info {
    uint32_t version;           /* odd while an update is in progress */
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* counter value at the last update */
    uint64_t system_time;       /* nanoseconds at the last update */
    uint32_t tsc_to_system_mul; /* counter to nanoseconds, 32.32 fixed point */
    int8_t tsc_shift;           /* shift applied before the multiplication */
    uint8_t flags;
    uint8_t pad1[2];
};

/* Per-vCPU event and time state. */
struct hvabi_vcpu_info {
    uint8_t evtchn_upcall_pending;    /* 1: events may be pending for the vCPU */
    uint8_t pad0;
    hvabi_ulong_t evtchn_pending_sel; /* bit i: word i of evtchn_pending */
    struct hvabi_vcpu_time_info time; /* zero in this version */
};

/* The shared info page, at offset 0 of a 4096-byte page. */
struct hvabi_shared_info {
    struct hvabi_vcpu_info vcpu_info[1]; /* vCPU 0 until it registers another */
    hvabi_ulong_t evtchn_pending[64];    /* 2-level layout: pending bit per port */
    hvabi_ulong_t evtchn_mask[64];       /* 2-level layout: mask bit per port */
    uint32_t wc_version;                 /* odd while the wall clock is updated */
    uint32_t wc_sec;                     /* wall clock: seconds, bits [31:0] */
    uint32_t wc_nsec;                    /* wall clock: nanoseconds */
    uint32_t wc_sec_hi;                  /* wall clock: seconds, bits [63:32] */
};

#endif /* HVABI_SHARED_INFO_H */
