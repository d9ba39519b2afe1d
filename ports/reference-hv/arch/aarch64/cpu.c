/*
 * cpu.c - set up EL2 of a physical CPU for running guests.
 */
#include "arch/aarch64/cpu.h"
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"

/* SCTLR_EL1 for a guest's first instruction: RES1 bits only, MMU and caches off. */
#define SCTLR_EL1_RES1 0x30d00800ULL

/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN (1ULL << 0)
#define CNTHCTL_EL1PCEN  (1ULL << 1)

/* ICC_SRE_EL2: system-register GIC interface, and let EL1 use it too. */
#define ICC_SRE_SRE    (1ULL << 0)
#define ICC_SRE_ENABLE (1ULL << 3)

/* ID_AA64PFR0_EL1.GIC: non-zero when the GIC system registers exist. */
#define PFR0_GIC_SHIFT 24

void cpu_init_el2(void)
{
    uint64_t pmcr = SYSREG_READ(pmcr_el0);

    /* Guests see the real CPU model.  MPIDR is set per vCPU. */
    SYSREG_WRITE(vpidr_el2, SYSREG_READ(midr_el1));
    SYSREG_WRITE(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
    SYSREG_WRITE(cntvoff_el2, 0);
    /* MDCR_EL2.HPMN: all performance counters belong to EL1 (reset value is UNKNOWN). */
    SYSREG_WRITE(mdcr_el2, (pmcr >> 11) & 0x1f);
    if (((SYSREG_READ(id_aa64pfr0_el1) >> PFR0_GIC_SHIFT) & 0xf) != 0) {
        SYSREG_WRITE(S3_4_C12_C9_5, ICC_SRE_SRE | ICC_SRE_ENABLE); /* ICC_SRE_EL2 */
        isb();
        SYSREG_WRITE(S3_4_C12_C11_0, 0); /* ICH_HCR_EL2: no virtual interrupts yet */
    }
    SYSREG_WRITE(sctlr_el1, SCTLR_EL1_RES1);
    SYSREG_WRITE(tpidr_el2, 0); /* no vCPU has trapped on this CPU yet */
    isb();
}

uint64_t arch_cpu_mpidr(void)
{
    return SYSREG_READ(mpidr_el1);
}
