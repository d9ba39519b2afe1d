/*
 * vectors.S - EL1 exception vectors of a guest image.
 *
 * Every vector saves the interrupted context into a struct exception_frame
 * on the stack and calls guest_exception(frame, vector).  If that returns,
 * the (possibly changed) frame is restored and execution resumes at
 * frame->elr.  The frame layout must match exception.h.
 */

#define FRAME_SIZE (36 * 8) /* x0..x30, sp, elr, spsr, esr, far */

    .macro vector_entry index
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #\index
    b       exception_common
    .endm

    .section .text, "ax"
    .balign 0x800
    .global guest_vectors
guest_vectors:
    vector_entry 0      /* current EL, SP_EL0: synchronous */
    vector_entry 1      /*                     IRQ */
    vector_entry 2      /*                     FIQ */
    vector_entry 3      /*                     SError */
    vector_entry 4      /* current EL, SP_ELx: synchronous */
    vector_entry 5      /*                     IRQ */
    vector_entry 6      /*                     FIQ */
    vector_entry 7      /*                     SError */
    vector_entry 8      /* lower EL, AArch64 */
    vector_entry 9
    vector_entry 10
    vector_entry 11
    vector_entry 12     /* lower EL, AArch32 */
    vector_entry 13
    vector_entry 14
    vector_entry 15

exception_common:
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
    add     x2, sp, #FRAME_SIZE         /* sp before the exception */
    stp     x30, x2, [sp, #240]
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [sp, #256]
    mrs     x2, esr_el1
    mrs     x3, far_el1
    stp     x2, x3, [sp, #272]
    mov     x0, sp
    bl      guest_exception

    ldp     x2, x3, [sp, #256]
    msr     elr_el1, x2
    msr     spsr_el1, x3
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #FRAME_SIZE
    eret
