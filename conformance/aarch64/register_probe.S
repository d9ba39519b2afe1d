/*
 * register_probe.S - make a hypercall (or an SMCCC call) with every register
 * holding a known value, and record every register afterwards.
 *
 * void register_probe(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS])
 *     HVC #0xEA1, the hypercall instruction
 * void smccc_probe_hvc(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS])
 *     HVC #0, the SMCCC conduit
 * void smccc_probe_smc(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS])
 *     SMC #0
 *
 *   in[0]      x16 (the hypercall number)
 *   in[1..5]   x0..x4
 *   x5..x15, x17..x30 hold register_probe_pattern(n) = 0xa5a5'0000'0000'0000 | n
 *
 *   out[0..30] x0..x30 after the call
 *   out[31]    SP after the call
 *   out[32]    SP before the call
 *
 * Written in assembly because C cannot pin every register around an HVC.
 * The callee-saved registers, x29 and x30 are saved on the stack and
 * restored before returning, so the probe itself is an ordinary function.
 */

#include "aarch64/register_probe.h"

    .macro set_pattern reg, n
    movz    \reg, #\n
    movk    \reg, #0xa5a5, lsl #48
    .endm

    .macro probe name, instruction:vararg
    .section .text, "ax"
    .global \name
\name:
    stp     x29, x30, [sp, #-112]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    str     x1, [sp, #96]               /* out */
    mov     x9, sp
    str     x9, [sp, #104]              /* SP before the call */

    ldr     x16, [x0, #0]
    ldp     x1, x2, [x0, #16]
    ldp     x3, x4, [x0, #32]
    ldr     x0, [x0, #8]

    set_pattern x5, 5
    set_pattern x6, 6
    set_pattern x7, 7
    set_pattern x8, 8
    set_pattern x9, 9
    set_pattern x10, 10
    set_pattern x11, 11
    set_pattern x12, 12
    set_pattern x13, 13
    set_pattern x14, 14
    set_pattern x15, 15
    set_pattern x17, 17
    set_pattern x18, 18
    set_pattern x19, 19
    set_pattern x20, 20
    set_pattern x21, 21
    set_pattern x22, 22
    set_pattern x23, 23
    set_pattern x24, 24
    set_pattern x25, 25
    set_pattern x26, 26
    set_pattern x27, 27
    set_pattern x28, 28
    set_pattern x29, 29
    set_pattern x30, 30

    .global \name\()_call
\name\()_call:
    \instruction

    /* Spill everything below the saved area, then copy it to out[]. */
    sub     sp, sp, #(REGISTER_PROBE_WORDS * 8)
    stp     x0, x1, [sp, #0]
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
    add     x0, sp, #(REGISTER_PROBE_WORDS * 8)   /* SP after the call */
    stp     x30, x0, [sp, #240]
    ldr     x1, [x0, #104]
    str     x1, [sp, #256]

    ldr     x1, [x0, #96]               /* out */
    mov     x2, sp
    mov     x3, #REGISTER_PROBE_WORDS
1:  ldr     x4, [x2], #8
    str     x4, [x1], #8
    subs    x3, x3, #1
    b.ne    1b
    add     sp, sp, #(REGISTER_PROBE_WORDS * 8)

    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #112
    ret
    .endm

    probe register_probe, hvc #0xea1
    probe smccc_probe_hvc, hvc #0
    probe smccc_probe_smc, smc #0
