/*
 * event_call.h - the few event channel operations the vCPU tests use to
 * raise an event for a vCPU of their own domain (spec: event_channel.rst).
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_EVENT_CALL_H
#define HVABI_CONFORMANCE_SUPPORT_EVENT_CALL_H

#include <stdint.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/event_channel.h>
#include <hvabi/hypercall.h>

static inline int64_t event_channel_op(uint64_t cmd, void *arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, cmd, (uint64_t)(uintptr_t)arg);
}

/* EVTCHNOP_bind_ipi for `vcpu`: returns the port, or the negative error. */
static inline int64_t event_bind_ipi(uint32_t vcpu)
{
    struct hvabi_evtchn_bind_ipi bind = { .vcpu = vcpu, .port = 0 };
    int64_t rc = event_channel_op(HVABI_EVTCHNOP_BIND_IPI, &bind);

    return rc < 0 ? rc : (int64_t)bind.port;
}

static inline int64_t event_send(uint32_t port)
{
    struct hvabi_evtchn_send send = { .port = port };

    return event_channel_op(HVABI_EVTCHNOP_SEND, &send);
}

static inline int64_t event_close(uint32_t port)
{
    struct hvabi_evtchn_close close = { .port = port };

    return event_channel_op(HVABI_EVTCHNOP_CLOSE, &close);
}

#endif /* HVABI_CONFORMANCE_SUPPORT_EVENT_CALL_H */
