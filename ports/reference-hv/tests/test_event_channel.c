/*
 * test_event_channel.c - event channels (core/event_channel.c,
 * spec/chapters/event_channel.rst and shared_info.rst; the stop of a domain
 * from safety.rst): every command of event_channel_op with its checks in
 * their order, the 2-level delivery of events step by step, static event
 * channels, and what a stop does to a domain's channels.
 *
 * Two domains of 2 vCPUs each: domain 1 ("guest") and domain 2 ("peer").
 * vCPU 0 of each has its vcpu_info in the shared info page; vCPU 1 has none
 * until a test gives it one.  A domain's calls read their argument from
 * ARG_OFFSET of its own RAM, at GUEST_VA + ARG_OFFSET; READ_ONLY_VA maps
 * the same page read-only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/boot_config.h"
#include "core/event_channel.h"
#include "core/hypercall.h"
#include "core/vgic.h"
#include "tests/support/core_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/sched_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>
#include <hvabi/vcpu_op.h>

#define NR_PORTS     HVABI_EVTCHN_2L_NR_PORTS
#define GUEST_VA     0x10000ULL
#define READ_ONLY_VA 0x80000ULL
#define UNMAPPED_VA  0xdead0000ULL
#define ARG_OFFSET   0x100
#define INFO_OFFSET  (PAGE_SIZE + 0x400) /* where vCPU 1's vcpu_info goes, if a test asks */
#define NO_DOMAIN    5                   /* an ID that names no domain */

static _Alignas(4096) uint8_t guest_ram[2 * PAGE_SIZE];
static _Alignas(4096) uint8_t peer_ram[2 * PAGE_SIZE];
static struct domain *guest, *peer;
static struct vcpu *g0, *g1, *p0;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    guest = core_fixture_domain("guest", 2);
    peer = core_fixture_domain("peer", 2);
    core_fixture_give_ram(guest, guest_ram, sizeof(guest_ram));
    core_fixture_give_ram(peer, peer_ram, sizeof(peer_ram));
    core_fixture_start(guest);
    core_fixture_start(peer);
    g0 = &guest->vcpus[0];
    g1 = &guest->vcpus[1];
    p0 = &peer->vcpus[0];
    fake_arch.current_vcpu = g0;
    assert_int_equal(fake_arch_map_va(GUEST_VA, GUEST_RAM_BASE, true), 0);
    assert_int_equal(fake_arch_map_va(GUEST_VA + PAGE_SIZE, GUEST_RAM_BASE + PAGE_SIZE, true), 0);
    assert_int_equal(fake_arch_map_va(READ_ONLY_VA, GUEST_RAM_BASE, false), 0);
    return 0;
}

/* ---- Making calls ---- */

/* Where a domain's calls take their argument, in host memory. */
static uint8_t *argument_of(const struct vcpu *caller)
{
    return (uint8_t *)(uintptr_t)(caller->domain->ram_pa + ARG_OFFSET);
}

/* Calls event_channel_op `cmd` with `arg` (`size` bytes), and copies back what the call left. */
static int64_t evtchn_op(struct vcpu *caller, uint32_t cmd, void *arg, size_t size)
{
    int64_t rc;

    memcpy(argument_of(caller), arg, size);
    rc = do_event_channel_op(caller, cmd, GUEST_VA + ARG_OFFSET);
    memcpy(arg, argument_of(caller), size);
    return rc;
}

static int64_t alloc_unbound(struct vcpu *caller, hvabi_domid_t dom, hvabi_domid_t remote_dom,
                             uint32_t *port)
{
    struct hvabi_evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote_dom, .port = ~0U };
    int64_t rc = evtchn_op(caller, HVABI_EVTCHNOP_ALLOC_UNBOUND, &a, sizeof(a));

    if (port != NULL) {
        *port = a.port;
    }
    return rc;
}

static int64_t bind_interdomain(struct vcpu *caller, hvabi_domid_t remote_dom,
                                uint32_t remote_port, uint32_t *local_port)
{
    struct hvabi_evtchn_bind_interdomain b = { .remote_dom = remote_dom,
                                               .remote_port = remote_port, .local_port = ~0U };
    int64_t rc = evtchn_op(caller, HVABI_EVTCHNOP_BIND_INTERDOMAIN, &b, sizeof(b));

    if (local_port != NULL) {
        *local_port = b.local_port;
    }
    return rc;
}

static int64_t bind_virq(struct vcpu *caller, uint32_t virq, uint32_t vcpu, uint32_t *port)
{
    struct hvabi_evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu, .port = ~0U };
    int64_t rc = evtchn_op(caller, HVABI_EVTCHNOP_BIND_VIRQ, &b, sizeof(b));

    if (port != NULL) {
        *port = b.port;
    }
    return rc;
}

static int64_t bind_ipi(struct vcpu *caller, uint32_t vcpu, uint32_t *port)
{
    struct hvabi_evtchn_bind_ipi b = { .vcpu = vcpu, .port = ~0U };
    int64_t rc = evtchn_op(caller, HVABI_EVTCHNOP_BIND_IPI, &b, sizeof(b));

    if (port != NULL) {
        *port = b.port;
    }
    return rc;
}

static int64_t close_port(struct vcpu *caller, uint32_t port)
{
    struct hvabi_evtchn_close c = { .port = port };

    return evtchn_op(caller, HVABI_EVTCHNOP_CLOSE, &c, sizeof(c));
}

static int64_t send(struct vcpu *caller, uint32_t port)
{
    struct hvabi_evtchn_send s = { .port = port };

    return evtchn_op(caller, HVABI_EVTCHNOP_SEND, &s, sizeof(s));
}

static int64_t status(struct vcpu *caller, hvabi_domid_t dom, uint32_t port,
                      struct hvabi_evtchn_status *s)
{
    memset(s, 0xee, sizeof(*s));
    s->dom = dom;
    s->port = port;
    return evtchn_op(caller, HVABI_EVTCHNOP_STATUS, s, sizeof(*s));
}

static int64_t bind_vcpu(struct vcpu *caller, uint32_t port, uint32_t vcpu)
{
    struct hvabi_evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

    return evtchn_op(caller, HVABI_EVTCHNOP_BIND_VCPU, &b, sizeof(b));
}

static int64_t unmask(struct vcpu *caller, uint32_t port)
{
    struct hvabi_evtchn_unmask u = { .port = port };

    return evtchn_op(caller, HVABI_EVTCHNOP_UNMASK, &u, sizeof(u));
}

static int64_t reset(struct vcpu *caller, hvabi_domid_t dom)
{
    struct hvabi_evtchn_reset r = { .dom = dom };

    return evtchn_op(caller, HVABI_EVTCHNOP_RESET, &r, sizeof(r));
}

/* Opens an unbound port of the guest for the peer, which binds to it; returns both ports. */
static void connect_guest_and_peer(uint32_t *guest_port, uint32_t *peer_port)
{
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, guest_port), 0);
    assert_int_equal(bind_interdomain(p0, guest->id, *guest_port, peer_port), 0);
}

/* Opens IPI ports of the caller until none is left; returns how many it opened. */
static unsigned int open_every_port(struct vcpu *caller)
{
    unsigned int opened = 0;
    int64_t rc;

    while ((rc = bind_ipi(caller, 0, NULL)) == 0) {
        opened++;
    }
    assert_int_equal(rc, -HVABI_ENOSPC);
    return opened;
}

/* ---- What the guest sees: the shared info page, vcpu_infos, the event interrupt ---- */

static struct hvabi_shared_info *shared_info(const struct domain *d)
{
    return (struct hvabi_shared_info *)(uintptr_t)d->events.shared_info_pa;
}

static bool bit(const uint64_t *words, uint32_t port)
{
    return (words[port / 64] >> (port % 64)) & 1;
}

static bool pending(const struct domain *d, uint32_t port)
{
    return bit(shared_info(d)->evtchn_pending, port);
}

static bool masked(const struct domain *d, uint32_t port)
{
    return bit(shared_info(d)->evtchn_mask, port);
}

static void set_pending(struct domain *d, uint32_t port)
{
    shared_info(d)->evtchn_pending[port / 64] |= 1ULL << (port % 64);
}

static void mask(struct domain *d, uint32_t port)
{
    shared_info(d)->evtchn_mask[port / 64] |= 1ULL << (port % 64);
}

static uint64_t selector(const struct vcpu *v)
{
    return v->vcpu_info->evtchn_pending_sel;
}

static uint8_t upcall(const struct vcpu *v)
{
    return v->vcpu_info->evtchn_upcall_pending;
}

static bool event_interrupt(const struct vcpu *v)
{
    return v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].pending;
}

/* Forgets every event of d, as its guest would once it has handled them. */
static void consume_events(struct domain *d)
{
    memset(shared_info(d)->evtchn_pending, 0, sizeof(shared_info(d)->evtchn_pending));
    for (unsigned int i = 0; i < d->vcpu_count; i++) {
        struct vcpu *v = &d->vcpus[i];

        if (v->vcpu_info != NULL) {
            v->vcpu_info->evtchn_pending_sel = 0;
            v->vcpu_info->evtchn_upcall_pending = 0;
        }
        v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].pending = false;
    }
}

/* Asserts that no step of raising an event reached vCPU v. */
static void assert_not_notified(const struct vcpu *v)
{
    assert_int_equal(selector(v), 0);
    assert_int_equal(upcall(v), 0);
    assert_false(event_interrupt(v));
}

/* Asserts that an event of word `word` reached vCPU v (steps 3 to 5). */
static void assert_notified(const struct vcpu *v, unsigned int word)
{
    assert_int_equal(selector(v), 1ULL << word);
    assert_int_equal(upcall(v), 1);
    assert_true(event_interrupt(v));
}

/* Gives the guest's vCPU 1 a vcpu_info (VCPUOP_register_vcpu_info), with no event flagged. */
static void give_g1_a_vcpu_info(void)
{
    const struct hvabi_vcpu_register_vcpu_info r = {
        .gfn = (GUEST_RAM_BASE + INFO_OFFSET) / PAGE_SIZE,
        .offset = INFO_OFFSET % PAGE_SIZE,
    };

    memcpy(argument_of(g0), &r, sizeof(r));
    assert_int_equal(do_vcpu_op(g0, HVABI_VCPUOP_REGISTER_VCPU_INFO, 1, GUEST_VA + ARG_OFFSET),
                     0);
    consume_events(guest);
}

/* The state of port `port` of d, as d itself reads it with EVTCHNOP_status. */
static struct hvabi_evtchn_status port_status(struct domain *d, uint32_t port)
{
    struct hvabi_evtchn_status s;

    assert_int_equal(status(&d->vcpus[0], HVABI_DOMID_SELF, port, &s), 0);
    return s;
}

static void assert_closed(struct domain *d, uint32_t port)
{
    struct hvabi_evtchn_status s = port_status(d, port);

    assert_int_equal(s.status, HVABI_EVTCHNSTAT_CLOSED);
    assert_int_equal(s.vcpu, 0);
}

static void assert_unbound(struct domain *d, uint32_t port, hvabi_domid_t remote_dom)
{
    struct hvabi_evtchn_status s = port_status(d, port);

    assert_int_equal(s.status, HVABI_EVTCHNSTAT_UNBOUND);
    assert_int_equal(s.u.unbound.dom, remote_dom);
}

static void assert_interdomain(struct domain *d, uint32_t port, hvabi_domid_t remote_dom,
                               uint32_t remote_port)
{
    struct hvabi_evtchn_status s = port_status(d, port);

    assert_int_equal(s.status, HVABI_EVTCHNSTAT_INTERDOMAIN);
    assert_int_equal(s.u.interdomain.dom, remote_dom);
    assert_int_equal(s.u.interdomain.port, remote_port);
}

static uint32_t notified_vcpu(struct domain *d, uint32_t port)
{
    return port_status(d, port).vcpu;
}

/* ---- Rules for every command ---- */

static void test_reserved_commands_fail_with_enosys(void **state)
{
    static const uint32_t commands[] = { 14, 15, 100, 0x80000000U, 0xffffffffU };

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_event_channel_op(g0, commands[i], UNMAPPED_VA), -HVABI_ENOSYS);
    }
    assert_closed(guest, 1);
}

static void test_fifo_commands_and_bind_pirq_fail_with_enosys_without_reading(void **state)
{
    static const uint32_t commands[] = {
        HVABI_EVTCHNOP_BIND_PIRQ, HVABI_EVTCHNOP_INIT_CONTROL, HVABI_EVTCHNOP_EXPAND_ARRAY,
        HVABI_EVTCHNOP_SET_PRIORITY,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_event_channel_op(g0, commands[i], UNMAPPED_VA), -HVABI_ENOSYS);
    }
    assert_closed(guest, 1);
}

static void test_unreadable_argument_fails_with_efault_first(void **state)
{
    static const uint32_t commands[] = {
        HVABI_EVTCHNOP_BIND_INTERDOMAIN, HVABI_EVTCHNOP_BIND_VIRQ, HVABI_EVTCHNOP_CLOSE,
        HVABI_EVTCHNOP_SEND, HVABI_EVTCHNOP_STATUS, HVABI_EVTCHNOP_ALLOC_UNBOUND,
        HVABI_EVTCHNOP_BIND_IPI, HVABI_EVTCHNOP_BIND_VCPU, HVABI_EVTCHNOP_UNMASK,
        HVABI_EVTCHNOP_RESET,
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(do_event_channel_op(g0, commands[i], UNMAPPED_VA), -HVABI_EFAULT);
    }
    assert_closed(guest, 1);
}

static void test_argument_running_off_the_mapped_pages_fails_with_efault(void **state)
{
    /* The 12 bytes of bind_interdomain from 4 bytes before the end of the mapped pages. */
    (void)state;
    assert_int_equal(do_event_channel_op(g0, HVABI_EVTCHNOP_BIND_INTERDOMAIN,
                                         GUEST_VA + sizeof(guest_ram) - 4),
                     -HVABI_EFAULT);
    assert_closed(guest, 1);
}

static void test_a_failed_command_writes_nothing_back(void **state)
{
    struct hvabi_evtchn_alloc_unbound a = { .dom = NO_DOMAIN, .remote_dom = 0, .port = 0x1234 };

    (void)state;
    assert_int_equal(evtchn_op(g0, HVABI_EVTCHNOP_ALLOC_UNBOUND, &a, sizeof(a)), -HVABI_ESRCH);
    assert_int_equal(a.port, 0x1234);
}

/* ---- EVTCHNOP_alloc_unbound ---- */

static void test_alloc_unbound_opens_the_lowest_free_port(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(port, 1);
    assert_unbound(guest, 1, peer->id);
    assert_int_equal(alloc_unbound(g0, guest->id, peer->id, &port), 0);
    assert_int_equal(port, 2);
    assert_int_equal(close_port(g0, 1), 0);
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(port, 1);
}

static void test_alloc_unbound_port_notifies_vcpu_0(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g1, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(notified_vcpu(guest, port), 0);
}

static void test_alloc_unbound_remote_self_is_the_caller(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, HVABI_DOMID_SELF, &port), 0);
    assert_unbound(guest, port, guest->id);
}

static void test_alloc_unbound_accepts_any_remote_domain(void **state)
{
    static const hvabi_domid_t remote[] = { 0, NO_DOMAIN, HVABI_DOMID_INVALID, 0xffff };
    uint32_t port;

    (void)state;
    for (unsigned int i = 0; i < sizeof(remote) / sizeof(remote[0]); i++) {
        assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, remote[i], &port), 0);
        assert_unbound(guest, port, remote[i]);
    }
}

static void test_alloc_unbound_keeps_the_mask(void **state)
{
    uint32_t port;

    (void)state;
    mask(guest, 1);
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(port, 1);
    assert_true(masked(guest, 1));
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_false(masked(guest, 2));
}

static void test_alloc_unbound_in_an_unknown_domain_fails_with_esrch(void **state)
{
    (void)state;
    assert_int_equal(alloc_unbound(g0, NO_DOMAIN, HVABI_DOMID_SELF, NULL), -HVABI_ESRCH);
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_INVALID, HVABI_DOMID_SELF, NULL),
                     -HVABI_ESRCH);
}

static void test_alloc_unbound_in_another_domain_needs_a_control_domain(void **state)
{
    (void)state;
    assert_int_equal(alloc_unbound(g0, peer->id, HVABI_DOMID_SELF, NULL), -HVABI_EPERM);
    assert_closed(peer, 1);
}

static void test_control_domain_allocates_in_another_domain(void **state)
{
    uint32_t port;

    (void)state;
    guest->is_control = true;
    assert_int_equal(alloc_unbound(g0, peer->id, HVABI_DOMID_SELF, &port), 0);
    assert_int_equal(port, 1);
    /* Opened in the peer, offered to the caller. */
    assert_unbound(peer, 1, guest->id);
    assert_closed(guest, 1);
}

static void test_alloc_unbound_with_no_free_port_fails_with_enospc(void **state)
{
    (void)state;
    assert_int_equal(open_every_port(g0), NR_PORTS - 1);
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, NULL), -HVABI_ENOSPC);
}

static void test_alloc_unbound_checks_the_domain_before_the_permission(void **state)
{
    (void)state;
    /* -ESRCH, -EPERM, -ENOSPC: each ahead of the next. */
    assert_int_equal(alloc_unbound(g0, NO_DOMAIN, peer->id, NULL), -HVABI_ESRCH);
}

static void test_alloc_unbound_checks_the_permission_before_free_ports(void **state)
{
    (void)state;
    open_every_port(p0);
    assert_int_equal(alloc_unbound(g0, peer->id, HVABI_DOMID_SELF, NULL), -HVABI_EPERM);
}

static void test_alloc_unbound_unwritable_result_fails_with_efault(void **state)
{
    const struct hvabi_evtchn_alloc_unbound a = { .dom = HVABI_DOMID_SELF,
                                                  .remote_dom = 2 };

    (void)state;
    memcpy(argument_of(g0), &a, sizeof(a));
    assert_int_equal(do_event_channel_op(g0, HVABI_EVTCHNOP_ALLOC_UNBOUND,
                                         READ_ONLY_VA + ARG_OFFSET),
                     -HVABI_EFAULT);
    /* The port stays open (hvabi~evtchn-fault-write~1 allows it). */
    assert_unbound(guest, 1, peer->id);
}

/* ---- EVTCHNOP_bind_interdomain ---- */

static void test_bind_interdomain_connects_the_two_ports(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &guest_port), 0);
    assert_int_equal(bind_interdomain(p0, guest->id, guest_port, &peer_port), 0);
    assert_int_equal(peer_port, 1);
    assert_interdomain(peer, peer_port, guest->id, guest_port);
    assert_interdomain(guest, guest_port, peer->id, peer_port);
    assert_int_equal(notified_vcpu(peer, peer_port), 0);
}

static void test_bind_interdomain_raises_an_event_on_the_new_port(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    connect_guest_and_peer(&guest_port, &peer_port);
    assert_true(pending(peer, peer_port));
    assert_notified(p0, peer_port / 64);
    assert_false(pending(guest, guest_port));
    assert_not_notified(g0);
}

static void test_bind_interdomain_leaves_the_remote_port_as_it_was(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &guest_port), 0);
    assert_int_equal(bind_vcpu(g0, guest_port, 1), 0);
    mask(guest, guest_port);
    set_pending(guest, guest_port);
    assert_int_equal(bind_interdomain(p0, guest->id, guest_port, &peer_port), 0);
    assert_int_equal(notified_vcpu(guest, guest_port), 1);
    assert_true(masked(guest, guest_port));
    assert_true(pending(guest, guest_port));
}

static void test_bind_interdomain_to_an_own_port(void **state)
{
    uint32_t offered, bound;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, HVABI_DOMID_SELF, &offered), 0);
    assert_int_equal(bind_interdomain(g0, HVABI_DOMID_SELF, offered, &bound), 0);
    assert_interdomain(guest, offered, guest->id, bound);
    assert_interdomain(guest, bound, guest->id, offered);
    /* The caller's own ID names it as well. */
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, HVABI_DOMID_SELF, &offered), 0);
    assert_int_equal(bind_interdomain(g0, guest->id, offered, &bound), 0);
    assert_interdomain(guest, bound, guest->id, offered);
}

static void test_bind_interdomain_to_an_unknown_domain_fails_with_esrch(void **state)
{
    (void)state;
    assert_int_equal(bind_interdomain(g0, NO_DOMAIN, 1, NULL), -HVABI_ESRCH);
    assert_closed(guest, 1);
}

static void test_bind_interdomain_to_a_stopped_domain_fails_with_esrch(void **state)
{
    uint32_t peer_port;

    (void)state;
    assert_int_equal(alloc_unbound(p0, HVABI_DOMID_SELF, guest->id, &peer_port), 0);
    assert_true(domain_stop(peer, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_int_equal(bind_interdomain(g0, peer->id, peer_port, NULL), -HVABI_ESRCH);
    assert_closed(guest, 1);
    assert_unbound(peer, peer_port, guest->id);
}

static void test_bind_interdomain_to_a_port_not_offered_fails_with_einval(void **state)
{
    uint32_t for_someone_else, taken;

    (void)state;
    assert_int_equal(alloc_unbound(p0, HVABI_DOMID_SELF, NO_DOMAIN, &for_someone_else), 0);
    assert_int_equal(alloc_unbound(p0, HVABI_DOMID_SELF, guest->id, &taken), 0);
    assert_int_equal(bind_interdomain(g0, peer->id, taken, NULL), 0);
    consume_events(guest);
    /* Closed, out of range, unbound for another domain, already bound. */
    assert_int_equal(bind_interdomain(g0, peer->id, 0, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_interdomain(g0, peer->id, 100, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_interdomain(g0, peer->id, NR_PORTS, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_interdomain(g0, peer->id, 0xffffffffU, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_interdomain(g0, peer->id, for_someone_else, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_interdomain(g0, peer->id, taken, NULL), -HVABI_EINVAL);
    /* Nothing was opened or raised. */
    assert_closed(guest, 2);
    assert_unbound(peer, for_someone_else, NO_DOMAIN);
    assert_not_notified(g0);
}

static void test_bind_interdomain_needs_no_control_domain(void **state)
{
    uint32_t guest_port;

    (void)state;
    assert_false(peer->is_control);
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &guest_port), 0);
    assert_int_equal(bind_interdomain(p0, guest->id, guest_port, NULL), 0);
}

static void test_bind_interdomain_checks_the_domain_before_free_ports(void **state)
{
    (void)state;
    open_every_port(g0);
    assert_int_equal(bind_interdomain(g0, NO_DOMAIN, 1, NULL), -HVABI_ESRCH);
}

static void test_bind_interdomain_checks_free_ports_before_the_remote_port(void **state)
{
    (void)state;
    open_every_port(g0);
    assert_int_equal(bind_interdomain(g0, peer->id, 0, NULL), -HVABI_ENOSPC);
}

static void test_bind_interdomain_unwritable_result_fails_with_efault(void **state)
{
    struct hvabi_evtchn_bind_interdomain b = { .remote_dom = 2 };

    (void)state;
    assert_int_equal(alloc_unbound(p0, HVABI_DOMID_SELF, guest->id, &b.remote_port), 0);
    memcpy(argument_of(g0), &b, sizeof(b));
    assert_int_equal(do_event_channel_op(g0, HVABI_EVTCHNOP_BIND_INTERDOMAIN,
                                         READ_ONLY_VA + ARG_OFFSET),
                     -HVABI_EFAULT);
    /* The channel stays connected (hvabi~evtchn-fault-write~1 allows it). */
    assert_interdomain(guest, 1, peer->id, b.remote_port);
}

/* ---- EVTCHNOP_bind_virq ---- */

static void test_bind_virq_opens_a_port_for_the_virq(void **state)
{
    uint32_t port;
    struct hvabi_evtchn_status s;

    (void)state;
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_TIMER, 1, &port), 0);
    assert_int_equal(port, 1);
    s = port_status(guest, port);
    assert_int_equal(s.status, HVABI_EVTCHNSTAT_VIRQ);
    assert_int_equal(s.u.virq, HVABI_VIRQ_TIMER);
    assert_int_equal(s.vcpu, 1);
}

static void test_per_vcpu_virqs_are_bound_once_per_vcpu(void **state)
{
    static const uint32_t per_vcpu[] = { HVABI_VIRQ_TIMER, HVABI_VIRQ_DEBUG, HVABI_VIRQ_XENOPROF,
                                         HVABI_VIRQ_XENPMU };

    (void)state;
    for (unsigned int i = 0; i < sizeof(per_vcpu) / sizeof(per_vcpu[0]); i++) {
        assert_int_equal(bind_virq(g0, per_vcpu[i], 0, NULL), 0);
        assert_int_equal(bind_virq(g0, per_vcpu[i], 1, NULL), 0);
        assert_int_equal(bind_virq(g0, per_vcpu[i], 0, NULL), -HVABI_EEXIST);
        assert_int_equal(bind_virq(g0, per_vcpu[i], 1, NULL), -HVABI_EEXIST);
    }
}

static void test_global_virqs_are_bound_once_on_vcpu_0(void **state)
{
    (void)state;
    for (uint32_t virq = 0; virq < HVABI_NR_VIRQS; virq++) {
        if (virq == HVABI_VIRQ_TIMER || virq == HVABI_VIRQ_DEBUG ||
            virq == HVABI_VIRQ_XENOPROF || virq == HVABI_VIRQ_XENPMU) {
            continue;
        }
        /* Numbers without a name (5, 14, 15) and the ARCH ones included. */
        assert_int_equal(bind_virq(g0, virq, 1, NULL), -HVABI_EINVAL);
        assert_int_equal(bind_virq(g0, virq, 0, NULL), 0);
        assert_int_equal(bind_virq(g0, virq, 0, NULL), -HVABI_EEXIST);
    }
}

static void test_global_virq_moved_to_another_vcpu_is_still_bound(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, &port), 0);
    assert_int_equal(bind_vcpu(g0, port, 1), 0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, NULL), -HVABI_EEXIST);
    /* Closing the port, wherever it notifies, unbinds the VIRQ. */
    assert_int_equal(close_port(g0, port), 0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, NULL), 0);
}

static void test_closing_a_virq_port_unbinds_the_virq(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_DEBUG, 1, &port), 0);
    assert_int_equal(close_port(g0, port), 0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_DEBUG, 1, NULL), 0);
}

static void test_bind_virq_above_23_fails_with_einval(void **state)
{
    (void)state;
    assert_int_equal(bind_virq(g0, HVABI_NR_VIRQS, 0, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_virq(g0, 0xffffffffU, 0, NULL), -HVABI_EINVAL);
    assert_closed(guest, 1);
}

static void test_bind_virq_for_no_vcpu_fails_with_enoent(void **state)
{
    (void)state;
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_TIMER, 2, NULL), -HVABI_ENOENT);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_TIMER, 0xffffffffU, NULL), -HVABI_ENOENT);
}

static void test_bind_virq_with_no_free_port_fails_with_enospc(void **state)
{
    (void)state;
    open_every_port(g0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_TIMER, 0, NULL), -HVABI_ENOSPC);
}

static void test_bind_virq_checks_in_order(void **state)
{
    (void)state;
    /* The number, then a global VIRQ off vCPU 0, then the vCPU, then bound, then free ports. */
    assert_int_equal(bind_virq(g0, HVABI_NR_VIRQS, 7, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 7, NULL), -HVABI_EINVAL);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, NULL), 0);
    open_every_port(g0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_TIMER, 7, NULL), -HVABI_ENOENT);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, NULL), -HVABI_EEXIST);
}

static void test_bind_virq_unwritable_result_fails_with_efault(void **state)
{
    const struct hvabi_evtchn_bind_virq b = { .virq = HVABI_VIRQ_CONSOLE, .vcpu = 0 };

    (void)state;
    memcpy(argument_of(g0), &b, sizeof(b));
    assert_int_equal(do_event_channel_op(g0, HVABI_EVTCHNOP_BIND_VIRQ, READ_ONLY_VA + ARG_OFFSET),
                     -HVABI_EFAULT);
    assert_int_equal(port_status(guest, 1).status, HVABI_EVTCHNSTAT_VIRQ);
}

/* ---- EVTCHNOP_bind_ipi ---- */

static void test_bind_ipi_opens_a_port_for_the_vcpu(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 1, &port), 0);
    assert_int_equal(port, 1);
    assert_int_equal(port_status(guest, port).status, HVABI_EVTCHNSTAT_IPI);
    assert_int_equal(notified_vcpu(guest, port), 1);
}

static void test_bind_ipi_for_no_vcpu_fails_with_enoent(void **state)
{
    (void)state;
    assert_int_equal(bind_ipi(g0, 2, NULL), -HVABI_ENOENT);
    open_every_port(g0);
    assert_int_equal(bind_ipi(g0, 2, NULL), -HVABI_ENOENT); /* before -ENOSPC */
}

static void test_bind_ipi_unwritable_result_fails_with_efault(void **state)
{
    const struct hvabi_evtchn_bind_ipi b = { .vcpu = 0 };

    (void)state;
    memcpy(argument_of(g0), &b, sizeof(b));
    assert_int_equal(do_event_channel_op(g0, HVABI_EVTCHNOP_BIND_IPI, READ_ONLY_VA + ARG_OFFSET),
                     -HVABI_EFAULT);
    assert_int_equal(port_status(guest, 1).status, HVABI_EVTCHNSTAT_IPI);
}

/* ---- EVTCHNOP_close ---- */

static void test_close_closes_an_open_port(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    assert_int_equal(close_port(g0, port), 0);
    assert_closed(guest, port);
}

static void test_close_clears_pending_keeps_the_mask_and_notifies_vcpu_0(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(bind_vcpu(g0, port, 1), 0);
    set_pending(guest, port);
    mask(guest, port);
    assert_int_equal(close_port(g0, port), 0);
    assert_false(pending(guest, port));
    assert_true(masked(guest, port));
    assert_int_equal(notified_vcpu(guest, port), 0);
}

static void test_closing_one_end_leaves_the_other_unbound(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    connect_guest_and_peer(&guest_port, &peer_port);
    assert_int_equal(bind_vcpu(p0, peer_port, 1), 0);
    mask(peer, peer_port);
    assert_int_equal(close_port(g0, guest_port), 0);
    assert_unbound(peer, peer_port, guest->id);
    /* The other end keeps its vCPU, its pending event (from the binding) and its mask. */
    assert_int_equal(notified_vcpu(peer, peer_port), 1);
    assert_true(pending(peer, peer_port));
    assert_true(masked(peer, peer_port));
}

static void test_close_of_a_port_not_open_fails_with_einval(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(close_port(g0, 0), -HVABI_EINVAL);
    assert_int_equal(close_port(g0, 1), -HVABI_EINVAL);
    assert_int_equal(close_port(g0, NR_PORTS), -HVABI_EINVAL);
    assert_int_equal(close_port(g0, 0xffffffffU), -HVABI_EINVAL);
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    assert_int_equal(close_port(g0, port), 0);
    assert_int_equal(close_port(g0, port), -HVABI_EINVAL);
}

/* ---- EVTCHNOP_send and the 2-level delivery ---- */

static void test_send_on_an_interdomain_port_raises_the_event_at_the_other_end(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    connect_guest_and_peer(&guest_port, &peer_port);
    consume_events(peer);
    assert_int_equal(send(p0, peer_port), 0);
    assert_true(pending(guest, guest_port));
    assert_notified(g0, guest_port / 64);
    assert_false(pending(peer, peer_port));
    assert_not_notified(p0);
}

static void test_send_on_an_ipi_port_raises_the_event_on_it(void **state)
{
    uint32_t port;

    (void)state;
    give_g1_a_vcpu_info();
    assert_int_equal(bind_ipi(g0, 1, &port), 0);
    assert_int_equal(send(g0, port), 0);
    assert_true(pending(guest, port));
    assert_notified(g1, port / 64);
    assert_not_notified(g0);
}

static void test_send_on_an_unbound_port_is_dropped(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(send(g0, port), 0);
    assert_false(pending(guest, port));
    assert_not_notified(g0);
}

static void test_send_on_a_closed_or_virq_port_fails_with_einval(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, &port), 0);
    assert_int_equal(send(g0, port), -HVABI_EINVAL);
    assert_int_equal(send(g0, 0), -HVABI_EINVAL);
    assert_int_equal(send(g0, port + 1), -HVABI_EINVAL);
    assert_int_equal(send(g0, NR_PORTS), -HVABI_EINVAL);
    assert_int_equal(send(g0, 0xffffffffU), -HVABI_EINVAL);
    assert_false(pending(guest, port));
}

static void test_an_event_already_pending_goes_no_further(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    set_pending(guest, port);
    assert_int_equal(send(g0, port), 0);
    assert_not_notified(g0); /* step 1 stops */
}

static void test_an_event_on_a_masked_port_stays_pending(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    mask(guest, port);
    assert_int_equal(send(g0, port), 0);
    assert_true(pending(guest, port));
    assert_not_notified(g0); /* step 2 stops */
}

static void test_a_selector_bit_already_set_stops_the_delivery(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    g0->vcpu_info->evtchn_pending_sel = 1ULL << (port / 64);
    assert_int_equal(send(g0, port), 0);
    assert_true(pending(guest, port));
    assert_int_equal(upcall(g0), 0); /* step 3 stops */
    assert_false(event_interrupt(g0));
}

static void test_an_upcall_flag_already_set_raises_no_interrupt(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    g0->vcpu_info->evtchn_upcall_pending = 1;
    assert_int_equal(send(g0, port), 0);
    assert_int_equal(selector(g0), 1ULL << (port / 64));
    assert_false(event_interrupt(g0)); /* step 4 stops */
}

static void test_the_selector_bit_is_the_word_of_the_port(void **state)
{
    uint32_t port;

    (void)state;
    /* Port 200 is in word 3. */
    for (unsigned int i = 1; i < 200; i++) {
        assert_int_equal(bind_ipi(g0, 0, NULL), 0);
    }
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    assert_int_equal(port, 200);
    assert_int_equal(send(g0, port), 0);
    assert_notified(g0, 3);
}

static void test_an_event_for_a_vcpu_without_vcpu_info_stays_pending(void **state)
{
    uint32_t port;

    (void)state;
    assert_null(g1->vcpu_info);
    assert_int_equal(bind_ipi(g0, 1, &port), 0);
    assert_int_equal(send(g0, port), 0);
    assert_true(pending(guest, port));
    assert_false(event_interrupt(g1));
    assert_not_notified(g0);
}

/* ---- EVTCHNOP_status ---- */

static void test_status_of_a_closed_port(void **state)
{
    struct hvabi_evtchn_status s;

    (void)state;
    assert_int_equal(status(g0, HVABI_DOMID_SELF, 0, &s), 0);
    assert_int_equal(s.status, HVABI_EVTCHNSTAT_CLOSED);
    assert_int_equal(s.vcpu, 0);
    assert_int_equal(status(g0, guest->id, NR_PORTS - 1, &s), 0);
    assert_int_equal(s.status, HVABI_EVTCHNSTAT_CLOSED);
    assert_int_equal(s.vcpu, 0);
}

static void test_status_leaves_the_in_fields_as_they_were(void **state)
{
    struct hvabi_evtchn_status s;

    (void)state;
    assert_int_equal(status(g0, HVABI_DOMID_SELF, 7, &s), 0);
    assert_int_equal(s.dom, HVABI_DOMID_SELF);
    assert_int_equal(s.port, 7);
}

static void test_status_of_another_domains_port_needs_a_control_domain(void **state)
{
    struct hvabi_evtchn_status s;

    (void)state;
    /* -EPERM whatever the port, out of range included (it comes before -EINVAL). */
    assert_int_equal(status(g0, peer->id, 1, &s), -HVABI_EPERM);
    assert_int_equal(status(g0, peer->id, NR_PORTS, &s), -HVABI_EPERM);
}

static void test_control_domain_reads_another_domains_port(void **state)
{
    uint32_t guest_port, peer_port;
    struct hvabi_evtchn_status s;

    (void)state;
    connect_guest_and_peer(&guest_port, &peer_port);
    peer->is_control = true;
    assert_int_equal(status(p0, guest->id, guest_port, &s), 0);
    assert_int_equal(s.status, HVABI_EVTCHNSTAT_INTERDOMAIN);
    assert_int_equal(s.u.interdomain.dom, peer->id);
    assert_int_equal(s.u.interdomain.port, peer_port);
}

static void test_status_of_an_unknown_domain_fails_with_esrch(void **state)
{
    struct hvabi_evtchn_status s;

    (void)state;
    assert_int_equal(status(g0, NO_DOMAIN, NR_PORTS, &s), -HVABI_ESRCH);
}

static void test_status_of_a_port_out_of_range_fails_with_einval(void **state)
{
    struct hvabi_evtchn_status s;

    (void)state;
    assert_int_equal(status(g0, HVABI_DOMID_SELF, NR_PORTS, &s), -HVABI_EINVAL);
    assert_int_equal(status(g0, HVABI_DOMID_SELF, 0xffffffffU, &s), -HVABI_EINVAL);
}

static void test_status_unwritable_result_fails_with_efault(void **state)
{
    const struct hvabi_evtchn_status s = { .dom = HVABI_DOMID_SELF, .port = 1 };

    (void)state;
    memcpy(argument_of(g0), &s, sizeof(s));
    assert_int_equal(do_event_channel_op(g0, HVABI_EVTCHNOP_STATUS, READ_ONLY_VA + ARG_OFFSET),
                     -HVABI_EFAULT);
}

/* ---- EVTCHNOP_bind_vcpu ---- */

static void test_bind_vcpu_moves_unbound_interdomain_and_global_virq_ports(void **state)
{
    uint32_t unbound, guest_port, peer_port, virq;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &unbound), 0);
    connect_guest_and_peer(&guest_port, &peer_port);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_DOM_EXC, 0, &virq), 0);
    assert_int_equal(bind_vcpu(g0, unbound, 1), 0);
    assert_int_equal(bind_vcpu(g0, guest_port, 1), 0);
    assert_int_equal(bind_vcpu(g0, virq, 1), 0);
    assert_int_equal(notified_vcpu(guest, unbound), 1);
    assert_int_equal(notified_vcpu(guest, guest_port), 1);
    assert_int_equal(notified_vcpu(guest, virq), 1);
}

static void test_events_after_bind_vcpu_go_to_the_new_vcpu(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    give_g1_a_vcpu_info();
    connect_guest_and_peer(&guest_port, &peer_port);
    assert_int_equal(bind_vcpu(g0, guest_port, 1), 0);
    assert_int_equal(send(p0, peer_port), 0);
    assert_notified(g1, guest_port / 64);
    assert_not_notified(g0);
}

static void test_bind_vcpu_keeps_pending_and_mask(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    set_pending(guest, port);
    mask(guest, port);
    assert_int_equal(bind_vcpu(g0, port, 1), 0);
    assert_true(pending(guest, port));
    assert_true(masked(guest, port));
}

static void test_bind_vcpu_to_no_vcpu_fails_with_enoent(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, peer->id, &port), 0);
    assert_int_equal(bind_vcpu(g0, port, 2), -HVABI_ENOENT);
    /* Before the port is looked at. */
    assert_int_equal(bind_vcpu(g0, NR_PORTS, 2), -HVABI_ENOENT);
    assert_int_equal(notified_vcpu(guest, port), 0);
}

static void test_ports_that_cannot_move_fail_with_einval(void **state)
{
    uint32_t ipi, timer;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &ipi), 0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_TIMER, 0, &timer), 0);
    assert_int_equal(bind_vcpu(g0, ipi, 1), -HVABI_EINVAL);
    assert_int_equal(bind_vcpu(g0, timer, 1), -HVABI_EINVAL);
    assert_int_equal(bind_vcpu(g0, 0, 1), -HVABI_EINVAL);
    assert_int_equal(bind_vcpu(g0, timer + 1, 1), -HVABI_EINVAL);
    assert_int_equal(bind_vcpu(g0, NR_PORTS, 1), -HVABI_EINVAL);
    assert_int_equal(notified_vcpu(guest, ipi), 0);
    assert_int_equal(notified_vcpu(guest, timer), 0);
}

/* ---- EVTCHNOP_unmask ---- */

static void test_unmask_clears_the_mask(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    mask(guest, port);
    assert_int_equal(unmask(g0, port), 0);
    assert_false(masked(guest, port));
    assert_not_notified(g0); /* nothing was pending */
}

static void test_unmask_delivers_an_event_pending_while_masked(void **state)
{
    uint32_t port;

    (void)state;
    give_g1_a_vcpu_info();
    assert_int_equal(bind_ipi(g0, 1, &port), 0);
    mask(guest, port);
    assert_int_equal(send(g0, port), 0);
    assert_not_notified(g1);
    /* vCPU 0 unmasks; the port's notified vCPU gets the event. */
    assert_int_equal(unmask(g0, port), 0);
    assert_notified(g1, port / 64);
    assert_not_notified(g0);
}

static void test_unmask_of_a_port_not_masked_delivers_nothing(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    set_pending(guest, port); /* the guest cleared the mask bit itself, say */
    assert_int_equal(unmask(g0, port), 0);
    assert_not_notified(g0);
}

static void test_unmask_of_a_closed_port_does_nothing(void **state)
{
    (void)state;
    mask(guest, 3);
    set_pending(guest, 3);
    assert_int_equal(unmask(g0, 3), 0);
    assert_int_equal(unmask(g0, 0), 0);
    assert_true(masked(guest, 3));
    assert_not_notified(g0);
}

static void test_unmask_of_a_port_out_of_range_fails_with_einval(void **state)
{
    (void)state;
    assert_int_equal(unmask(g0, NR_PORTS), -HVABI_EINVAL);
    assert_int_equal(unmask(g0, 0xffffffffU), -HVABI_EINVAL);
}

/* ---- EVTCHNOP_reset ---- */

static void test_reset_closes_every_port(void **state)
{
    uint32_t guest_port, peer_port, loop_a, loop_b;

    (void)state;
    connect_guest_and_peer(&guest_port, &peer_port);
    assert_int_equal(bind_ipi(g0, 1, NULL), 0);
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, NULL), 0);
    assert_int_equal(alloc_unbound(g0, HVABI_DOMID_SELF, HVABI_DOMID_SELF, &loop_a), 0);
    assert_int_equal(bind_interdomain(g0, HVABI_DOMID_SELF, loop_a, &loop_b), 0);
    assert_int_equal(reset(g0, HVABI_DOMID_SELF), 0);
    for (uint32_t port = 1; port <= loop_b; port++) {
        assert_closed(guest, port);
    }
    /* As a close would: the peer's end is unbound. */
    assert_unbound(peer, peer_port, guest->id);
    /* The VIRQ is free again. */
    assert_int_equal(bind_virq(g0, HVABI_VIRQ_CONSOLE, 0, NULL), 0);
}

static void test_reset_of_an_unknown_domain_fails_with_esrch(void **state)
{
    (void)state;
    assert_int_equal(reset(g0, NO_DOMAIN), -HVABI_ESRCH);
}

static void test_reset_of_another_domain_needs_a_control_domain(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(p0, 0, &port), 0);
    assert_int_equal(reset(g0, peer->id), -HVABI_EPERM);
    assert_int_equal(port_status(peer, port).status, HVABI_EVTCHNSTAT_IPI);
}

static void test_control_domain_cannot_reset_a_running_domain(void **state)
{
    uint32_t port;

    (void)state;
    guest->is_control = true;
    assert_int_equal(bind_ipi(p0, 0, &port), 0);
    assert_int_equal(reset(g0, peer->id), -HVABI_EINVAL);
    assert_int_equal(port_status(peer, port).status, HVABI_EVTCHNSTAT_IPI);
    /* Its own ports, by ID, it may. */
    assert_int_equal(reset(g0, guest->id), 0);
}

/* ---- Static event channels ---- */

static void test_static_event_channel_connects_two_ports(void **state)
{
    struct boot_config cfg;

    (void)state;
    memset(&cfg, 0, sizeof(cfg));
    cfg.static_evtchns[0] = (struct static_evtchn_config){ .domain_index = { 0, 1 },
                                                            .port = { 5, 9 } };
    cfg.static_evtchn_count = 1;
    assert_int_equal(evtchn_connect_static(&cfg), 0);
    assert_interdomain(guest, 5, peer->id, 9);
    assert_interdomain(peer, 9, guest->id, 5);
    assert_int_equal(notified_vcpu(guest, 5), 0);
    assert_false(masked(guest, 5));
    /* It behaves as a bound channel. */
    assert_int_equal(send(g0, 5), 0);
    assert_true(pending(peer, 9));
}

static void test_static_event_channels_sharing_a_port_are_refused(void **state)
{
    struct boot_config cfg;

    (void)state;
    memset(&cfg, 0, sizeof(cfg));
    cfg.static_evtchns[0] = (struct static_evtchn_config){ .domain_index = { 0, 1 },
                                                            .port = { 5, 9 } };
    cfg.static_evtchns[1] = (struct static_evtchn_config){ .domain_index = { 1, 0 },
                                                            .port = { 9, 6 } };
    cfg.static_evtchns[2] = (struct static_evtchn_config){ .domain_index = { 0, 1 },
                                                            .port = { 7, 9 } };
    cfg.static_evtchn_count = 3;
    assert_int_equal(evtchn_connect_static(&cfg), 2);
    expect_console("(hv) error: static event channel d2:9 - d1:6: a port is used twice\n"
                   "(hv) error: static event channel d1:7 - d2:9: a port is used twice\n");
    assert_interdomain(guest, 5, peer->id, 9);
    assert_closed(guest, 6);
    assert_closed(guest, 7);
}

/* ---- A domain that stops ---- */

static void test_a_stop_leaves_the_peers_port_unbound_and_pending_once(void **state)
{
    uint32_t guest_port, peer_port;

    (void)state;
    connect_guest_and_peer(&guest_port, &peer_port);
    assert_true(domain_stop(peer, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_unbound(guest, guest_port, peer->id);
    assert_true(pending(guest, guest_port));
    assert_notified(g0, guest_port / 64);
    /* Sending on it now is dropped. */
    consume_events(guest);
    assert_int_equal(send(g0, guest_port), 0);
    assert_not_notified(g0);
}

static void test_a_stopped_domain_keeps_its_other_ports(void **state)
{
    uint32_t unbound, ipi, virq, loop_a, loop_b;

    (void)state;
    assert_int_equal(alloc_unbound(p0, HVABI_DOMID_SELF, guest->id, &unbound), 0);
    assert_int_equal(bind_ipi(p0, 0, &ipi), 0);
    assert_int_equal(bind_virq(p0, HVABI_VIRQ_CONSOLE, 0, &virq), 0);
    assert_int_equal(alloc_unbound(p0, HVABI_DOMID_SELF, HVABI_DOMID_SELF, &loop_a), 0);
    assert_int_equal(bind_interdomain(p0, HVABI_DOMID_SELF, loop_a, &loop_b), 0);
    assert_true(domain_stop(peer, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF));
    assert_unbound(peer, unbound, guest->id);
    assert_int_equal(port_status(peer, ipi).status, HVABI_EVTCHNSTAT_IPI);
    assert_int_equal(port_status(peer, virq).status, HVABI_EVTCHNSTAT_VIRQ);
    assert_interdomain(peer, loop_a, peer->id, loop_b);
}

/* ---- Queries of the core ---- */

static void test_ports_out_of_range_are_neither_open_nor_pending(void **state)
{
    uint32_t port;

    (void)state;
    assert_int_equal(bind_ipi(g0, 0, &port), 0);
    assert_true(evtchn_is_open(guest, port));
    assert_false(evtchn_is_open(guest, port + 1));
    assert_false(evtchn_is_open(guest, NR_PORTS));
    assert_int_equal(send(g0, port), 0);
    assert_true(evtchn_is_pending(guest, port));
    assert_false(evtchn_is_pending(guest, port + 1));
    assert_false(evtchn_is_pending(guest, NR_PORTS));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_reserved_commands_fail_with_enosys, setup),
        cmocka_unit_test_setup(test_fifo_commands_and_bind_pirq_fail_with_enosys_without_reading,
                               setup),
        cmocka_unit_test_setup(test_unreadable_argument_fails_with_efault_first, setup),
        cmocka_unit_test_setup(test_argument_running_off_the_mapped_pages_fails_with_efault,
                               setup),
        cmocka_unit_test_setup(test_a_failed_command_writes_nothing_back, setup),
        cmocka_unit_test_setup(test_alloc_unbound_opens_the_lowest_free_port, setup),
        cmocka_unit_test_setup(test_alloc_unbound_port_notifies_vcpu_0, setup),
        cmocka_unit_test_setup(test_alloc_unbound_remote_self_is_the_caller, setup),
        cmocka_unit_test_setup(test_alloc_unbound_accepts_any_remote_domain, setup),
        cmocka_unit_test_setup(test_alloc_unbound_keeps_the_mask, setup),
        cmocka_unit_test_setup(test_alloc_unbound_in_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_alloc_unbound_in_another_domain_needs_a_control_domain, setup),
        cmocka_unit_test_setup(test_control_domain_allocates_in_another_domain, setup),
        cmocka_unit_test_setup(test_alloc_unbound_with_no_free_port_fails_with_enospc, setup),
        cmocka_unit_test_setup(test_alloc_unbound_checks_the_domain_before_the_permission, setup),
        cmocka_unit_test_setup(test_alloc_unbound_checks_the_permission_before_free_ports, setup),
        cmocka_unit_test_setup(test_alloc_unbound_unwritable_result_fails_with_efault, setup),
        cmocka_unit_test_setup(test_bind_interdomain_connects_the_two_ports, setup),
        cmocka_unit_test_setup(test_bind_interdomain_raises_an_event_on_the_new_port, setup),
        cmocka_unit_test_setup(test_bind_interdomain_leaves_the_remote_port_as_it_was, setup),
        cmocka_unit_test_setup(test_bind_interdomain_to_an_own_port, setup),
        cmocka_unit_test_setup(test_bind_interdomain_to_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_bind_interdomain_to_a_stopped_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_bind_interdomain_to_a_port_not_offered_fails_with_einval,
                               setup),
        cmocka_unit_test_setup(test_bind_interdomain_needs_no_control_domain, setup),
        cmocka_unit_test_setup(test_bind_interdomain_checks_the_domain_before_free_ports, setup),
        cmocka_unit_test_setup(test_bind_interdomain_checks_free_ports_before_the_remote_port,
                               setup),
        cmocka_unit_test_setup(test_bind_interdomain_unwritable_result_fails_with_efault, setup),
        cmocka_unit_test_setup(test_bind_virq_opens_a_port_for_the_virq, setup),
        cmocka_unit_test_setup(test_per_vcpu_virqs_are_bound_once_per_vcpu, setup),
        cmocka_unit_test_setup(test_global_virqs_are_bound_once_on_vcpu_0, setup),
        cmocka_unit_test_setup(test_global_virq_moved_to_another_vcpu_is_still_bound, setup),
        cmocka_unit_test_setup(test_closing_a_virq_port_unbinds_the_virq, setup),
        cmocka_unit_test_setup(test_bind_virq_above_23_fails_with_einval, setup),
        cmocka_unit_test_setup(test_bind_virq_for_no_vcpu_fails_with_enoent, setup),
        cmocka_unit_test_setup(test_bind_virq_with_no_free_port_fails_with_enospc, setup),
        cmocka_unit_test_setup(test_bind_virq_checks_in_order, setup),
        cmocka_unit_test_setup(test_bind_virq_unwritable_result_fails_with_efault, setup),
        cmocka_unit_test_setup(test_bind_ipi_opens_a_port_for_the_vcpu, setup),
        cmocka_unit_test_setup(test_bind_ipi_for_no_vcpu_fails_with_enoent, setup),
        cmocka_unit_test_setup(test_bind_ipi_unwritable_result_fails_with_efault, setup),
        cmocka_unit_test_setup(test_close_closes_an_open_port, setup),
        cmocka_unit_test_setup(test_close_clears_pending_keeps_the_mask_and_notifies_vcpu_0,
                               setup),
        cmocka_unit_test_setup(test_closing_one_end_leaves_the_other_unbound, setup),
        cmocka_unit_test_setup(test_close_of_a_port_not_open_fails_with_einval, setup),
        cmocka_unit_test_setup(
            test_send_on_an_interdomain_port_raises_the_event_at_the_other_end, setup),
        cmocka_unit_test_setup(test_send_on_an_ipi_port_raises_the_event_on_it, setup),
        cmocka_unit_test_setup(test_send_on_an_unbound_port_is_dropped, setup),
        cmocka_unit_test_setup(test_send_on_a_closed_or_virq_port_fails_with_einval, setup),
        cmocka_unit_test_setup(test_an_event_already_pending_goes_no_further, setup),
        cmocka_unit_test_setup(test_an_event_on_a_masked_port_stays_pending, setup),
        cmocka_unit_test_setup(test_a_selector_bit_already_set_stops_the_delivery, setup),
        cmocka_unit_test_setup(test_an_upcall_flag_already_set_raises_no_interrupt, setup),
        cmocka_unit_test_setup(test_the_selector_bit_is_the_word_of_the_port, setup),
        cmocka_unit_test_setup(test_an_event_for_a_vcpu_without_vcpu_info_stays_pending, setup),
        cmocka_unit_test_setup(test_status_of_a_closed_port, setup),
        cmocka_unit_test_setup(test_status_leaves_the_in_fields_as_they_were, setup),
        cmocka_unit_test_setup(test_status_of_another_domains_port_needs_a_control_domain, setup),
        cmocka_unit_test_setup(test_control_domain_reads_another_domains_port, setup),
        cmocka_unit_test_setup(test_status_of_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_status_of_a_port_out_of_range_fails_with_einval, setup),
        cmocka_unit_test_setup(test_status_unwritable_result_fails_with_efault, setup),
        cmocka_unit_test_setup(test_bind_vcpu_moves_unbound_interdomain_and_global_virq_ports,
                               setup),
        cmocka_unit_test_setup(test_events_after_bind_vcpu_go_to_the_new_vcpu, setup),
        cmocka_unit_test_setup(test_bind_vcpu_keeps_pending_and_mask, setup),
        cmocka_unit_test_setup(test_bind_vcpu_to_no_vcpu_fails_with_enoent, setup),
        cmocka_unit_test_setup(test_ports_that_cannot_move_fail_with_einval, setup),
        cmocka_unit_test_setup(test_unmask_clears_the_mask, setup),
        cmocka_unit_test_setup(test_unmask_delivers_an_event_pending_while_masked, setup),
        cmocka_unit_test_setup(test_unmask_of_a_port_not_masked_delivers_nothing, setup),
        cmocka_unit_test_setup(test_unmask_of_a_closed_port_does_nothing, setup),
        cmocka_unit_test_setup(test_unmask_of_a_port_out_of_range_fails_with_einval, setup),
        cmocka_unit_test_setup(test_reset_closes_every_port, setup),
        cmocka_unit_test_setup(test_reset_of_an_unknown_domain_fails_with_esrch, setup),
        cmocka_unit_test_setup(test_reset_of_another_domain_needs_a_control_domain, setup),
        cmocka_unit_test_setup(test_control_domain_cannot_reset_a_running_domain, setup),
        cmocka_unit_test_setup(test_static_event_channel_connects_two_ports, setup),
        cmocka_unit_test_setup(test_static_event_channels_sharing_a_port_are_refused, setup),
        cmocka_unit_test_setup(test_a_stop_leaves_the_peers_port_unbound_and_pending_once, setup),
        cmocka_unit_test_setup(test_a_stopped_domain_keeps_its_other_ports, setup),
        cmocka_unit_test_setup(test_ports_out_of_range_are_neither_open_nor_pending, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
