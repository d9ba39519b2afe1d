/*
 * simd_probe.S - make a hypercall with the SIMD and floating-point
 * registers holding known values, and record them afterwards.
 *
 * void simd_probe(const uint64_t in[SIMD_PROBE_WORDS], uint64_t out[SIMD_PROBE_WORDS])
 *
 *   words 0..63   V0..V31 (bits [63:0], then [127:64] of each)
 *   word 64       FPCR
 *   word 65       FPSR
 *
 * The call is xen_version(XENVER_version).  C code cannot name these
 * registers (the images are built with -mgeneral-regs-only).  V8..V15 are
 * callee-saved in the AAPCS64 (their low halves); the probe restores them.
 */

#include "aarch64/simd_probe.h"

    .section .text, "ax"
    .global simd_probe
simd_probe:
    stp     x29, x30, [sp, #-96]!
    stp     d8, d9, [sp, #16]
    stp     d10, d11, [sp, #32]
    stp     d12, d13, [sp, #48]
    stp     d14, d15, [sp, #64]
    mrs     x9, fpcr
    mrs     x10, fpsr
    stp     x9, x10, [sp, #80]

    ldp     q0, q1, [x0, #0]
    ldp     q2, q3, [x0, #32]
    ldp     q4, q5, [x0, #64]
    ldp     q6, q7, [x0, #96]
    ldp     q8, q9, [x0, #128]
    ldp     q10, q11, [x0, #160]
    ldp     q12, q13, [x0, #192]
    ldp     q14, q15, [x0, #224]
    ldp     q16, q17, [x0, #256]
    ldp     q18, q19, [x0, #288]
    ldp     q20, q21, [x0, #320]
    ldp     q22, q23, [x0, #352]
    ldp     q24, q25, [x0, #384]
    ldp     q26, q27, [x0, #416]
    ldp     q28, q29, [x0, #448]
    ldp     q30, q31, [x0, #480]
    add     x11, x0, #512
    ldp     x9, x10, [x11]
    msr     fpcr, x9
    msr     fpsr, x10

    mov     x9, x1                      /* out: x9 is not a hypercall register */
    mov     x16, #17                    /* HVABI_HYPERCALL_XEN_VERSION */
    mov     x0, #0                      /* HVABI_XENVER_VERSION */
    mov     x1, #0
    hvc     #0xea1

    stp     q0, q1, [x9, #0]
    stp     q2, q3, [x9, #32]
    stp     q4, q5, [x9, #64]
    stp     q6, q7, [x9, #96]
    stp     q8, q9, [x9, #128]
    stp     q10, q11, [x9, #160]
    stp     q12, q13, [x9, #192]
    stp     q14, q15, [x9, #224]
    stp     q16, q17, [x9, #256]
    stp     q18, q19, [x9, #288]
    stp     q20, q21, [x9, #320]
    stp     q22, q23, [x9, #352]
    stp     q24, q25, [x9, #384]
    stp     q26, q27, [x9, #416]
    stp     q28, q29, [x9, #448]
    stp     q30, q31, [x9, #480]
    mrs     x10, fpcr
    mrs     x11, fpsr
    add     x12, x9, #512
    stp     x10, x11, [x12]

    ldp     x9, x10, [sp, #80]
    msr     fpcr, x9
    msr     fpsr, x10
    ldp     d8, d9, [sp, #16]
    ldp     d10, d11, [sp, #32]
    ldp     d12, d13, [sp, #48]
    ldp     d14, d15, [sp, #64]
    ldp     x29, x30, [sp], #96
    ret

/*
 * void simd_fill(uint64_t pattern)
 *
 * Leaves V0..V31 holding `pattern` in each half, and FPCR and FPSR with
 * bits set (FPCR.DN and rounding towards zero; FPSR.QC): a vCPU's SIMD
 * state that a later start must not show.
 */
    .global simd_fill
simd_fill:
    dup     v0.2d, x0
    mov     v1.16b, v0.16b
    mov     v2.16b, v0.16b
    mov     v3.16b, v0.16b
    mov     v4.16b, v0.16b
    mov     v5.16b, v0.16b
    mov     v6.16b, v0.16b
    mov     v7.16b, v0.16b
    mov     v8.16b, v0.16b
    mov     v9.16b, v0.16b
    mov     v10.16b, v0.16b
    mov     v11.16b, v0.16b
    mov     v12.16b, v0.16b
    mov     v13.16b, v0.16b
    mov     v14.16b, v0.16b
    mov     v15.16b, v0.16b
    mov     v16.16b, v0.16b
    mov     v17.16b, v0.16b
    mov     v18.16b, v0.16b
    mov     v19.16b, v0.16b
    mov     v20.16b, v0.16b
    mov     v21.16b, v0.16b
    mov     v22.16b, v0.16b
    mov     v23.16b, v0.16b
    mov     v24.16b, v0.16b
    mov     v25.16b, v0.16b
    mov     v26.16b, v0.16b
    mov     v27.16b, v0.16b
    mov     v28.16b, v0.16b
    mov     v29.16b, v0.16b
    mov     v30.16b, v0.16b
    mov     v31.16b, v0.16b
    mov     x1, #((1 << 25) | (3 << 22))
    msr     fpcr, x1
    mov     x1, #(1 << 27)
    msr     fpsr, x1
    ret
