/*
 * hvabi/arch/aarch64/hypercall.h - how an AArch64 guest makes a hypercall.
 *
 * Specification: spec/chapters/aarch64_binding.rst.
 *
 * The guest executes HVC with immediate HVABI_AARCH64_HVC_IMM.  The hypercall
 * number is in x16, arguments in x0..x4, the result comes back in x0.  The
 * hypervisor may change x16 and the argument registers x1..x4 that the call
 * uses; every other general-purpose register is preserved, and so are
 * PSTATE, the SIMD and floating-point registers and the system registers.
 * The functions below tell the compiler which registers change; they also
 * declare the condition flags clobbered ("cc"), which costs nothing.
 *
 * HVC and SMC with immediate HVABI_AARCH64_SMCCC_IMM are calls of the Arm
 * SMC Calling Convention, not hypercalls.
 */
#ifndef HVABI_ARCH_AARCH64_HYPERCALL_H
#define HVABI_ARCH_AARCH64_HYPERCALL_H

#include <stdint.h>

#if !defined(__aarch64__)
#error "hvabi/arch/aarch64/hypercall.h is for AArch64 guests only"
#endif

#define HVABI_AARCH64_HVC_IMM 0xEA1

/* The SMCCC conduit: HVC #0 (or SMC #0), function identifier in w0. */
#define HVABI_AARCH64_SMCCC_IMM 0
/* x0 after an SMCCC call of a function the hypervisor does not implement. */
#define HVABI_AARCH64_SMCCC_NOT_SUPPORTED (-1)

static inline int64_t hvabi_hypercall0(uint64_t nr)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "hvc %[imm]\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [imm] "i"(HVABI_AARCH64_HVC_IMM), [nr] "r"(nr)
                     : "x0", "x16", "cc", "memory");
    return result;
}

static inline int64_t hvabi_hypercall1(uint64_t nr, uint64_t a0)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "mov x0, %[a0]\n\t"
                     "hvc %[imm]\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [imm] "i"(HVABI_AARCH64_HVC_IMM), [nr] "r"(nr), [a0] "r"(a0)
                     : "x0", "x16", "cc", "memory");
    return result;
}

static inline int64_t hvabi_hypercall2(uint64_t nr, uint64_t a0, uint64_t a1)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "mov x0, %[a0]\n\t"
                     "mov x1, %[a1]\n\t"
                     "hvc %[imm]\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [imm] "i"(HVABI_AARCH64_HVC_IMM), [nr] "r"(nr), [a0] "r"(a0), [a1] "r"(a1)
                     : "x0", "x1", "x16", "cc", "memory");
    return result;
}

static inline int64_t hvabi_hypercall3(uint64_t nr, uint64_t a0, uint64_t a1,
                                       uint64_t a2)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "mov x0, %[a0]\n\t"
                     "mov x1, %[a1]\n\t"
                     "mov x2, %[a2]\n\t"
                     "hvc %[imm]\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [imm] "i"(HVABI_AARCH64_HVC_IMM), [nr] "r"(nr), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2)
                     : "x0", "x1", "x2", "x16", "cc", "memory");
    return result;
}

static inline int64_t hvabi_hypercall4(uint64_t nr, uint64_t a0, uint64_t a1,
                                       uint64_t a2, uint64_t a3)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "mov x0, %[a0]\n\t"
                     "mov x1, %[a1]\n\t"
                     "mov x2, %[a2]\n\t"
                     "mov x3, %[a3]\n\t"
                     "hvc %[imm]\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [imm] "i"(HVABI_AARCH64_HVC_IMM), [nr] "r"(nr), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2),
                       [a3] "r"(a3)
                     : "x0", "x1", "x2", "x3", "x16", "cc", "memory");
    return result;
}

static inline int64_t hvabi_hypercall5(uint64_t nr, uint64_t a0, uint64_t a1,
                                       uint64_t a2, uint64_t a3, uint64_t a4)
{
    int64_t result;
    __asm__ volatile("mov x16, %[nr]\n\t"
                     "mov x0, %[a0]\n\t"
                     "mov x1, %[a1]\n\t"
                     "mov x2, %[a2]\n\t"
                     "mov x3, %[a3]\n\t"
                     "mov x4, %[a4]\n\t"
                     "hvc %[imm]\n\t"
                     "mov %[result], x0"
                     : [result] "=r"(result)
                     : [imm] "i"(HVABI_AARCH64_HVC_IMM), [nr] "r"(nr), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2),
                       [a3] "r"(a3), [a4] "r"(a4)
                     : "x0", "x1", "x2", "x3", "x4", "x16", "cc", "memory");
    return result;
}

#endif /* HVABI_ARCH_AARCH64_HYPERCALL_H */
