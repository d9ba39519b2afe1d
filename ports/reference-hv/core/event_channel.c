/*
 * event_channel.c - the event_channel_op hypercall and the 2-level delivery
 * of events.
 *
 * Specification: spec/chapters/event_channel.rst.  Each command reads its
 * argument first (-EFAULT), then performs the checks in the order its
 * section of the specification gives, then changes state under the event
 * lock, and writes its results back last.
 */
#include <string.h>

#include "core/console.h"
#include "core/event_channel.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"
#include "core/spinlock.h"
#include "core/vgic.h"

#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/shared_info.h>
#include <hvabi/types.h>

#define NR_PORTS HVABI_EVTCHN_2L_NR_PORTS
#define BITS_PER_WORD 64

/* The one lock of all event channel state (see event_channel.h). */
static struct spinlock event_lock;

/* VIRQs bound per vCPU; all others are global (hvabi~evtchn-virq-classes~1). */
static bool virq_is_per_vcpu(uint32_t virq)
{
    return virq == HVABI_VIRQ_TIMER || virq == HVABI_VIRQ_DEBUG || virq == HVABI_VIRQ_XENOPROF ||
           virq == HVABI_VIRQ_XENPMU;
}

static struct hvabi_shared_info *shared_info(struct domain *d)
{
    return (struct hvabi_shared_info *)(uintptr_t)d->events.shared_info_pa;
}

/* The domain an argument names: HVABI_DOMID_SELF or an ID; NULL if none. */
static struct domain *named_domain(struct vcpu *v, hvabi_domid_t id)
{
    return id == HVABI_DOMID_SELF ? v->domain : domain_by_id(id);
}

static bool vcpu_exists(const struct domain *d, uint32_t vcpu)
{
    return vcpu < d->vcpu_count;
}

int evtchn_domain_init(struct domain *d, uint64_t shared_info_pa)
{
    memset(&d->events, 0, sizeof(d->events));
    d->events.shared_info_pa = shared_info_pa;
    memset(shared_info(d), 0, HVABI_PAGE_SIZE);
    /* vCPU 0 uses the slot in the shared info page until it registers another. */
    d->vcpus[0].vcpu_info = &shared_info(d)->vcpu_info[0];
    return 0;
}

/* Steps 3 to 5 of raising an event: the selector, the upcall flag, the interrupt. */
static void notify_vcpu(struct vcpu *v, unsigned int word)
{
    struct hvabi_vcpu_info *info = v->vcpu_info;
    uint64_t selector_bit = 1ULL << word;

    if (info == NULL) {
        return; /* no vcpu_info: the event stays pending in the shared info page */
    }
    if ((__atomic_fetch_or(&info->evtchn_pending_sel, selector_bit, __ATOMIC_SEQ_CST) &
         selector_bit) != 0) {
        return;
    }
    if (__atomic_exchange_n(&info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) != 0) {
        return;
    }
    vgic_raise(v, VGIC_PPI_EVTCHN_UPCALL);
}

/* Raises an event on an open port of d (the 2-level steps 1 to 5). */
static void raise_event(struct domain *d, uint32_t port)
{
    struct hvabi_shared_info *info = shared_info(d);
    unsigned int word = port / BITS_PER_WORD;
    uint64_t bit = 1ULL << (port % BITS_PER_WORD);

    if ((__atomic_fetch_or(&info->evtchn_pending[word], bit, __ATOMIC_SEQ_CST) & bit) != 0) {
        return;
    }
    if ((__atomic_load_n(&info->evtchn_mask[word], __ATOMIC_SEQ_CST) & bit) != 0) {
        return;
    }
    notify_vcpu(&d->vcpus[d->events.ports[port].notify_vcpu], word);
}

static void clear_pending(struct domain *d, uint32_t port)
{
    __atomic_fetch_and(&shared_info(d)->evtchn_pending[port / BITS_PER_WORD],
                       ~(1ULL << (port % BITS_PER_WORD)), __ATOMIC_SEQ_CST);
}

/* The lowest closed port above 0, or 0 when every port is open. */
static uint32_t free_port(struct domain *d)
{
    for (uint32_t port = 1; port < NR_PORTS; port++) {
        if (d->events.ports[port].state == EVTCHN_CLOSED) {
            return port;
        }
    }
    return 0;
}

/* Closes an open port of d (any cause), unbinding its other end or its VIRQ. */
static void close_port(struct domain *d, uint32_t port)
{
    struct evtchn *e = &d->events.ports[port];

    if (e->state == EVTCHN_INTERDOMAIN) {
        struct domain *remote = domain_by_id(e->remote_domid);
        struct evtchn *other = &remote->events.ports[e->remote_port];

        other->state = EVTCHN_UNBOUND;
        other->remote_domid = d->id;
        other->remote_port = 0;
    } else if (e->state == EVTCHN_VIRQ) {
        d->events.virq_ports[virq_is_per_vcpu(e->virq) ? e->notify_vcpu : 0][e->virq] = 0;
    }
    *e = (struct evtchn){ .state = EVTCHN_CLOSED, .notify_vcpu = 0 };
    clear_pending(d, port);
}

static int64_t command_alloc_unbound(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_alloc_unbound a;
    struct domain *d;
    int64_t rc = 0;

    if (guest_copy_from(v, &a, arg, sizeof(a)) != 0) {
        return -HVABI_EFAULT;
    }
    d = named_domain(v, a.dom);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    spin_lock(&event_lock);
    a.port = free_port(d);
    if (a.port == 0) {
        rc = -HVABI_ENOSPC;
    } else {
        d->events.ports[a.port] = (struct evtchn){
            .state = EVTCHN_UNBOUND,
            .remote_domid = a.remote_dom == HVABI_DOMID_SELF ? v->domain->id : a.remote_dom,
            .notify_vcpu = 0,
        };
    }
    spin_unlock(&event_lock);
    if (rc != 0) {
        return rc;
    }
    return guest_copy_to(v, arg, &a, sizeof(a)) != 0 ? -HVABI_EFAULT : 0;
}

/*
 * A stopped domain is treated as no domain (hvabi~safety-stop-peer-operations~1).
 * Asked under the event lock: a stop marks the domain stopped before it
 * closes the domain's channels under this lock, so a binding either sees
 * the stop or is closed by it, never left connected to a stopped domain.
 */
static bool remote_has_stopped(const struct domain *remote)
{
    return remote->state == DOMAIN_STOPPED;
}

static int64_t command_bind_interdomain(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_bind_interdomain b;
    struct domain *d = v->domain;
    struct domain *remote;
    int64_t rc = 0;

    if (guest_copy_from(v, &b, arg, sizeof(b)) != 0) {
        return -HVABI_EFAULT;
    }
    remote = named_domain(v, b.remote_dom);
    if (remote == NULL) {
        return -HVABI_ESRCH;
    }
    spin_lock(&event_lock);
    b.local_port = free_port(d);
    if (remote_has_stopped(remote)) {
        rc = -HVABI_ESRCH;
    } else if (b.local_port == 0) {
        rc = -HVABI_ENOSPC;
    } else if (b.remote_port >= NR_PORTS ||
               remote->events.ports[b.remote_port].state != EVTCHN_UNBOUND ||
               remote->events.ports[b.remote_port].remote_domid != d->id) {
        rc = -HVABI_EINVAL;
    } else {
        struct evtchn *other = &remote->events.ports[b.remote_port];

        d->events.ports[b.local_port] = (struct evtchn){
            .state = EVTCHN_INTERDOMAIN,
            .remote_domid = remote->id,
            .remote_port = b.remote_port,
            .notify_vcpu = 0,
        };
        other->state = EVTCHN_INTERDOMAIN;
        other->remote_domid = d->id;
        other->remote_port = b.local_port;
        /* Events sent before the binding were dropped: signal the new port once. */
        raise_event(d, b.local_port);
    }
    spin_unlock(&event_lock);
    if (rc != 0) {
        return rc;
    }
    return guest_copy_to(v, arg, &b, sizeof(b)) != 0 ? -HVABI_EFAULT : 0;
}

static int64_t command_bind_virq(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_bind_virq b;
    struct domain *d = v->domain;
    uint32_t *slot;
    int64_t rc = 0;

    if (guest_copy_from(v, &b, arg, sizeof(b)) != 0) {
        return -HVABI_EFAULT;
    }
    if (b.virq >= HVABI_NR_VIRQS) {
        return -HVABI_EINVAL;
    }
    if (!virq_is_per_vcpu(b.virq) && b.vcpu != 0) {
        return -HVABI_EINVAL;
    }
    if (!vcpu_exists(d, b.vcpu)) {
        return -HVABI_ENOENT;
    }
    spin_lock(&event_lock);
    slot = &d->events.virq_ports[virq_is_per_vcpu(b.virq) ? b.vcpu : 0][b.virq];
    if (*slot != 0) {
        rc = -HVABI_EEXIST;
    } else {
        b.port = free_port(d);
        if (b.port == 0) {
            rc = -HVABI_ENOSPC;
        } else {
            d->events.ports[b.port] = (struct evtchn){
                .state = EVTCHN_VIRQ,
                .virq = (uint8_t)b.virq,
                .notify_vcpu = (uint16_t)b.vcpu,
            };
            *slot = b.port;
        }
    }
    spin_unlock(&event_lock);
    if (rc != 0) {
        return rc;
    }
    return guest_copy_to(v, arg, &b, sizeof(b)) != 0 ? -HVABI_EFAULT : 0;
}

static int64_t command_bind_ipi(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_bind_ipi b;
    struct domain *d = v->domain;
    int64_t rc = 0;

    if (guest_copy_from(v, &b, arg, sizeof(b)) != 0) {
        return -HVABI_EFAULT;
    }
    if (!vcpu_exists(d, b.vcpu)) {
        return -HVABI_ENOENT;
    }
    spin_lock(&event_lock);
    b.port = free_port(d);
    if (b.port == 0) {
        rc = -HVABI_ENOSPC;
    } else {
        d->events.ports[b.port] = (struct evtchn){
            .state = EVTCHN_IPI,
            .notify_vcpu = (uint16_t)b.vcpu,
        };
    }
    spin_unlock(&event_lock);
    if (rc != 0) {
        return rc;
    }
    return guest_copy_to(v, arg, &b, sizeof(b)) != 0 ? -HVABI_EFAULT : 0;
}

static int64_t command_close(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_close c;
    struct domain *d = v->domain;
    int64_t rc = 0;

    if (guest_copy_from(v, &c, arg, sizeof(c)) != 0) {
        return -HVABI_EFAULT;
    }
    spin_lock(&event_lock);
    if (c.port >= NR_PORTS || d->events.ports[c.port].state == EVTCHN_CLOSED) {
        rc = -HVABI_EINVAL;
    } else {
        close_port(d, c.port);
    }
    spin_unlock(&event_lock);
    return rc;
}

static int64_t command_send(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_send s;
    struct domain *d = v->domain;
    int64_t rc = 0;

    if (guest_copy_from(v, &s, arg, sizeof(s)) != 0) {
        return -HVABI_EFAULT;
    }
    if (s.port >= NR_PORTS) {
        return -HVABI_EINVAL;
    }
    /* The sender's earlier writes are visible before the pending bit: the lock orders them. */
    spin_lock(&event_lock);
    switch (d->events.ports[s.port].state) {
    case EVTCHN_INTERDOMAIN: {
        const struct evtchn *e = &d->events.ports[s.port];

        raise_event(domain_by_id(e->remote_domid), e->remote_port);
        break;
    }
    case EVTCHN_IPI:
        raise_event(d, s.port);
        break;
    case EVTCHN_UNBOUND:
        break; /* nobody to tell: dropped */
    default:
        rc = -HVABI_EINVAL;
        break;
    }
    spin_unlock(&event_lock);
    return rc;
}

static int64_t command_status(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_status s;
    struct domain *d;
    const struct evtchn *e;

    if (guest_copy_from(v, &s, arg, sizeof(s)) != 0) {
        return -HVABI_EFAULT;
    }
    d = named_domain(v, s.dom);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    if (s.port >= NR_PORTS) {
        return -HVABI_EINVAL;
    }
    spin_lock(&event_lock);
    e = &d->events.ports[s.port];
    s.vcpu = e->notify_vcpu;
    switch (e->state) {
    case EVTCHN_UNBOUND:
        s.status = HVABI_EVTCHNSTAT_UNBOUND;
        s.u.unbound.dom = e->remote_domid;
        break;
    case EVTCHN_INTERDOMAIN:
        s.status = HVABI_EVTCHNSTAT_INTERDOMAIN;
        s.u.interdomain.dom = e->remote_domid;
        s.u.interdomain.port = e->remote_port;
        break;
    case EVTCHN_VIRQ:
        s.status = HVABI_EVTCHNSTAT_VIRQ;
        s.u.virq = e->virq;
        break;
    case EVTCHN_IPI:
        s.status = HVABI_EVTCHNSTAT_IPI;
        break;
    default:
        s.status = HVABI_EVTCHNSTAT_CLOSED;
        s.vcpu = 0;
        break;
    }
    spin_unlock(&event_lock);
    return guest_copy_to(v, arg, &s, sizeof(s)) != 0 ? -HVABI_EFAULT : 0;
}

static int64_t command_bind_vcpu(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_bind_vcpu b;
    struct domain *d = v->domain;
    struct evtchn *e;
    int64_t rc = 0;

    if (guest_copy_from(v, &b, arg, sizeof(b)) != 0) {
        return -HVABI_EFAULT;
    }
    if (!vcpu_exists(d, b.vcpu)) {
        return -HVABI_ENOENT;
    }
    if (b.port >= NR_PORTS) {
        return -HVABI_EINVAL;
    }
    spin_lock(&event_lock);
    e = &d->events.ports[b.port];
    if (e->state == EVTCHN_UNBOUND || e->state == EVTCHN_INTERDOMAIN ||
        (e->state == EVTCHN_VIRQ && !virq_is_per_vcpu(e->virq))) {
        e->notify_vcpu = (uint16_t)b.vcpu;
    } else {
        rc = -HVABI_EINVAL;
    }
    spin_unlock(&event_lock);
    return rc;
}

static int64_t command_unmask(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_unmask u;
    struct domain *d = v->domain;
    struct hvabi_shared_info *info = shared_info(d);

    if (guest_copy_from(v, &u, arg, sizeof(u)) != 0) {
        return -HVABI_EFAULT;
    }
    if (u.port >= NR_PORTS) {
        return -HVABI_EINVAL;
    }
    spin_lock(&event_lock);
    if (d->events.ports[u.port].state != EVTCHN_CLOSED) {
        unsigned int word = u.port / BITS_PER_WORD;
        uint64_t bit = 1ULL << (u.port % BITS_PER_WORD);
        uint64_t was = __atomic_fetch_and(&info->evtchn_mask[word], ~bit, __ATOMIC_SEQ_CST);

        if ((was & bit) != 0 &&
            (__atomic_load_n(&info->evtchn_pending[word], __ATOMIC_SEQ_CST) & bit) != 0) {
            notify_vcpu(&d->vcpus[d->events.ports[u.port].notify_vcpu], word);
        }
    }
    spin_unlock(&event_lock);
    return 0;
}

static int64_t command_reset(struct vcpu *v, uint64_t arg)
{
    struct hvabi_evtchn_reset r;
    struct domain *d;

    if (guest_copy_from(v, &r, arg, sizeof(r)) != 0) {
        return -HVABI_EFAULT;
    }
    d = named_domain(v, r.dom);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    if (d != v->domain) {
        return -HVABI_EINVAL; /* only a paused domain; this hypervisor pauses none */
    }
    spin_lock(&event_lock);
    for (uint32_t port = 1; port < NR_PORTS; port++) {
        if (d->events.ports[port].state != EVTCHN_CLOSED) {
            close_port(d, port);
        }
    }
    spin_unlock(&event_lock);
    return 0;
}

void evtchn_domain_stopped(struct domain *d)
{
    spin_lock(&event_lock);
    for (uint32_t port = 1; port < NR_PORTS; port++) {
        struct evtchn *e = &d->events.ports[port];

        if (e->state == EVTCHN_INTERDOMAIN && e->remote_domid != d->id) {
            struct domain *peer = domain_by_id(e->remote_domid);
            uint32_t peer_port = e->remote_port;

            /* As if the stopped domain had closed its port; the peer hears it once. */
            close_port(d, port);
            raise_event(peer, peer_port);
        }
    }
    spin_unlock(&event_lock);
}

int64_t do_event_channel_op(struct vcpu *v, uint32_t cmd, uint64_t arg)
{
    switch (cmd) {
    case HVABI_EVTCHNOP_BIND_INTERDOMAIN:
        return command_bind_interdomain(v, arg);
    case HVABI_EVTCHNOP_BIND_VIRQ:
        return command_bind_virq(v, arg);
    case HVABI_EVTCHNOP_CLOSE:
        return command_close(v, arg);
    case HVABI_EVTCHNOP_SEND:
        return command_send(v, arg);
    case HVABI_EVTCHNOP_STATUS:
        return command_status(v, arg);
    case HVABI_EVTCHNOP_ALLOC_UNBOUND:
        return command_alloc_unbound(v, arg);
    case HVABI_EVTCHNOP_BIND_IPI:
        return command_bind_ipi(v, arg);
    case HVABI_EVTCHNOP_BIND_VCPU:
        return command_bind_vcpu(v, arg);
    case HVABI_EVTCHNOP_UNMASK:
        return command_unmask(v, arg);
    case HVABI_EVTCHNOP_RESET:
        return command_reset(v, arg);
    case HVABI_EVTCHNOP_BIND_PIRQ:      /* no physical interrupts on AArch64 */
    case HVABI_EVTCHNOP_INIT_CONTROL:   /* the FIFO layout is not implemented */
    case HVABI_EVTCHNOP_EXPAND_ARRAY:
    case HVABI_EVTCHNOP_SET_PRIORITY:
    default:
        return -HVABI_ENOSYS;
    }
}

bool evtchn_is_open(struct domain *d, uint32_t port)
{
    bool open;

    if (port >= NR_PORTS) {
        return false;
    }
    spin_lock(&event_lock);
    open = d->events.ports[port].state != EVTCHN_CLOSED;
    spin_unlock(&event_lock);
    return open;
}

bool evtchn_is_pending(struct domain *d, uint32_t port)
{
    if (port >= NR_PORTS) {
        return false;
    }
    return (__atomic_load_n(&shared_info(d)->evtchn_pending[port / BITS_PER_WORD],
                            __ATOMIC_SEQ_CST) >>
            (port % BITS_PER_WORD)) &
           1;
}

void evtchn_vcpu_info_moved(struct vcpu *v, void *info)
{
    struct hvabi_vcpu_info *moved = info;

    spin_lock(&event_lock);
    v->vcpu_info = moved;
    /*
     * Every selector bit and the upcall flag: the guest looks at all of its
     * ports once, so no event that was flagged in the old place is lost.
     */
    __atomic_store_n(&moved->evtchn_pending_sel, ~0ULL, __ATOMIC_SEQ_CST);
    if (__atomic_exchange_n(&moved->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) == 0) {
        vgic_raise(v, VGIC_PPI_EVTCHN_UPCALL);
    }
    spin_unlock(&event_lock);
}

unsigned int evtchn_connect_static(const struct boot_config *cfg)
{
    unsigned int problems = 0;

    spin_lock(&event_lock);
    for (unsigned int i = 0; i < cfg->static_evtchn_count; i++) {
        const struct static_evtchn_config *c = &cfg->static_evtchns[i];
        struct domain *a = domain_by_id((uint16_t)(c->domain_index[0] + 1));
        struct domain *b = domain_by_id((uint16_t)(c->domain_index[1] + 1));

        if (a->events.ports[c->port[0]].state != EVTCHN_CLOSED ||
            b->events.ports[c->port[1]].state != EVTCHN_CLOSED) {
            hv_log("error: static event channel d%u:%u - d%u:%u: a port is used twice\n",
                   (unsigned)a->id, (unsigned)c->port[0], (unsigned)b->id, (unsigned)c->port[1]);
            problems++;
            continue;
        }
        a->events.ports[c->port[0]] = (struct evtchn){
            .state = EVTCHN_INTERDOMAIN, .remote_domid = b->id, .remote_port = c->port[1],
        };
        b->events.ports[c->port[1]] = (struct evtchn){
            .state = EVTCHN_INTERDOMAIN, .remote_domid = a->id, .remote_port = c->port[0],
        };
    }
    spin_unlock(&event_lock);
    return problems;
}
