/*
 * vcpu_regs.h - the guest registers the hypervisor saves on every trap.
 *
 * struct vcpu (core/domain.h) starts with a struct arch_vcpu, which starts
 * with these registers, so the exception vectors save and restore them at
 * fixed offsets from the vCPU pointer kept in TPIDR_EL2.  The offsets are
 * spelled out here for vectors.S and checked against the struct at compile
 * time in vcpu.c.  Only the general-purpose state is switched: each vCPU
 * owns its physical CPU, so EL1 system registers and SIMD registers stay
 * in the hardware (and are reset there at every start, vcpu.c).
 */
#ifndef REFHV_ARCH_AARCH64_VCPU_REGS_H
#define REFHV_ARCH_AARCH64_VCPU_REGS_H

#define VCPU_REGS_X0   0
#define VCPU_REGS_ELR  248
#define VCPU_REGS_SPSR 256

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

struct vcpu_regs {
    uint64_t x[31]; /* x0..x30 */
    uint64_t elr;   /* where the guest resumes */
    uint64_t spsr;  /* its PSTATE */
};

struct arch_vcpu {
    struct vcpu_regs regs; /* must stay first: see above */
    uint64_t mpidr;        /* the MPIDR_EL1 value the guest reads */
};

/* The stage-2 translation of a domain. */
struct arch_domain {
    uint64_t tables_pa;    /* the domain's reserve of translation tables */
    uint64_t tables_count; /* how many 4 KiB tables the reserve holds */
    uint64_t tables_used;  /* how many of them are in use (never given back) */
    uint64_t *stage2_root; /* level-1 table, 512 entries */
    uint16_t vmid;
    bool stage2_lock;      /* held while the tables change (a spinlock's flag) */
};
#endif

#endif /* REFHV_ARCH_AARCH64_VCPU_REGS_H */
