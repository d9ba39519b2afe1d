/*
 * psci.c - the hypervisor's own calls to firmware (PSCI).
 */
#include "arch/aarch64/sysreg.h"
#include "core/arch.h"

#define PSCI_SYSTEM_OFF 0x84000008ULL

static uint64_t firmware_call(enum psci_conduit conduit, uint64_t function)
{
    register uint64_t x0 __asm__("x0") = function;

    if (conduit == PSCI_CONDUIT_SMC) {
        __asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
    } else if (conduit == PSCI_CONDUIT_HVC) {
        __asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
    }
    return x0;
}

void arch_system_off(enum psci_conduit conduit)
{
    firmware_call(conduit, PSCI_SYSTEM_OFF);
    for (;;) {
        wait_for_interrupt();
    }
}
