/*
 * secondary_cpu.h - run code on a second vCPU of the test domain.
 *
 * Specification: spec/chapters/psci.rst (CPU_ON) and guest_entry.rst (the
 * state of a vCPU started with CPU_ON).  vCPU n is started with PSCI
 * CPU_ON (HVC #0, target affinity Aff0 = n) at a small entry routine that
 * turns on the MMU with vCPU 0's tables, takes a stack of its own and then
 * waits for work: a function that vCPU 0 posts.  The started vCPU prints
 * nothing and takes no interrupts.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_SECONDARY_CPU_H
#define HVABI_CONFORMANCE_SUPPORT_SECONDARY_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

#define SECONDARY_CPU_MAX 4 /* vCPUs 1 to 3 can be started */

typedef void (*secondary_cpu_work)(void *arg);

/*
 * Starts `vcpu` (1 to SECONDARY_CPU_MAX - 1) unless it runs already, and
 * waits up to 2 s until it executes.  Records a failure and returns false
 * when CPU_ON fails or the vCPU does not come up.
 */
bool secondary_cpu_start(struct test_context *t, uint32_t vcpu);

/* Whether `vcpu` was started in this boot and is waiting for work. */
bool secondary_cpu_running(uint32_t vcpu);

/* Has `vcpu` run work(arg); returns at once.  False when it is not running
 * or has not finished its previous work. */
bool secondary_cpu_post(uint32_t vcpu, secondary_cpu_work work, void *arg);

/* Waits up to `ms` milliseconds for the posted work to finish. */
bool secondary_cpu_wait(uint32_t vcpu, uint32_t ms);

/* PSCI CPU_ON through the SMCCC conduit; returns W0 as a signed value. */
int32_t secondary_cpu_psci_cpu_on(uint64_t target, uint64_t entry, uint64_t context);

#endif /* HVABI_CONFORMANCE_SUPPORT_SECONDARY_CPU_H */
