/*
 * event_channel_smp.c - event channels in a domain with two vCPUs (role
 * evtchn-smp): ports that notify vCPU 1, moving ports between vCPUs,
 * delivery to a vCPU without a vcpu_info, the event interrupt waking a
 * vCPU from WFI, and commands that race on the two vCPUs.  It ends with
 * the shared info tests that change the page for the rest of the boot.
 *
 * Specification: spec/chapters/event_channel.rst and shared_info.rst.
 * vCPU 1 is started with PSCI CPU_ON (support/worker_cpu.h) after the
 * tests that need it offline; it registers no interrupt handler, so the
 * events for it are checked in its vcpu_info.
 */
#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/interrupts.h"
#include "support/clock.h"
#include "support/event_irq.h"
#include "support/evtchn.h"
#include "support/worker_cpu.h"
#include "support/shared_info.h"
#include "support/shared_info_checks.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

/* The vcpu_info this file registers for vCPU 1, and later for vCPU 0;
 * 64-byte aligned, so within one page. */
static struct hvabi_vcpu_info vcpu1_info __attribute__((aligned(64)));
static struct hvabi_vcpu_info vcpu0_moved_info __attribute__((aligned(64)));

static bool selector_bit(volatile struct hvabi_vcpu_info *vcpu, uint32_t port)
{
    return (vcpu->evtchn_pending_sel >> (port / 64)) & 1;
}

/* The first test of the scenario: nothing has happened yet. */
static void initial_state(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);

    if (shared == NULL) {
        return;
    }
    shared_info_expect_initial(t, shared, NULL, 0);
    for (uint32_t port = 0; port < HVABI_EVTCHN_MIN_PORTS; port++) {
        struct hvabi_evtchn_status status;
        int64_t rc = evtchn_status(HVABI_DOMID_SELF, port, &status);

        /* A port that status refuses is not open either. */
        if (!expect(t, rc != 0 || status.status == HVABI_EVTCHNSTAT_CLOSED, "port %u is open "
                    "(state %u) when the domain starts", (unsigned)port,
                    (unsigned)status.status)) {
            break;
        }
    }
}

static bool expect_notifies(struct test_context *t, uint32_t port, uint32_t vcpu)
{
    struct hvabi_evtchn_status status;

    if (evtchn_status(HVABI_DOMID_SELF, port, &status) != 0) {
        return expect(t, false, "EVTCHNOP_status(%u) failed", (unsigned)port);
    }
    return expect(t, status.vcpu == vcpu, "port %u (state %u): expected notified vCPU %u, got "
                  "%u", (unsigned)port, (unsigned)status.status, (unsigned)vcpu,
                  (unsigned)status.vcpu);
}

/*
 * Per-vCPU VIRQs bind once per vCPU, global ones once per domain and on
 * vCPU 0, and can then be moved; per-vCPU VIRQ and IPI ports cannot.  No
 * event is raised on these ports.
 */
static void virq_per_vcpu(struct test_context *t)
{
    static const uint32_t per_vcpu[] = { HVABI_VIRQ_TIMER, HVABI_VIRQ_DEBUG,
                                         HVABI_VIRQ_XENOPROF, HVABI_VIRQ_XENPMU };
    uint32_t on0 = 0, on1 = 0, global = 0, ipi = 0, port;

    for (unsigned int i = 0; i < 4; i++) {
        if (!expect(t, evtchn_bind_virq(per_vcpu[i], 0, &on0) == 0 &&
                    evtchn_bind_virq(per_vcpu[i], 1, &on1) == 0,
                    "per-vCPU VIRQ %u: expected a port on vCPU 0 and one on vCPU 1",
                    (unsigned)per_vcpu[i])) {
            continue;
        }
        expect_notifies(t, on0, 0);
        expect_notifies(t, on1, 1);
        expect_result(t, "EVTCHNOP_bind_virq of a per-vCPU VIRQ again on vCPU 1",
                      evtchn_bind_virq(per_vcpu[i], 1, &port), -HVABI_EEXIST);
        expect_result(t, "EVTCHNOP_bind_vcpu of a per-vCPU VIRQ port",
                      evtchn_bind_vcpu(on1, 0), -HVABI_EINVAL);
        evtchn_close(on0);
        evtchn_close(on1);
    }
    expect_result(t, "EVTCHNOP_bind_virq(VIRQ_CONSOLE, vCPU 1)",
                  evtchn_bind_virq(HVABI_VIRQ_CONSOLE, 1, &port), -HVABI_EINVAL);
    if (expect_result(t, "EVTCHNOP_bind_virq(VIRQ_CONSOLE, vCPU 0)",
                      evtchn_bind_virq(HVABI_VIRQ_CONSOLE, 0, &global), 0)) {
        expect_result(t, "EVTCHNOP_bind_vcpu(the global VIRQ's port, vCPU 1)",
                      evtchn_bind_vcpu(global, 1), 0);
        expect_notifies(t, global, 1);
        expect_result(t, "EVTCHNOP_bind_virq(VIRQ_CONSOLE, vCPU 0) after it moved to vCPU 1",
                      evtchn_bind_virq(HVABI_VIRQ_CONSOLE, 0, &port), -HVABI_EEXIST);
    }
    ipi = evtchn_open_ipi(t, 1, "an IPI port for vCPU 1");
    if (ipi != 0) {
        expect_notifies(t, ipi, 1);
        expect_result(t, "EVTCHNOP_bind_vcpu of an IPI port", evtchn_bind_vcpu(ipi, 0),
                      -HVABI_EINVAL);
    }
    evtchn_close_range(1, 63);
}

/*
 * vCPU 1 has not been started and has no vcpu_info: an event for it still
 * becomes pending, and a masked one stops there.
 */
static void deliver_no_vcpu_info(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t port, masked;

    if (shared == NULL) {
        return;
    }
    if (worker_cpu_running(1) || evtchn_vcpu_info_registered(1)) {
        expect(t, false, "test order: vCPU 1 was started before this test");
        return;
    }
    port = evtchn_open_ipi(t, 1, "an IPI port for vCPU 1");
    masked = evtchn_open_ipi(t, 1, "a masked IPI port for vCPU 1");
    if (port == 0 || masked == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    evtchn_set_bit(shared->evtchn_mask, masked);
    expect_result(t, "EVTCHNOP_send for a vCPU without vcpu_info", evtchn_send(port), 0);
    expect_result(t, "EVTCHNOP_send on a masked port", evtchn_send(masked), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, port), "the event for vCPU 1, which has no "
           "vcpu_info, is not pending on port %u", (unsigned)port);
    expect(t, evtchn_bit(shared->evtchn_pending, masked) &&
           evtchn_bit(shared->evtchn_mask, masked), "masked port %u: expected pending and "
           "still masked", (unsigned)masked);
    evtchn_close(port);
    evtchn_close(masked);
    evtchn_clear_bit(shared->evtchn_mask, masked);
}

/*
 * An event pending for vCPU 1 before it has a vcpu_info is found in the
 * vcpu_info it registers: selector bit and upcall flag set.  vCPU 0
 * registers it while vCPU 1 is offline.
 */
static void deliver_after_register(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu1 = &vcpu1_info;
    uint32_t port;
    int64_t rc;

    if (shared == NULL) {
        return;
    }
    if (evtchn_vcpu_info_registered(1) || worker_cpu_running(1)) {
        expect(t, false, "test order: vCPU 1 registered a vcpu_info or started before this "
               "test");
        return;
    }
    port = evtchn_open_ipi_from(t, 1, 70);
    if (port == 0) {
        return;
    }
    evtchn_send(port);
    memset(&vcpu1_info, 0, sizeof(vcpu1_info));
    rc = evtchn_register_vcpu_info(1, vcpu1);
    if (expect(t, rc == 0, "VCPUOP_register_vcpu_info(vCPU 1): expected 0, got %lld",
               (long long)rc)) {
        expect(t, selector_bit(vcpu1, port) && vcpu1->evtchn_upcall_pending == 1,
               "vCPU 1's new vcpu_info with port %u pending: expected selector bit %u and the "
               "upcall flag set, got selector 0x%llx and flag %u", (unsigned)port,
               (unsigned)(port / 64), (unsigned long long)vcpu1->evtchn_pending_sel,
               (unsigned)vcpu1->evtchn_upcall_pending);
    }
    evtchn_close(port);
    evtchn_clear_upcall(vcpu1);
}

/* Starts vCPU 1 and returns the two vcpu_infos, quiet; false when it
 * cannot be done. */
static bool two_vcpus(struct test_context *t, volatile struct hvabi_vcpu_info **vcpu0,
                      volatile struct hvabi_vcpu_info **vcpu1)
{
    if (!evtchn_vcpu_info_registered(1)) {
        memset(&vcpu1_info, 0, sizeof(vcpu1_info));
        if (!expect_result(t, "VCPUOP_register_vcpu_info(vCPU 1)",
                           evtchn_register_vcpu_info(1, &vcpu1_info), 0)) {
            return false;
        }
    }
    if (!worker_cpu_start(t, 1)) {
        return false;
    }
    *vcpu0 = evtchn_vcpu_info(t, 0);
    *vcpu1 = evtchn_vcpu_info(t, 1);
    if (*vcpu0 == NULL || *vcpu1 == NULL) {
        return false;
    }
    evtchn_clear_upcall(*vcpu0);
    evtchn_clear_upcall(*vcpu1);
    return true;
}

/*
 * bind_vcpu sends later events to the new vCPU; an event delivered before
 * the move stays pending where it was.
 */
static void bind_vcpu_moves_delivery(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;
    uint32_t unbound, bound;

    if (shared == NULL || !two_vcpus(t, &vcpu0, &vcpu1) ||
        !evtchn_open_loopback(t, &unbound, &bound)) {
        return;
    }
    evtchn_clear_bit(shared->evtchn_pending, bound);
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound end, vCPU 1)", evtchn_bind_vcpu(unbound, 1), 0);
    expect_notifies(t, unbound, 1);
    evtchn_clear_upcall(vcpu0);
    evtchn_send(bound);
    expect(t, selector_bit(vcpu1, unbound) && vcpu1->evtchn_upcall_pending == 1,
           "after the move to vCPU 1: the event on port %u did not reach vCPU 1's vcpu_info",
           (unsigned)unbound);
    expect(t, vcpu0->evtchn_pending_sel == 0 && vcpu0->evtchn_upcall_pending == 0,
           "after the move to vCPU 1: the event on port %u reached vCPU 0's vcpu_info",
           (unsigned)unbound);

    /* Move back while the event is pending: it stays pending, nothing is
     * signalled to vCPU 0 by the move. */
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound end, vCPU 0)", evtchn_bind_vcpu(unbound, 0), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, unbound), "bind_vcpu cleared the pending bit "
           "of port %u", (unsigned)unbound);
    expect(t, !evtchn_bit(shared->evtchn_mask, unbound), "bind_vcpu set the mask bit of port %u",
           (unsigned)unbound);
    expect(t, vcpu0->evtchn_pending_sel == 0 && vcpu0->evtchn_upcall_pending == 0,
           "moving pending port %u to vCPU 0 signalled it there", (unsigned)unbound);
    expect(t, selector_bit(vcpu1, unbound), "moving port %u away cleared vCPU 1's selector bit",
           (unsigned)unbound);
    evtchn_clear_bit(shared->evtchn_pending, unbound);
    evtchn_send(bound);
    expect(t, selector_bit(vcpu0, unbound) && vcpu0->evtchn_upcall_pending == 1,
           "after the move back: the event on port %u did not reach vCPU 0's vcpu_info",
           (unsigned)unbound);
    evtchn_close(unbound);
    evtchn_close(bound);
    evtchn_clear_upcall(vcpu0);
    evtchn_clear_upcall(vcpu1);
}

static void ipi_to_vcpu1(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;
    uint32_t port;

    if (shared == NULL || !two_vcpus(t, &vcpu0, &vcpu1)) {
        return;
    }
    port = evtchn_open_ipi(t, 1, "an IPI port for vCPU 1");
    if (port == 0) {
        return;
    }
    expect_result(t, "EVTCHNOP_send from vCPU 0", evtchn_send(port), 0);
    expect(t, evtchn_bit(shared->evtchn_pending, port) && selector_bit(vcpu1, port) &&
           vcpu1->evtchn_upcall_pending == 1, "the IPI for vCPU 1 on port %u did not reach its "
           "vcpu_info", (unsigned)port);
    expect(t, vcpu0->evtchn_pending_sel == 0 && vcpu0->evtchn_upcall_pending == 0,
           "the IPI for vCPU 1 reached vCPU 0's vcpu_info");
    evtchn_close(port);
    evtchn_clear_upcall(vcpu1);
}

/* A closed port notifies vCPU 0, whichever vCPU it notified before. */
static void close_notifies_vcpu0(struct test_context *t)
{
    uint32_t unbound, ipi, again;

    unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "an unbound port");
    ipi = evtchn_open_ipi(t, 1, "an IPI port for vCPU 1");
    if (unbound == 0 || ipi == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound port, vCPU 1)", evtchn_bind_vcpu(unbound, 1),
                  0);
    evtchn_close(unbound);
    evtchn_close(ipi);
    expect_notifies(t, unbound, 0);
    expect_notifies(t, ipi, 0);
    again = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port opened again");
    expect(t, again == unbound, "expected port %u opened again, got %u", (unsigned)unbound,
           (unsigned)again);
    expect_notifies(t, again, 0);
    evtchn_close_range(1, 63);
}

/* The port bound to keeps the vCPU it was moved to. */
static void bind_interdomain_keeps_vcpu(struct test_context *t)
{
    uint32_t unbound, bound;

    unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "an unbound port");
    if (unbound == 0) {
        return;
    }
    expect_result(t, "EVTCHNOP_bind_vcpu(unbound port, vCPU 1)", evtchn_bind_vcpu(unbound, 1),
                  0);
    if (expect_result(t, "EVTCHNOP_bind_interdomain",
                      evtchn_bind_interdomain(HVABI_DOMID_SELF, unbound, &bound), 0)) {
        expect_notifies(t, unbound, 1);
        expect_notifies(t, bound, 0);
    }
    evtchn_close_range(1, 63);
}

struct unmask_work {
    uint32_t port;
    int64_t result;
};

static void unmask_on_vcpu1(void *arg)
{
    struct unmask_work *w = arg;

    w->result = evtchn_unmask(w->port);
}

/* unmask called on vCPU 1 delivers the event to the port's vCPU 0. */
static void unmask_from_other_vcpu(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;
    struct unmask_work work = { 0 };

    if (shared == NULL || !two_vcpus(t, &vcpu0, &vcpu1)) {
        return;
    }
    work.port = evtchn_open_ipi(t, 0, "an IPI port for vCPU 0");
    if (work.port == 0) {
        return;
    }
    evtchn_set_bit(shared->evtchn_mask, work.port);
    evtchn_send(work.port);
    work.result = 1;
    if (expect(t, worker_cpu_post(1, unmask_on_vcpu1, &work) &&
               worker_cpu_wait(1, 2000), "vCPU 1 did not run the unmask within 2 s")) {
        expect_result(t, "EVTCHNOP_unmask on vCPU 1", work.result, 0);
        expect(t, selector_bit(vcpu0, work.port) && vcpu0->evtchn_upcall_pending == 1,
               "unmask on vCPU 1 did not signal the event to vCPU 0, the port's vCPU");
        expect(t, vcpu1->evtchn_pending_sel == 0 && vcpu1->evtchn_upcall_pending == 0,
               "unmask on vCPU 1 signalled the event to vCPU 1");
    }
    evtchn_close(work.port);
    evtchn_clear_upcall(vcpu0);
}

/* The virtual timer's PPI, from the /timer node (entry 2 of its
 * "interrupts"), or 0. */
static uint32_t virtual_timer_intid(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
    const fdt32_t *cells;
    int len;

    if (node < 0) {
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv7-timer");
    }
    if (node < 0) {
        return 0;
    }
    cells = fdt_getprop(fdt, node, "interrupts", &len);
    if (cells == NULL || len < 9 * (int)sizeof(fdt32_t) || fdt32_to_cpu(cells[6]) != 1 ||
        fdt32_to_cpu(cells[7]) >= 16) {
        return 0;
    }
    return 16 + fdt32_to_cpu(cells[7]);
}

static void timer_handler(uint32_t intid, void *context)
{
    (void)intid;
    (void)context;
    __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(0ULL));
}

struct wfi_sender {
    volatile uint32_t waiting; /* set by vCPU 0 just before its WFI loop */
    uint32_t port;
    uint64_t sent_at;
    int64_t result;
};

static void send_after_wait(void *arg)
{
    struct wfi_sender *s = arg;
    uint64_t deadline = clock_deadline(2000 * CLOCK_MS);

    while (__atomic_load_n(&s->waiting, __ATOMIC_ACQUIRE) == 0 && !clock_passed(deadline)) {
    }
    clock_spin(20 * CLOCK_MS);
    s->sent_at = clock_counter();
    s->result = evtchn_send(s->port);
}

/*
 * vCPU 0 waits in WFI with IRQs masked; vCPU 1 sends an event for it.
 * The virtual timer, armed for 1 s, bounds the wait: a vCPU that only the
 * timer wakes has not been woken by the event.
 */
static void irq_wakes_wfi(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;
    uint32_t timer = virtual_timer_intid(t->platform->fdt);
    struct wfi_sender sender = { 0 };
    uint64_t deadline, woke = 0;

    if (!expect(t, timer != 0, "no virtual timer PPI in the device tree") ||
        !two_vcpus(t, &vcpu0, &vcpu1) || !event_irq_setup(t)) {
        return;
    }
    sender.port = evtchn_open_ipi(t, 0, "an IPI port for vCPU 0");
    if (sender.port == 0) {
        return;
    }
    event_irq_drain(t);
    interrupts_attach(timer, timer_handler, NULL);
    if (!expect(t, worker_cpu_post(1, send_after_wait, &sender), "vCPU 1 is not ready")) {
        evtchn_close(sender.port);
        return;
    }
    deadline = clock_counter() + clock_ns_to_ticks(CLOCK_S);
    __asm__ volatile("msr cntv_cval_el0, %0\n\t"
                     "msr cntv_ctl_el0, %1\n\t"
                     "isb" : : "r"(deadline), "r"(1ULL) : "memory");
    __atomic_store_n(&sender.waiting, 1, __ATOMIC_RELEASE);
    for (;;) {
        __asm__ volatile("dsb sy\n\twfi" ::: "memory");
        woke = clock_counter();
        if (vcpu0->evtchn_upcall_pending != 0 || woke >= deadline) {
            break;
        }
    }
    __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(0ULL));
    expect(t, worker_cpu_wait(1, 2000), "vCPU 1 did not finish its send");
    expect_result(t, "EVTCHNOP_send on vCPU 1", sender.result, 0);
    expect(t, vcpu0->evtchn_upcall_pending == 1, "vCPU 0 left WFI without the event");
    if (sender.sent_at != 0 && woke >= sender.sent_at) {
        uint64_t late = clock_ticks_to_ns(woke - sender.sent_at) / 1000;

        test_note(t, "vCPU 0 left WFI %llu us after vCPU 1's send", (unsigned long long)late);
        expect(t, late < 500000, "vCPU 0 left WFI %llu us after the event was raised, not "
               "because of it", (unsigned long long)late);
    }
    interrupts_detach(timer);
    evtchn_close(sender.port);
    event_irq_drain(t);
}

/* Runs op_on_1 on vCPU 1 and op_on_0 here, released at the same moment. */
struct race {
    volatile uint32_t go;
    int64_t (*op)(uint32_t arg);
    uint32_t arg1;
    int64_t result1;
};

static void race_on_vcpu1(void *arg)
{
    struct race *r = arg;

    while (__atomic_load_n(&r->go, __ATOMIC_ACQUIRE) == 0) {
    }
    r->result1 = r->op(r->arg1);
}

static bool race(struct test_context *t, int64_t (*op)(uint32_t), uint32_t arg0, uint32_t arg1,
                 int64_t *result0, int64_t *result1)
{
    struct race r = { .go = 0, .op = op, .arg1 = arg1, .result1 = 1 };

    if (!expect(t, worker_cpu_post(1, race_on_vcpu1, &r), "vCPU 1 is not ready")) {
        return false;
    }
    clock_spin(200000) /* 200 us */;
    __atomic_store_n(&r.go, 1, __ATOMIC_RELEASE);
    *result0 = op(arg0);
    if (!expect(t, worker_cpu_wait(1, 2000), "vCPU 1 did not finish within 2 s")) {
        return false;
    }
    *result1 = r.result1;
    return true;
}

static uint32_t race_ports[2][32];

static int64_t open_many(uint32_t vcpu_slot)
{
    for (unsigned int i = 0; i < 32; i++) {
        if (evtchn_bind_ipi(0, &race_ports[vcpu_slot][i]) != 0) {
            race_ports[vcpu_slot][i] = 0;
        }
    }
    return 0;
}

static void concurrent_open(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;
    int64_t r0, r1;

    if (!two_vcpus(t, &vcpu0, &vcpu1)) {
        return;
    }
    memset(race_ports, 0, sizeof(race_ports));
    if (!race(t, open_many, 0, 1, &r0, &r1)) {
        return;
    }
    for (unsigned int a = 0; a < 64; a++) {
        uint32_t port = race_ports[a / 32][a % 32];
        unsigned int same = 0;

        if (!expect(t, port != 0, "an EVTCHNOP_bind_ipi of the two vCPUs failed")) {
            break;
        }
        for (unsigned int b = a + 1; b < 64; b++) {
            same += port == race_ports[b / 32][b % 32];
        }
        if (!expect(t, same == 0, "port %u was given to %u commands", (unsigned)port,
                    same + 1)) {
            break;
        }
    }
    evtchn_close_range(1, 127);
}

static int64_t bind_to_self(uint32_t port)
{
    uint32_t local;

    return evtchn_bind_interdomain(HVABI_DOMID_SELF, port, &local);
}

static int64_t close_port(uint32_t port)
{
    return evtchn_close(port);
}

static int64_t reset_self(uint32_t unused)
{
    (void)unused;
    return evtchn_reset(HVABI_DOMID_SELF);
}

/* Exactly one of a pair of results is 0 and the other -EINVAL. */
static bool one_wins(struct test_context *t, const char *what, unsigned int round, int64_t r0,
                     int64_t r1)
{
    return expect(t, (r0 == 0 && r1 == -HVABI_EINVAL) || (r0 == -HVABI_EINVAL && r1 == 0),
                  "%s, round %u: expected 0 on one vCPU and -EINVAL on the other, got %lld and "
                  "%lld", what, round, (long long)r0, (long long)r1);
}

static void bind_interdomain_race(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;

    if (!two_vcpus(t, &vcpu0, &vcpu1)) {
        return;
    }
    for (unsigned int round = 0; round < 20; round++) {
        uint32_t unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port to bind to");
        int64_t r0, r1;

        if (unbound == 0 || !race(t, bind_to_self, unbound, unbound, &r0, &r1) ||
            !one_wins(t, "two EVTCHNOP_bind_interdomain to one port", round, r0, r1)) {
            break;
        }
        evtchn_expect_state(t, unbound, HVABI_EVTCHNSTAT_INTERDOMAIN, NULL);
        expect(t, evtchn_open_ports_low() == ((1ULL << unbound) | (1ULL << (unbound + 1))),
               "round %u: expected ports %u and %u open only, got 0x%llx", round,
               (unsigned)unbound, (unsigned)(unbound + 1),
               (unsigned long long)evtchn_open_ports_low());
        evtchn_close_range(1, 63);
    }
    evtchn_close_range(1, 63);
    evtchn_clear_upcall(vcpu0);
}

static void close_race(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;

    if (!two_vcpus(t, &vcpu0, &vcpu1)) {
        return;
    }
    for (unsigned int round = 0; round < 20; round++) {
        uint32_t port = evtchn_open_ipi(t, 0, "the port to close");
        int64_t r0, r1;

        if (port == 0 || !race(t, close_port, port, port, &r0, &r1) ||
            !one_wins(t, "two EVTCHNOP_close of one port", round, r0, r1)) {
            break;
        }
        evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_CLOSED, NULL);
    }
    evtchn_close_range(1, 63);
}

static void reset_concurrent(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu0, *vcpu1;

    if (!two_vcpus(t, &vcpu0, &vcpu1)) {
        return;
    }
    for (unsigned int round = 0; round < 5; round++) {
        int64_t r0, r1;

        for (unsigned int i = 0; i < 40; i++) {
            uint32_t port;

            evtchn_bind_ipi(0, &port);
        }
        if (!race(t, reset_self, 0, 0, &r0, &r1)) {
            break;
        }
        expect(t, (r0 == 0 || r0 == -HVABI_EBUSY) && (r1 == 0 || r1 == -HVABI_EBUSY) &&
               (r0 == 0 || r1 == 0), "round %u: two EVTCHNOP_reset at once returned %lld and "
               "%lld; expected 0 or -EBUSY each, and at least one 0", round, (long long)r0,
               (long long)r1);
        expect(t, evtchn_open_ports_low() == 0, "round %u: after the resets, ports are open: "
               "0x%llx", round, (unsigned long long)evtchn_open_ports_low());
    }
    evtchn_close_range(1, 63);
    evtchn_clear_upcall(vcpu0);
}

/*
 * Moving the page to another frame changes none of its bytes.  The page
 * holds events, masks and vCPU 0's flags when it moves.
 */
static void mapping_keeps_content(struct test_context *t)
{
    static uint8_t before[4096];
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu0 = evtchn_vcpu_info(t, 0);
    const volatile uint8_t *bytes;
    uint32_t low, high;

    if (shared == NULL || vcpu0 == NULL) {
        return;
    }
    if (evtchn_vcpu_info_registered(0)) {
        expect(t, false, "test order: vCPU 0 registered its vcpu_info elsewhere before this test");
        return;
    }
    low = evtchn_open_ipi(t, 0, "a port in word 0");
    high = evtchn_open_ipi_from(t, 0, 130);
    if (low == 0 || high == 0) {
        evtchn_close_range(1, 200);
        return;
    }
    evtchn_set_bit(shared->evtchn_mask, high);
    evtchn_send(low);
    evtchn_send(high);
    bytes = (const volatile uint8_t *)shared;
    for (unsigned int i = 0; i < sizeof(before); i++) {
        before[i] = bytes[i];
    }
    shared = shared_info_move(t);
    if (shared == NULL) {
        return;
    }
    test_note(t, "the page moved to frame 0x%llx", (unsigned long long)shared_info_frame());
    bytes = (const volatile uint8_t *)shared;
    for (unsigned int i = 0; i < sizeof(before); i++) {
        if (!expect(t, bytes[i] == before[i], "byte %u of the page: 0x%02x before the move, "
                    "0x%02x after", i, (unsigned)before[i], (unsigned)bytes[i])) {
            break;
        }
    }
    evtchn_close(low);
    evtchn_close(high);
    evtchn_clear_bit(shared->evtchn_mask, high);
    evtchn_clear_upcall(&shared->vcpu_info[0]);
}

/*
 * Once vCPU 0 has registered a vcpu_info elsewhere, events for it change
 * the new one and leave vcpu_info[0] of the page alone.  The last test of
 * the scenario: vCPU 0 cannot go back.
 */
static void vcpu0_after_register(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *moved = &vcpu0_moved_info;
    volatile struct hvabi_vcpu_info *old;
    uint8_t before[sizeof(struct hvabi_vcpu_info)];
    const volatile uint8_t *bytes;
    uint32_t low, high;
    int64_t rc;

    if (shared == NULL) {
        return;
    }
    if (evtchn_vcpu_info_registered(0)) {
        expect(t, false, "test order: vCPU 0 registered its vcpu_info before this test");
        return;
    }
    old = &shared->vcpu_info[0];
    memset(&vcpu0_moved_info, 0, sizeof(vcpu0_moved_info));
    rc = evtchn_register_vcpu_info(0, moved);
    if (!expect(t, rc == 0, "VCPUOP_register_vcpu_info(vCPU 0): expected 0, got %lld",
                (long long)rc)) {
        return;
    }
    /* A guest may clear these two fields of the old place. */
    evtchn_clear_upcall(old);
    evtchn_clear_upcall(moved);
    bytes = (const volatile uint8_t *)old;
    for (unsigned int i = 0; i < sizeof(before); i++) {
        before[i] = bytes[i];
    }
    low = evtchn_open_ipi(t, 0, "a port in word 0");
    high = evtchn_open_ipi_from(t, 0, 70);
    if (low != 0 && high != 0) {
        evtchn_send(low);
        evtchn_send(high);
        expect(t, selector_bit(moved, low) && selector_bit(moved, high) &&
               moved->evtchn_upcall_pending == 1, "the events for vCPU 0 did not reach its "
               "new vcpu_info: selector 0x%llx, flag %u",
               (unsigned long long)moved->evtchn_pending_sel,
               (unsigned)moved->evtchn_upcall_pending);
        for (unsigned int i = 0; i < sizeof(before); i++) {
            if (!expect(t, bytes[i] == before[i], "byte %u of vcpu_info[0] in the shared info "
                        "page changed from 0x%02x to 0x%02x after vCPU 0 moved its vcpu_info", i,
                        (unsigned)before[i], (unsigned)bytes[i])) {
                break;
            }
        }
    }
    evtchn_close_range(1, 127);
    evtchn_clear_upcall(moved);
}

const struct conformance_test event_channel_smp_tests[] = {
    {
        .name = "evtchn_smp_initial_state",
        .verifies = "hvabi~evtchn-port-initial~1 hvabi~shared-info-initial~1",
        .run = initial_state,
    },
    {
        .name = "evtchn_smp_virq_per_vcpu",
        .verifies = "hvabi~evtchn-virq-classes~1 hvabi~evtchn-bind-virq~1 "
                    "hvabi~evtchn-bind-virq-exists~1 hvabi~evtchn-bind-vcpu~1 "
                    "hvabi~evtchn-bind-vcpu-invalid~1 hvabi~evtchn-bind-ipi~1",
        .run = virq_per_vcpu,
    },
    {
        .name = "evtchn_smp_deliver_no_vcpu_info",
        .verifies = "hvabi~evtchn-deliver-no-vcpu-info~1",
        .run = deliver_no_vcpu_info,
    },
    {
        .name = "evtchn_smp_deliver_after_register",
        .verifies = "hvabi~evtchn-deliver-after-register~1",
        .run = deliver_after_register,
    },
    {
        .name = "evtchn_smp_bind_vcpu_moves_delivery",
        .verifies = "hvabi~evtchn-bind-vcpu~1 hvabi~evtchn-bind-vcpu-after~1 "
                    "hvabi~evtchn-bind-vcpu-pending~1",
        .run = bind_vcpu_moves_delivery,
    },
    {
        .name = "evtchn_smp_ipi_to_vcpu1",
        .verifies = "hvabi~evtchn-send-ipi~1 hvabi~evtchn-bind-ipi~1",
        .run = ipi_to_vcpu1,
    },
    {
        .name = "evtchn_smp_close_notifies_vcpu0",
        .verifies = "hvabi~evtchn-close-notify~1 hvabi~evtchn-open-notify-default~1",
        .run = close_notifies_vcpu0,
    },
    {
        .name = "evtchn_smp_bind_interdomain_keeps_vcpu",
        .verifies = "hvabi~evtchn-bind-interdomain-remote-vcpu~1 "
                    "hvabi~evtchn-open-notify-default~1",
        .run = bind_interdomain_keeps_vcpu,
    },
    {
        .name = "evtchn_smp_unmask_from_other_vcpu",
        .verifies = "hvabi~evtchn-unmask-2l~1",
        .run = unmask_from_other_vcpu,
    },
    {
        .name = "evtchn_smp_irq_wakes_wfi",
        .verifies = "hvabi~evtchn-irq-wfi~1",
        .run = irq_wakes_wfi,
    },
    {
        .name = "evtchn_smp_concurrent_open",
        .verifies = "hvabi~evtchn-concurrent-open~1",
        .run = concurrent_open,
    },
    {
        .name = "evtchn_smp_bind_interdomain_race",
        .verifies = "hvabi~evtchn-bind-interdomain-race~1",
        .run = bind_interdomain_race,
    },
    {
        .name = "evtchn_smp_close_race",
        .verifies = "hvabi~evtchn-close-race~1",
        .run = close_race,
    },
    {
        .name = "evtchn_smp_reset_concurrent",
        .verifies = "hvabi~evtchn-reset-concurrent~1",
        .run = reset_concurrent,
    },
    {
        .name = "shared_info_mapping_keeps_content",
        .verifies = "hvabi~shared-info-mapping-keeps-content~1",
        .run = mapping_keeps_content,
    },
    {
        .name = "shared_info_vcpu0_after_register",
        .verifies = "hvabi~shared-info-vcpu0-after~1",
        .run = vcpu0_after_register,
    },
    { .name = NULL },
};
