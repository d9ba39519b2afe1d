/*
 * el0.S - probes that end in an exception (see el0.h).
 */

#define SPSR_EL0T_MASKED 0x3c0 /* EL0t, D, A, I and F masked */

    .section .text, "ax"

/* void el0_call(uint64_t entry, uint64_t argument) */
    .global el0_call
    .global el0_resume
el0_call:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    msr     elr_el1, x0
    mov     x0, #SPSR_EL0T_MASKED
    msr     spsr_el1, x0
    msr     sp_el0, xzr
    mov     x0, x1
    isb
    eret
    /* The catch resumes here at EL1h, with this function's stack. */
el0_resume:
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

/* void branch_probe(uint64_t address) */
    .global branch_probe
    .global branch_probe_resume
branch_probe:
    stp     x29, x30, [sp, #-16]!
    blr     x0
branch_probe_resume:
    ldp     x29, x30, [sp], #16
    ret

    .global el0_load_probe
    .global el0_load_probe_end
el0_load_probe:
    ldr     x1, [x0]
    svc     #0          /* reached only when the load did not fault */
el0_load_probe_end:

    .global el0_branch_probe
    .global el0_branch_probe_end
el0_branch_probe:
    br      x0
el0_branch_probe_end:
