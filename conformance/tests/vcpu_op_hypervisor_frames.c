/*
 * vcpu_op_hypervisor_frames.c - a vcpu_info cannot be placed at a frame
 * where the hypervisor has placed a page of its own.
 *
 * Specification: spec/chapters/vcpu_op.rst, hvabi~vcpu-op-vcpu-info-frame~1
 * ("a frame of the domain's RAM ... at which the hypervisor has not placed
 * a page of its own").  A hypervisor that accepts such a frame places the
 * vcpu_info for the life of the domain, so these tests have a scenario of
 * their own (conformance/scenarios/vcpu_info_frames.conf, two vCPUs: one
 * test per vCPU).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/shared_info.h"
#include "tests/vcpu_op_call.h"

#include <hvabi/errno.h>
#include <hvabi/memory_op.h>
#include <hvabi/types.h>

static int64_t register_vcpu_info(uint32_t vcpu, uint64_t gfn)
{
    struct hvabi_vcpu_register_vcpu_info arg = { .gfn = gfn, .offset = 0, .rsvd = 0 };

    return vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, vcpu, (uint64_t)(uintptr_t)&arg);
}

static void shared_info_frame_refused(struct test_context *t)
{
    if (shared_info_page(t) != NULL) {
        expect_result(t, "vCPU 0's vcpu_info at the frame of the shared info page",
                      register_vcpu_info(0, shared_info_frame()), -HVABI_EINVAL);
    }
}

/* vCPU 1 (off): a wrong acceptance leaves vCPU 0's test above unaffected. */
static void grant_frame_refused(struct test_context *t)
{
    struct hvabi_add_to_physmap map;
    int64_t rc;

    if (!expect(t, t->platform->grant_window_size != 0,
                "the /hypervisor node gives no grant window to place a grant-table frame in")) {
        return;
    }
    memset(&map, 0, sizeof(map));
    map.domid = HVABI_DOMID_SELF;
    map.space = HVABI_XENMAPSPACE_GRANT_TABLE;
    map.idx = 0;
    map.gpfn = t->platform->grant_window_base / 4096;
    rc = hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                          (uint64_t)(uintptr_t)&map);
    if (expect_result(t, "placing grant-table frame 0 in the grant window", rc, 0)) {
        expect_result(t, "vCPU 1's vcpu_info at the frame of grant-table frame 0",
                      register_vcpu_info(1, map.gpfn), -HVABI_EINVAL);
    }
}

const struct conformance_test vcpu_op_hypervisor_frame_tests[] = {
    { .name = "vcpu_op_vcpu_info_shared_info_frame",
      .verifies = "hvabi~vcpu-op-vcpu-info-frame~1", .run = shared_info_frame_refused },
    { .name = "vcpu_op_vcpu_info_grant_frame", .verifies = "hvabi~vcpu-op-vcpu-info-frame~1",
      .run = grant_frame_refused },
    { .name = NULL },
};
