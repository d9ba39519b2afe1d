/*
 * event_round_trip.c - the cost of an event sent by a vCPU to itself:
 * EVTCHNOP_send on an IPI port bound to the calling vCPU, the event
 * interrupt, and the guest's upcall handler finding the port in the 2-level
 * bitmaps of the shared info page (spec: event_channel.rst).  One round
 * trip ends when the handler has seen the event.
 */
#include <string.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/event_channel.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>

#include "bench.h"
#include "guest/console.h"
#include "guest/interrupts.h"

#define ROUND_TRIPS 5000
#define PAGE_SIZE 4096
#define BITS_PER_WORD 64
/* A round trip that takes longer than this many counter ticks has lost its event. */
#define WAIT_TICKS 1000000

struct upcall_state {
    volatile struct hvabi_shared_info *shared;
    uint32_t port;
    volatile uint64_t seen; /* events of `port` the handler has taken */
};

/* The RAM page the shared info page is placed over (identity-mapped). */
static uint8_t shared_info_frame[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static int64_t event_channel_op(uint32_t cmd, void *arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, cmd, (uint64_t)(uintptr_t)arg);
}

static int place_shared_info(struct upcall_state *state)
{
    struct hvabi_add_to_physmap request;
    int64_t result;

    memset(&request, 0, sizeof(request));
    request.domid = HVABI_DOMID_SELF;
    request.space = HVABI_XENMAPSPACE_SHARED_INFO;
    request.idx = 0;
    request.gpfn = (uint64_t)(uintptr_t)shared_info_frame / PAGE_SIZE;
    result = hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                              (uint64_t)(uintptr_t)&request);
    if (result != 0) {
        console_printf("# placing the shared info page failed: %lld\n", (long long)result);
        return -1;
    }
    state->shared = (volatile struct hvabi_shared_info *)shared_info_frame;
    return 0;
}

/* The upcall, as a guest kernel does it: clear the flag, take the selector,
 * then take each pending, unmasked port of the selected words. */
static void upcall(uint32_t intid, void *context)
{
    struct upcall_state *state = context;
    volatile struct hvabi_vcpu_info *vcpu = &state->shared->vcpu_info[0];
    uint64_t selector;

    (void)intid;
    vcpu->evtchn_upcall_pending = 0;
    selector = __atomic_exchange_n(&vcpu->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    while (selector != 0) {
        unsigned int word = (unsigned int)__builtin_ctzll(selector);
        uint64_t ready;

        selector &= selector - 1;
        ready = state->shared->evtchn_pending[word] & ~state->shared->evtchn_mask[word];
        while (ready != 0) {
            unsigned int bit = (unsigned int)__builtin_ctzll(ready);

            ready &= ready - 1;
            __atomic_fetch_and(&state->shared->evtchn_pending[word], ~(1ULL << bit),
                               __ATOMIC_SEQ_CST);
            if (word * BITS_PER_WORD + bit == state->port) {
                state->seen++;
            }
        }
    }
}

/* Sends round_trips events (or, with send false, does the loop alone). */
static int run_loop(struct upcall_state *state, unsigned int round_trips, bool send,
                    uint64_t *instructions)
{
    struct hvabi_evtchn_send request = { .port = state->port };
    uint64_t start = counter_read();

    for (unsigned int i = 0; i < round_trips; i++) {
        uint64_t expected = state->seen + 1;
        uint64_t waited = counter_read();

        if (send) {
            if (event_channel_op(HVABI_EVTCHNOP_SEND, &request) != 0) {
                console_printf("# EVTCHNOP_send failed\n");
                return -1;
            }
        } else {
            state->seen++;
        }
        while (state->seen < expected) {
            if (counter_read() - waited > WAIT_TICKS) {
                console_printf("# the event of round trip %u never arrived\n", i);
                return -1;
            }
        }
    }
    *instructions = ticks_to_instructions(counter_read() - start);
    return 0;
}

int bench_event_round_trip(const struct guest_platform *platform, struct bench_result *r)
{
    static struct upcall_state state;
    struct hvabi_evtchn_bind_ipi bind = { .vcpu = 0 };
    int64_t result;
    int failed;

    if (platform->event_intid == 0) {
        console_printf("# the device tree names no event interrupt in /hypervisor\n");
        return -1;
    }
    if (place_shared_info(&state) != 0) {
        return -1;
    }
    result = event_channel_op(HVABI_EVTCHNOP_BIND_IPI, &bind);
    if (result != 0) {
        console_printf("# EVTCHNOP_bind_ipi failed: %lld\n", (long long)result);
        return -1;
    }
    state.port = bind.port;
    if (interrupts_init(platform) != 0 ||
        interrupts_attach(platform->event_intid, upcall, &state) != 0) {
        return -1;
    }

    interrupts_unmask();
    failed = run_loop(&state, ROUND_TRIPS, true, &r->loop_instructions);
    if (failed == 0) {
        failed = run_loop(&state, ROUND_TRIPS, false, &r->baseline_instructions);
    }
    interrupts_mask();
    interrupts_detach(platform->event_intid);

    r->operations = ROUND_TRIPS;
    bench_compute(r);
    return failed;
}
