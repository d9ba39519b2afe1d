/*
 * runstate.h - how long each vCPU has spent in each state, and the
 * runstate area a guest may register for a vCPU (spec/chapters/vcpu_op.rst).
 *
 * A vCPU of this hypervisor is running while it executes, blocked while it
 * waits in SCHEDOP_block or SCHEDOP_poll, and offline while it is off or its
 * domain has stopped.  It is never runnable: it owns its physical CPU.
 */
#ifndef REFHV_CORE_RUNSTATE_H
#define REFHV_CORE_RUNSTATE_H

#include <stdint.h>

#include "core/domain.h"

/* Starts the accounting of a vCPU at domain creation (state offline). */
void runstate_init(struct vcpu *v);

/*
 * Moves the vCPU to `state` (HVABI_RUNSTATE_*) now.  Entering running
 * writes the vCPU's runstate area, if it has one; this runs on the vCPU's
 * own CPU, whose translation the area's address goes through.
 */
void runstate_enter(struct vcpu *v, int32_t state);

/*
 * VCPUOP_register_runstate_memory_area for vCPU `target`, called by vCPU
 * `caller` (whose translation the first write uses).  Returns 0 or -EFAULT.
 */
int64_t runstate_register(struct vcpu *caller, struct vcpu *target, uint64_t address);

#endif /* REFHV_CORE_RUNSTATE_H */
