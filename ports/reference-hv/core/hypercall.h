/*
 * hypercall.h - hypercall dispatch and the handlers.
 *
 * The architecture's trap handler collects the number and the five
 * argument registers and calls hypercall_dispatch(); the value returned
 * goes back to the guest as the result.  One file per hypercall implements
 * its handler: core/xen_version.c, core/console_io.c, core/sched_op.c.
 *
 * Commands and counts are 32-bit quantities: handlers use bits 31:0 of
 * those registers and ignore the rest, as the specification requires.
 */
#ifndef REFHV_CORE_HYPERCALL_H
#define REFHV_CORE_HYPERCALL_H

#include <stdint.h>

#include "core/domain.h"

struct hypercall {
    uint64_t number;
    uint64_t args[5];
};

int64_t hypercall_dispatch(struct vcpu *v, const struct hypercall *call);

int64_t do_xen_version(struct vcpu *v, uint32_t cmd, uint64_t arg);
int64_t do_console_io(struct vcpu *v, uint32_t cmd, uint32_t count, uint64_t buffer);
int64_t do_sched_op(struct vcpu *v, uint32_t cmd, uint64_t arg);
int64_t do_event_channel_op(struct vcpu *v, uint32_t cmd, uint64_t arg);
int64_t do_vcpu_op(struct vcpu *v, uint32_t cmd, uint32_t vcpuid, uint64_t arg);
int64_t do_memory_op(struct vcpu *v, uint64_t cmd, uint64_t arg);
int64_t do_hvm_op(struct vcpu *v, uint64_t op, uint64_t arg);
int64_t do_grant_table_op(struct vcpu *v, uint32_t cmd, uint64_t uop, uint32_t count);

#endif /* REFHV_CORE_HYPERCALL_H */
