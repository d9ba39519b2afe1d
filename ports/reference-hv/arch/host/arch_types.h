/*
 * arch_types.h - the architecture's part of struct vcpu and struct domain
 * in the hosted (x86-64 Linux) build of the core, as core/domain.h
 * includes it.
 *
 * The core only names these types; the members are those of
 * arch/aarch64/vcpu_regs.h, so that struct vcpu and struct domain have the
 * same members in the tests as in the hypervisor.  Keep them in step.
 */
#ifndef REFHV_ARCH_HOST_ARCH_TYPES_H
#define REFHV_ARCH_HOST_ARCH_TYPES_H

#include <stdint.h>

/* The guest registers saved on a trap. */
struct vcpu_regs {
    uint64_t x[31]; /* x0..x30 */
    uint64_t elr;   /* where the guest resumes */
    uint64_t spsr;  /* its PSTATE */
};

struct arch_vcpu {
    struct vcpu_regs regs;
    uint64_t mpidr; /* the MPIDR_EL1 value the guest reads */
};

/* The stage-2 translation of a domain (not used by the fake). */
struct arch_domain {
    uint64_t *stage2_root;
    uint16_t vmid;
};

#endif /* REFHV_ARCH_HOST_ARCH_TYPES_H */
