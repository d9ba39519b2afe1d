/*
 * binding_state_tests.c - what a hypercall preserves besides X1 to X30:
 * PSTATE, the SIMD and floating-point registers, the system registers.
 *
 * Specification: spec/chapters/aarch64_binding.rst.  Each test sets values
 * that the start code and the compiler never use, makes a call
 * (xen_version(XENVER_version), which takes no pointer), reads them back
 * and restores what it changed.
 */
#include <stdint.h>

#include "aarch64/simd_probe.h"
#include "framework/suite.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/xen_version.h>

#define DAIF_D (1ULL << 9)
#define DAIF_A (1ULL << 8)
#define DAIF_I (1ULL << 7)
#define DAIF_F (1ULL << 6)

struct pstate_sample {
    uint64_t nzcv;
    uint64_t daif;
    uint64_t spsel;
};

/*
 * Makes the call with NZCV = `nzcv`, DAIF = `daif` (IRQs stay masked) and
 * SPSel = `spsel`, and reads the three back right after the HVC.  With
 * SPSel = 0 the stack pointer is SP_EL0, set to the current stack.
 */
static struct pstate_sample call_with_pstate(uint64_t nzcv, uint64_t daif, uint64_t spsel)
{
    struct pstate_sample after;
    uint64_t saved_daif;

    __asm__ volatile("mrs %0, daif" : "=r"(saved_daif));
    __asm__ volatile("mov x9, sp\n\t"
                     "cbnz %[spsel], 1f\n\t"
                     "msr spsel, #0\n\t"
                     "mov sp, x9\n\t"
                     "1: msr daif, %[daif]\n\t"
                     "msr nzcv, %[nzcv]\n\t"
                     "mov x16, %[nr]\n\t"
                     "mov x0, %[cmd]\n\t"
                     "mov x1, #0\n\t"
                     "hvc #0xea1\n\t"
                     "mrs %[out_nzcv], nzcv\n\t"
                     "mrs %[out_daif], daif\n\t"
                     "mrs %[out_spsel], spsel\n\t"
                     "msr spsel, #1\n\t"
                     "mov sp, x9\n\t"
                     "msr daif, %[saved]"
                     : [out_nzcv] "=&r"(after.nzcv), [out_daif] "=&r"(after.daif),
                       [out_spsel] "=&r"(after.spsel)
                     : [nzcv] "r"(nzcv), [daif] "r"(daif), [spsel] "r"(spsel),
                       [saved] "r"(saved_daif), [nr] "r"((uint64_t)HVABI_HYPERCALL_XEN_VERSION),
                       [cmd] "r"((uint64_t)HVABI_XENVER_VERSION)
                     : "x0", "x1", "x9", "x16", "cc", "memory");
    return after;
}

static void preserves_pstate(struct test_context *t)
{
    static const struct pstate_sample cases[] = {
        { 0xf0000000, DAIF_D | DAIF_A | DAIF_I | DAIF_F, 1 },
        { 0x50000000, DAIF_I, 1 },
        { 0xa0000000, DAIF_A | DAIF_I, 1 },
        { 0x00000000, DAIF_D | DAIF_I | DAIF_F, 1 },
        { 0x90000000, DAIF_D | DAIF_A | DAIF_I | DAIF_F, 0 },
    };

    for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct pstate_sample after = call_with_pstate(cases[i].nzcv, cases[i].daif, cases[i].spsel);

        expect(t, after.nzcv == cases[i].nzcv, "NZCV: set 0x%08llx before the call, found 0x%08llx",
               (unsigned long long)cases[i].nzcv, (unsigned long long)after.nzcv);
        expect(t, after.daif == cases[i].daif, "DAIF: set 0x%03llx before the call, found 0x%03llx",
               (unsigned long long)cases[i].daif, (unsigned long long)after.daif);
        expect(t, after.spsel == cases[i].spsel, "SPSel: set %llu before the call, found %llu",
               (unsigned long long)cases[i].spsel, (unsigned long long)after.spsel);
    }
}

static uint64_t sve_implemented(void)
{
    uint64_t pfr0;

    __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
    return (pfr0 >> 32) & 0xf;
}

static void preserves_simd(struct test_context *t)
{
    uint64_t in[SIMD_PROBE_WORDS];
    uint64_t out[SIMD_PROBE_WORDS];

    for (unsigned int w = 0; w < 64; w++) {
        in[w] = 0x5a5a000000000000ULL | ((uint64_t)w << 32) | (~(uint64_t)w & 0xffffffff);
        out[w] = 0;
    }
    /* FPCR: AHP, DN, FZ and rounding towards zero; FPSR: QC and every
     * cumulative exception flag.  Bits that the vCPU does not implement
     * read as 0, so the comparison uses what a read returns without a call. */
    in[SIMD_PROBE_FPCR] = (1ULL << 26) | (1ULL << 25) | (1ULL << 24) | (3ULL << 22);
    in[SIMD_PROBE_FPSR] = (1ULL << 27) | 0x9f;
    simd_probe(in, out);
    for (unsigned int v = 0; v < 32; v++) {
        expect(t, out[2 * v] == in[2 * v] && out[2 * v + 1] == in[2 * v + 1],
               "V%u: set 0x%016llx%016llx before the call, found 0x%016llx%016llx", v,
               (unsigned long long)in[2 * v + 1], (unsigned long long)in[2 * v],
               (unsigned long long)out[2 * v + 1], (unsigned long long)out[2 * v]);
    }
    expect(t, out[SIMD_PROBE_FPCR] == in[SIMD_PROBE_FPCR],
           "FPCR: set 0x%08llx before the call, found 0x%08llx",
           (unsigned long long)in[SIMD_PROBE_FPCR], (unsigned long long)out[SIMD_PROBE_FPCR]);
    expect(t, out[SIMD_PROBE_FPSR] == in[SIMD_PROBE_FPSR],
           "FPSR: set 0x%08llx before the call, found 0x%08llx",
           (unsigned long long)in[SIMD_PROBE_FPSR], (unsigned long long)out[SIMD_PROBE_FPSR]);
    if (sve_implemented() != 0) {
        test_note(t, "the vCPU implements SVE: Z, P and FFR are not checked by this test");
    }
}

/* System registers the guest can change without effect on its execution. */
struct sysreg_values {
    uint64_t tpidr_el0, tpidr_el1, tpidrro_el0, contextidr_el1;
    uint64_t elr_el1, spsr_el1, esr_el1, far_el1;
    uint64_t par_el1, ttbr1_el1, mair_el1, cntkctl_el1;
    uint64_t cntv_cval_el0, cntv_ctl_el0;
};

static void read_sysregs(struct sysreg_values *v)
{
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(v->tpidr_el0));
    __asm__ volatile("mrs %0, tpidr_el1" : "=r"(v->tpidr_el1));
    __asm__ volatile("mrs %0, tpidrro_el0" : "=r"(v->tpidrro_el0));
    __asm__ volatile("mrs %0, contextidr_el1" : "=r"(v->contextidr_el1));
    __asm__ volatile("mrs %0, elr_el1" : "=r"(v->elr_el1));
    __asm__ volatile("mrs %0, spsr_el1" : "=r"(v->spsr_el1));
    __asm__ volatile("mrs %0, esr_el1" : "=r"(v->esr_el1));
    __asm__ volatile("mrs %0, far_el1" : "=r"(v->far_el1));
    __asm__ volatile("mrs %0, par_el1" : "=r"(v->par_el1));
    __asm__ volatile("mrs %0, ttbr1_el1" : "=r"(v->ttbr1_el1));
    __asm__ volatile("mrs %0, mair_el1" : "=r"(v->mair_el1));
    __asm__ volatile("mrs %0, cntkctl_el1" : "=r"(v->cntkctl_el1));
    __asm__ volatile("mrs %0, cntv_cval_el0" : "=r"(v->cntv_cval_el0));
    __asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(v->cntv_ctl_el0));
}

static void write_sysregs(const struct sysreg_values *v)
{
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(v->tpidr_el0));
    __asm__ volatile("msr tpidr_el1, %0" : : "r"(v->tpidr_el1));
    __asm__ volatile("msr tpidrro_el0, %0" : : "r"(v->tpidrro_el0));
    __asm__ volatile("msr contextidr_el1, %0" : : "r"(v->contextidr_el1));
    __asm__ volatile("msr elr_el1, %0" : : "r"(v->elr_el1));
    __asm__ volatile("msr spsr_el1, %0" : : "r"(v->spsr_el1));
    __asm__ volatile("msr esr_el1, %0" : : "r"(v->esr_el1));
    __asm__ volatile("msr far_el1, %0" : : "r"(v->far_el1));
    __asm__ volatile("msr par_el1, %0" : : "r"(v->par_el1));
    __asm__ volatile("msr ttbr1_el1, %0" : : "r"(v->ttbr1_el1));
    __asm__ volatile("msr mair_el1, %0" : : "r"(v->mair_el1));
    __asm__ volatile("msr cntkctl_el1, %0" : : "r"(v->cntkctl_el1));
    __asm__ volatile("msr cntv_cval_el0, %0" : : "r"(v->cntv_cval_el0));
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"(v->cntv_ctl_el0));
    __asm__ volatile("isb" ::: "memory");
}

#define CNTV_CTL_ISTATUS (1ULL << 2)

static void compare(struct test_context *t, const char *name, uint64_t set, uint64_t found)
{
    expect(t, set == found, "%s: 0x%llx before the call, 0x%llx after", name,
           (unsigned long long)set, (unsigned long long)found);
}

static void preserves_sysregs(struct test_context *t)
{
    struct sysreg_values saved, set, before, after;
    int64_t rc;

    read_sysregs(&saved);
    set = saved;
    set.tpidr_el0 = 0x1111222233334444ULL;
    set.tpidr_el1 = 0x5555666677778888ULL;
    set.tpidrro_el0 = 0x99990000aaaabbbbULL;
    set.contextidr_el1 = 0x12345678;
    set.elr_el1 = 0x0000000040123450ULL;
    set.spsr_el1 = 0x600003c5;
    set.esr_el1 = 0x96000045;
    set.far_el1 = 0x0000001234567000ULL;
    set.par_el1 = 0x0000000040001f00ULL;
    set.ttbr1_el1 = 0x0000000041230000ULL; /* TCR_EL1.EPD1 keeps it unused */
    set.mair_el1 = (saved.mair_el1 & 0xffff) | 0x4400000000ULL; /* attribute 4 is unused */
    set.cntkctl_el1 = 0x3; /* EL0 may read the counters */
    set.cntv_cval_el0 = 0x7fffffffffffffffULL;
    set.cntv_ctl_el0 = 2; /* off, masked */

    write_sysregs(&set);
    read_sysregs(&before); /* what the vCPU made of the values (RES0 bits...) */
    rc = hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0);
    read_sysregs(&after);
    write_sysregs(&saved);

    expect(t, rc >= 0, "xen_version(XENVER_version): expected the version, got %lld",
           (long long)rc);
    compare(t, "TPIDR_EL0", before.tpidr_el0, after.tpidr_el0);
    compare(t, "TPIDR_EL1", before.tpidr_el1, after.tpidr_el1);
    compare(t, "TPIDRRO_EL0", before.tpidrro_el0, after.tpidrro_el0);
    compare(t, "CONTEXTIDR_EL1", before.contextidr_el1, after.contextidr_el1);
    compare(t, "ELR_EL1", before.elr_el1, after.elr_el1);
    compare(t, "SPSR_EL1", before.spsr_el1, after.spsr_el1);
    compare(t, "ESR_EL1", before.esr_el1, after.esr_el1);
    compare(t, "FAR_EL1", before.far_el1, after.far_el1);
    compare(t, "PAR_EL1", before.par_el1, after.par_el1);
    compare(t, "TTBR1_EL1", before.ttbr1_el1, after.ttbr1_el1);
    compare(t, "MAIR_EL1", before.mair_el1, after.mair_el1);
    compare(t, "CNTKCTL_EL1", before.cntkctl_el1, after.cntkctl_el1);
    compare(t, "CNTV_CVAL_EL0", before.cntv_cval_el0, after.cntv_cval_el0);
    /* ISTATUS reports the passing of time and may change. */
    compare(t, "CNTV_CTL_EL0 (ENABLE, IMASK)", before.cntv_ctl_el0 & ~CNTV_CTL_ISTATUS,
            after.cntv_ctl_el0 & ~CNTV_CTL_ISTATUS);
    expect(t, before.tpidr_el1 == set.tpidr_el1,
           "TPIDR_EL1 did not keep the value written (0x%llx, read 0x%llx)",
           (unsigned long long)set.tpidr_el1, (unsigned long long)before.tpidr_el1);
}

const struct conformance_test aarch64_state_tests[] = {
    {
        .name = "aarch64_call_preserves_pstate",
        .verifies = "hvabi~aarch64-call-pstate-preserved~1",
        .run = preserves_pstate,
    },
    {
        .name = "aarch64_call_preserves_simd",
        .verifies = "hvabi~aarch64-call-simd-preserved~1",
        .run = preserves_simd,
    },
    {
        .name = "aarch64_call_preserves_sysregs",
        .verifies = "hvabi~aarch64-call-sysregs-preserved~1",
        .run = preserves_sysregs,
    },
    { .name = NULL },
};
