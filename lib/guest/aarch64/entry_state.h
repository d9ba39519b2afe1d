/*
 * entry_state.h - the state a vCPU had at its first instruction.
 *
 * Tests of the guest entry state (spec: guest_entry.rst) need the registers
 * as the hypervisor set them, before the start code changes any.  The start
 * code of vCPU 0 (start.S) and of vCPUs started with PSCI CPU_ON
 * (secondary.S) therefore record them first, with the MMU still off, in a
 * struct entry_state: vCPU 0 in guest_entry_state, another vCPU in the
 * context its CPU_ON call passed (secondary.h).
 *
 * What cannot be recorded exactly:
 *  - vCPU 0 needs one register to address the save area and uses X30.  The
 *    start code tests X30 against 0 first: x[30] then holds 0 when X30 was
 *    0, and x30_nonzero is 1 (x[30] unknown) when it was not.
 *  - PSTATE is recorded field by field, as the MRS instructions give them
 *    (NZCV, DAIF, CurrentEL, SPSel, and PAN, UAO, DIT and SSBS when the
 *    vCPU implements them, else 0), in the bit positions of SPSR_EL1.
 *    PSTATE.SS and PSTATE.IL cannot be read.
 *  - When SPSel is 0 at entry, SP_EL1 cannot be read: sp_el1 holds all ones.
 *
 * The offsets below are used by the assembly; the C structure must match
 * them (checked at compile time in entry_state.c).
 */
#ifndef HVABI_GUEST_AARCH64_ENTRY_STATE_H
#define HVABI_GUEST_AARCH64_ENTRY_STATE_H

#define ENTRY_STATE_X             0    /* x[0..30] */
#define ENTRY_STATE_X30_NONZERO   248
#define ENTRY_STATE_SP_EL1        256
#define ENTRY_STATE_SP_EL0        264
#define ENTRY_STATE_NZCV          272
#define ENTRY_STATE_DAIF          280
#define ENTRY_STATE_CURRENT_EL    288
#define ENTRY_STATE_SPSEL         296
#define ENTRY_STATE_PAN           304
#define ENTRY_STATE_UAO           312
#define ENTRY_STATE_DIT           320
#define ENTRY_STATE_SSBS          328
#define ENTRY_STATE_SCTLR         336
#define ENTRY_STATE_SYSREGS       344  /* ENTRY_STATE_SYSREG_COUNT registers, see below */
#define ENTRY_STATE_SYSREG_COUNT  20
#define ENTRY_STATE_MPIDR         504
#define ENTRY_STATE_FPCR          512
#define ENTRY_STATE_FPSR          520
#define ENTRY_STATE_V             528  /* V0..V31, 16 bytes each */
#define ENTRY_STATE_IMAGE_START   1040 /* vCPU 0: the address of the image at entry */
#define ENTRY_STATE_BSS_NONZERO   1048 /* vCPU 0: 8-byte words of BSS that were not 0 */
#define ENTRY_STATE_BSS_FIRST     1056 /* vCPU 0: address of the first such word, or 0 */
#define ENTRY_STATE_RECORDED      1064 /* 1 once the record is complete */
#define ENTRY_STATE_SIZE          1072

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The system registers of sysregs[], in this order (guest_entry.rst,
 * hvabi~guest-entry-sysregs-zero~1). */
#define ENTRY_STATE_SYSREG_NAMES                                                   \
    "ELR_EL1", "SPSR_EL1", "ESR_EL1", "FAR_EL1", "VBAR_EL1", "TTBR0_EL1",          \
    "TTBR1_EL1", "TCR_EL1", "MAIR_EL1", "AMAIR_EL1", "CONTEXTIDR_EL1", "PAR_EL1",  \
    "TPIDR_EL1", "TPIDR_EL0", "TPIDRRO_EL0", "CPACR_EL1", "MDSCR_EL1",             \
    "CNTKCTL_EL1", "CNTV_CTL_EL0", "CNTV_CVAL_EL0"

struct entry_state {
    uint64_t x[31];
    uint64_t x30_nonzero;
    uint64_t sp_el1;
    uint64_t sp_el0;
    uint64_t nzcv;
    uint64_t daif;
    uint64_t current_el;
    uint64_t spsel;
    uint64_t pan;
    uint64_t uao;
    uint64_t dit;
    uint64_t ssbs;
    uint64_t sctlr_el1;
    uint64_t sysregs[ENTRY_STATE_SYSREG_COUNT];
    uint64_t mpidr_el1;
    uint64_t fpcr;
    uint64_t fpsr;
    uint64_t v[32][2]; /* V<n> bits [63:0], then bits [127:64] */
    uint64_t image_start;
    uint64_t bss_nonzero;
    uint64_t bss_first;
    uint64_t recorded;
} __attribute__((aligned(16)));

/* vCPU 0's record, written by start.S. */
extern struct entry_state guest_entry_state;

/* PSTATE at entry in the form of SPSR_EL1 (fields that cannot be read are 0). */
uint64_t entry_state_pstate(const struct entry_state *state);

#else /* __ASSEMBLER__ */

/*
 * Records everything but x0..x30 at \base (an entry_state), using x1..x8.
 * Ends with CPACR_EL1.FPEN set, as reading V0..V31 needs it.
 */
    .macro entry_state_record_rest base
    mrs     x1, spsel
    str     x1, [\base, #ENTRY_STATE_SPSEL]
    cbz     x1, 91f
    mov     x2, sp
    mrs     x3, sp_el0
    b       92f
91: mov     x3, sp                      /* SPSel = 0: SP is SP_EL0 */
    mov     x2, #-1                     /* and SP_EL1 cannot be read */
92: stp     x2, x3, [\base, #ENTRY_STATE_SP_EL1]
    mrs     x1, nzcv
    mrs     x2, daif
    stp     x1, x2, [\base, #ENTRY_STATE_NZCV]
    mrs     x1, CurrentEL
    str     x1, [\base, #ENTRY_STATE_CURRENT_EL]

    /* PSTATE fields of later architecture versions, when implemented. */
    mov     x1, #0
    mrs     x2, id_aa64mmfr1_el1
    ubfx    x2, x2, #20, #4             /* PAN */
    cbz     x2, 93f
    mrs     x1, S3_0_C4_C2_3            /* PAN */
93: str     x1, [\base, #ENTRY_STATE_PAN]
    mov     x1, #0
    mrs     x2, S3_0_C0_C7_2            /* ID_AA64MMFR2_EL1 */
    ubfx    x2, x2, #4, #4              /* UAO */
    cbz     x2, 94f
    mrs     x1, S3_0_C4_C2_4            /* UAO */
94: str     x1, [\base, #ENTRY_STATE_UAO]
    mov     x1, #0
    mrs     x2, id_aa64pfr0_el1
    ubfx    x2, x2, #48, #4             /* DIT */
    cbz     x2, 95f
    mrs     x1, S3_3_C4_C2_5            /* DIT */
95: str     x1, [\base, #ENTRY_STATE_DIT]
    mov     x1, #0
    mrs     x2, S3_0_C0_C4_1            /* ID_AA64PFR1_EL1 */
    ubfx    x2, x2, #4, #4              /* SSBS */
    cbz     x2, 96f
    mrs     x1, S3_3_C4_C2_6            /* SSBS */
96: str     x1, [\base, #ENTRY_STATE_SSBS]

    mrs     x1, sctlr_el1
    str     x1, [\base, #ENTRY_STATE_SCTLR]
    add     x8, \base, #ENTRY_STATE_SYSREGS
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [x8, #0]
    mrs     x1, esr_el1
    mrs     x2, far_el1
    stp     x1, x2, [x8, #16]
    mrs     x1, vbar_el1
    mrs     x2, ttbr0_el1
    stp     x1, x2, [x8, #32]
    mrs     x1, ttbr1_el1
    mrs     x2, tcr_el1
    stp     x1, x2, [x8, #48]
    mrs     x1, mair_el1
    mrs     x2, amair_el1
    stp     x1, x2, [x8, #64]
    mrs     x1, contextidr_el1
    mrs     x2, par_el1
    stp     x1, x2, [x8, #80]
    mrs     x1, tpidr_el1
    mrs     x2, tpidr_el0
    stp     x1, x2, [x8, #96]
    mrs     x1, tpidrro_el0
    mrs     x2, cpacr_el1
    stp     x1, x2, [x8, #112]
    mrs     x1, mdscr_el1
    mrs     x2, cntkctl_el1
    stp     x1, x2, [x8, #128]
    mrs     x1, cntv_ctl_el0
    mrs     x2, cntv_cval_el0
    stp     x1, x2, [x8, #144]
    mrs     x1, mpidr_el1
    str     x1, [\base, #ENTRY_STATE_MPIDR]

    /* SIMD and floating point: allow access first (CPACR_EL1 is recorded). */
    mrs     x2, cpacr_el1
    orr     x2, x2, #(3 << 20)
    msr     cpacr_el1, x2
    isb
    mrs     x1, fpcr
    mrs     x2, fpsr
    str     x1, [\base, #ENTRY_STATE_FPCR]
    str     x2, [\base, #ENTRY_STATE_FPSR]
    add     x8, \base, #ENTRY_STATE_V
    stp     q0, q1, [x8, #0]
    stp     q2, q3, [x8, #32]
    stp     q4, q5, [x8, #64]
    stp     q6, q7, [x8, #96]
    stp     q8, q9, [x8, #128]
    stp     q10, q11, [x8, #160]
    stp     q12, q13, [x8, #192]
    stp     q14, q15, [x8, #224]
    stp     q16, q17, [x8, #256]
    stp     q18, q19, [x8, #288]
    stp     q20, q21, [x8, #320]
    stp     q22, q23, [x8, #352]
    stp     q24, q25, [x8, #384]
    stp     q26, q27, [x8, #416]
    stp     q28, q29, [x8, #448]
    stp     q30, q31, [x8, #480]
    .endm

#endif /* __ASSEMBLER__ */

#endif /* HVABI_GUEST_AARCH64_ENTRY_STATE_H */
