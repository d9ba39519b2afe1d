/*
 * psci_call.c - SMCCC and PSCI calls (see psci_call.h).
 */
#include <stddef.h>

#include <hvabi/psci.h>

#include "support/psci_call.h"

#define MPIDR_AFFINITY_MASK 0xff00ffffffULL /* Aff3 [39:32], Aff2..Aff0 [23:0] */

/*
 * SMCCC 1.1 lets the callee change X4 to X17 as well; the compiler is told
 * so.  The conduits differ only in the instruction.
 */
#define SMCCC_CALL(instruction)                                                        \
    register uint64_t x0 __asm__("x0") = function;                                     \
    register uint64_t x1 __asm__("x1") = a1;                                           \
    register uint64_t x2 __asm__("x2") = a2;                                           \
    register uint64_t x3 __asm__("x3") = a3;                                           \
    __asm__ volatile(instruction                                                       \
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)                          \
                     :                                                                 \
                     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",  \
                       "x14", "x15", "x16", "x17", "cc", "memory");                     \
    if (result != NULL) {                                                              \
        result->x[0] = x0;                                                             \
        result->x[1] = x1;                                                             \
        result->x[2] = x2;                                                             \
        result->x[3] = x3;                                                             \
    }                                                                                  \
    return (int64_t)x0

int64_t smccc_hvc(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3,
                  struct smccc_result *result)
{
    SMCCC_CALL("hvc #0");
}

int64_t smccc_smc(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3,
                  struct smccc_result *result)
{
    SMCCC_CALL("smc #0");
}

int32_t psci_cpu_on(uint64_t target_cpu, uint64_t entry_point, uint64_t context_id)
{
    return psci_w0(smccc_hvc(HVABI_PSCI_CPU_ON_64, target_cpu, entry_point, context_id, NULL));
}

int32_t psci_affinity_info(uint64_t target_affinity, uint32_t lowest_level)
{
    return psci_w0(smccc_hvc(HVABI_PSCI_AFFINITY_INFO_64, target_affinity, lowest_level, 0,
                             NULL));
}

int32_t psci_cpu_off(void)
{
    return psci_w0(smccc_hvc(HVABI_PSCI_CPU_OFF, 0, 0, 0, NULL));
}

int32_t psci_features(uint32_t function)
{
    return psci_w0(smccc_hvc(HVABI_PSCI_FEATURES, function, 0, 0, NULL));
}

uint64_t psci_own_affinity(void)
{
    uint64_t mpidr;

    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr & MPIDR_AFFINITY_MASK;
}
