/*
 * fpsimd.S - the SIMD and floating-point state of a vCPU at its start.
 *
 * In a file of its own because C here is compiled without SIMD registers
 * (-mgeneral-regs-only).  CPTR_EL2.TFP is 0, so EL2 may use them.
 */

    .text
    .balign 4

/* void fpsimd_zero(void): V0-V31, FPCR and FPSR all 0 (hvabi~guest-entry-simd-zero~1). */
    .global fpsimd_zero
fpsimd_zero:
    movi    v0.2d, #0
    movi    v1.2d, #0
    movi    v2.2d, #0
    movi    v3.2d, #0
    movi    v4.2d, #0
    movi    v5.2d, #0
    movi    v6.2d, #0
    movi    v7.2d, #0
    movi    v8.2d, #0
    movi    v9.2d, #0
    movi    v10.2d, #0
    movi    v11.2d, #0
    movi    v12.2d, #0
    movi    v13.2d, #0
    movi    v14.2d, #0
    movi    v15.2d, #0
    movi    v16.2d, #0
    movi    v17.2d, #0
    movi    v18.2d, #0
    movi    v19.2d, #0
    movi    v20.2d, #0
    movi    v21.2d, #0
    movi    v22.2d, #0
    movi    v23.2d, #0
    movi    v24.2d, #0
    movi    v25.2d, #0
    movi    v26.2d, #0
    movi    v27.2d, #0
    movi    v28.2d, #0
    movi    v29.2d, #0
    movi    v30.2d, #0
    movi    v31.2d, #0
    msr     fpcr, xzr
    msr     fpsr, xzr
    ret
