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

#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/vcpu.h"
#include "core/console.h"
#include "core/cpu.h"
#include "core/hypercall.h"
#include "core/system.h"
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
    struct smccc_result result = smccc_dispatch(v, &call);

    r->x[0] = result.x[0];
    r->x[1] = result.x[1];
    r->x[2] = result.x[2];
    r->x[3] = result.x[3];
}

static void stage2_abort(struct vcpu *v, uint64_t esr, const char *what)
{
    uint64_t far = SYSREG_READ(far_el2);
    uint64_t ipa = ((SYSREG_READ(hpfar_el2) & HPFAR_FIPA_MASK) << 8) | (far & 0xfff);

    domain_stop_for_fault(v->domain, "%s at IPA 0x%llx (VA 0x%llx, PC 0x%llx, ESR 0x%llx)", what,
                          (unsigned long long)ipa, (unsigned long long)far,
                          (unsigned long long)v->arch.regs.elr, (unsigned long long)esr);
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
    case EC_SYSREG:
        /* An implementation-defined register (HCR_EL2.TIDCP): not for guests. */
        vcpu_inject_undefined(v, r->elr);
        break;
    case EC_DABT_LOWER_EL:
        stage2_abort(v, esr, "data access to unmapped guest memory");
        break;
    case EC_IABT_LOWER_EL:
        stage2_abort(v, esr, "instruction fetch from unmapped guest memory");
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
    switch (kind) {
    case TRAP_SYNC:
        guest_sync(v);
        break;
    case TRAP_SERROR:
        domain_stop_for_fault(v->domain, "SError (asynchronous abort), PC 0x%llx",
                              (unsigned long long)v->arch.regs.elr);
        break;
    case TRAP_AARCH32:
        domain_stop_for_fault(v->domain, "exception from AArch32, which guests may not use");
        break;
    default:
        /* No physical interrupt is enabled yet; note it and carry on. */
        hv_log("warning: unexpected %s while d%u ran\n", kind == TRAP_IRQ ? "IRQ" : "FIQ",
               (unsigned)v->domain->id);
        break;
    }
    if (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) != VCPU_RUNNING) {
        cpu_run(cpu_by_index(v->pcpu));
    }
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
