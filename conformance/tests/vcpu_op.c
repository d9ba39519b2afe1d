/*
 * vcpu_op.c - the vcpu_op hypercall: commands, vCPU IDs, order of checks.
 *
 * Specification: spec/chapters/vcpu_op.rst.  These tests never place a
 * vcpu_info (which would be for the life of the domain): the calls they
 * make fail by the specification, or are VCPUOP_register_runstate_memory_area
 * with address 0, which only ends a registration.  Placing vcpu_info
 * structures is tested in vcpu_op_vcpu_info.c, in a scenario of its own.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/secondary_cpu.h"
#include "tests/addresses.h"
#include "tests/vcpu_op_call.h"

#include <hvabi/errno.h>
#include <hvabi/vcpu_op.h>

#define UPPER_HALF 0xa5a5a5a500000000ULL

/* A vcpu_info page the tests name but that is never placed. */
static uint8_t spare_page[4096] __attribute__((aligned(4096)));

static void unknown_command(struct test_context *t)
{
    static const uint64_t commands[] = {
        0, 1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 0x7fff, 0xffffffff,
    };
    uint64_t unbacked = unbacked_guest_address(t->platform);

    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        int64_t rc = vcpu_op(commands[i], 0, unbacked);

        expect(t, rc == -HVABI_ENOSYS,
               "vcpu_op(cmd %llu, vCPU 0, arg 0x%llx): expected -ENOSYS (-38), got %lld",
               (unsigned long long)commands[i], (unsigned long long)unbacked, (long long)rc);
    }
}

static void runstate_vcpuid(struct test_context *t)
{
    uint32_t count = secondary_cpu_count(t->platform->fdt);
    const uint64_t ids[] = { count, count + 1, 0xffff, 0x7fffffff, 0xffffffff };
    struct hvabi_vcpu_register_runstate_memory_area none = { .addr = 0 };

    if (!expect(t, count > 0, "the device tree has no CPU nodes under /cpus")) {
        return;
    }
    for (unsigned int i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        int64_t rc = vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, ids[i],
                             (uint64_t)(uintptr_t)&none);

        expect(t, rc == -HVABI_ENOENT,
               "VCPUOP_register_runstate_memory_area for vCPU %llu of %u: expected -ENOENT "
               "(-2), got %lld", (unsigned long long)ids[i], (unsigned)count, (long long)rc);
    }
}

/*
 * Where several checks fail, the first in the order cmd, vcpuid, arg,
 * offset, frame decides.  Only failing calls are made.
 */
static void order(struct test_context *t)
{
    uint32_t count = secondary_cpu_count(t->platform->fdt);
    uint64_t unbacked = unbacked_guest_address(t->platform);
    struct hvabi_vcpu_register_vcpu_info bad_offset_and_frame;

    memset(&bad_offset_and_frame, 0, sizeof(bad_offset_and_frame));
    bad_offset_and_frame.gfn = unbacked / 4096; /* not RAM: -EINVAL */
    bad_offset_and_frame.offset = 4;            /* misaligned: -ENXIO */

    expect_result(t, "unsupported cmd 7 and vCPU beyond the domain",
                  vcpu_op(7, count, unbacked), -HVABI_ENOSYS);
    expect_result(t, "unsupported cmd 0 and vCPU 0xffffffff", vcpu_op(0, 0xffffffff, 0),
                  -HVABI_ENOSYS);
    expect_result(t, "runstate area: vCPU beyond the domain and unreadable arg",
                  vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, count, unbacked),
                  -HVABI_ENOENT);
    expect_result(t, "vcpu_info: vCPU beyond the domain and unreadable arg",
                  vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, count, unbacked), -HVABI_ENOENT);
    expect_result(t, "vcpu_info: vCPU beyond the domain, bad offset and frame",
                  vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, count,
                          (uint64_t)(uintptr_t)&bad_offset_and_frame),
                  -HVABI_ENOENT);
    expect_result(t, "vcpu_info: vCPU 0, misaligned offset and a frame that is not RAM",
                  vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, 0,
                          (uint64_t)(uintptr_t)&bad_offset_and_frame),
                  -HVABI_ENXIO);
}

/* Bits [63:32] of cmd (X0) and vcpuid (X1) do not count. */
static void ignores_upper_halves(struct test_context *t)
{
    struct hvabi_vcpu_register_runstate_memory_area none = { .addr = 0 };
    struct hvabi_vcpu_register_vcpu_info bad_offset;

    memset(&bad_offset, 0, sizeof(bad_offset));
    bad_offset.gfn = (uint64_t)(uintptr_t)spare_page / 4096;
    bad_offset.offset = 4050; /* beyond 4048: -ENXIO, nothing is placed */

    expect_result(t, "runstate area 0 with cmd 0xa5a5a5a5_00000005, vCPU 0",
                  vcpu_op(UPPER_HALF | HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, 0,
                          (uint64_t)(uintptr_t)&none), 0);
    expect_result(t, "runstate area 0 with vcpuid 0xa5a5a5a5_00000000",
                  vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, UPPER_HALF,
                          (uint64_t)(uintptr_t)&none), 0);
    expect_result(t, "vcpu_info with cmd 0xa5a5a5a5_0000000a and offset 4050",
                  vcpu_op(UPPER_HALF | HVABI_VCPUOP_REGISTER_VCPU_INFO, UPPER_HALF,
                          (uint64_t)(uintptr_t)&bad_offset), -HVABI_ENXIO);
}

const struct conformance_test vcpu_op_tests[] = {
    { .name = "vcpu_op_unknown_command", .verifies = "hvabi~vcpu-op-unknown-command~1",
      .run = unknown_command },
    { .name = "vcpu_op_runstate_vcpuid", .verifies = "hvabi~vcpu-op-vcpuid~1",
      .run = runstate_vcpuid },
    { .name = "vcpu_op_order", .verifies = "hvabi~vcpu-op-order~1", .run = order },
    { .name = "vcpu_op_32bit_arguments",
      .verifies = "hvabi~vcpu-op-32bit-arguments~1 hvabi~aarch64-call-32bit-arguments~1",
      .run = ignores_upper_halves },
    { .name = NULL },
};
