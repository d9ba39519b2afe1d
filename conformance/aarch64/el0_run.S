/*
 * el0_run.S - run a few instructions at EL0 and come back.
 *
 * void el0_run(uint64_t entry, uint64_t stack_top)
 *
 * Enters EL0 (AArch64, SP_EL0 = stack_top, interrupts masked) at `entry`.
 * The EL0 code is expected to take a synchronous exception; the caller
 * arms an exception catch with exception_catch_arm_el0(c, el0_run_return)
 * first, which brings the vCPU back to EL1 at el0_run_return.  The
 * callee-saved registers are restored from the stack there.
 *
 * The EL0 snippets below are position independent: the test copies them to
 * a page that EL0 may execute.  Each one's first instruction is the one
 * tested; if that returns, the SVC after it raises an SVC exception, which
 * the test recognises.
 */

#define SPSR_EL0T_MASKED 0x3c0

    .section .text, "ax"
    .global el0_run
el0_run:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    msr     sp_el0, x1
    msr     elr_el1, x0
    mov     x2, #SPSR_EL0T_MASKED
    msr     spsr_el1, x2
    /* Registers the EL0 code finds: a hypercall number and its argument. */
    mov     x16, #17                    /* xen_version */
    mov     x0, #0                      /* XENVER_version, or PSCI function 0 */
    isb
    eret

    .global el0_run_return
el0_run_return:
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

    .global el0_snippets, el0_snippet_hvc_call, el0_snippet_hvc_smccc, el0_snippet_smc
    .global el0_snippets_end
    .balign 8
el0_snippets:
el0_snippet_hvc_call:
    hvc     #0xea1
    svc     #0
el0_snippet_hvc_smccc:
    hvc     #0
    svc     #0
el0_snippet_smc:
    smc     #0
    svc     #0
el0_snippets_end:
