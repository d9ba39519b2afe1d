/*
 * sysreg.h - access to AArch64 system registers and barriers.
 *
 * Two small macros, because the register name has to be part of the
 * instruction text; everything else is a function.
 */
#ifndef REFHV_ARCH_AARCH64_SYSREG_H
#define REFHV_ARCH_AARCH64_SYSREG_H

#include <stdint.h>

#define SYSREG_READ(reg)                                           \
    ({                                                             \
        uint64_t value_;                                           \
        __asm__ volatile("mrs %0, " #reg : "=r"(value_));          \
        value_;                                                    \
    })

#define SYSREG_WRITE(reg, value)                                   \
    __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(value)) : "memory")

static inline void isb(void)
{
    __asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
    __asm__ volatile("dsb sy" ::: "memory");
}

static inline void dsb_ish(void)
{
    __asm__ volatile("dsb ish" ::: "memory");
}

static inline void dsb_ishst(void)
{
    __asm__ volatile("dsb ishst" ::: "memory");
}

static inline void wait_for_interrupt(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

/* HCR_EL2: how the guest's EL1 is virtualised. */
#define HCR_VM    (1ULL << 0)  /* stage-2 translation on */
#define HCR_SWIO  (1ULL << 1)  /* set/way invalidate acts as clean+invalidate */
#define HCR_FMO   (1ULL << 3)  /* physical FIQs go to EL2 */
#define HCR_IMO   (1ULL << 4)  /* physical IRQs go to EL2 */
#define HCR_AMO   (1ULL << 5)  /* SErrors go to EL2 */
#define HCR_TWI   (1ULL << 13) /* WFI traps to EL2 */
#define HCR_TSC   (1ULL << 19) /* SMC traps to EL2 */
#define HCR_TIDCP (1ULL << 20) /* implementation-defined registers trap */
#define HCR_RW    (1ULL << 31) /* EL1 is AArch64 */

/* ESR_ELx fields. */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK  0x3fULL
#define ESR_IL       (1ULL << 25)
#define ESR_ISS_MASK 0x1ffffffULL

/* Exception classes the hypervisor handles. */
#define EC_UNKNOWN       0x00
#define EC_WFX           0x01
#define EC_HVC64         0x16
#define EC_SMC64         0x17
#define EC_SYSREG        0x18
#define EC_IABT_LOWER_EL   0x20
#define EC_IABT_CURRENT_EL 0x21
#define EC_DABT_LOWER_EL   0x24
#define EC_DABT_CURRENT_EL 0x25

/* ISS of a trapped WFI or WFE: bits [1:0] say which (WFI is 0). */
#define WFX_ISS_TI_MASK 0x3ULL
#define WFX_ISS_TI_WFI  0x0ULL

/* Fault status code of a synchronous External abort (ESR ISS [5:0]). */
#define FSC_SYNC_EXTERNAL_ABORT 0x10ULL

/* SPSR values. */
#define SPSR_MODE_MASK 0xfULL
#define SPSR_MODE_EL0T 0x0ULL
#define SPSR_MODE_EL1T 0x4ULL
#define SPSR_MODE_EL1H 0x5ULL
#define SPSR_DAIF      (0xfULL << 6)
#define SPSR_IRQ_MASK  (1ULL << 7)
#define SPSR_AARCH32   (1ULL << 4)

#endif /* REFHV_ARCH_AARCH64_SYSREG_H */
