/*
 * hvabi/hvm_op.h - the hvm_op hypercall: reading and setting domain
 * parameters.
 *
 * Specification: spec/chapters/hvm_op.rst.
 * Call: hvm_op(op, arg) with HVABI_HYPERCALL_HVM_OP; op is 64 bits wide.
 */
#ifndef HVABI_HVM_OP_H
#define HVABI_HVM_OP_H

#include <stdint.h>

#include <hvabi/types.h>

/* Commands (first argument). */
#define HVABI_HVMOP_SET_PARAM 0 /* set a parameter of a domain */
#define HVABI_HVMOP_GET_PARAM 1 /* read a parameter of a domain */

/* Argument of HVABI_HVMOP_SET_PARAM and HVABI_HVMOP_GET_PARAM. */
struct hvabi_hvm_param {
    hvabi_domid_t domid; /* the domain, or HVABI_DOMID_SELF */
    uint16_t pad;        /* ignored by the hypervisor; write 0 */
    uint32_t index;      /* one of HVABI_HVM_PARAM_* */
    uint64_t value;      /* in for SET_PARAM, out for GET_PARAM */
};

/* Parameter indexes. */
#define HVABI_HVM_PARAM_CALLBACK_IRQ     0  /* the event upcall interrupt, or 0 */
#define HVABI_HVM_PARAM_STORE_PFN        1  /* Xenstore page (not specified; 0 = none) */
#define HVABI_HVM_PARAM_STORE_EVTCHN     2  /* Xenstore port (not specified; 0 = none) */
#define HVABI_HVM_PARAM_CONSOLE_PFN      17 /* PV console page frame, 0 = no PV console */
#define HVABI_HVM_PARAM_CONSOLE_EVTCHN   18 /* PV console port, 0 = no PV console */
#define HVABI_HVM_PARAM_MONITOR_RING_PFN 28 /* kept for a control domain */
#define HVABI_HVM_NR_PARAMS              39 /* indexes are below this number */

/* Encoding of the value of HVABI_HVM_PARAM_CALLBACK_IRQ when it is not 0. */
#define HVABI_HVM_CALLBACK_TYPE_SHIFT         56     /* type in bits [63:56] */
#define HVABI_HVM_CALLBACK_TYPE_PPI           2      /* type: a GIC PPI */
#define HVABI_HVM_CALLBACK_PPI_FLAGS_SHIFT    8      /* flags in bits [15:8] */
#define HVABI_HVM_CALLBACK_PPI_FLAGS_MASK     0xFF00 /* the flags field in place */
#define HVABI_HVM_CALLBACK_PPI_FLAG_EDGE      0x01   /* flag: edge-triggered, else level */
#define HVABI_HVM_CALLBACK_PPI_FLAG_LOW_LEVEL 0x02   /* flag: active-low, else active-high */
#define HVABI_HVM_CALLBACK_PPI_INTID_MASK     0xFF   /* the INTID in bits [7:0] */

#endif /* HVABI_HVM_OP_H */
