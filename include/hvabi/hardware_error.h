/*
 * hvabi/hardware_error.h - reporting of hardware errors to guests.
 *
 * Specification: spec/chapters/hardware_errors.rst (optional feature
 * "hardware-errors"; the reactions every hypervisor has are in
 * spec/chapters/safety.rst).
 * Call: hardware_error_op(cmd, arg) with HVABI_HYPERCALL_HARDWARE_ERROR_OP.
 * None of these items exists in Xen.
 */
#ifndef HVABI_HARDWARE_ERROR_H
#define HVABI_HARDWARE_ERROR_H

#include <stdint.h>

#include <hvabi/types.h>

/* Commands (first argument). */
#define HVABI_HW_ERROR_OP_REGISTER   0 /* create the caller's registration and port */
#define HVABI_HW_ERROR_OP_UNREGISTER 1 /* end the caller's registration */
#define HVABI_HW_ERROR_OP_FETCH      2 /* copy the oldest queued record */
#define HVABI_HW_ERROR_OP_ACK        3 /* remove the oldest queued record */
#define HVABI_HW_ERROR_OP_INJECT     4 /* simulate an error (control domains) */

/* Classes of errors (record field error_class). */
#define HVABI_HW_ERROR_CLASS_CORRECTED   0 /* corrected; nothing lost */
#define HVABI_HW_ERROR_CLASS_RECOVERABLE 1 /* data of a poisoned granule lost */
#define HVABI_HW_ERROR_CLASS_FATAL       2 /* state of the affected domain lost */

/* Parts of the hardware that report errors (record field source). */
#define HVABI_HW_ERROR_SOURCE_MEMORY 0 /* main memory */
#define HVABI_HW_ERROR_SOURCE_CACHE  1 /* a cache */
#define HVABI_HW_ERROR_SOURCE_CPU    2 /* a processor's internal state */
#define HVABI_HW_ERROR_SOURCE_OTHER  3 /* anything else, or unknown */

/* Bits of the record field flags. */
#define HVABI_HW_ERROR_FLAG_ADDRESS  0x1 /* gpa and size are valid */
#define HVABI_HW_ERROR_FLAG_INJECTED 0x2 /* made by HVABI_HW_ERROR_OP_INJECT */
#define HVABI_HW_ERROR_FLAG_CONSUMED 0x4 /* a vCPU read the lost data */
#define HVABI_HW_ERROR_FLAG_VCPU     0x8 /* vcpu is valid */

/* The record layout described by this header. */
#define HVABI_HW_ERROR_RECORD_VERSION 1

/* One error, as a domain receives it (HVABI_HW_ERROR_OP_FETCH). */
struct hvabi_hw_error_record {
    uint32_t version;      /* HVABI_HW_ERROR_RECORD_VERSION */
    uint32_t error_class;  /* HVABI_HW_ERROR_CLASS_* */
    uint32_t source;       /* HVABI_HW_ERROR_SOURCE_* */
    uint32_t flags;        /* HVABI_HW_ERROR_FLAG_* */
    uint64_t sequence;     /* position in the queue, from 1 */
    uint64_t timestamp_ns; /* physical counter at detection, in ns */
    uint64_t gpa;          /* guest-physical address of the granule, or 0 */
    uint64_t size;         /* size of the granule in bytes, or 0 */
    hvabi_domid_t domid;   /* the affected domain */
    uint16_t pad0;         /* 0 */
    uint32_t vcpu;         /* vCPU concerned, if HVABI_HW_ERROR_FLAG_VCPU */
    uint32_t lost;         /* records lost so far on a full queue */
    uint32_t reserved;     /* 0 */
};

/* Argument of HVABI_HW_ERROR_OP_REGISTER. */
struct hvabi_hw_error_register {
    uint32_t flags;      /* in: HVABI_HW_ERROR_REGISTER_* */
    uint32_t vcpu;       /* in: vCPU the port notifies */
    uint32_t timeout_ms; /* in: deadline to acknowledge own records */
    uint32_t port;       /* out: the registration's event channel port */
    uint32_t queue_size; /* out: records the queue holds */
    uint32_t reserved;   /* in: 0 */
};

/* Registration flags and limits. */
#define HVABI_HW_ERROR_REGISTER_SYSTEM 0x1   /* every error (control domains) */
#define HVABI_HW_ERROR_TIMEOUT_MAX_MS  10000 /* largest timeout_ms */
#define HVABI_HW_ERROR_QUEUE_MIN       8     /* smallest queue_size */

/* The virtual interrupt number EVTCHNOP_status reports for the port. */
#define HVABI_HW_ERROR_VIRQ 0x1000

/* Argument of HVABI_HW_ERROR_OP_ACK. */
struct hvabi_hw_error_ack {
    uint64_t sequence; /* sequence of the oldest record */
};

/* Argument of HVABI_HW_ERROR_OP_INJECT. */
struct hvabi_hw_error_inject {
    hvabi_domid_t domid;  /* affected domain, or HVABI_DOMID_SELF */
    uint16_t pad0;        /* 0 */
    uint32_t error_class; /* HVABI_HW_ERROR_CLASS_* */
    uint32_t source;      /* HVABI_HW_ERROR_SOURCE_* */
    uint32_t reserved;    /* 0 */
    uint64_t gpa;         /* guest-physical address of the granule, or 0 */
    uint64_t size;        /* granule size, or 0 for no granule */
};

#endif /* HVABI_HARDWARE_ERROR_H */
