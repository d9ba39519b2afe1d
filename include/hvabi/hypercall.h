/*
 * hvabi/hypercall.h - hypercall numbers.
 *
 * Specification: spec/chapters/hypercalls.rst.  The number selects the
 * hypercall; how it reaches the hypervisor is defined by the architecture
 * binding (hvabi/arch/<arch>/hypercall.h).  Numbers below 64 are Xen's;
 * 0x1000 to 0x10FF is the range of hvabi's optional features.
 */
#ifndef HVABI_HYPERCALL_H
#define HVABI_HYPERCALL_H

#define HVABI_HYPERCALL_MEMORY_OP         12
#define HVABI_HYPERCALL_XEN_VERSION       17
#define HVABI_HYPERCALL_CONSOLE_IO        18
#define HVABI_HYPERCALL_GRANT_TABLE_OP    20
#define HVABI_HYPERCALL_VCPU_OP           24
#define HVABI_HYPERCALL_SCHED_OP          29
#define HVABI_HYPERCALL_EVENT_CHANNEL_OP  32
#define HVABI_HYPERCALL_HVM_OP            34

/* Optional features (extension range). */
#define HVABI_HYPERCALL_HARDWARE_ERROR_OP 0x1000

#endif /* HVABI_HYPERCALL_H */
