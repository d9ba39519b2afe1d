/*
 * secondary.h - a second vCPU for tests that need two at once.
 *
 * vCPU 1 is powered on with PSCI_CPU_ON (spec: psci.rst) the first time a
 * test gives it a job; it enters with its MMU off (spec: guest_entry.rst),
 * takes over vCPU 0's translation tables, exception vectors and system
 * registers, and then runs jobs, one at a time, for the rest of the boot.
 * It runs with IRQs masked and takes no interrupts.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_SECONDARY_H
#define HVABI_CONFORMANCE_SUPPORT_SECONDARY_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

typedef void (*secondary_job)(void *argument);

/*
 * Has vCPU 1 run job(argument), starting the vCPU first if needed.
 * Returns false (recorded) when the domain has no vCPU 1 that starts, or
 * when vCPU 1 is still busy with an earlier job.
 */
bool secondary_run(struct test_context *t, secondary_job job, void *argument);

/* Waits up to `timeout_ms` for vCPU 1 to finish its job; false (recorded)
 * when it has not. */
bool secondary_wait(struct test_context *t, uint64_t timeout_ms);

/* Called by secondary.S on vCPU 1 once its MMU is on; never returns. */
__attribute__((noreturn)) void secondary_main(void);

#endif /* HVABI_CONFORMANCE_SUPPORT_SECONDARY_H */
