/*
 * event_irq.c - the event interrupt of vCPU 0 (see event_irq.h).
 */
#include <stddef.h>

#include "guest/interrupts.h"
#include "support/clock.h"
#include "support/event_irq.h"
#include "support/evtchn.h"

static bool gic_ready;
static uint32_t event_intid;
static volatile struct hvabi_vcpu_info *handler_vcpu_info;
static volatile uint32_t taken;
static volatile uint8_t last_flag;
static volatile uint32_t other_intid;
static event_irq_hook hook;
static void *hook_context;

static void event_handler(uint32_t intid, void *context)
{
    volatile struct hvabi_vcpu_info *vcpu_info = handler_vcpu_info;

    (void)intid;
    (void)context;
    if (vcpu_info != NULL) {
        last_flag = __atomic_load_n(&vcpu_info->evtchn_upcall_pending, __ATOMIC_ACQUIRE);
        __atomic_store_n(&vcpu_info->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
    }
    taken = taken + 1;
    if (hook != NULL) {
        hook(hook_context);
    }
}

static void other_handler(uint32_t intid, void *context)
{
    (void)context;
    other_intid = intid;
}

bool event_irq_setup(struct test_context *t)
{
    event_intid = t->platform->event_intid;
    if (!expect(t, event_intid >= 16 && event_intid < 32,
                "/hypervisor \"interrupts\": expected one PPI, the guest library found none")) {
        return false;
    }
    /* Read through the tracking of evtchn.h: vCPU 0 may have moved it. */
    handler_vcpu_info = evtchn_vcpu_info(t, 0);
    if (handler_vcpu_info == NULL) {
        return false;
    }
    if (!gic_ready) {
        if (!expect(t, interrupts_init(t->platform) == 0,
                    "setting up this vCPU's GICv3 from the device tree failed")) {
            return false;
        }
        gic_ready = true;
    }
    interrupts_mask();
    return expect(t, interrupts_attach(event_intid, event_handler, NULL) == 0,
                  "attaching a handler to INTID %u failed", (unsigned)event_intid);
}

void event_irq_enable(bool enable)
{
    if (enable) {
        interrupts_attach(event_intid, event_handler, NULL);
    } else {
        interrupts_detach(event_intid);
    }
}

uint32_t event_irq_window(uint32_t ms, bool until_first)
{
    uint32_t before = taken;
    uint64_t deadline = clock_deadline((uint64_t)ms * CLOCK_MS);

    interrupts_unmask();
    while (!clock_passed(deadline) && !(until_first && taken != before)) {
    }
    interrupts_mask();
    return taken - before;
}

void event_irq_drain(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu_info = evtchn_vcpu_info(t, 0);

    event_irq_window(2, false);
    if (vcpu_info != NULL) {
        evtchn_clear_upcall(vcpu_info);
    }
    event_irq_window(1, false);
}

uint8_t event_irq_last_flag(void)
{
    return last_flag;
}

uint32_t event_irq_other_intid(void)
{
    return other_intid;
}

void event_irq_watch_all(bool watch)
{
    other_intid = 0;
    for (uint32_t intid = 0; intid < INTERRUPTS_PRIVATE; intid++) {
        if (intid == event_intid) {
            continue;
        }
        if (watch) {
            interrupts_attach(intid, other_handler, NULL);
        } else {
            interrupts_detach(intid);
        }
    }
}

void event_irq_set_hook(event_irq_hook new_hook, void *context)
{
    hook_context = context;
    hook = new_hook;
}
