/*
 * hvabi/vcpu_op.h - the vcpu_op hypercall.
 *
 * Specification: spec/chapters/vcpu_op.rst.
 * Call: vcpu_op(cmd, vcpuid, arg) with HVABI_HYPERCALL_VCPU_OP; vcpuid is a
 * vCPU of the calling domain.  The layout of the vcpu_info itself is in
 * hvabi/shared_info.h.
 */
#ifndef HVABI_VCPU_OP_H
#define HVABI_VCPU_OP_H

#include <stdint.h>

#include <hvabi/types.h>

/* Commands (first argument); every other value fails with -ENOSYS. */
#define HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA 5
#define HVABI_VCPUOP_REGISTER_VCPU_INFO            10

/* Argument of HVABI_VCPUOP_REGISTER_VCPU_INFO. */
struct hvabi_vcpu_register_vcpu_info {
    hvabi_pfn_t gfn;  /* Guest frame of the page to hold the vcpu_info. */
    uint32_t offset;  /* Byte offset in that page: at most 4048, multiple of 8. */
    uint32_t rsvd;    /* Ignored. */
};

/* The runstate record the hypervisor keeps at a registered address. */
struct hvabi_vcpu_runstate_info {
    int32_t state;             /* One of HVABI_RUNSTATE_*. */
    uint64_t state_entry_time; /* System time the state was entered. */
    uint64_t time[4];          /* Nanoseconds in each state until then. */
};

/* Runstates: the index of hvabi_vcpu_runstate_info.time. */
#define HVABI_RUNSTATE_RUNNING  0 /* Executing on a physical CPU. */
#define HVABI_RUNSTATE_RUNNABLE 1 /* Ready, waiting for a physical CPU. */
#define HVABI_RUNSTATE_BLOCKED  2 /* Waiting for an interrupt or an event. */
#define HVABI_RUNSTATE_OFFLINE  3 /* Not able to run for another reason. */

/* Bit of state_entry_time set during an update (only if the guest asked). */
#define HVABI_RUNSTATE_UPDATE_BIT 63

/* Argument of HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA. */
struct hvabi_vcpu_register_runstate_memory_area {
    uint64_t addr; /* Guest virtual address of the record; 0: none. */
};

#endif /* HVABI_VCPU_OP_H */
