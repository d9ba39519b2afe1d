/*
 * system.h - the state of the whole machine: running, or powered off.
 *
 * Each vCPU owns a physical CPU.  When a vCPU's domain stops, that CPU has
 * nothing left to do: it waits forever, unless no domain is running any
 * more, in which case it powers the machine off.  A fault inside the
 * hypervisor itself powers the machine off at once: the hypervisor's state
 * can no longer be trusted, and off is the system's safe state.
 */
#ifndef REFHV_CORE_SYSTEM_H
#define REFHV_CORE_SYSTEM_H

#include "core/boot_config.h"
#include "core/domain.h"

/* Remembers how to reach firmware to power off. */
void system_init(enum psci_conduit conduit);

/* Called on the CPU of a vCPU that may not run any more. */
__attribute__((noreturn)) void system_vcpu_stopped(struct vcpu *v);

/* Powers off after the caller has reported why. */
__attribute__((noreturn)) void system_power_off(void);

/* Powers off after an internal fault of the hypervisor (the system stop line). */
__attribute__((noreturn)) void system_fatal(void);

/* Powers off at boot, before any domain ran, after the configuration's problems were reported. */
__attribute__((noreturn)) void system_refuse_configuration(unsigned int problems);

#endif /* REFHV_CORE_SYSTEM_H */
