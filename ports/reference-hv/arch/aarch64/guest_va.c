/*
 * guest_va.c - translate a guest virtual address with the guest's own
 * stage-1 tables, using the address translation instructions.
 *
 * The vCPU is the one running on this CPU, so its EL1 translation registers
 * are live.  AT S1E1R/W from EL2 gives the intermediate physical address;
 * the caller then checks it against the domain's RAM.  PAR_EL1 belongs to
 * the guest, so it is saved and restored around the lookup.
 */
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"

#define PAR_FAULT (1ULL << 0)
#define PAR_ADDRESS_MASK 0x0000fffffffff000ULL

bool arch_guest_va_to_ipa(struct vcpu *v, uint64_t va, bool write, uint64_t *ipa)
{
    uint64_t saved = SYSREG_READ(par_el1);
    uint64_t par;

    (void)v;
    if (write) {
        __asm__ volatile("at s1e1w, %0" : : "r"(va) : "memory");
    } else {
        __asm__ volatile("at s1e1r, %0" : : "r"(va) : "memory");
    }
    isb();
    par = SYSREG_READ(par_el1);
    SYSREG_WRITE(par_el1, saved);
    if ((par & PAR_FAULT) != 0) {
        return false;
    }
    *ipa = (par & PAR_ADDRESS_MASK) | (va & 0xfff);
    return true;
}
