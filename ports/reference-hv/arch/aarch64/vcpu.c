/*
 * vcpu.c - start, run and redirect a vCPU.
 */
#include <stddef.h>

#include "arch/aarch64/cpu_stack.h"
#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/vcpu.h"
#include "arch/aarch64/vgic_list_registers.h"
#include "core/arch.h"
#include "core/timer.h"

/* The vectors save registers at fixed offsets: keep the struct in step. */
_Static_assert(offsetof(struct vcpu, arch) == 0, "registers must start struct vcpu");
_Static_assert(offsetof(struct vcpu_regs, x) == VCPU_REGS_X0, "x0 offset");
_Static_assert(offsetof(struct vcpu_regs, elr) == VCPU_REGS_ELR, "ELR offset");
_Static_assert(offsetof(struct vcpu_regs, spsr) == VCPU_REGS_SPSR, "SPSR offset");

/* How EL1 runs under this hypervisor; see the safety notes in README.md. */
/* WFI traps so that the time a vCPU waits in it counts as blocked (trap.c). */
#define HCR_GUEST (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TWI | HCR_TSC | \
                   HCR_TIDCP | HCR_RW)

/* MPIDR_EL1 bit 31 is RES1; Aff0 is the vCPU number. */
#define MPIDR_RES1 (1ULL << 31)

/* Offsets in the guest's vector table (VBAR_EL1) by where the exception came from. */
#define VECTOR_CURRENT_SP0 0x000
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_LOWER_A64   0x400
#define VECTOR_LOWER_A32   0x600

/* SCTLR_EL1 for a guest's first instruction: RES1 bits only, MMU and caches off. */
#define SCTLR_EL1_RES1 0x30d00800ULL

/* Provided by vectors.S. */
__attribute__((noreturn)) void guest_enter(struct vcpu *v, uint64_t stack_top);

/* Provided by fpsimd.S. */
void fpsimd_zero(void);

/* The per-CPU hypervisor stacks (entry.S). */
extern char cpu_stacks[];

void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t x0)
{
    for (unsigned int i = 0; i < 31; i++) {
        v->arch.regs.x[i] = 0;
    }
    v->arch.regs.x[0] = x0;
    v->arch.regs.elr = entry;
    /* EL1 with SP_EL1, all of DAIF masked: the Linux arm64 boot protocol. */
    v->arch.regs.spsr = SPSR_MODE_EL1H | SPSR_DAIF;
    v->arch.mpidr = MPIDR_RES1 | v->id;
}

/*
 * The EL1 state a vCPU starts with (spec/chapters/guest_entry.rst), set on
 * every start: the CPU keeps what the vCPU left in its registers before a
 * PSCI CPU_OFF, and a CPU_ON must look like the first start.  Registers
 * the specification does not name (AFSR*, the EL1 physical timer, the
 * virtual GIC CPU interface) are cleared too, so that nothing of the
 * previous run leaks into the next one.
 */
static void reset_el1_state(void)
{
    SYSREG_WRITE(sctlr_el1, SCTLR_EL1_RES1);
    SYSREG_WRITE(sp_el0, 0);
    SYSREG_WRITE(sp_el1, 0);
    SYSREG_WRITE(elr_el1, 0);
    SYSREG_WRITE(spsr_el1, 0);
    SYSREG_WRITE(esr_el1, 0);
    SYSREG_WRITE(far_el1, 0);
    SYSREG_WRITE(afsr0_el1, 0);
    SYSREG_WRITE(afsr1_el1, 0);
    SYSREG_WRITE(vbar_el1, 0);
    SYSREG_WRITE(ttbr0_el1, 0);
    SYSREG_WRITE(ttbr1_el1, 0);
    SYSREG_WRITE(tcr_el1, 0);
    SYSREG_WRITE(mair_el1, 0);
    SYSREG_WRITE(amair_el1, 0);
    SYSREG_WRITE(contextidr_el1, 0);
    SYSREG_WRITE(par_el1, 0);
    SYSREG_WRITE(tpidr_el1, 0);
    SYSREG_WRITE(tpidr_el0, 0);
    SYSREG_WRITE(tpidrro_el0, 0);
    SYSREG_WRITE(cpacr_el1, 0);
    SYSREG_WRITE(mdscr_el1, 0);
    SYSREG_WRITE(cntkctl_el1, 0);
    SYSREG_WRITE(cntv_ctl_el0, 0);
    SYSREG_WRITE(cntv_cval_el0, 0);
    SYSREG_WRITE(cntp_ctl_el0, 0);
    SYSREG_WRITE(cntp_cval_el0, 0);
    SYSREG_WRITE(S3_4_C12_C11_7, 0); /* ICH_VMCR_EL2: the guest's ICC_PMR_EL1, group enables */
    fpsimd_zero();
    isb();
}

void arch_vcpu_run(struct vcpu *v)
{
    const struct domain *d = v->domain;

    SYSREG_WRITE(vmpidr_el2, v->arch.mpidr);
    SYSREG_WRITE(vtcr_el2, stage2_vtcr());
    SYSREG_WRITE(vttbr_el2, (uint64_t)(uintptr_t)d->arch.stage2_root | ((uint64_t)d->arch.vmid << 48));
    isb();
    __asm__ volatile("tlbi vmalls12e1is\n\t"
                     "dsb ish\n\t"
                     "isb" ::: "memory");
    SYSREG_WRITE(hcr_el2, HCR_GUEST);
    isb();
    reset_el1_state();
    timer_rearm(v);
    vgic_give_to_hardware(v);
    guest_enter(v, (uint64_t)(uintptr_t)cpu_stacks + (uint64_t)(v->pcpu + 1) * CPU_STACK_SIZE);
}

/* Where in VBAR_EL1's table an exception from the vCPU's current mode goes. */
static uint64_t vector_offset(uint64_t spsr)
{
    if ((spsr & SPSR_AARCH32) != 0) {
        return VECTOR_LOWER_A32;
    }
    if ((spsr & SPSR_MODE_MASK) == SPSR_MODE_EL0T) {
        return VECTOR_LOWER_A64;
    }
    if ((spsr & SPSR_MODE_MASK) == SPSR_MODE_EL1T) {
        return VECTOR_CURRENT_SP0;
    }
    return VECTOR_CURRENT_SPX;
}

/* Takes a synchronous exception to EL1 with syndrome `esr` for the instruction at `pc`. */
static void inject_sync(struct vcpu *v, uint64_t esr, uint64_t pc)
{
    uint64_t spsr = v->arch.regs.spsr;

    SYSREG_WRITE(esr_el1, esr);
    SYSREG_WRITE(elr_el1, pc);
    SYSREG_WRITE(spsr_el1, spsr);
    v->arch.regs.elr = SYSREG_READ(vbar_el1) + vector_offset(spsr);
    v->arch.regs.spsr = SPSR_MODE_EL1H | SPSR_DAIF;
}

void vcpu_inject_undefined(struct vcpu *v, uint64_t pc)
{
    inject_sync(v, ((uint64_t)EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL, pc);
}

void vcpu_inject_external_abort(struct vcpu *v, bool instruction_fetch, uint64_t far, uint64_t pc)
{
    bool from_el0 = (v->arch.regs.spsr & SPSR_MODE_MASK) == SPSR_MODE_EL0T;
    uint64_t ec = instruction_fetch ? (from_el0 ? EC_IABT_LOWER_EL : EC_IABT_CURRENT_EL)
                                    : (from_el0 ? EC_DABT_LOWER_EL : EC_DABT_CURRENT_EL);

    SYSREG_WRITE(far_el1, far);
    inject_sync(v, (ec << ESR_EC_SHIFT) | ESR_IL | FSC_SYNC_EXTERNAL_ABORT, pc);
}

void arch_vcpu_unmask_irq(struct vcpu *v)
{
    v->arch.regs.spsr &= ~SPSR_IRQ_MASK;
}
