/*
 * evtchn.c - event channel commands and 2-level bits (see evtchn.h).
 */
#include <libfdt.h>
#include <string.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>
#include <hvabi/vcpu_op.h>

#include "support/evtchn.h"
#include "support/shared_info.h"
#include "tests/addresses.h"

/* Where each vCPU's vcpu_info is, once registered; NULL before. */
static volatile struct hvabi_vcpu_info *registered[EVTCHN_MAX_VCPUS];

int64_t evtchn_op(uint32_t cmd, uint64_t arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, cmd, arg);
}

static int64_t op(uint32_t cmd, void *arg)
{
    return evtchn_op(cmd, (uint64_t)(uintptr_t)arg);
}

int64_t evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom, uint32_t *port)
{
    struct hvabi_evtchn_alloc_unbound arg = { .dom = dom, .remote_dom = remote_dom };
    int64_t rc = op(HVABI_EVTCHNOP_ALLOC_UNBOUND, &arg);

    if (rc == 0 && port != NULL) {
        *port = arg.port;
    }
    return rc;
}

int64_t evtchn_bind_interdomain(uint16_t remote_dom, uint32_t remote_port, uint32_t *local_port)
{
    struct hvabi_evtchn_bind_interdomain arg = { .remote_dom = remote_dom,
                                                 .remote_port = remote_port };
    int64_t rc = op(HVABI_EVTCHNOP_BIND_INTERDOMAIN, &arg);

    if (rc == 0 && local_port != NULL) {
        *local_port = arg.local_port;
    }
    return rc;
}

int64_t evtchn_bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port)
{
    struct hvabi_evtchn_bind_virq arg = { .virq = virq, .vcpu = vcpu };
    int64_t rc = op(HVABI_EVTCHNOP_BIND_VIRQ, &arg);

    if (rc == 0 && port != NULL) {
        *port = arg.port;
    }
    return rc;
}

int64_t evtchn_bind_ipi(uint32_t vcpu, uint32_t *port)
{
    struct hvabi_evtchn_bind_ipi arg = { .vcpu = vcpu };
    int64_t rc = op(HVABI_EVTCHNOP_BIND_IPI, &arg);

    if (rc == 0 && port != NULL) {
        *port = arg.port;
    }
    return rc;
}

int64_t evtchn_close(uint32_t port)
{
    struct hvabi_evtchn_close arg = { .port = port };

    return op(HVABI_EVTCHNOP_CLOSE, &arg);
}

int64_t evtchn_send(uint32_t port)
{
    struct hvabi_evtchn_send arg = { .port = port };

    return op(HVABI_EVTCHNOP_SEND, &arg);
}

int64_t evtchn_status(uint16_t dom, uint32_t port, struct hvabi_evtchn_status *status)
{
    struct hvabi_evtchn_status arg;
    int64_t rc;

    memset(&arg, 0, sizeof(arg));
    arg.dom = dom;
    arg.port = port;
    rc = op(HVABI_EVTCHNOP_STATUS, &arg);
    if (rc == 0 && status != NULL) {
        *status = arg;
    }
    return rc;
}

int64_t evtchn_bind_vcpu(uint32_t port, uint32_t vcpu)
{
    struct hvabi_evtchn_bind_vcpu arg = { .port = port, .vcpu = vcpu };

    return op(HVABI_EVTCHNOP_BIND_VCPU, &arg);
}

int64_t evtchn_unmask(uint32_t port)
{
    struct hvabi_evtchn_unmask arg = { .port = port };

    return op(HVABI_EVTCHNOP_UNMASK, &arg);
}

int64_t evtchn_reset(uint16_t dom)
{
    struct hvabi_evtchn_reset arg = { .dom = dom };

    return op(HVABI_EVTCHNOP_RESET, &arg);
}

bool evtchn_fifo_offered(const struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t address = unbacked != 0 ? unbacked : unmapped_virtual_address();

    return evtchn_op(HVABI_EVTCHNOP_INIT_CONTROL, address) != -HVABI_ENOSYS;
}

uint32_t evtchn_vcpu_count(const struct test_context *t)
{
    int cpus = fdt_path_offset(t->platform->fdt, "/cpus");
    uint32_t count = 0;
    int node;

    if (cpus < 0) {
        return 1;
    }
    fdt_for_each_subnode(node, t->platform->fdt, cpus) {
        const char *type = fdt_getprop(t->platform->fdt, node, "device_type", NULL);

        if (type != NULL && strcmp(type, "cpu") == 0) {
            count++;
        }
    }
    return count != 0 ? count : 1;
}

bool evtchn_own_domid(struct test_context *t, uint16_t *domid)
{
    return expect(t, test_domain_id(t, "domain", domid),
                  "boot argument hvabi.domain: expected this domain's ID");
}

uint32_t evtchn_open_ipi(struct test_context *t, uint32_t vcpu, const char *what)
{
    uint32_t port = 0;
    int64_t rc = evtchn_bind_ipi(vcpu, &port);

    if (!expect(t, rc == 0, "%s: EVTCHNOP_bind_ipi(vcpu %u): expected 0, got %lld", what,
                (unsigned)vcpu, (long long)rc)) {
        return 0;
    }
    return port;
}

uint32_t evtchn_open_unbound(struct test_context *t, uint16_t remote_dom, const char *what)
{
    uint32_t port = 0;
    int64_t rc = evtchn_alloc_unbound(HVABI_DOMID_SELF, remote_dom, &port);

    if (!expect(t, rc == 0, "%s: EVTCHNOP_alloc_unbound(remote_dom 0x%x): expected 0, got %lld",
                what, (unsigned)remote_dom, (long long)rc)) {
        return 0;
    }
    return port;
}

uint32_t evtchn_open_ipi_from(struct test_context *t, uint32_t vcpu, uint32_t lowest)
{
    uint32_t fillers[256];
    uint32_t count = 0, port = 0;

    while (count < sizeof(fillers) / sizeof(fillers[0])) {
        int64_t rc = evtchn_bind_ipi(vcpu, &port);

        if (!expect(t, rc == 0, "opening ports up to %u: EVTCHNOP_bind_ipi: expected 0, got %lld",
                    (unsigned)lowest, (long long)rc)) {
            port = 0;
            break;
        }
        if (port >= lowest) {
            break;
        }
        fillers[count++] = port;
        port = 0;
    }
    if (count == sizeof(fillers) / sizeof(fillers[0])) {
        expect(t, false, "could not open a port numbered %u or more", (unsigned)lowest);
    }
    for (uint32_t i = 0; i < count; i++) {
        evtchn_close(fillers[i]);
    }
    return port;
}

bool evtchn_open_loopback(struct test_context *t, uint32_t *unbound, uint32_t *bound)
{
    int64_t rc;

    *unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "loopback channel");
    if (*unbound == 0) {
        return false;
    }
    rc = evtchn_bind_interdomain(HVABI_DOMID_SELF, *unbound, bound);
    if (!expect(t, rc == 0, "loopback channel: EVTCHNOP_bind_interdomain(DOMID_SELF, %u): "
                "expected 0, got %lld", (unsigned)*unbound, (long long)rc)) {
        evtchn_close(*unbound);
        return false;
    }
    return true;
}

void evtchn_expect_close(struct test_context *t, uint32_t port)
{
    int64_t rc = evtchn_close(port);

    expect(t, rc == 0, "EVTCHNOP_close(%u): expected 0, got %lld", (unsigned)port, (long long)rc);
}

void evtchn_close_range(uint32_t first, uint32_t last)
{
    for (uint32_t port = first; port <= last; port++) {
        struct hvabi_evtchn_status status;

        if (evtchn_status(HVABI_DOMID_SELF, port, &status) == 0 &&
            status.status != HVABI_EVTCHNSTAT_CLOSED) {
            evtchn_close(port);
        }
    }
}

uint64_t evtchn_open_ports_low(void)
{
    uint64_t open = 0;

    for (uint32_t port = 0; port < 64; port++) {
        struct hvabi_evtchn_status status;

        if (evtchn_status(HVABI_DOMID_SELF, port, &status) == 0 &&
            status.status != HVABI_EVTCHNSTAT_CLOSED) {
            open |= 1ULL << port;
        }
    }
    return open;
}

bool evtchn_expect_state(struct test_context *t, uint32_t port, uint32_t state,
                         struct hvabi_evtchn_status *status)
{
    struct hvabi_evtchn_status got;
    int64_t rc = evtchn_status(HVABI_DOMID_SELF, port, &got);

    if (!expect(t, rc == 0, "EVTCHNOP_status(DOMID_SELF, %u): expected 0, got %lld",
                (unsigned)port, (long long)rc)) {
        return false;
    }
    if (status != NULL) {
        *status = got;
    }
    return expect(t, got.status == state, "EVTCHNOP_status(DOMID_SELF, %u): expected state %u, "
                  "got %u", (unsigned)port, (unsigned)state, (unsigned)got.status);
}

bool evtchn_bit(const volatile hvabi_ulong_t *words, uint32_t port)
{
    return (__atomic_load_n(&words[port / 64], __ATOMIC_ACQUIRE) >> (port % 64)) & 1;
}

void evtchn_set_bit(volatile hvabi_ulong_t *words, uint32_t port)
{
    __atomic_fetch_or(&words[port / 64], 1ULL << (port % 64), __ATOMIC_SEQ_CST);
}

void evtchn_clear_bit(volatile hvabi_ulong_t *words, uint32_t port)
{
    __atomic_fetch_and(&words[port / 64], ~(1ULL << (port % 64)), __ATOMIC_SEQ_CST);
}

volatile struct hvabi_vcpu_info *evtchn_vcpu_info(struct test_context *t, uint32_t vcpu)
{
    volatile struct hvabi_shared_info *shared;

    if (vcpu < EVTCHN_MAX_VCPUS && registered[vcpu] != NULL) {
        return registered[vcpu];
    }
    if (vcpu != 0) {
        return NULL;
    }
    shared = shared_info_page(t);
    return shared != NULL ? &shared->vcpu_info[0] : NULL;
}

int64_t evtchn_register_vcpu_info(uint32_t vcpu, volatile struct hvabi_vcpu_info *where)
{
    uint64_t address = (uint64_t)(uintptr_t)where;
    struct hvabi_vcpu_register_vcpu_info arg = {
        .gfn = address / HVABI_PAGE_SIZE,
        .offset = (uint32_t)(address % HVABI_PAGE_SIZE),
        .rsvd = 0,
    };
    int64_t rc = hvabi_hypercall3(HVABI_HYPERCALL_VCPU_OP, HVABI_VCPUOP_REGISTER_VCPU_INFO, vcpu,
                                  (uint64_t)(uintptr_t)&arg);

    if (rc == 0 && vcpu < EVTCHN_MAX_VCPUS) {
        registered[vcpu] = where;
    }
    return rc;
}

bool evtchn_vcpu_info_registered(uint32_t vcpu)
{
    return vcpu < EVTCHN_MAX_VCPUS && registered[vcpu] != NULL;
}

void evtchn_clear_upcall(volatile struct hvabi_vcpu_info *vcpu_info)
{
    __atomic_store_n(&vcpu_info->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
    __asm__ volatile("dmb ish" ::: "memory");
    __atomic_exchange_n(&vcpu_info->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
}
