/*
 * events.c - event channel operations and 2-level bits (see events.h).
 */
#include <string.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>

#include "support/events.h"

#define BITS_PER_WORD 64

int64_t events_op(uint32_t cmd, void *arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, cmd, (uint64_t)(uintptr_t)arg);
}

int64_t events_status(uint16_t dom, uint32_t port, struct hvabi_evtchn_status *status)
{
    memset(status, 0, sizeof(*status));
    status->dom = dom;
    status->port = port;
    return events_op(HVABI_EVTCHNOP_STATUS, status);
}

int64_t events_send(uint32_t port)
{
    struct hvabi_evtchn_send send = { .port = port };

    return events_op(HVABI_EVTCHNOP_SEND, &send);
}

int64_t events_bind_ipi(uint32_t vcpu, uint32_t *port)
{
    struct hvabi_evtchn_bind_ipi bind = { .vcpu = vcpu, .port = 0 };
    int64_t result = events_op(HVABI_EVTCHNOP_BIND_IPI, &bind);

    *port = bind.port;
    return result;
}

int64_t events_alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port)
{
    struct hvabi_evtchn_alloc_unbound alloc = { .dom = dom, .remote_dom = remote, .port = 0 };
    int64_t result = events_op(HVABI_EVTCHNOP_ALLOC_UNBOUND, &alloc);

    *port = alloc.port;
    return result;
}

int64_t events_close(uint32_t port)
{
    struct hvabi_evtchn_close close = { .port = port };

    return events_op(HVABI_EVTCHNOP_CLOSE, &close);
}

static uint64_t bit_of(uint32_t port)
{
    return 1ULL << (port % BITS_PER_WORD);
}

bool events_is_pending(volatile struct hvabi_shared_info *shared, uint32_t port)
{
    return (shared->evtchn_pending[port / BITS_PER_WORD] & bit_of(port)) != 0;
}

bool events_is_masked(volatile struct hvabi_shared_info *shared, uint32_t port)
{
    return (shared->evtchn_mask[port / BITS_PER_WORD] & bit_of(port)) != 0;
}

bool events_clear_pending(volatile struct hvabi_shared_info *shared, uint32_t port)
{
    /* The hypervisor sets other bits of the word at any time: one atomic
     * read-modify-write, with acquire order for what the event announces. */
    uint64_t old = __atomic_fetch_and(&shared->evtchn_pending[port / BITS_PER_WORD],
                                      ~bit_of(port), __ATOMIC_ACQ_REL);

    return (old & bit_of(port)) != 0;
}

bool events_expect_interdomain(struct test_context *t, uint32_t port, uint16_t remote,
                               uint32_t remote_port)
{
    struct hvabi_evtchn_status status;
    int64_t result = events_status(HVABI_DOMID_SELF, port, &status);

    return expect(t, result == 0 && status.status == HVABI_EVTCHNSTAT_INTERDOMAIN &&
                         status.u.interdomain.dom == remote &&
                         status.u.interdomain.port == remote_port,
                  "port %u: expected interdomain to port %u of d%u; EVTCHNOP_status returned "
                  "%lld, state %u, remote d%u port %u",
                  (unsigned)port, (unsigned)remote_port, (unsigned)remote, (long long)result,
                  (unsigned)status.status, (unsigned)status.u.interdomain.dom,
                  (unsigned)status.u.interdomain.port);
}

int64_t events_poll_one(uint32_t port, uint64_t timeout)
{
    uint32_t ports[1] = { port };
    struct hvabi_sched_poll poll;

    memset(&poll, 0, sizeof(poll));
    poll.ports = (uint64_t)(uintptr_t)ports;
    poll.nr_ports = 1;
    poll.timeout = timeout;
    return hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_POLL,
                            (uint64_t)(uintptr_t)&poll);
}
