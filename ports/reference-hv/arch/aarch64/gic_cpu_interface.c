/*
 * gic_cpu_interface.c - the physical GICv3 CPU interface (see the header),
 * and kicking another CPU with SGI 0.
 */
#include "arch/aarch64/gic_cpu_interface.h"
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "drivers/gicv3.h"

/* ICC registers by encoding: older assemblers lack some of the names. */
#define ICC_PMR_EL1_PRIORITY_ALL 0xff
#define ICC_CTLR_EOIMODE         (1ULL << 1)
#define ICC_SGI1R_AFF1_SHIFT     16
#define ICC_SGI1R_INTID_SHIFT    24
#define ICC_SGI1R_AFF2_SHIFT     32
#define ICC_SGI1R_AFF3_SHIFT     48

void gic_cpu_interface_init(void)
{
    SYSREG_WRITE(S3_0_C4_C6_0, ICC_PMR_EL1_PRIORITY_ALL);  /* ICC_PMR_EL1 */
    SYSREG_WRITE(S3_0_C12_C12_3, 0);                       /* ICC_BPR1_EL1 */
    SYSREG_WRITE(S3_0_C12_C12_4, ICC_CTLR_EOIMODE);        /* ICC_CTLR_EL1 */
    SYSREG_WRITE(S3_0_C12_C12_7, 1);                       /* ICC_IGRPEN1_EL1 */
    isb();
}

uint32_t gic_acknowledge(void)
{
    uint32_t intid = (uint32_t)SYSREG_READ(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */

    __asm__ volatile("dsb sy" ::: "memory");
    return intid & 0xffffff;
}

void gic_drop_priority(uint32_t intid)
{
    SYSREG_WRITE(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
    isb();
}

void gic_deactivate(uint32_t intid)
{
    SYSREG_WRITE(S3_0_C12_C11_1, intid); /* ICC_DIR_EL1 */
    isb();
}

void arch_kick_cpu(const struct pcpu *cpu)
{
    uint64_t mpidr = cpu->mpidr;
    uint64_t sgi = ((uint64_t)GIC_SGI_KICK << ICC_SGI1R_INTID_SHIFT) |
                   (((mpidr >> 8) & 0xff) << ICC_SGI1R_AFF1_SHIFT) |
                   (((mpidr >> 16) & 0xff) << ICC_SGI1R_AFF2_SHIFT) |
                   (((mpidr >> 32) & 0xff) << ICC_SGI1R_AFF3_SHIFT) |
                   (1ULL << (mpidr & 0xf));

    __asm__ volatile("dsb ishst" ::: "memory");
    SYSREG_WRITE(S3_0_C12_C11_5, sgi); /* ICC_SGI1R_EL1 */
    isb();
}

struct vcpu *arch_current_vcpu(void)
{
    return (struct vcpu *)(uintptr_t)SYSREG_READ(tpidr_el2);
}
