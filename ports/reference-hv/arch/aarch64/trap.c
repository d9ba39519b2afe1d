/*
 * trap.c - what happens when a guest traps to EL2, and when EL2 itself
 * faults.
 *
 * Every exception class a guest can cause has an outcome here: a hypercall
 * or firmware call is served; an instruction the guest may not use becomes
 * an Undefined Instruction exception in the guest, as on hardware without
 * it; anything else stops the guest's domain with a diagnostic.  None of it
 * stops the hypervisor.
 */
#include <stdint.h>

#include "arch/aarch64/interrupts.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/vcpu.h"
#include "arch/aarch64/vgic_list_registers.h"
#include "core/arch.h"
#include "core/console.h"
#include "core/cpu.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/system.h"
#include "core/timer.h"
#include "core/vgic.h"
#include "core/smccc.h"

#include <hvabi/arch/aarch64/hypercall.h>

/* trap kinds passed by vectors.S */
#define TRAP_SYNC    0
#define TRAP_IRQ     1
#define TRAP_FIQ     2
#define TRAP_SERROR  3
#define TRAP_AARCH32 4

#define HVC_IMM_SMCCC 0

/* HPFAR_EL2 holds bits [47:12] of the faulting IPA in its bits [43:4]. */
#define HPFAR_FIPA_MASK 0x00000ffffffffff0ULL

struct hv_frame {
    uint64_t x[31];
    uint64_t sp;
    uint64_t elr;
    uint64_t spsr;
};

void trap_from_guest(struct vcpu *v, uint64_t kind);
__attribute__((noreturn)) void hv_fault(const struct hv_frame *frame);

static void serve_hypercall(struct vcpu *v)
{
    struct vcpu_regs *r = &v->arch.regs;
    struct hypercall call = {
        .number = r->x[16],
        .args = { r->x[0], r->x[1], r->x[2], r->x[3], r->x[4] },
    };

    /* Only x0 changes: the binding lets us clobber more, but there is no need. */
    r->x[0] = (uint64_t)hypercall_dispatch(v, &call);
}

static void serve_smccc(struct vcpu *v)
{
    struct vcpu_regs *r = &v->arch.regs;
    struct smccc_call call = {
        .function = (uint32_t)r->x[0],
        .args = { r->x[1], r->x[2], r->x[3] },
    };

    /* X1 and up are preserved: every function answers in X0 alone. */
    r->x[0] = smccc_dispatch(v, &call);
}

/* ISS of a data abort with a valid syndrome (ISV): what the access was. */
#define DABT_ISV         (1ULL << 24)
#define DABT_SAS(iss)    (((iss) >> 22) & 3)
#define DABT_SSE         (1ULL << 21)
#define DABT_SRT(iss)    (((iss) >> 16) & 0x1f)
#define DABT_SF          (1ULL << 15)
#define DABT_WNR         (1ULL << 6)

/* ISS of a trapped system register access: Op0, Op2, Op1, CRn, Rt, CRm, read. */
#define SYSREG_ISS_MASK  0x3ffc1eULL /* every field but Rt and the direction */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
    (((uint64_t)(op0) << 20) | ((uint64_t)(op2) << 17) | ((uint64_t)(op1) << 14) | \
     ((uint64_t)(crn) << 10) | ((uint64_t)(crm) << 1))
#define SYSREG_RT(iss)   (((iss) >> 5) & 0x1f)
#define SYSREG_READ_BIT  1ULL

static uint64_t faulting_ipa(void)
{
    return ((SYSREG_READ(hpfar_el2) & HPFAR_FIPA_MASK) << 8) | (SYSREG_READ(far_el2) & 0xfff);
}

/*
 * A guest access to a register of its virtual GIC: emulate it and move past
 * the instruction.  Returns false when the access is not one to emulate.
 */
static bool emulate_mmio(struct vcpu *v, uint64_t iss)
{
    struct vcpu_regs *r = &v->arch.regs;
    unsigned int size = 1U << DABT_SAS(iss);
    unsigned int rt = (unsigned int)DABT_SRT(iss);
    bool write = (iss & DABT_WNR) != 0;
    uint64_t value = 0;

    if ((iss & DABT_ISV) == 0) {
        return false;
    }
    if (write) {
        value = rt == 31 ? 0 : r->x[rt];
        value &= size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
    }
    if (!vgic_mmio_access(v, faulting_ipa(), write, size, &value)) {
        return false;
    }
    if (!write && rt != 31) {
        if ((iss & DABT_SSE) != 0 && size < 8 && (value >> (8 * size - 1)) & 1) {
            value |= ~0ULL << (8 * size);
        }
        if ((iss & DABT_SF) == 0) {
            value &= 0xffffffffULL;
        }
        r->x[rt] = value;
    }
    r->elr += 4;
    return true;
}

/*
 * A trapped system register access.  Writes to the SGI generation
 * registers are emulated (HCR_EL2.IMO traps them); everything else that
 * traps here is an implementation-defined register (HCR_EL2.TIDCP) and is
 * undefined for guests.
 */
static void emulate_sysreg(struct vcpu *v, uint64_t iss)
{
    uint64_t which = iss & SYSREG_ISS_MASK;
    unsigned int rt = (unsigned int)SYSREG_RT(iss);
    bool is_sgi = which == SYSREG_ISS(3, 0, 12, 11, 5) ||  /* ICC_SGI1R_EL1 */
                  which == SYSREG_ISS(3, 1, 12, 11, 6) ||  /* ICC_ASGI1R_EL1 */
                  which == SYSREG_ISS(3, 2, 12, 11, 7);    /* ICC_SGI0R_EL1 */

    if (!is_sgi || (iss & SYSREG_READ_BIT) != 0) {
        vcpu_inject_undefined(v, v->arch.regs.elr);
        return;
    }
    vgic_send_sgi(v, rt == 31 ? 0 : v->arch.regs.x[rt]);
    v->arch.regs.elr += 4;
}

/*
 * A stage-2 fault: the guest accessed a guest-physical address where its
 * domain has nothing.  The guest takes a synchronous External abort, as the
 * safety concept requires; nothing outside the domain was touched.
 */
static void stage2_abort(struct vcpu *v, bool instruction_fetch)
{
    uint64_t ipa = faulting_ipa();
    uint64_t pa;

    /*
     * A fault taken while another vCPU of the domain changed the mapping
     * (break-before-make) is not the guest's: the access is retried.
     */
    if (arch_translate_guest_ipa(v->domain, ipa, &pa)) {
        return;
    }
    vcpu_inject_external_abort(v, instruction_fetch, SYSREG_READ(far_el2), v->arch.regs.elr);
}

/*
 * A trapped WFI (HCR_EL2.TWI): the vCPU waits in the hypervisor, which
 * counts the time as blocked (hvabi~vcpu-op-runstate-states~1) and sleeps
 * the CPU until an interrupt for the vCPU is pending.  The WFI completes
 * either way.  Only WFI is trapped; anything else of its class completes
 * at once, which the architecture allows for WFE.
 */
static void wait_for_interrupt_trapped(struct vcpu *v, uint64_t iss)
{
    v->arch.regs.elr += 4;
    if ((iss & WFX_ISS_TI_MASK) == WFX_ISS_TI_WFI) {
        sched_wait_for_interrupt(v);
    }
}

static void guest_sync(struct vcpu *v)
{
    uint64_t esr = SYSREG_READ(esr_el2);
    uint64_t ec = (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
    uint64_t iss = esr & ESR_ISS_MASK;
    struct vcpu_regs *r = &v->arch.regs;

    switch (ec) {
    case EC_HVC64:
        /* ELR_EL2 already points after the HVC. */
        if ((iss & 0xffff) == HVABI_AARCH64_HVC_IMM) {
            serve_hypercall(v);
        } else if ((iss & 0xffff) == HVC_IMM_SMCCC) {
            serve_smccc(v);
        } else {
            vcpu_inject_undefined(v, r->elr - 4);
        }
        break;
    case EC_SMC64:
        /* A trapped SMC reports its own address; it completes by moving past it. */
        if ((iss & 0xffff) == 0) {
            r->elr += 4;
            serve_smccc(v);
        } else {
            vcpu_inject_undefined(v, r->elr);
        }
        break;
    case EC_WFX:
        wait_for_interrupt_trapped(v, iss);
        break;
    case EC_SYSREG:
        emulate_sysreg(v, iss);
        break;
    case EC_DABT_LOWER_EL:
        if (!emulate_mmio(v, iss)) {
            stage2_abort(v, false);
        }
        break;
    case EC_IABT_LOWER_EL:
        stage2_abort(v, true);
        break;
    default:
        domain_stop_for_fault(v->domain, "unexpected trap, EC 0x%02llx (ESR 0x%llx, PC 0x%llx)",
                              (unsigned long long)ec, (unsigned long long)esr,
                              (unsigned long long)r->elr);
        break;
    }
}

void trap_from_guest(struct vcpu *v, uint64_t kind)
{
    vgic_take_from_hardware(v);
    switch (kind) {
    case TRAP_SYNC:
        guest_sync(v);
        break;
    case TRAP_SERROR:
        domain_stop_for_hardware_error(v->domain, "SError at PC 0x%llx",
                                       (unsigned long long)v->arch.regs.elr);
        break;
    case TRAP_AARCH32:
        domain_stop_for_fault(v->domain, "exception from AArch32, which guests may not use");
        break;
    case TRAP_IRQ:
        interrupts_handle(v);
        break;
    default:
        /* No FIQ source is enabled; note it and carry on. */
        hv_log("warning: unexpected FIQ while d%u ran\n", (unsigned)v->domain->id);
        break;
    }
    if (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) != VCPU_RUNNING) {
        cpu_run(cpu_by_index(v->pcpu));
    }
    timer_rearm(v);
    vgic_give_to_hardware(v);
}

void hv_fault(const struct hv_frame *frame)
{
    hv_log("FATAL: exception in the hypervisor: ESR 0x%llx FAR 0x%llx ELR 0x%llx SPSR 0x%llx\n",
           (unsigned long long)SYSREG_READ(esr_el2), (unsigned long long)SYSREG_READ(far_el2),
           (unsigned long long)frame->elr, (unsigned long long)frame->spsr);
    for (unsigned int i = 0; i < 31; i += 2) {
        if (i == 30) {
            hv_log("  x30 %016llx  sp  %016llx\n", (unsigned long long)frame->x[30],
                   (unsigned long long)frame->sp);
        } else {
            hv_log("  x%-2u %016llx  x%-2u %016llx\n", i, (unsigned long long)frame->x[i], i + 1,
                   (unsigned long long)frame->x[i + 1]);
        }
    }
    system_fatal();
}
