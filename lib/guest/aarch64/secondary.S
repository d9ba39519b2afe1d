/*
 * secondary.S - entry of a vCPU started with PSCI CPU_ON (see secondary.h).
 *
 * x0 = the context ID = a struct guest_secondary_start.  Until the MMU is
 * on, the only memory read is mmu_secondary_config, which mmu_enable()
 * cleaned to the point of coherency; the entry state is written to memory
 * directly (data accesses are not cached with the MMU off).
 */

#include "guest/aarch64/entry_state.h"
#include "guest/aarch64/secondary.h"

#define CTR_DMINLINE_SHIFT 16

    .section .text, "ax"
    .global guest_secondary_entry
guest_secondary_entry:
    /* x0 is the base: its own value is the context ID. */
    str     x0, [x0, #0]
    stp     x1, x2, [x0, #8]
    stp     x3, x4, [x0, #24]
    stp     x5, x6, [x0, #40]
    stp     x7, x8, [x0, #56]
    stp     x9, x10, [x0, #72]
    stp     x11, x12, [x0, #88]
    stp     x13, x14, [x0, #104]
    stp     x15, x16, [x0, #120]
    stp     x17, x18, [x0, #136]
    stp     x19, x20, [x0, #152]
    stp     x21, x22, [x0, #168]
    stp     x23, x24, [x0, #184]
    stp     x25, x26, [x0, #200]
    stp     x27, x28, [x0, #216]
    stp     x29, x30, [x0, #232]
    str     xzr, [x0, #ENTRY_STATE_X30_NONZERO]
    mov     x19, x0
    entry_state_record_rest x19
    mov     x1, #1
    str     x1, [x19, #ENTRY_STATE_RECORDED]

    /* The translation of vCPU 0. */
    adrp    x1, mmu_secondary_config
    add     x1, x1, :lo12:mmu_secondary_config
    ldp     x2, x3, [x1, #0]            /* MAIR_EL1, TCR_EL1 */
    ldp     x4, x5, [x1, #16]           /* TTBR0_EL1, SCTLR_EL1 */
    msr     mair_el1, x2
    msr     tcr_el1, x3
    msr     ttbr0_el1, x4
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    msr     sctlr_el1, x5
    isb

    /*
     * Cache lines of the record may hold what the memory held before the
     * vCPU wrote it with its MMU off: drop them.
     */
    mrs     x1, ctr_el0
    ubfx    x1, x1, #CTR_DMINLINE_SHIFT, #4
    mov     x2, #4
    lsl     x2, x2, x1                  /* line size in bytes */
    sub     x3, x2, #1
    bic     x1, x19, x3
    add     x4, x19, #ENTRY_STATE_SIZE
1:  dc      ivac, x1
    add     x1, x1, x2
    cmp     x1, x4
    b.lo    1b
    dsb     sy

    adrp    x1, guest_vectors
    add     x1, x1, :lo12:guest_vectors
    msr     vbar_el1, x1
    isb
    ldr     x1, [x19, #GUEST_SECONDARY_STACK_TOP]
    mov     sp, x1
    mov     x0, x19
    bl      guest_secondary_main
2:  wfi
    b       2b
