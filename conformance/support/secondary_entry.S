/*
 * secondary_entry.S - where a vCPU started with PSCI CPU_ON begins.
 *
 * Entry state (guest_entry.rst): EL1, MMU and data cache off, interrupts
 * masked, x0 = the context ID, here a struct secondary_context that vCPU 0
 * cleaned to the point of coherency.  The routine takes vCPU 0's
 * translation tables and vectors, enables SIMD (libfdt and the compiler's
 * memcpy may use it), turns the MMU on, takes its stack and calls
 * secondary_main(context), which does not return.
 */

#define CTX_MAIR      0
#define CTX_TCR       8
#define CTX_TTBR0     16
#define CTX_SCTLR     24
#define CTX_VBAR      32
#define CTX_STACK_TOP 40
#define CPACR_FPEN_NO_TRAP (3 << 20)

    .section .text, "ax"
    .balign 4
    .global secondary_entry
secondary_entry:
    ldr     x1, [x0, #CTX_MAIR]
    msr     mair_el1, x1
    ldr     x1, [x0, #CTX_TCR]
    msr     tcr_el1, x1
    ldr     x1, [x0, #CTX_TTBR0]
    msr     ttbr0_el1, x1
    ldr     x1, [x0, #CTX_VBAR]
    msr     vbar_el1, x1
    mov     x1, #CPACR_FPEN_NO_TRAP
    msr     cpacr_el1, x1
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    ldr     x1, [x0, #CTX_SCTLR]
    msr     sctlr_el1, x1
    isb
    ldr     x1, [x0, #CTX_STACK_TOP]
    mov     sp, x1
    bl      secondary_main
1:  wfi
    b       1b
