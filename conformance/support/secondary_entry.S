/*
 * secondary_entry.S - where vCPU 1 starts (see secondary.h).
 *
 * PSCI_CPU_ON enters here at EL1 with the MMU and data cache off and
 * x0 = the guest-physical address of a struct secondary_context, which
 * vCPU 0 has cleaned to the point of coherency.  The layout must match
 * secondary.c.
 */

#define CONTEXT_MAIR   0
#define CONTEXT_TCR    8
#define CONTEXT_TTBR0  16
#define CONTEXT_VBAR   24
#define CONTEXT_CPACR  32
#define CONTEXT_SCTLR  40
#define CONTEXT_STACK  48

    .section .text, "ax"
    .global secondary_entry
    .balign 8
secondary_entry:
    ldr     x1, [x0, #CONTEXT_MAIR]
    msr     mair_el1, x1
    ldr     x1, [x0, #CONTEXT_TCR]
    msr     tcr_el1, x1
    ldr     x1, [x0, #CONTEXT_TTBR0]
    msr     ttbr0_el1, x1
    ldr     x1, [x0, #CONTEXT_VBAR]
    msr     vbar_el1, x1
    ldr     x1, [x0, #CONTEXT_CPACR]
    msr     cpacr_el1, x1
    ldr     x2, [x0, #CONTEXT_SCTLR]
    ldr     x3, [x0, #CONTEXT_STACK]
    dsb     sy
    isb
    tlbi    vmalle1
    dsb     sy
    isb
    msr     sctlr_el1, x2
    isb
    mov     sp, x3
    bl      secondary_main
1:  wfi
    b       1b
