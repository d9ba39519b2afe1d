/*
 * psci.c - the hypervisor's own calls to firmware (PSCI).
 */
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"

#define PSCI_SYSTEM_OFF 0x84000008ULL
#define PSCI_CPU_ON_64  0xc4000003ULL
#define PSCI_NOT_SUPPORTED (-1)

/* Provided by entry.S. */
extern char secondary_entry[];

static int64_t firmware_call(enum psci_conduit conduit, uint64_t function, uint64_t a1,
                             uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = function;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;

    if (conduit == PSCI_CONDUIT_SMC) {
        __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    } else if (conduit == PSCI_CONDUIT_HVC) {
        __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    } else {
        return PSCI_NOT_SUPPORTED;
    }
    return (int64_t)x0;
}

int64_t arch_cpu_start(enum psci_conduit conduit, uint64_t mpidr, unsigned int index)
{
    return firmware_call(conduit, PSCI_CPU_ON_64, mpidr, (uint64_t)(uintptr_t)secondary_entry,
                         index);
}

void arch_system_off(enum psci_conduit conduit)
{
    firmware_call(conduit, PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) {
        wait_for_interrupt();
    }
}
