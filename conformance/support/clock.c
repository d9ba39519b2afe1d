/*
 * clock.c - counter, system time and sleeps (see clock.h).
 */
#include <libfdt.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>

#include "guest/console.h"
#include "guest/interrupts.h"
#include "support/clock.h"

#define CNTV_CTL_ENABLE (1ULL << 0)
#define CNTV_CTL_IMASK  (1ULL << 1)

/* The virtual timer's INTID, once clock_timer_init() found it. */
static uint32_t virtual_timer_intid;

uint64_t clock_counter(void)
{
    uint64_t value;

    __asm__ volatile("isb\n\t"
                     "mrs %0, cntvct_el0" : "=r"(value) : : "memory");
    return value;
}

uint64_t clock_frequency(void)
{
    uint64_t value;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(value));
    return value;
}

uint64_t clock_ticks_to_ns(uint64_t ticks)
{
    return (uint64_t)((unsigned __int128)ticks * 1000000000U / clock_frequency());
}

uint64_t clock_ns_to_ticks(uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * clock_frequency() / 1000000000U);
}

uint64_t clock_system_time(void)
{
    return clock_ticks_to_ns(clock_counter());
}

uint64_t clock_deadline(uint64_t ns)
{
    return clock_counter() + clock_ns_to_ticks(ns);
}

bool clock_passed(uint64_t deadline)
{
    return clock_counter() >= deadline;
}

void clock_spin(uint64_t ns)
{
    uint64_t deadline = clock_deadline(ns);

    while (!clock_passed(deadline)) {
    }
}

static void timer_interrupt(uint32_t intid, void *context)
{
    (void)intid;
    (void)context;
    /* Taken only if a test unmasks IRQs: the timer condition holds until
     * the timer is disarmed, so disarm it. */
    clock_arm_timer(0);
}

int clock_timer_init(const struct guest_platform *platform)
{
    int node = fdt_node_offset_by_compatible(platform->fdt, -1, "arm,armv8-timer");
    const fdt32_t *cells;
    int len;

    if (node < 0) {
        console_printf("# clock: no timer node (compatible \"arm,armv8-timer\")\n");
        return -1;
    }
    /* interrupts: secure, non-secure, virtual, hypervisor; each <type number flags>. */
    cells = fdt_getprop(platform->fdt, node, "interrupts", &len);
    if (cells == NULL || len < 9 * (int)sizeof(fdt32_t) || fdt32_to_cpu(cells[6]) != 1 ||
        fdt32_to_cpu(cells[7]) >= 16) {
        console_printf("# clock: the timer node names no virtual timer PPI\n");
        return -1;
    }
    if (interrupts_init(platform) != 0) {
        return -1;
    }
    virtual_timer_intid = 16 + fdt32_to_cpu(cells[7]);
    return interrupts_attach(virtual_timer_intid, timer_interrupt, NULL);
}

uint32_t clock_timer_intid(void)
{
    return virtual_timer_intid;
}

void clock_arm_timer(uint64_t deadline)
{
    if (deadline == 0) {
        __asm__ volatile("msr cntv_ctl_el0, %0\n\t"
                         "isb" : : "r"(0ULL) : "memory");
        return;
    }
    __asm__ volatile("msr cntv_cval_el0, %0\n\t"
                     "msr cntv_ctl_el0, %1\n\t"
                     "isb" : : "r"(deadline), "r"(CNTV_CTL_ENABLE) : "memory");
}

void clock_disarm_timer(void)
{
    clock_arm_timer(0);
    interrupts_unmask();
    __asm__ volatile("isb" ::: "memory");
    interrupts_mask();
}

/*
 * Arms the timer `ns` from now and waits in WFI or SCHEDOP_block until it
 * has passed.  A vCPU that a loaded host stalls may reach the wait after
 * the timer fired, and would then not wait at all: when less than half of
 * the time is left at the start, the timer is armed again (up to 10 times).
 */
static bool wait_for_timer(uint64_t ns, bool block)
{
    uint64_t ticks = clock_ns_to_ticks(ns);

    for (unsigned int attempt = 0; attempt < 10; attempt++) {
        uint64_t deadline = clock_counter() + ticks;
        bool passed = false;

        clock_arm_timer(deadline);
        if (clock_counter() + ticks / 2 > deadline) {
            clock_disarm_timer();
            continue;
        }
        for (unsigned int wakeups = 0; wakeups < 1000; wakeups++) {
            if (clock_passed(deadline)) {
                passed = true;
                break;
            }
            if (block) {
                /* Returns with PSTATE.I = 0: a pending interrupt is taken here. */
                hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_BLOCK, 0);
                interrupts_mask();
            } else {
                __asm__ volatile("dsb sy\n\t"
                                 "wfi" ::: "memory");
            }
        }
        clock_disarm_timer();
        return passed;
    }
    return false;
}

bool clock_wait_timer(uint64_t ns)
{
    return wait_for_timer(ns, false);
}

bool clock_block_timer(uint64_t ns)
{
    return wait_for_timer(ns, true);
}
