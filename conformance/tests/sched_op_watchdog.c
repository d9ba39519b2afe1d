/*
 * sched_op_watchdog.c - SCHEDOP_watchdog: creating, re-arming and
 * destroying the watchdogs of the calling domain.
 *
 * Specification: spec/chapters/sched_op.rst, "Watchdogs".  Every test
 * destroys the watchdogs it creates, with timeouts long enough that none
 * expires while the test runs; the expiry itself, which ends the domain,
 * is tested in a scenario of its own (sched_op_stop.c).
 */
#include <stdint.h>

#include "framework/suite.h"
#include "support/clock.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>

/* Long enough that a watchdog of a test never expires during the run. */
#define LONG_TIMEOUT_S 600

static int64_t watchdog(uint32_t id, uint32_t timeout)
{
    struct hvabi_sched_watchdog arg = { .id = id, .timeout = timeout };

    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_WATCHDOG,
                            (uint64_t)(uintptr_t)&arg);
}

/* Destroys watchdog `id`, recording a failure unless the call returns 0. */
static void destroy(struct test_context *t, int64_t id)
{
    if (id >= 1 && id <= HVABI_SCHED_WATCHDOG_MAX) {
        expect_result(t, "SCHEDOP_watchdog destroying a watchdog", watchdog((uint32_t)id, 0), 0);
    }
}

static void watchdog_create(struct test_context *t)
{
    int64_t first = watchdog(0, LONG_TIMEOUT_S);
    int64_t second = watchdog(0, LONG_TIMEOUT_S);

    expect_result(t, "SCHEDOP_watchdog creating the first watchdog", first, 1);
    expect_result(t, "SCHEDOP_watchdog creating the second watchdog", second, 2);
    /* The lowest free ID is taken again. */
    destroy(t, first);
    first = watchdog(0, LONG_TIMEOUT_S);
    expect_result(t, "SCHEDOP_watchdog creating a watchdog after destroying watchdog 1", first,
                  1);
    destroy(t, first);
    destroy(t, second);
}

static void watchdog_full(struct test_context *t)
{
    int64_t first = watchdog(0, LONG_TIMEOUT_S);
    int64_t second = watchdog(0, LONG_TIMEOUT_S);
    int64_t third = watchdog(0, LONG_TIMEOUT_S);

    expect_result(t, "SCHEDOP_watchdog creating a third watchdog", third, -HVABI_ENOSPC);
    destroy(t, first);
    destroy(t, second);
    destroy(t, third);
}

static void watchdog_rearm(struct test_context *t)
{
    int64_t id = watchdog(0, LONG_TIMEOUT_S);

    if (!expect(t, id == 1, "SCHEDOP_watchdog creating a watchdog: expected 1, got %lld",
                (long long)id)) {
        destroy(t, id);
        return;
    }
    expect_result(t, "SCHEDOP_watchdog re-arming watchdog 1", watchdog(1, LONG_TIMEOUT_S), 0);
    expect_result(t, "SCHEDOP_watchdog re-arming watchdog 1 with the largest timeout",
                  watchdog(1, 0xffffffffU), 0);
    destroy(t, id);
}

static void watchdog_destroy(struct test_context *t)
{
    int64_t id = watchdog(0, LONG_TIMEOUT_S);

    expect_result(t, "SCHEDOP_watchdog destroying watchdog 1", watchdog(1, 0), 0);
    /* Its ID is free: re-arming it fails, creating takes it again. */
    expect_result(t, "SCHEDOP_watchdog re-arming the destroyed watchdog",
                  watchdog(1, LONG_TIMEOUT_S), -HVABI_EINVAL);
    id = watchdog(0, LONG_TIMEOUT_S);
    expect_result(t, "SCHEDOP_watchdog creating a watchdog after the destruction", id, 1);
    destroy(t, id);

    /* A destroyed watchdog no longer expires: this domain outlives it. */
    id = watchdog(0, 1);
    expect_result(t, "SCHEDOP_watchdog creating a 1 s watchdog", id, 1);
    destroy(t, id);
    clock_spin(1500 * CLOCK_MS);
}

static void watchdog_invalid_id(struct test_context *t)
{
    static const uint32_t never_in_use[] = { 3, 4, 0x80000000U, 0xffffffffU };
    int64_t id;

    /* IDs 1 and 2 while not in use, with a re-arming and a destroying timeout. */
    expect_result(t, "SCHEDOP_watchdog re-arming watchdog 1 while none exists",
                  watchdog(1, LONG_TIMEOUT_S), -HVABI_EINVAL);
    expect_result(t, "SCHEDOP_watchdog destroying watchdog 2 while none exists", watchdog(2, 0),
                  -HVABI_EINVAL);
    id = watchdog(0, LONG_TIMEOUT_S);
    expect_result(t, "SCHEDOP_watchdog re-arming watchdog 2 while only 1 exists",
                  watchdog(2, LONG_TIMEOUT_S), -HVABI_EINVAL);
    for (unsigned int i = 0; i < sizeof(never_in_use) / sizeof(never_in_use[0]); i++) {
        expect(t, watchdog(never_in_use[i], LONG_TIMEOUT_S) == -HVABI_EINVAL &&
                      watchdog(never_in_use[i], 0) == -HVABI_EINVAL,
               "SCHEDOP_watchdog with ID %u: expected %d", (unsigned)never_in_use[i],
               -HVABI_EINVAL);
    }
    destroy(t, id);
}

static void watchdog_unreadable_argument(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    int64_t id;

    expect_result(t, "SCHEDOP_watchdog with arg at an unmapped virtual address",
                  hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_WATCHDOG,
                                   unmapped_virtual_address()),
                  -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "SCHEDOP_watchdog with arg at a guest address without memory",
                      hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_WATCHDOG,
                                       unbacked),
                      -HVABI_EFAULT);
    }
    /* Nothing was created: the first creation still gets ID 1. */
    id = watchdog(0, LONG_TIMEOUT_S);
    expect_result(t, "SCHEDOP_watchdog creating a watchdog after the failures", id, 1);
    destroy(t, id);
}

/* A watchdog of 1 s, re-armed every 200 ms for 2.5 s, never expires. */
static void watchdog_not_early(struct test_context *t)
{
    uint64_t end = clock_deadline(2500 * CLOCK_MS);
    int64_t id = watchdog(0, 1);

    if (!expect(t, id == 1, "SCHEDOP_watchdog creating a 1 s watchdog: expected 1, got %lld",
                (long long)id)) {
        destroy(t, id);
        return;
    }
    while (!clock_passed(end)) {
        clock_spin(200 * CLOCK_MS);
        if (!expect_result(t, "SCHEDOP_watchdog re-arming the 1 s watchdog", watchdog(1, 1),
                           0)) {
            break;
        }
    }
    destroy(t, id);
}

const struct conformance_test sched_op_watchdog_tests[] = {
    {
        .name = "sched_op_watchdog_create",
        .verifies = "hvabi~sched-op-watchdog-create~1",
        .run = watchdog_create,
    },
    {
        .name = "sched_op_watchdog_full",
        .verifies = "hvabi~sched-op-watchdog-full~1",
        .run = watchdog_full,
    },
    {
        .name = "sched_op_watchdog_rearm",
        .verifies = "hvabi~sched-op-watchdog-rearm~1",
        .run = watchdog_rearm,
    },
    {
        .name = "sched_op_watchdog_destroy",
        .verifies = "hvabi~sched-op-watchdog-destroy~1",
        .run = watchdog_destroy,
    },
    {
        .name = "sched_op_watchdog_invalid_id",
        .verifies = "hvabi~sched-op-watchdog-invalid-id~1",
        .run = watchdog_invalid_id,
    },
    {
        .name = "sched_op_watchdog_unreadable_argument",
        .verifies = "hvabi~sched-op-watchdog-fault~1",
        .run = watchdog_unreadable_argument,
    },
    {
        .name = "sched_op_watchdog_not_early",
        .verifies = "hvabi~sched-op-watchdog-not-early~1",
        .run = watchdog_not_early,
    },
    { .name = NULL },
};
