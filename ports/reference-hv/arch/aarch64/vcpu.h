/*
 * vcpu.h - AArch64 vCPU operations used by the trap handlers.
 */
#ifndef REFHV_ARCH_AARCH64_VCPU_H
#define REFHV_ARCH_AARCH64_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/domain.h"

/*
 * Makes the vCPU take an Undefined Instruction exception at EL1 for the
 * instruction at `pc`, as the hardware would: ESR_EL1.EC = 0, ELR_EL1 = pc.
 */
void vcpu_inject_undefined(struct vcpu *v, uint64_t pc);

/*
 * Makes the vCPU take a synchronous External abort at EL1 for an access at
 * virtual address `far` by the instruction at `pc`, with the syndrome the
 * safety concept requires (hvabi~safety-guest-unmapped-access~1).
 */
void vcpu_inject_external_abort(struct vcpu *v, bool instruction_fetch, uint64_t far, uint64_t pc);

#endif /* REFHV_ARCH_AARCH64_VCPU_H */
