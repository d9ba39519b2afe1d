/*
 * two_vcpus.c - requirements that need two vCPUs of one domain at once.
 *
 * Specification: spec/chapters/sched_op.rst (system time, polling,
 * shutdown) and spec/chapters/memory_op.rst (concurrent placement).  The
 * tests run in the smp scenario (scenarios/smp.conf), whose domain has two
 * vCPUs; vCPU 1 runs the jobs of support/worker_cpu.h.  two_vcpus_tests run
 * first and leave the shared info page at no frame, as the memory_op tests
 * that follow need; two_vcpus_stop_tests run last and shut the domain
 * down while vCPU 1 is busy.
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/console.h"
#include "support/clock.h"
#include "support/evtchn.h"
#include "support/stop_peer.h"
#include "support/worker_cpu.h"
#include "support/physmap.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

#define PAGE_SIZE 4096
#define JOB_WAIT_MS 5000
#define WORKER 1

/* Has vCPU 1 run job(argument), starting it first if needed. */
static bool run_on_vcpu1(struct test_context *t, worker_cpu_work job, void *argument)
{
    return worker_cpu_start(t, WORKER) &&
           expect(t, worker_cpu_post(WORKER, job, argument), "vCPU 1 is still busy");
}

/* Waits for vCPU 1 to finish its job. */
static bool wait_for_vcpu1(struct test_context *t)
{
    return expect(t, worker_cpu_wait(WORKER, JOB_WAIT_MS),
                  "vCPU 1 did not finish its job within %u ms", JOB_WAIT_MS);
}
#define ROUNDS 20

/* What vCPU 0 and vCPU 1 share in a test. */
struct rendezvous {
    volatile uint32_t go;      /* set by vCPU 0 */
    volatile uint32_t done;    /* set by vCPU 1 */
    volatile uint64_t count;   /* vCPU 1's counter reading */
    volatile int64_t result;   /* vCPU 1's hypercall result */
    volatile uint64_t frame;   /* where vCPU 1 places a page */
    volatile uint32_t port;    /* where vCPU 1 sends */
};

static struct rendezvous shared_state;

static void wait_for(volatile uint32_t *flag, uint32_t value)
{
    while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) != value) {
    }
}

/* vCPU 1: reads its counter each time vCPU 0 asks, ROUNDS times. */
static void counter_job(void *argument)
{
    struct rendezvous *r = argument;

    for (uint32_t round = 1; round <= ROUNDS; round++) {
        wait_for(&r->go, round);
        r->count = clock_counter();
        __atomic_store_n(&r->done, round, __ATOMIC_RELEASE);
    }
}

static void system_time_same_on_vcpus(struct test_context *t)
{
    struct rendezvous *r = &shared_state;

    memset((void *)r, 0, sizeof(*r));
    if (!run_on_vcpu1(t, counter_job, r)) {
        return;
    }
    for (uint32_t round = 1; round <= ROUNDS; round++) {
        uint64_t before = clock_counter();
        uint64_t after;

        __atomic_store_n(&r->go, round, __ATOMIC_RELEASE);
        wait_for(&r->done, round);
        after = clock_counter();
        if (!expect(t, before <= r->count && r->count <= after,
                    "round %u: vCPU 1 read CNTVCT %llu while vCPU 0 read %llu before and %llu "
                    "after",
                    (unsigned)round, (unsigned long long)r->count, (unsigned long long)before,
                    (unsigned long long)after)) {
            break;
        }
    }
    wait_for_vcpu1(t);
}

/* vCPU 1: waits 50 ms, then sends on the port. */
static void send_job(void *argument)
{
    struct rendezvous *r = argument;

    wait_for(&r->go, 1);
    clock_spin(50 * CLOCK_MS);
    r->result = evtchn_send(r->port);
}

static void poll_wakes_on_event(struct test_context *t)
{
    struct rendezvous *r = &shared_state;
    uint32_t port = 0;
    uint64_t start;
    uint64_t elapsed_ms;
    int64_t result;

    memset((void *)r, 0, sizeof(*r));
    if (!expect_result(t, "EVTCHNOP_bind_ipi for vCPU 0", evtchn_bind_ipi(0, &port), 0)) {
        return;
    }
    r->port = port;
    if (!run_on_vcpu1(t, send_job, r)) {
        evtchn_close(port);
        return;
    }
    start = clock_counter();
    __atomic_store_n(&r->go, 1, __ATOMIC_RELEASE);
    /* Only the event can end this call before 5 s. */
    result = stop_peer_poll_one(port, clock_system_time() + 5000ULL * 1000 * 1000);
    elapsed_ms = (clock_ticks_to_ns(clock_counter() - start) / CLOCK_MS);
    expect_result(t, "SCHEDOP_poll of the IPI port", result, 0);
    expect(t, elapsed_ms < 2000,
           "SCHEDOP_poll returned after %llu ms; vCPU 1 sent the event after 50 ms",
           (unsigned long long)elapsed_ms);
    if (wait_for_vcpu1(t)) {
        expect_result(t, "EVTCHNOP_send on vCPU 1", r->result, 0);
    }
    evtchn_close(port);
}

static int64_t place_shared_info(uint64_t frame)
{
    return physmap_add(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_SHARED_INFO, 0, frame);
}

static int64_t remove_frame(uint64_t frame)
{
    return physmap_remove(HVABI_DOMID_SELF, frame);
}

/* vCPU 1: places the shared info page at r->frame when vCPU 0 says go. */
static void place_job(void *argument)
{
    struct rendezvous *r = argument;

    wait_for(&r->go, 1);
    r->result = place_shared_info(r->frame);
}

/* RAM pages for the concurrent placements: two per round. */
static uint8_t place_pages[ROUNDS][2][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void concurrent_place(struct test_context *t)
{
    struct rendezvous *r = &shared_state;

    for (unsigned int round = 0; round < ROUNDS; round++) {
        uint64_t mine = (uint64_t)(uintptr_t)place_pages[round][0] / PAGE_SIZE;
        uint64_t theirs = (uint64_t)(uintptr_t)place_pages[round][1] / PAGE_SIZE;
        int64_t result;

        memset((void *)r, 0, sizeof(*r));
        r->frame = theirs;
        if (!run_on_vcpu1(t, place_job, r)) {
            return;
        }
        __atomic_store_n(&r->go, 1, __ATOMIC_RELEASE);
        result = place_shared_info(mine);
        if (!wait_for_vcpu1(t)) {
            return;
        }
        if (!expect(t, (result == 0 && r->result == -HVABI_EBUSY) ||
                           (result == -HVABI_EBUSY && r->result == 0),
                    "round %u: two vCPUs placed the shared info page at once and got %lld and "
                    "%lld; expected 0 for one and %d for the other",
                    round, (long long)result, (long long)r->result, -HVABI_EBUSY)) {
            return;
        }
        expect_result(t, "XENMEM_remove_from_physmap of the placed page",
                      remove_frame(result == 0 ? mine : theirs), 0);
    }
}

/* vCPU 1: busy for ever, printing a line every 20 ms. */
static void tick_job(void *argument)
{
    volatile uint32_t *ticks = argument;

    for (;;) {
        (*ticks)++;
        console_printf("# vCPU 1 tick %u\n", (unsigned)*ticks);
        clock_spin(20 * CLOCK_MS);
    }
}

static void shutdown_stops_other_vcpu(struct test_context *t)
{
    static volatile uint32_t ticks;
    struct hvabi_sched_shutdown arg = { .reason = HVABI_SHUTDOWN_POWEROFF };
    uint64_t deadline = clock_deadline(JOB_WAIT_MS * CLOCK_MS);

    if (!run_on_vcpu1(t, tick_job, (void *)&ticks)) {
        return;
    }
    while (ticks < 3 && !clock_passed(deadline)) {
    }
    if (!expect(t, ticks >= 3, "vCPU 1 did not start ticking")) {
        return;
    }
    /* The harness fails the test when vCPU 1 still prints once the
     * hypervisor has said that the domain stopped. */
    test_expect_stop(t, "shutdown poweroff");
    expect(t, false, "SCHEDOP_shutdown returned %lld",
           (long long)hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_SHUTDOWN,
                                       (uint64_t)(uintptr_t)&arg));
}

const struct conformance_test two_vcpus_tests[] = {
    {
        .name = "sched_op_system_time_same_on_vcpus",
        .verifies = "hvabi~sched-op-system-time-offset~1",
        .run = system_time_same_on_vcpus,
    },
    {
        .name = "sched_op_poll_wakes_on_event",
        .verifies = "hvabi~sched-op-poll-wait~1",
        .run = poll_wakes_on_event,
    },
    {
        .name = "memory_op_concurrent_place",
        .verifies = "hvabi~memory-op-concurrent-place~1",
        .run = concurrent_place,
    },
    { .name = NULL },
};

const struct conformance_test two_vcpus_stop_tests[] = {
    {
        .name = "sched_op_shutdown_stops_other_vcpu",
        .verifies = "hvabi~sched-op-shutdown-other-vcpus~1 hvabi~safety-stop-vcpus~1 "
                    "hvabi~safety-stop-diagnostic~1 hvabi~safety-diag-format~1",
        .run = shutdown_stops_other_vcpu,
    },
    { .name = NULL },
};
