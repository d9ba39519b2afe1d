/*
 * vectors.S - EL2 exception vectors.
 *
 * From a guest (lower EL, AArch64): save the guest's registers into the
 * current vCPU (TPIDR_EL2 points to it), call trap_from_guest(vcpu, kind)
 * on the hypervisor stack, then resume the vCPU.  trap_from_guest() does not
 * return if the vCPU may not run any more.
 *
 * From EL2 itself: a fault inside the hypervisor.  Save what there is and
 * call hv_fault(), which reports it and stops the system.
 */

#include "arch/aarch64/vcpu_regs.h"

#define TRAP_SYNC   0
#define TRAP_IRQ    1
#define TRAP_FIQ    2
#define TRAP_SERROR 3
#define TRAP_AARCH32 4

#define HV_FRAME_SIZE (34 * 8) /* x0..x30, sp, elr, spsr */

    /* A vector slot: keep x0 and x1, say which slot, go to the handler. */
    .macro vector_slot handler, kind
    .balign 0x80
    stp     x0, x1, [sp, #-16]!
    mov     x1, #\kind
    b       \handler
    .endm

    .section .text, "ax"
    .balign 0x800
    .global hv_vectors
hv_vectors:
    vector_slot hv_fault_entry, 0       /* EL2 with SP_EL0 */
    vector_slot hv_fault_entry, 1
    vector_slot hv_fault_entry, 2
    vector_slot hv_fault_entry, 3
    vector_slot hv_fault_entry, 4       /* EL2 with SP_EL2 */
    vector_slot hv_fault_entry, 5
    vector_slot hv_fault_entry, 6
    vector_slot hv_fault_entry, 7
    vector_slot guest_entry, TRAP_SYNC  /* lower EL, AArch64 */
    vector_slot guest_entry, TRAP_IRQ
    vector_slot guest_entry, TRAP_FIQ
    vector_slot guest_entry, TRAP_SERROR
    vector_slot guest_entry, TRAP_AARCH32 /* lower EL, AArch32 */
    vector_slot guest_entry, TRAP_AARCH32
    vector_slot guest_entry, TRAP_AARCH32
    vector_slot guest_entry, TRAP_AARCH32

guest_entry:
    mrs     x0, tpidr_el2
    stp     x2, x3, [x0, #16]
    stp     x4, x5, [x0, #32]
    stp     x6, x7, [x0, #48]
    stp     x8, x9, [x0, #64]
    stp     x10, x11, [x0, #80]
    stp     x12, x13, [x0, #96]
    stp     x14, x15, [x0, #112]
    stp     x16, x17, [x0, #128]
    stp     x18, x19, [x0, #144]
    stp     x20, x21, [x0, #160]
    stp     x22, x23, [x0, #176]
    stp     x24, x25, [x0, #192]
    stp     x26, x27, [x0, #208]
    stp     x28, x29, [x0, #224]
    str     x30, [x0, #240]
    ldp     x2, x3, [sp], #16          /* the guest's x0 and x1 */
    stp     x2, x3, [x0, #VCPU_REGS_X0]
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    stp     x2, x3, [x0, #VCPU_REGS_ELR]
    bl      trap_from_guest
    mrs     x0, tpidr_el2
    b       guest_resume

/*
 * void guest_enter(struct vcpu *vcpu, uint64_t stack_top)
 * Runs a vCPU for the first time on this CPU's hypervisor stack.
 */
    .global guest_enter
guest_enter:
    mov     sp, x1
    /* fall through */

/* x0 = the vCPU to resume. */
guest_resume:
    msr     tpidr_el2, x0
    ldp     x2, x3, [x0, #VCPU_REGS_ELR]
    msr     elr_el2, x2
    msr     spsr_el2, x3
    ldp     x2, x3, [x0, #16]
    ldp     x4, x5, [x0, #32]
    ldp     x6, x7, [x0, #48]
    ldp     x8, x9, [x0, #64]
    ldp     x10, x11, [x0, #80]
    ldp     x12, x13, [x0, #96]
    ldp     x14, x15, [x0, #112]
    ldp     x16, x17, [x0, #128]
    ldp     x18, x19, [x0, #144]
    ldp     x20, x21, [x0, #160]
    ldp     x22, x23, [x0, #176]
    ldp     x24, x25, [x0, #192]
    ldp     x26, x27, [x0, #208]
    ldp     x28, x29, [x0, #224]
    ldr     x30, [x0, #240]
    ldr     x1, [x0, #8]
    ldr     x0, [x0, #VCPU_REGS_X0]
    eret

hv_fault_entry:
    sub     sp, sp, #(HV_FRAME_SIZE - 16)
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    ldp     x2, x3, [sp, #(HV_FRAME_SIZE - 16)]  /* x0 and x1 from the slot */
    stp     x2, x3, [sp, #0]
    add     x2, sp, #HV_FRAME_SIZE            /* SP before the exception */
    stp     x30, x2, [sp, #240]
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    stp     x2, x3, [sp, #256]
    mov     x0, sp
    bl      hv_fault
1:  wfi
    b       1b
