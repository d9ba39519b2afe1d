/*
 * vcpu.h - AArch64 vCPU operations used by the trap handlers.
 */
#ifndef REFHV_ARCH_AARCH64_VCPU_H
#define REFHV_ARCH_AARCH64_VCPU_H

#include <stdint.h>

#include "core/domain.h"

/*
 * Makes the vCPU take an Undefined Instruction exception at EL1 for the
 * instruction at `pc`, as the hardware would: ESR_EL1.EC = 0, ELR_EL1 = pc.
 */
void vcpu_inject_undefined(struct vcpu *v, uint64_t pc);

#endif /* REFHV_ARCH_AARCH64_VCPU_H */
