/*
 * hvabi/hypercall.h - hypercall numbers.
 *
 * Specification: spec/chapters/hypercalls.rst.  The number selects the
 * hypercall; how it reaches the hypervisor is defined by the architecture
 * binding (hvabi/arch/<arch>/hypercall.h).
 */
#ifndef HVABI_HYPERCALL_H
#define HVABI_HYPERCALL_H

#define HVABI_HYPERCALL_XEN_VERSION 17
#define HVABI_HYPERCALL_CONSOLE_IO  18
#define HVABI_HYPERCALL_SCHED_OP    29

#endif /* HVABI_HYPERCALL_H */
