/*
 * arch_types.h - the architecture's part of struct vcpu and struct domain,
 * as core/domain.h includes it.
 */
#ifndef REFHV_ARCH_AARCH64_ARCH_TYPES_H
#define REFHV_ARCH_AARCH64_ARCH_TYPES_H

#include "arch/aarch64/vcpu_regs.h"

#endif /* REFHV_ARCH_AARCH64_ARCH_TYPES_H */
