/*
 * system.c - power off when nothing runs (see system.h).
 */
#include "core/arch.h"
#include "core/console.h"
#include "core/system.h"

/* Set once at boot, read-only afterwards. */
static enum psci_conduit firmware_conduit = PSCI_CONDUIT_NONE;

void system_init(enum psci_conduit conduit)
{
    firmware_conduit = conduit;
}

void system_power_off(void)
{
    if (firmware_conduit == PSCI_CONDUIT_NONE) {
        hv_log("no PSCI firmware in the device tree: cannot power off, halting\n");
    }
    arch_system_off(firmware_conduit);
}

void system_vcpu_stopped(struct vcpu *v)
{
    (void)v;
    if (domains_running() == 0) {
        hv_log("no domain is running: powering off\n");
        system_power_off();
    }
    for (;;) {
        arch_wait();
    }
}

void system_fatal(void)
{
    hv_log("hvabi: system stopped: hypervisor-error\n");
    system_power_off();
}

void system_refuse_configuration(unsigned int problems)
{
    hv_log("hvabi: system stopped: configuration-error: %u problem(s) in the system device tree; "
           "no domain was started\n", problems);
    system_power_off();
}
