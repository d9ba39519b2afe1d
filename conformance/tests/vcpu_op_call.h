/*
 * vcpu_op_call.h - the vcpu_op hypercall for the tests of vcpu_op.rst.
 */
#ifndef HVABI_CONFORMANCE_TESTS_VCPU_OP_CALL_H
#define HVABI_CONFORMANCE_TESTS_VCPU_OP_CALL_H

#include <stdint.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/vcpu_op.h>

static inline int64_t vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg)
{
    return hvabi_hypercall3(HVABI_HYPERCALL_VCPU_OP, cmd, vcpuid, arg);
}

/* VCPUOP_register_runstate_memory_area with `addr`. */
static inline int64_t vcpu_op_register_runstate(uint32_t vcpu, uint64_t addr)
{
    struct hvabi_vcpu_register_runstate_memory_area area = { .addr = addr };

    return vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, vcpu, (uint64_t)(uintptr_t)&area);
}

#endif /* HVABI_CONFORMANCE_TESTS_VCPU_OP_CALL_H */
