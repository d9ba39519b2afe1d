/*
 * worker_cpu.h - keep a second vCPU running and hand it work, one function
 * at a time.
 *
 * worker_cpu_start() starts vCPU `vcpu` with secondary_cpu_start() (PSCI
 * CPU_ON, see secondary_cpu.h) on a loop that waits for work: a function
 * that vCPU 0 posts.  Unlike a plain secondary_cpu_start(), the vCPU stays
 * up between functions, for tests that need it running while vCPU 0 acts
 * (races, events sent from one vCPU to another).  The worker prints nothing
 * and takes no interrupts; it stays up for the rest of the boot.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_WORKER_CPU_H
#define HVABI_CONFORMANCE_SUPPORT_WORKER_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

typedef void (*worker_cpu_work)(void *arg);

/*
 * Starts the worker on `vcpu` (1 to SECONDARY_CPU_MAX) unless it runs
 * already, and waits up to 2 s until it runs.  Records a failure and
 * returns false when CPU_ON fails or the vCPU does not come up.
 */
bool worker_cpu_start(struct test_context *t, uint32_t vcpu);

/* Whether the worker on `vcpu` was started in this boot. */
bool worker_cpu_running(uint32_t vcpu);

/* Has the worker on `vcpu` run work(arg); returns at once.  False when it
 * is not running or has not finished its previous work. */
bool worker_cpu_post(uint32_t vcpu, worker_cpu_work work, void *arg);

/* Waits up to `ms` milliseconds for the posted work to finish. */
bool worker_cpu_wait(uint32_t vcpu, uint32_t ms);

#endif /* HVABI_CONFORMANCE_SUPPORT_WORKER_CPU_H */
