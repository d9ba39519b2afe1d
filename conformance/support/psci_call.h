/*
 * psci_call.h - calls of the Arm SMC Calling Convention (SMCCC) and PSCI.
 *
 * Specification: spec/chapters/psci.rst and aarch64_binding.rst.  A call
 * puts the function ID in W0 and its arguments in X1 to X3, executes
 * HVC #0 (or SMC #0) and finds its results in X0 to X3.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_PSCI_CALL_H
#define HVABI_CONFORMANCE_SUPPORT_PSCI_CALL_H

#include <stdint.h>

struct smccc_result {
    uint64_t x[4]; /* X0 to X3 after the call */
};

/* A call through HVC #0; returns X0. */
int64_t smccc_hvc(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3,
                  struct smccc_result *result);

/* A call through SMC #0; returns X0. */
int64_t smccc_smc(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3,
                  struct smccc_result *result);

/* PSCI results are W0 as a signed 32-bit value. */
static inline int32_t psci_w0(int64_t x0)
{
    return (int32_t)(uint32_t)x0;
}

/* PSCI functions through HVC #0 (the SMC64 forms where there are two). */
int32_t psci_cpu_on(uint64_t target_cpu, uint64_t entry_point, uint64_t context_id);
int32_t psci_affinity_info(uint64_t target_affinity, uint32_t lowest_level);
int32_t psci_cpu_off(void);
int32_t psci_features(uint32_t function);

/* The affinity value (MPIDR_EL1 Aff3..Aff0) that names vCPU `vcpu`. */
static inline uint64_t psci_vcpu_affinity(uint32_t vcpu)
{
    return vcpu;
}

/* MPIDR_EL1 of the calling vCPU with only Aff3, Aff2, Aff1 and Aff0 kept. */
uint64_t psci_own_affinity(void);

#endif /* HVABI_CONFORMANCE_SUPPORT_PSCI_CALL_H */
