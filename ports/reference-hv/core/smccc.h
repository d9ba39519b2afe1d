/*
 * smccc.h - firmware calls a guest makes to the hypervisor (Arm SMC
 * Calling Convention, through HVC #0 or SMC #0): PSCI.
 */
#ifndef REFHV_CORE_SMCCC_H
#define REFHV_CORE_SMCCC_H

#include <stdint.h>

#include "core/domain.h"

struct smccc_call {
    uint32_t function; /* w0 */
    uint64_t args[3];  /* x1..x3 */
};

/* SMCCC's answer to a function nobody implements. */
#define SMCCC_NOT_SUPPORTED 0xffffffffffffffffULL

/*
 * Serves an SMCCC call and returns the value for X0.  Every function
 * offered returns its result in X0 alone, and the caller's other registers
 * are preserved (hvabi~aarch64-smccc-unknown-function~1,
 * hvabi~psci-cpu-suspend~1), so X0 is the only result there is.
 */
uint64_t smccc_dispatch(struct vcpu *v, const struct smccc_call *call);

#endif /* REFHV_CORE_SMCCC_H */
