/*
 * sched_op.c - the sched_op hypercall.
 *
 * Specification: spec/chapters/sched_op.rst.  A successful
 * SCHEDOP_shutdown ends the domain, so the guest makes that call once, after
 * the last test (main.c); the harness checks that the domain stopped.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>

static int64_t sched_op(uint64_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, cmd, arg);
}

static void shutdown_unreadable_argument(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    if (unbacked == 0) {
        test_skip(t, "no address without memory found below 512 GiB");
        return;
    }
    expect_result(t, "SCHEDOP_shutdown with its argument at a guest address with no memory",
                  sched_op(HVABI_SCHEDOP_SHUTDOWN, unbacked), -HVABI_EFAULT);
    expect_result(t, "SCHEDOP_shutdown with its argument at an unmapped virtual address",
                  sched_op(HVABI_SCHEDOP_SHUTDOWN, unmapped_virtual_address()),
                  -HVABI_EFAULT);
}

static void unknown_command(struct test_context *t)
{
    expect_result(t, "sched_op command 0x7fff", sched_op(0x7fff, 0), -HVABI_ENOSYS);
}

const struct conformance_test sched_op_tests[] = {
    {
        .name = "sched_op_shutdown_unreadable_argument",
        .verifies = "hvabi~sched-op-shutdown-fault~1 hvabi~aarch64-pointer-arguments~1",
        .run = shutdown_unreadable_argument,
    },
    {
        .name = "sched_op_unknown_command",
        .verifies = "hvabi~sched-op-unknown-command~1",
        .run = unknown_command,
    },
    { .name = NULL },
};
