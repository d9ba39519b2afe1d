/*
 * vcpu_op_vcpu_info.c - VCPUOP_register_vcpu_info, and the runstate of a
 * vCPU that is off.
 *
 * Specification: spec/chapters/vcpu_op.rst.  A vcpu_info is placed once
 * for the life of the domain, so these tests run in the scenario "vcpus"
 * (two vCPUs), in this order: the errors first, then vCPU 1's placement
 * while it is off, then vCPU 0's own, then the checks that a placed
 * vcpu_info stays where it is.  Events are raised on IPI ports of the
 * domain (EVTCHNOP_bind_ipi, EVTCHNOP_send).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/interrupts.h"
#include "support/clock.h"
#include "support/event_call.h"
#include "support/guest_memory.h"
#include "support/psci_call.h"
#include "support/secondary_cpu.h"
#include "support/shared_info.h"
#include "tests/addresses.h"
#include "tests/vcpu_op_call.h"

#include <hvabi/errno.h>
#include <hvabi/psci.h>
#include <hvabi/shared_info.h>

#define PAGE 4096
#define FILL 0xa5
#define SECOND 1
#define TIMEOUT (5 * CLOCK_S) /* generous: TCG on a loaded host is slow */
#define OFFSET_VCPU0 64   /* where vCPU 0's vcpu_info goes in its page */
#define OFFSET_VCPU1 4048 /* the last place in a page */

static uint8_t page_vcpu0[PAGE] __attribute__((aligned(PAGE)));
static uint8_t page_vcpu1[PAGE] __attribute__((aligned(PAGE)));
static uint8_t page_refused[PAGE] __attribute__((aligned(PAGE)));

static int64_t register_vcpu_info(uint64_t vcpu, uint64_t gfn, uint32_t offset, uint32_t rsvd)
{
    struct hvabi_vcpu_register_vcpu_info arg = { .gfn = gfn, .offset = offset, .rsvd = rsvd };

    return vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, vcpu, (uint64_t)(uintptr_t)&arg);
}

static uint64_t gfn_of(const void *page)
{
    return (uint64_t)(uintptr_t)page / PAGE;
}

static volatile struct hvabi_vcpu_info *info_at(uint8_t *page, uint32_t offset)
{
    return (volatile struct hvabi_vcpu_info *)(page + offset);
}

static bool all_bytes(const volatile uint8_t *bytes, size_t from, size_t to, uint8_t value)
{
    for (size_t i = from; i < to; i++) {
        if (bytes[i] != value) {
            return false;
        }
    }
    return true;
}

static void vcpuid(struct test_context *t)
{
    uint32_t count = secondary_cpu_count(t->platform->fdt);
    const uint64_t ids[] = { count, count + 1, 0xffff, 0xffffffff };

    for (unsigned int i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        int64_t rc = register_vcpu_info(ids[i], gfn_of(page_refused), 0, 0);

        expect(t, rc == -HVABI_ENOENT,
               "VCPUOP_register_vcpu_info for vCPU %llu of %u: expected -ENOENT (-2), got %lld",
               (unsigned long long)ids[i], (unsigned)count, (long long)rc);
    }
}

static void offset(struct test_context *t)
{
    static const uint32_t offsets[] = { 1, 4, 4049, 4052, 4056, 4088, 4096, 0x10000, 0xfffffff8 };

    for (uint32_t vcpu = 0; vcpu <= SECOND; vcpu++) {
        for (unsigned int i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
            int64_t rc = register_vcpu_info(vcpu, gfn_of(page_refused), offsets[i], 0);

            expect(t, rc == -HVABI_ENXIO,
                   "vCPU %u, offset %u: expected -ENXIO (-6), got %lld", (unsigned)vcpu,
                   (unsigned)offsets[i], (long long)rc);
        }
    }
}

static void fault(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    for (uint32_t vcpu = 0; vcpu <= SECOND; vcpu++) {
        if (unbacked != 0) {
            expect_result(t, "argument at a guest address with no memory",
                          vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, vcpu, unbacked), -HVABI_EFAULT);
        }
        expect_result(t, "argument at an unmapped virtual address",
                      vcpu_op(HVABI_VCPUOP_REGISTER_VCPU_INFO, vcpu, unmapped_virtual_address()),
                      -HVABI_EFAULT);
    }
}

static void frame(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t device = guest_memory_device_address(t->platform->fdt);

    for (uint32_t vcpu = 0; vcpu <= SECOND; vcpu++) {
        if (unbacked != 0) {
            expect_result(t, "a frame with no memory",
                          register_vcpu_info(vcpu, unbacked / PAGE, 0, 0), -HVABI_EINVAL);
        }
        if (device != 0) {
            expect_result(t, "the frame of the GIC distributor",
                          register_vcpu_info(vcpu, device / PAGE, 0, 0), -HVABI_EINVAL);
        }
        expect_result(t, "frame 2^52 - 1", register_vcpu_info(vcpu, (1ULL << 52) - 1, 0, 0),
                      -HVABI_EINVAL);
    }
}

struct spinner {
    uint32_t release;
    uint32_t running;
};

static struct spinner spinner;

static void spin(struct secondary_cpu *cpu, void *argument)
{
    struct spinner *s = argument;

    (void)cpu;
    __atomic_store_n(&s->running, 1, __ATOMIC_RELEASE);
    while (__atomic_load_n(&s->release, __ATOMIC_ACQUIRE) == 0) {
    }
}

static bool start_spinner(struct test_context *t)
{
    uint64_t deadline = clock_deadline(TIMEOUT);
    int32_t rc;

    spinner = (struct spinner){ 0 };
    rc = secondary_cpu_start(SECOND, spin, &spinner);
    if (!expect(t, rc == HVABI_PSCI_SUCCESS, "CPU_ON of vCPU 1: expected 0, got %d", (int)rc)) {
        return false;
    }
    while (__atomic_load_n(&spinner.running, __ATOMIC_ACQUIRE) == 0) {
        if (clock_passed(deadline)) {
            return expect(t, false, "vCPU 1 did not run within 5 s of CPU_ON");
        }
    }
    return true;
}

static void stop_spinner(struct test_context *t)
{
    __atomic_store_n(&spinner.release, 1, __ATOMIC_RELEASE);
    expect(t, secondary_cpu_wait_off(SECOND, TIMEOUT), "vCPU 1 was not off within 5 s");
}

static void online(struct test_context *t)
{
    if (!start_spinner(t)) {
        return;
    }
    memset(page_vcpu1, FILL, sizeof(page_vcpu1));
    expect_result(t, "placing the vcpu_info of vCPU 1 while it runs",
                  register_vcpu_info(SECOND, gfn_of(page_vcpu1), OFFSET_VCPU1, 0), -HVABI_EINVAL);
    expect(t, all_bytes(page_vcpu1, 0, PAGE, FILL), "the refused page was written");
    stop_spinner(t);
}

/* Raises an event for `vcpu` on a new IPI port; returns the port or -1. */
static int64_t raise_event(struct test_context *t, uint32_t vcpu)
{
    int64_t port = event_bind_ipi(vcpu);

    if (!expect(t, port > 0, "EVTCHNOP_bind_ipi for vCPU %u: expected a port, got %lld",
                (unsigned)vcpu, (long long)port)) {
        return -1;
    }
    expect_result(t, "EVTCHNOP_send on the IPI port", event_send((uint32_t)port), 0);
    return port;
}

/* The selector bit and upcall flag an event on `port` sets. */
static void expect_signalled(struct test_context *t, const char *where,
                             volatile struct hvabi_vcpu_info *info, int64_t port)
{
    uint64_t bit = 1ULL << ((uint64_t)port / 64);

    expect(t, (info->evtchn_pending_sel & bit) != 0 && info->evtchn_upcall_pending == 1,
           "%s: after an event on port %lld expected selector bit %llu and the upcall flag, "
           "found selector 0x%llx, flag %u", where, (long long)port,
           (unsigned long long)((uint64_t)port / 64),
           (unsigned long long)info->evtchn_pending_sel, (unsigned)info->evtchn_upcall_pending);
}

/* vCPU 1 is off: its vcpu_info can be placed; it had none, so it starts
 * from zeros plus the upcall bits.  Then events for vCPU 1 go there. */
static void offline_vcpu(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *info = info_at(page_vcpu1, OFFSET_VCPU1);
    const volatile uint8_t *bytes = (const volatile uint8_t *)info;
    int64_t port;

    memset(page_vcpu1, FILL, sizeof(page_vcpu1));
    /* rsvd is ignored, whatever it holds */
    if (!expect_result(t, "placing the vcpu_info of vCPU 1 (off) at offset 4048, rsvd 0xdeadbeef",
                       register_vcpu_info(SECOND, gfn_of(page_vcpu1), OFFSET_VCPU1, 0xdeadbeef), 0)) {
        return;
    }
    expect(t, info->evtchn_upcall_pending == 1, "upcall flag: expected 1, found %u",
           (unsigned)info->evtchn_upcall_pending);
    expect(t, info->evtchn_pending_sel == UINT64_MAX, "selector: expected all bits set, found 0x%llx",
           (unsigned long long)info->evtchn_pending_sel);
    expect(t, all_bytes(bytes, 1, 8, 0) && all_bytes(bytes, 16, 48, 0),
           "bytes 1-7 and 16-47 of the new vcpu_info: expected 0 (vCPU 1 had no vcpu_info)");
    expect(t, all_bytes(page_vcpu1, 0, OFFSET_VCPU1, FILL),
           "the page was written before the vcpu_info's offset");

    /* In use: an event for vCPU 1, once it has started, marks it there. */
    info->evtchn_upcall_pending = 0;
    info->evtchn_pending_sel = 0;
    if (!start_spinner(t)) {
        return;
    }
    port = raise_event(t, SECOND);
    if (port > 0) {
        expect_signalled(t, "vCPU 1's vcpu_info", info, port);
        event_close((uint32_t)port);
    }
    stop_spinner(t);
}

struct upcalls {
    volatile struct hvabi_vcpu_info *info;
    uint32_t taken;
};

static struct upcalls upcalls;

static void event_interrupt(uint32_t intid, void *context)
{
    struct upcalls *u = context;

    (void)intid;
    if (u->info != NULL) {
        u->info->evtchn_upcall_pending = 0;
    }
    u->taken++;
}

/* Takes any pending interrupt; returns how many event interrupts came. */
static uint32_t take_interrupts(void)
{
    uint32_t before = upcalls.taken;

    interrupts_unmask();
    __asm__ volatile("isb" ::: "memory");
    interrupts_mask();
    return upcalls.taken - before;
}

static void self(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *info = info_at(page_vcpu0, OFFSET_VCPU0);
    const volatile uint8_t *bytes = (const volatile uint8_t *)info;
    uint32_t intid = t->platform->event_intid;
    uint8_t old[sizeof(struct hvabi_vcpu_info)];

    if (shared == NULL || !expect(t, intid != 0, "the device tree names no event interrupt") ||
        !expect(t, interrupts_init(t->platform) == 0, "no usable GIC")) {
        return;
    }
    upcalls = (struct upcalls){ .info = NULL, .taken = 0 };
    interrupts_attach(intid, event_interrupt, &upcalls);
    take_interrupts(); /* whatever was pending before */
    memcpy(old, (const void *)&shared->vcpu_info[0], sizeof(old));
    memset(page_vcpu0, FILL, sizeof(page_vcpu0));

    if (!expect_result(t, "placing vCPU 0's own vcpu_info at offset 64, rsvd 0x12345678",
                       register_vcpu_info(0, gfn_of(page_vcpu0), OFFSET_VCPU0, 0x12345678), 0)) {
        return;
    }
    expect(t, info->evtchn_upcall_pending == 1, "upcall flag: expected 1, found %u",
           (unsigned)info->evtchn_upcall_pending);
    expect(t, info->evtchn_pending_sel == UINT64_MAX, "selector: expected all bits set, found 0x%llx",
           (unsigned long long)info->evtchn_pending_sel);
    for (unsigned int i = 1; i < sizeof(old); i++) {
        if (i < 8 || i >= 16) {
            expect(t, bytes[i] == old[i], "byte %u: expected 0x%02x as in vcpu_info[0] of the shared "
                   "info page, found 0x%02x", i, old[i], bytes[i]);
        }
    }
    expect(t, all_bytes(page_vcpu0, 0, OFFSET_VCPU0, FILL) &&
           all_bytes(page_vcpu0, OFFSET_VCPU0 + sizeof(old), PAGE, FILL),
           "the page was written outside the 48 bytes of the vcpu_info");
    /* The interrupt is enabled and IRQs are masked: it waits to be taken. */
    upcalls.info = info;
    expect(t, take_interrupts() >= 1,
           "no event interrupt (INTID %u) was taken after the registration", (unsigned)intid);
}

static void moved(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *info = info_at(page_vcpu0, OFFSET_VCPU0);
    uint8_t old[sizeof(struct hvabi_vcpu_info)];
    int64_t port;

    if (shared == NULL) {
        return;
    }
    /* A guest may clear these two fields of its vcpu_info. */
    shared->vcpu_info[0].evtchn_upcall_pending = 0;
    shared->vcpu_info[0].evtchn_pending_sel = 0;
    memcpy(old, (const void *)&shared->vcpu_info[0], sizeof(old));
    info->evtchn_upcall_pending = 0;
    info->evtchn_pending_sel = 0;
    take_interrupts();
    upcalls.info = NULL; /* keep the flag as the event sets it */

    port = raise_event(t, 0);
    if (port <= 0) {
        return;
    }
    expect_signalled(t, "vCPU 0's placed vcpu_info", info, port);
    expect(t, memcmp(old, (const void *)&shared->vcpu_info[0], sizeof(old)) == 0,
           "vcpu_info[0] of the shared info page changed after vCPU 0 placed its vcpu_info "
           "elsewhere (upcall flag %u, selector 0x%llx)",
           (unsigned)shared->vcpu_info[0].evtchn_upcall_pending,
           (unsigned long long)shared->vcpu_info[0].evtchn_pending_sel);
    expect(t, take_interrupts() >= 1, "no event interrupt for the event");
    event_close((uint32_t)port);
}

static void once(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *info = info_at(page_vcpu0, OFFSET_VCPU0);
    int64_t port;

    memset(page_refused, FILL, sizeof(page_refused));
    expect_result(t, "placing vCPU 0's vcpu_info a second time",
                  register_vcpu_info(0, gfn_of(page_refused), 0, 0), -HVABI_EINVAL);
    expect_result(t, "placing vCPU 1's vcpu_info a second time",
                  register_vcpu_info(SECOND, gfn_of(page_refused), 0, 0), -HVABI_EINVAL);
    expect(t, all_bytes(page_refused, 0, PAGE, FILL), "the refused page was written");

    info->evtchn_upcall_pending = 0;
    info->evtchn_pending_sel = 0;
    take_interrupts();
    port = raise_event(t, 0);
    if (port > 0) {
        expect_signalled(t, "vCPU 0's first vcpu_info", info, port);
        expect(t, all_bytes(page_refused, 0, PAGE, FILL), "the event was recorded in the refused page");
        event_close((uint32_t)port);
    }
    take_interrupts();
}

static void order_after_placement(struct test_context *t)
{
    expect_result(t, "a placed vCPU with a misaligned offset (-ENXIO comes before -EINVAL)",
                  register_vcpu_info(0, gfn_of(page_refused), 4, 0), -HVABI_ENXIO);
}

/*
 * A runstate area for vCPU 1 while it is off: written at once with the
 * state offline; when vCPU 1 runs, it finds the state running there, and
 * the time it was off counted as offline.
 */
static struct hvabi_vcpu_runstate_info area_vcpu1 __attribute__((aligned(64)));
static struct hvabi_vcpu_runstate_info seen_by_vcpu1;

static void read_own_runstate(struct secondary_cpu *cpu, void *argument)
{
    volatile struct hvabi_vcpu_runstate_info *area = argument;

    (void)cpu;
    seen_by_vcpu1.state = area->state;
    seen_by_vcpu1.state_entry_time = area->state_entry_time;
    for (unsigned int s = 0; s < 4; s++) {
        seen_by_vcpu1.time[s] = area->time[s];
    }
}

static void runstate_offline_vcpu(struct test_context *t)
{
    struct hvabi_vcpu_runstate_info at_registration;
    int32_t rc;

    memset(&area_vcpu1, FILL, sizeof(area_vcpu1));
    if (!expect_result(t, "registering a runstate area for vCPU 1 (off)",
                       vcpu_op_register_runstate(SECOND, (uint64_t)(uintptr_t)&area_vcpu1), 0)) {
        return;
    }
    at_registration = area_vcpu1;
    expect(t, at_registration.state == HVABI_RUNSTATE_OFFLINE,
           "vCPU 1 is off: expected state offline (3) at registration, found %d",
           (int)at_registration.state);
    clock_spin(CLOCK_MS); /* let some time pass while vCPU 1 is off */
    memset(&seen_by_vcpu1, 0, sizeof(seen_by_vcpu1));
    rc = secondary_cpu_start(SECOND, read_own_runstate, &area_vcpu1);
    if (expect(t, rc == HVABI_PSCI_SUCCESS, "CPU_ON of vCPU 1: got %d", (int)rc) &&
        expect(t, secondary_cpu_wait_finished(SECOND, TIMEOUT), "vCPU 1 did not run") &&
        expect(t, secondary_cpu_wait_off(SECOND, TIMEOUT), "vCPU 1 was not off again")) {
        expect(t, seen_by_vcpu1.state == HVABI_RUNSTATE_RUNNING,
               "vCPU 1 found state %d in its area: expected running (0)", (int)seen_by_vcpu1.state);
        expect(t, seen_by_vcpu1.time[HVABI_RUNSTATE_OFFLINE] >
                      at_registration.time[HVABI_RUNSTATE_OFFLINE],
               "time offline did not grow while vCPU 1 was off (%llu ns, then %llu ns)",
               (unsigned long long)at_registration.time[HVABI_RUNSTATE_OFFLINE],
               (unsigned long long)seen_by_vcpu1.time[HVABI_RUNSTATE_OFFLINE]);
    }
    expect_result(t, "ending vCPU 1's registration", vcpu_op_register_runstate(SECOND, 0), 0);
}

const struct conformance_test vcpu_op_vcpus_tests[] = {
    { .name = "vcpu_op_runstate_offline_vcpu",
      .verifies = "hvabi~vcpu-op-runstate-register~1 hvabi~vcpu-op-runstate-states~1 "
                  "hvabi~vcpu-op-runstate-update~1",
      .run = runstate_offline_vcpu },
    { .name = "vcpu_op_vcpu_info_vcpuid", .verifies = "hvabi~vcpu-op-vcpuid~1", .run = vcpuid },
    { .name = "vcpu_op_vcpu_info_offset", .verifies = "hvabi~vcpu-op-vcpu-info-offset~1",
      .run = offset },
    { .name = "vcpu_op_vcpu_info_fault", .verifies = "hvabi~vcpu-op-vcpu-info-fault~1",
      .run = fault },
    { .name = "vcpu_op_vcpu_info_frame", .verifies = "hvabi~vcpu-op-vcpu-info-frame~1",
      .run = frame },
    { .name = "vcpu_op_vcpu_info_online", .verifies = "hvabi~vcpu-op-vcpu-info-online~1",
      .run = online },
    { .name = "vcpu_op_vcpu_info_offline_vcpu",
      .verifies = "hvabi~vcpu-op-vcpu-info~1 hvabi~vcpu-op-vcpu-info-contents~1 "
                  "hvabi~vcpu-op-vcpu-info-reserved~1",
      .run = offline_vcpu },
    { .name = "vcpu_op_vcpu_info_self",
      .verifies = "hvabi~vcpu-op-vcpu-info-contents~1 hvabi~vcpu-op-vcpu-info-upcall~1 "
                  "hvabi~vcpu-op-vcpu-info-reserved~1",
      .run = self },
    { .name = "vcpu_op_vcpu_info_moved",
      .verifies = "hvabi~vcpu-op-vcpu-info~1 hvabi~vcpu-op-vcpu-info-old~1",
      .run = moved },
    { .name = "vcpu_op_vcpu_info_once", .verifies = "hvabi~vcpu-op-vcpu-info-once~1",
      .run = once },
    { .name = "vcpu_op_vcpu_info_order", .verifies = "hvabi~vcpu-op-order~1",
      .run = order_after_placement },
    { .name = NULL },
};
