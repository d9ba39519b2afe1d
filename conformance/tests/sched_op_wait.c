/*
 * sched_op_wait.c - sched_op commands that give up the CPU or wait:
 * SCHEDOP_yield, SCHEDOP_block and SCHEDOP_poll, and system time.
 *
 * Specification: spec/chapters/sched_op.rst.  The vCPU runs with IRQs
 * masked (PSTATE.I = 1) except where a test unmasks them: SCHEDOP_poll may
 * return early when an interrupt is deliverable with IRQs unmasked.  The
 * virtual timer wakes a vCPU that blocks.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/interrupts.h"
#include "support/clock.h"
#include "support/evtchn.h"
#include "support/shared_info.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

/* How long a wait that should end may take under an emulator on a busy
 * host before the test calls it a hang. */
#define WAKE_SLACK_MS 2000

#define PSTATE_I (1ULL << 7)
#define DAIF_MASK (0xfULL << 6)

static int64_t sched_op(uint64_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, cmd, arg);
}

static int64_t poll_ports(const uint32_t *ports, uint32_t count, uint64_t timeout)
{
    struct hvabi_sched_poll poll;

    memset(&poll, 0, sizeof(poll));
    poll.ports = (uint64_t)(uintptr_t)ports;
    poll.nr_ports = count;
    poll.timeout = timeout;
    return sched_op(HVABI_SCHEDOP_POLL, (uint64_t)(uintptr_t)&poll);
}

static uint64_t read_daif(void)
{
    uint64_t daif;

    __asm__ volatile("mrs %0, daif" : "=r"(daif));
    return daif;
}

static void yield(struct test_context *t)
{
    uint64_t deadline = clock_deadline(WAKE_SLACK_MS * CLOCK_MS);

    expect_result(t, "SCHEDOP_yield", sched_op(HVABI_SCHEDOP_YIELD, 0), 0);
    expect(t, !clock_passed(deadline), "SCHEDOP_yield took more than %u ms", WAKE_SLACK_MS);
}

static void yield_ignores_argument(struct test_context *t)
{
    expect_result(t, "SCHEDOP_yield with arg at an unmapped virtual address",
                  sched_op(HVABI_SCHEDOP_YIELD, unmapped_virtual_address()), 0);
    expect_result(t, "SCHEDOP_yield with arg all ones", sched_op(HVABI_SCHEDOP_YIELD, ~0ULL), 0);
}

/* The virtual timer's interrupt, counted by its handler. */
struct timer_wake {
    volatile uint32_t taken;
};

static void timer_handler(uint32_t intid, void *context)
{
    struct timer_wake *wake = context;

    (void)intid;
    clock_arm_timer(0);
    wake->taken++;
}

/* Makes the virtual timer fire `ms` milliseconds from now (0: at once). */
static void timer_arm_ms(uint64_t ms)
{
    clock_arm_timer(clock_counter() + clock_ns_to_ticks(ms * CLOCK_MS) + 1);
}

/* Sets up the GIC and the virtual timer's interrupt, with a handler that
 * counts; false (recorded) when the device tree gives the guest no way to
 * use them. */
static bool timer_interrupt_ready(struct test_context *t, struct timer_wake *wake)
{
    wake->taken = 0;
    if (!expect(t, clock_timer_init(t->platform) == 0,
                "the device tree gives no usable virtual timer and GICv3")) {
        return false;
    }
    return expect(t, interrupts_attach(clock_timer_intid(), timer_handler, wake) == 0,
                  "cannot attach the virtual timer's INTID %u", (unsigned)clock_timer_intid());
}

/* Gives the timer's interrupt back to support/clock.c. */
static void timer_interrupt_done(struct test_context *t)
{
    clock_arm_timer(0);
    interrupts_mask();
    clock_timer_init(t->platform);
}

/*
 * SCHEDOP_block with PSTATE.I = 1 and `arg`; returns its result and the
 * time it took in counter ticks.  IRQs are unmasked when it returns, so a
 * pending interrupt is taken here; they are masked again before return.
 */
static int64_t block_once(uint64_t arg, uint64_t *ticks)
{
    uint64_t start;
    int64_t result;

    interrupts_mask();
    start = clock_counter();
    result = sched_op(HVABI_SCHEDOP_BLOCK, arg);
    *ticks = clock_counter() - start;
    interrupts_mask();
    return result;
}

static void block_wakes_on_interrupt(struct test_context *t)
{
    struct timer_wake wake;
    uint64_t ticks = 0;
    uint64_t deadline;

    if (!timer_interrupt_ready(t, &wake)) {
        return;
    }
    /* An interrupt that becomes pending during the call. */
    timer_arm_ms(20);
    deadline = clock_deadline((uint64_t)(20 + WAKE_SLACK_MS) * CLOCK_MS);
    while (wake.taken == 0 && !clock_passed(deadline)) {
        expect_result(t, "SCHEDOP_block (timer 20 ms ahead)", block_once(0, &ticks), 0);
    }
    expect(t, wake.taken == 1, "the timer interrupt was taken %u times after SCHEDOP_block "
                               "returned, expected once", (unsigned)wake.taken);

    /* An interrupt that is pending before the call: it returns at once. */
    wake.taken = 0;
    timer_arm_ms(0);
    clock_spin(2 * CLOCK_MS);
    expect_result(t, "SCHEDOP_block with the timer interrupt pending", block_once(0, &ticks), 0);
    expect(t, wake.taken == 1, "the pending interrupt was taken %u times, expected once",
           (unsigned)wake.taken);
    expect(t, (clock_ticks_to_ns(ticks) / CLOCK_MS) < WAKE_SLACK_MS,
           "SCHEDOP_block with an interrupt pending took %llu ms",
           (unsigned long long)(clock_ticks_to_ns(ticks) / CLOCK_MS));
    timer_interrupt_done(t);
}

static void block_unmasks_irqs(struct test_context *t)
{
    struct timer_wake wake;
    uint64_t daif_before;
    uint64_t nzcv_after;
    uint64_t daif_after;
    /* N and V set, Z and C clear: a pattern the call must keep. */
    uint64_t nzcv_before = (1ULL << 31) | (1ULL << 28);
    register uint64_t x0 __asm__("x0");
    register uint64_t x1 __asm__("x1");

    if (!timer_interrupt_ready(t, &wake)) {
        return;
    }
    interrupts_mask();
    daif_before = read_daif();
    timer_arm_ms(0);
    clock_spin(2 * CLOCK_MS);
    /* Function calls clobber x0 and x1: set them last. */
    x0 = HVABI_SCHEDOP_BLOCK;
    x1 = 0;
    /* The flags are set right before the call and read right after it; the
     * pending interrupt is taken between the two, and its return restores
     * PSTATE as the call left it. */
    __asm__ volatile("msr nzcv, %[nzcv]\n\t"
                     "mov x16, %[nr]\n\t"
                     "hvc %[imm]\n\t"
                     "mrs %[nzcv_after], nzcv\n\t"
                     "mrs %[daif_after], daif"
                     : "+r"(x0), "+r"(x1), [nzcv_after] "=&r"(nzcv_after),
                       [daif_after] "=&r"(daif_after)
                     : [nzcv] "r"(nzcv_before), [nr] "r"((uint64_t)HVABI_HYPERCALL_SCHED_OP),
                       [imm] "i"(HVABI_AARCH64_HVC_IMM)
                     : "x16", "cc", "memory");
    interrupts_mask();
    expect_result(t, "SCHEDOP_block", (int64_t)x0, 0);
    expect(t, (daif_after & PSTATE_I) == 0, "PSTATE.I after SCHEDOP_block: expected 0, DAIF "
                                            "is 0x%llx", (unsigned long long)daif_after);
    expect(t, (daif_after & DAIF_MASK & ~PSTATE_I) == (daif_before & DAIF_MASK & ~PSTATE_I),
           "PSTATE.D, A and F changed: DAIF 0x%llx before, 0x%llx after",
           (unsigned long long)daif_before, (unsigned long long)daif_after);
    expect(t, nzcv_after == nzcv_before, "NZCV changed: 0x%llx before, 0x%llx after",
           (unsigned long long)nzcv_before, (unsigned long long)nzcv_after);
    expect(t, wake.taken == 1, "the pending interrupt was taken %u times after the call, "
                               "expected once", (unsigned)wake.taken);
    timer_interrupt_done(t);
}

static void block_ignores_argument(struct test_context *t)
{
    struct timer_wake wake;
    uint64_t ticks = 0;

    if (!timer_interrupt_ready(t, &wake)) {
        return;
    }
    timer_arm_ms(0);
    clock_spin(2 * CLOCK_MS);
    expect_result(t, "SCHEDOP_block with arg at an unmapped virtual address",
                  block_once(unmapped_virtual_address(), &ticks), 0);
    timer_arm_ms(0);
    clock_spin(2 * CLOCK_MS);
    expect_result(t, "SCHEDOP_block with arg all ones", block_once(~0ULL, &ticks), 0);
    timer_interrupt_done(t);
}

static void poll_unreadable_argument(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    expect_result(t, "SCHEDOP_poll with arg at an unmapped virtual address",
                  sched_op(HVABI_SCHEDOP_POLL, unmapped_virtual_address()), -HVABI_EFAULT);
    if (unbacked != 0) {
        expect_result(t, "SCHEDOP_poll with arg at a guest address without memory",
                      sched_op(HVABI_SCHEDOP_POLL, unbacked), -HVABI_EFAULT);
    }
}

static void poll_too_many_ports(struct test_context *t)
{
    struct hvabi_sched_poll poll;

    memset(&poll, 0, sizeof(poll));
    /* The array is unreadable: the count is checked before it is read. */
    poll.ports = unmapped_virtual_address();
    poll.nr_ports = HVABI_SCHED_POLL_MAX_PORTS + 1;
    expect_result(t, "SCHEDOP_poll with 129 ports", sched_op(HVABI_SCHEDOP_POLL,
                                                             (uint64_t)(uintptr_t)&poll),
                  -HVABI_EINVAL);
    poll.nr_ports = 0xffffffffU;
    expect_result(t, "SCHEDOP_poll with 0xffffffff ports",
                  sched_op(HVABI_SCHEDOP_POLL, (uint64_t)(uintptr_t)&poll), -HVABI_EINVAL);
}

static void poll_unreadable_port(struct test_context *t)
{
    struct hvabi_sched_poll poll;
    uint64_t unbacked = unbacked_guest_address(t->platform);

    memset(&poll, 0, sizeof(poll));
    poll.nr_ports = 1;
    poll.ports = unmapped_virtual_address();
    expect_result(t, "SCHEDOP_poll of a port array at an unmapped virtual address",
                  sched_op(HVABI_SCHEDOP_POLL, (uint64_t)(uintptr_t)&poll), -HVABI_EFAULT);
    if (unbacked != 0) {
        poll.ports = unbacked;
        expect_result(t, "SCHEDOP_poll of a port array at a guest address without memory",
                      sched_op(HVABI_SCHEDOP_POLL, (uint64_t)(uintptr_t)&poll), -HVABI_EFAULT);
    }
}

static void poll_invalid_port(struct test_context *t)
{
    /* Port 0 is always closed; port 63 is closed, as the tests of this
     * role open a few ports at a time and close them again; 4096 is beyond
     * the 2-level layout. */
    static const uint32_t invalid[] = { 0, 63, HVABI_EVTCHN_2L_NR_PORTS, 0xffffffffU };

    for (unsigned int i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        expect(t, poll_ports(&invalid[i], 1, 0) == -HVABI_EINVAL,
               "SCHEDOP_poll of port %u: expected %d", (unsigned)invalid[i], -HVABI_EINVAL);
    }
}

/* An IPI port with its event pending; 0 (recorded) on failure. */
static uint32_t pending_ipi_port(struct test_context *t)
{
    uint32_t port = 0;

    if (!expect_result(t, "EVTCHNOP_bind_ipi", evtchn_bind_ipi(0, &port), 0) ||
        !expect_result(t, "EVTCHNOP_send on the IPI port", evtchn_send(port), 0)) {
        return 0;
    }
    return port;
}

static void poll_pending_port(struct test_context *t)
{
    uint32_t port = pending_ipi_port(t);
    uint64_t start;
    int64_t result;

    if (port == 0) {
        return;
    }
    /* No time limit: only the pending port can end the call. */
    start = clock_counter();
    result = poll_ports(&port, 1, 0);
    expect_result(t, "SCHEDOP_poll of a pending port", result, 0);
    expect(t, (clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS) < WAKE_SLACK_MS,
           "SCHEDOP_poll of a pending port waited %llu ms",
           (unsigned long long)(clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS));
    expect_result(t, "EVTCHNOP_close", evtchn_close(port), 0);
}

static void poll_examines_in_order(struct test_context *t)
{
    uint32_t port = pending_ipi_port(t);
    uint32_t pending_first[2];
    uint32_t closed_first[2];
    uint32_t many[HVABI_SCHED_POLL_MAX_PORTS + 1];

    if (port == 0) {
        return;
    }
    pending_first[0] = port;
    pending_first[1] = 0;
    closed_first[0] = 0;
    closed_first[1] = port;
    expect_result(t, "SCHEDOP_poll of { pending port, closed port }",
                  poll_ports(pending_first, 2, 0), 0);
    expect_result(t, "SCHEDOP_poll of { closed port, pending port }",
                  poll_ports(closed_first, 2, 0), -HVABI_EINVAL);
    /* The count is checked before any port. */
    for (unsigned int i = 0; i < sizeof(many) / sizeof(many[0]); i++) {
        many[i] = port;
    }
    expect_result(t, "SCHEDOP_poll of 129 pending ports",
                  poll_ports(many, HVABI_SCHED_POLL_MAX_PORTS + 1, 0), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_close", evtchn_close(port), 0);
}

/* A poll with no port is a sleep until its timeout, which is system time:
 * the virtual count in nanoseconds. */
static void poll_waits_for_timeout(struct test_context *t)
{
    uint64_t start = clock_counter();
    uint64_t elapsed_ms;
    int64_t result;

    result = poll_ports(NULL, 0, 1);
    expect_result(t, "SCHEDOP_poll with a timeout in the past", result, 0);
    expect(t, (clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS) < WAKE_SLACK_MS,
           "SCHEDOP_poll with a timeout in the past took %llu ms",
           (unsigned long long)(clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS));

    start = clock_counter();
    result = poll_ports(NULL, 0, clock_system_time() + 50ULL * 1000 * 1000);
    elapsed_ms = (clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS);
    expect_result(t, "SCHEDOP_poll with no port and a timeout 50 ms ahead", result, 0);
    expect(t, elapsed_ms < 50 + WAKE_SLACK_MS,
           "SCHEDOP_poll with a timeout 50 ms ahead returned after %llu ms",
           (unsigned long long)elapsed_ms);
}

/* A timeout 500 ms ahead in system time passes 500 ms later by the virtual
 * counter: the hypervisor must not wait for its own, later, notion of it.
 * (Polls may end early: the test polls again until the time is up.) */
static void system_time_is_virtual_count(struct test_context *t)
{
    uint64_t start = clock_counter();
    uint64_t elapsed_ms;
    int64_t result;

    do {
        result = poll_ports(NULL, 0, clock_ticks_to_ns(start) + 500ULL * 1000 * 1000);
        elapsed_ms = (clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS);
    } while (result == 0 && elapsed_ms < 500);
    expect_result(t, "SCHEDOP_poll with a timeout 500 ms ahead", result, 0);
    expect(t, elapsed_ms < 500 + WAKE_SLACK_MS,
           "a poll timeout 500 ms ahead of floor(CNTVCT * 10^9 / CNTFRQ) ended the wait after "
           "%llu ms", (unsigned long long)elapsed_ms);
}

static void poll_has_no_side_effects(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct hvabi_evtchn_status before;
    struct hvabi_evtchn_status after;
    uint64_t daif_before;
    uint32_t port;

    if (shared == NULL) {
        return;
    }
    port = pending_ipi_port(t);
    if (port == 0) {
        return;
    }
    /* Pending and masked, so the event is not signalled. */
    __atomic_fetch_or(&shared->evtchn_mask[port / 64], 1ULL << (port % 64), __ATOMIC_SEQ_CST);
    evtchn_status(HVABI_DOMID_SELF, port, &before);
    interrupts_mask();
    daif_before = read_daif();
    expect_result(t, "SCHEDOP_poll of the pending, masked port", poll_ports(&port, 1, 0), 0);
    expect(t, read_daif() == daif_before, "DAIF changed from 0x%llx to 0x%llx",
           (unsigned long long)daif_before, (unsigned long long)read_daif());
    expect(t, evtchn_bit(shared->evtchn_pending, port), "the poll cleared the pending bit");
    expect(t, evtchn_bit(shared->evtchn_mask, port), "the poll cleared the mask bit");
    expect_result(t, "EVTCHNOP_status", evtchn_status(HVABI_DOMID_SELF, port, &after), 0);
    expect(t, after.status == before.status && after.vcpu == before.vcpu,
           "the port's state or vCPU changed: state %u vCPU %u before, %u and %u after",
           (unsigned)before.status, (unsigned)before.vcpu, (unsigned)after.status,
           (unsigned)after.vcpu);
    /* Masked and not pending: a poll of it ends only at its timeout. */
    evtchn_clear_bit(shared->evtchn_pending, port);
    expect_result(t, "SCHEDOP_poll of a masked, idle port with a timeout 10 ms ahead",
                  poll_ports(&port, 1, clock_system_time() + 10ULL * 1000 * 1000), 0);
    expect(t, !evtchn_bit(shared->evtchn_pending, port), "the poll set the pending bit");
    expect(t, evtchn_bit(shared->evtchn_mask, port), "the poll cleared the mask bit");
    expect_result(t, "EVTCHNOP_close", evtchn_close(port), 0);
    __atomic_fetch_and(&shared->evtchn_mask[port / 64], ~(1ULL << (port % 64)),
                       __ATOMIC_SEQ_CST);
}

const struct conformance_test sched_op_wait_tests[] = {
    {
        .name = "sched_op_yield",
        .verifies = "hvabi~sched-op-yield~1",
        .run = yield,
    },
    {
        .name = "sched_op_yield_ignores_argument",
        .verifies = "hvabi~sched-op-yield-argument~1",
        .run = yield_ignores_argument,
    },
    {
        .name = "sched_op_block_wakes_on_interrupt",
        .verifies = "hvabi~sched-op-block~1",
        .run = block_wakes_on_interrupt,
    },
    {
        .name = "sched_op_block_unmasks_irqs",
        .verifies = "hvabi~sched-op-block-unmask~1",
        .run = block_unmasks_irqs,
    },
    {
        .name = "sched_op_block_ignores_argument",
        .verifies = "hvabi~sched-op-block-argument~1",
        .run = block_ignores_argument,
    },
    {
        .name = "sched_op_poll_unreadable_argument",
        .verifies = "hvabi~sched-op-poll-fault~1",
        .run = poll_unreadable_argument,
    },
    {
        .name = "sched_op_poll_too_many_ports",
        .verifies = "hvabi~sched-op-poll-too-many~1",
        .run = poll_too_many_ports,
    },
    {
        .name = "sched_op_poll_unreadable_port",
        .verifies = "hvabi~sched-op-poll-port-fault~1",
        .run = poll_unreadable_port,
    },
    {
        .name = "sched_op_poll_invalid_port",
        .verifies = "hvabi~sched-op-poll-port-invalid~1",
        .run = poll_invalid_port,
    },
    {
        .name = "sched_op_poll_pending_port",
        .verifies = "hvabi~sched-op-poll-pending~1",
        .run = poll_pending_port,
    },
    {
        .name = "sched_op_poll_examines_in_order",
        .verifies = "hvabi~sched-op-poll-order~1",
        .run = poll_examines_in_order,
    },
    {
        .name = "sched_op_poll_waits_for_timeout",
        .verifies = "hvabi~sched-op-poll-wait~1",
        .run = poll_waits_for_timeout,
    },
    {
        .name = "sched_op_system_time_is_virtual_count",
        .verifies = "hvabi~sched-op-system-time~1",
        .run = system_time_is_virtual_count,
    },
    {
        .name = "sched_op_poll_has_no_side_effects",
        .verifies = "hvabi~sched-op-poll-no-side-effects~1",
        .run = poll_has_no_side_effects,
    },
    { .name = NULL },
};
