/*
 * hypervisor_node_timer.c - the virtual timer's interrupt is the PPI that
 * the timer node names.
 *
 * Specification: spec/chapters/hypervisor_node.rst,
 * hvabi~hypervisor-node-virtual-timer~1.  The virtual timer's output is a
 * level: while it is asserted (CNTV_CTL_EL0 ENABLE = 1, IMASK = 0,
 * ISTATUS = 1) the PPI must stay pending.  The handler therefore leaves the
 * timer asserted twice and ends the interrupt; a level-triggered PPI comes
 * back each time.  The third time the handler masks the timer.
 *
 * A hypervisor may set IMASK itself when it delivers the interrupt (Xen
 * does, and clears it again on the guest's next entry); the handler then
 * writes CNTV_CTL_EL0 with IMASK = 0, which asserts the timer again as far
 * as the guest can tell, and the requirement applies again.
 */
#include <libfdt.h>
#include <stdint.h>

#include "framework/suite.h"
#include "guest/interrupts.h"
#include "support/device_tree.h"

#define CNTV_CTL_ENABLE  (1ULL << 0)
#define CNTV_CTL_IMASK   (1ULL << 1)
#define CNTV_CTL_ISTATUS (1ULL << 2)

/* Deliveries the test waits for: the first, and two while the level stays. */
#define DELIVERIES 3

struct timer_state {
    volatile unsigned int deliveries;
    volatile uint64_t ctl_seen[DELIVERIES];
};

static uint64_t read_cntvct(void)
{
    uint64_t value;

    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(value));
    return value;
}

static uint64_t read_cntfrq(void)
{
    uint64_t value;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(value));
    return value;
}

static uint64_t read_cntv_ctl(void)
{
    uint64_t value;

    __asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(value));
    return value;
}

static void write_cntv_ctl(uint64_t value)
{
    __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(value));
}

static void write_cntv_tval(uint64_t value)
{
    __asm__ volatile("msr cntv_tval_el0, %0\n\tisb" : : "r"(value));
}

static void on_timer(uint32_t intid, void *context)
{
    struct timer_state *state = context;
    uint64_t ctl = read_cntv_ctl();

    (void)intid;
    if (state->deliveries < DELIVERIES) {
        state->ctl_seen[state->deliveries] = ctl;
        state->deliveries++;
    }
    if (state->deliveries == DELIVERIES) {
        write_cntv_ctl(CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
    } else if ((ctl & CNTV_CTL_IMASK) != 0) {
        write_cntv_ctl(CNTV_CTL_ENABLE);
    }
}

/* The INTID of the third specifier of the timer node; 0 after a failure. */
static uint32_t virtual_timer_intid(struct test_context *t)
{
    const void *fdt = t->platform->fdt;
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
    const fdt32_t *cells;
    int length;

    if (!expect(t, node >= 0, "no node compatible with \"arm,armv8-timer\"")) {
        return 0;
    }
    cells = fdt_getprop(fdt, node, "interrupts", &length);
    if (!expect(t, cells != NULL && length >= 36 && fdt32_to_cpu(cells[6]) == 1 &&
                       fdt32_to_cpu(cells[7]) <= 15,
                "the timer node's third interrupt is not a PPI")) {
        return 0;
    }
    return 16 + fdt32_to_cpu(cells[7]);
}

static void virtual_timer(struct test_context *t)
{
    static struct timer_state state;
    uint32_t intid = virtual_timer_intid(t);
    uint64_t frequency = read_cntfrq();
    uint64_t deadline;

    if (intid == 0 || !expect(t, interrupts_init(t->platform) == 0, "no usable GICv3") ||
        !expect(t, frequency != 0, "CNTFRQ_EL0 is 0")) {
        return;
    }
    state.deliveries = 0;
    interrupts_attach(intid, on_timer, &state);

    /* Assert the timer with interrupts masked at the CPU, then let them in. */
    write_cntv_tval(frequency / 1000);
    write_cntv_ctl(CNTV_CTL_ENABLE);
    deadline = read_cntvct() + 2 * frequency;
    while ((read_cntv_ctl() & CNTV_CTL_ISTATUS) == 0 && read_cntvct() < deadline) {
    }
    expect(t, (read_cntv_ctl() & CNTV_CTL_ISTATUS) != 0,
           "CNTV_CTL_EL0.ISTATUS did not become 1 within 2 s of a 1 ms timer");
    interrupts_unmask();
    while (state.deliveries < DELIVERIES && read_cntvct() < deadline) {
    }
    interrupts_mask();
    write_cntv_ctl(0);
    interrupts_detach(intid);

    test_note(t, "INTID %u delivered %u times", intid, state.deliveries);
    for (unsigned int i = 0; i < state.deliveries; i++) {
        test_note(t, "delivery %u: CNTV_CTL_EL0 = 0x%llx", i + 1,
                  (unsigned long long)state.ctl_seen[i]);
    }
    expect(t, state.deliveries > 0,
           "the virtual timer fired, but INTID %u was not delivered within 2 s", intid);
    expect(t, state.deliveries == 0 || state.deliveries == DELIVERIES,
           "INTID %u was delivered %u times while the timer stayed asserted; a level-triggered "
           "PPI is delivered again after each end of interrupt (expected %u deliveries)",
           intid, state.deliveries, DELIVERIES);
}

const struct conformance_test hypervisor_node_timer_tests[] = {
    {
        .name = "hypervisor_node_virtual_timer",
        .verifies = "hvabi~hypervisor-node-virtual-timer~1",
        .run = virtual_timer,
    },
    { .name = NULL },
};
