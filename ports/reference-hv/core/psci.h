/*
 * psci.h - the firmware interface (PSCI 1.1) the hypervisor offers guests.
 */
#ifndef REFHV_CORE_PSCI_H
#define REFHV_CORE_PSCI_H

#include <stdbool.h>
#include <stdint.h>

#include "core/domain.h"
#include "core/smccc.h"

/* Whether `function` is a PSCI function ID this hypervisor implements. */
bool psci_implements(uint32_t function);

/*
 * Serves a PSCI call of `v`; `function` is one psci_implements() accepts.
 * Returns X0: PSCI results are 32-bit values, sign-extended.
 */
uint64_t psci_call(struct vcpu *v, const struct smccc_call *call);

#endif /* REFHV_CORE_PSCI_H */
