/*
 * smccc.c - firmware calls of guests (Arm SMC Calling Convention 1.1):
 * the SMCCC version and features calls, and PSCI.  Anything else is
 * NOT_SUPPORTED, as SMCCC requires for unknown function IDs.
 */
#include "core/psci.h"
#include "core/smccc.h"

#define SMCCC_VERSION       0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U
#define SMCCC_VERSION_1_1   0x00010001ULL

uint64_t smccc_dispatch(struct vcpu *v, const struct smccc_call *call)
{
    if (psci_implements(call->function)) {
        return psci_call(v, call);
    }
    switch (call->function) {
    case SMCCC_VERSION:
        return SMCCC_VERSION_1_1;
    case SMCCC_ARCH_FEATURES:
        /* Only the two discovery calls exist; no workaround calls are offered. */
        return (uint32_t)call->args[0] == SMCCC_VERSION ||
                       (uint32_t)call->args[0] == SMCCC_ARCH_FEATURES
                   ? 0
                   : SMCCC_NOT_SUPPORTED;
    default:
        return SMCCC_NOT_SUPPORTED;
    }
}
