/*
 * sched_op.c - the sched_op hypercall: the commands whose errors a domain
 * alone can observe.
 *
 * Specification: spec/chapters/sched_op.rst.  A successful
 * SCHEDOP_shutdown ends the domain: the shutdowns themselves are tested in
 * scenarios of their own (sched_op_stop.c), and the main guest makes that
 * call once, after its last test (main.c).  The conformance guest of the
 * main role is not a control domain.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/domains.h"
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

static void pin_override(struct test_context *t)
{
    /* Xen's struct sched_pin_override: one int32_t, the physical CPU. */
    int32_t pcpu = 0;
    int64_t result = sched_op(7, (uint64_t)(uintptr_t)&pcpu);

    expect(t, result == -HVABI_ENOSYS || result == -HVABI_EPERM,
           "sched_op command 7 (SCHEDOP_pin_override): expected %d or %d, got %lld",
           -HVABI_ENOSYS, -HVABI_EPERM, (long long)result);
    pcpu = -1;
    result = sched_op(7, (uint64_t)(uintptr_t)&pcpu);
    expect(t, result == -HVABI_ENOSYS || result == -HVABI_EPERM,
           "sched_op command 7 undoing the pinning: expected %d or %d, got %lld",
           -HVABI_ENOSYS, -HVABI_EPERM, (long long)result);
}

static int64_t remote_shutdown(uint16_t domain, uint32_t reason)
{
    struct hvabi_sched_remote_shutdown arg;

    memset(&arg, 0, sizeof(arg));
    arg.domain_id = domain;
    arg.reason = reason;
    return sched_op(HVABI_SCHEDOP_REMOTE_SHUTDOWN, (uint64_t)(uintptr_t)&arg);
}

/*
 * SCHEDOP_remote_shutdown of this domain by its own ID: -EPERM from a
 * hypervisor with the control profile, -ENOSYS from one without.  Records
 * a failure for any other answer (the call must not stop the domain).
 */
static int64_t remote_shutdown_of_self(struct test_context *t)
{
    uint16_t self = 0;
    int64_t result;

    if (!domains_self(t, &self)) {
        return 0;
    }
    result = remote_shutdown(self, HVABI_SHUTDOWN_POWEROFF);
    expect(t, result == -HVABI_EPERM || result == -HVABI_ENOSYS,
           "SCHEDOP_remote_shutdown of the caller's own ID by a domain that is not a control "
           "domain: expected %d, or %d without the control profile; got %lld",
           -HVABI_EPERM, -HVABI_ENOSYS, (long long)result);
    return result;
}

static void remote_shutdown_not_permitted(struct test_context *t)
{
    uint16_t self = 0;
    uint64_t unbacked = unbacked_guest_address(t->platform);

    if (remote_shutdown_of_self(t) != -HVABI_EPERM) {
        if (t->failures == 0) {
            test_skip(t, "the hypervisor does not implement the control profile (-ENOSYS)");
        }
        return;
    }
    if (!domains_self(t, &self)) {
        return;
    }
    /* DOMID_SELF names the caller as its own ID does. */
    expect_result(t, "SCHEDOP_remote_shutdown of DOMID_SELF",
                  remote_shutdown(HVABI_DOMID_SELF, HVABI_SHUTDOWN_POWEROFF), -HVABI_EPERM);
    /* The permission comes before the reason. */
    expect_result(t, "SCHEDOP_remote_shutdown of the caller's own ID with reason 6",
                  remote_shutdown(self, 6), -HVABI_EPERM);
    expect_result(t, "SCHEDOP_remote_shutdown of DOMID_SELF with reason 0xffffffff",
                  remote_shutdown(HVABI_DOMID_SELF, 0xffffffffU), -HVABI_EPERM);
    /* A domain that does not exist comes before the permission. */
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        expect(t, remote_shutdown(domains_unused_ids[i], HVABI_SHUTDOWN_POWEROFF) ==
                      -HVABI_ESRCH,
               "SCHEDOP_remote_shutdown of domain 0x%x, which does not exist: expected %d",
               (unsigned)domains_unused_ids[i], -HVABI_ESRCH);
    }
    expect_result(t, "SCHEDOP_remote_shutdown of a domain that does not exist, with reason 6",
                  remote_shutdown(domains_unused_ids[0], 6), -HVABI_ESRCH);
    /* An unreadable argument comes first of all. */
    expect_result(t, "SCHEDOP_remote_shutdown with arg at an unmapped virtual address",
                  sched_op(HVABI_SCHEDOP_REMOTE_SHUTDOWN, unmapped_virtual_address()),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "SCHEDOP_remote_shutdown with arg at a guest address without memory",
                      sched_op(HVABI_SCHEDOP_REMOTE_SHUTDOWN, unbacked), -HVABI_EFAULT);
    }
}

static void remote_shutdown_without_control(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    if (remote_shutdown_of_self(t) != -HVABI_ENOSYS) {
        if (t->failures == 0) {
            test_skip(t, "the hypervisor implements the control profile (-EPERM)");
        }
        return;
    }
    /* Without the profile the argument is not read. */
    expect_result(t, "SCHEDOP_remote_shutdown with arg at an unmapped virtual address",
                  sched_op(HVABI_SCHEDOP_REMOTE_SHUTDOWN, unmapped_virtual_address()),
                  -HVABI_ENOSYS);
    if (unbacked != 0) {
        expect_result(t, "SCHEDOP_remote_shutdown with arg at a guest address without memory",
                      sched_op(HVABI_SCHEDOP_REMOTE_SHUTDOWN, unbacked), -HVABI_ENOSYS);
    }
    expect_result(t, "SCHEDOP_remote_shutdown of a domain that does not exist",
                  remote_shutdown(domains_unused_ids[0], 0), -HVABI_ENOSYS);
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
        .name = "sched_op_pin_override",
        .verifies = "hvabi~sched-op-pin-override~1",
        .run = pin_override,
    },
    {
        .name = "sched_op_remote_shutdown_not_permitted",
        .verifies = "hvabi~sched-op-remote-shutdown-permission~1 "
                    "hvabi~sched-op-remote-shutdown-unknown-domain~1 "
                    "hvabi~sched-op-remote-shutdown-fault~1 "
                    "hvabi~sched-op-remote-shutdown-order~1 "
                    "hvabi~control-not-permitted~1 hvabi~control-permission-first~1",
        .run = remote_shutdown_not_permitted,
    },
    {
        .name = "sched_op_remote_shutdown_without_control",
        .verifies = "hvabi~sched-op-remote-shutdown-no-control~1 "
                    "hvabi~control-without-profile~1",
        .run = remote_shutdown_without_control,
    },
    {
        .name = "sched_op_unknown_command",
        .verifies = "hvabi~sched-op-unknown-command~1",
        .run = unknown_command,
    },
    { .name = NULL },
};
