/*
 * secondary_cpu.c - start a vCPU and hand it work (see secondary_cpu.h).
 */
#include <stddef.h>

#include <hvabi/psci.h>

#include "support/clock.h"
#include "support/secondary_cpu.h"

#define STACK_SIZE 16384

/* What the entry routine reads with the MMU off; offsets used by
 * secondary_entry.S. */
struct secondary_context {
    uint64_t mair;        /* 0 */
    uint64_t tcr;         /* 8 */
    uint64_t ttbr0;       /* 16 */
    uint64_t sctlr;       /* 24 */
    uint64_t vbar;        /* 32 */
    uint64_t stack_top;   /* 40 */
    /* Written with the MMU on. */
    volatile uint32_t running;
    volatile uint32_t busy;
    secondary_cpu_work volatile work;
    void *volatile arg;
} __attribute__((aligned(64)));

static struct secondary_context contexts[SECONDARY_CPU_MAX];
static uint8_t stacks[SECONDARY_CPU_MAX][STACK_SIZE] __attribute__((aligned(16)));

/* In secondary_entry.S. */
extern char secondary_entry[];
void secondary_main(struct secondary_context *context);

int32_t secondary_cpu_psci_cpu_on(uint64_t target, uint64_t entry, uint64_t context)
{
    register uint64_t x0 __asm__("x0") = HVABI_PSCI_CPU_ON_64;
    register uint64_t x1 __asm__("x1") = target;
    register uint64_t x2 __asm__("x2") = entry;
    register uint64_t x3 __asm__("x3") = context;

    /* SMCCC: results in x0-x3; x4-x17 may be changed by an SMCCC 1.0 callee. */
    __asm__ volatile("hvc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                     :
                     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
                       "x15", "x16", "x17", "cc", "memory");
    return (int32_t)x0;
}

/* Cleans a range to the point of coherency: the new vCPU reads it with its
 * MMU and caches off. */
static void clean_to_poc(const void *start, uint64_t size)
{
    uint64_t ctr, line, address = (uint64_t)(uintptr_t)start;

    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    line = 4ULL << ((ctr >> 16) & 0xf);
    for (uint64_t a = address & ~(line - 1); a < address + size; a += line) {
        __asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
    }
    __asm__ volatile("dsb sy" ::: "memory");
}

void secondary_main(struct secondary_context *context)
{
    __atomic_store_n(&context->running, 1, __ATOMIC_RELEASE);
    __asm__ volatile("sev");
    for (;;) {
        secondary_cpu_work work;

        while (__atomic_load_n(&context->busy, __ATOMIC_ACQUIRE) == 0) {
            __asm__ volatile("wfe");
        }
        work = context->work;
        work(context->arg);
        __atomic_store_n(&context->busy, 0, __ATOMIC_RELEASE);
        __asm__ volatile("sev");
    }
}

bool secondary_cpu_running(uint32_t vcpu)
{
    return vcpu > 0 && vcpu < SECONDARY_CPU_MAX &&
           __atomic_load_n(&contexts[vcpu].running, __ATOMIC_ACQUIRE) != 0;
}

bool secondary_cpu_start(struct test_context *t, uint32_t vcpu)
{
    struct secondary_context *context;
    uint64_t deadline;
    int32_t rc;

    if (!expect(t, vcpu > 0 && vcpu < SECONDARY_CPU_MAX, "no support for starting vCPU %u",
                (unsigned)vcpu)) {
        return false;
    }
    if (secondary_cpu_running(vcpu)) {
        return true;
    }
    context = &contexts[vcpu];
    __asm__ volatile("mrs %0, mair_el1" : "=r"(context->mair));
    __asm__ volatile("mrs %0, tcr_el1" : "=r"(context->tcr));
    __asm__ volatile("mrs %0, ttbr0_el1" : "=r"(context->ttbr0));
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(context->sctlr));
    __asm__ volatile("mrs %0, vbar_el1" : "=r"(context->vbar));
    context->stack_top = (uint64_t)(uintptr_t)&stacks[vcpu][STACK_SIZE];
    context->running = 0;
    context->busy = 0;
    clean_to_poc(context, sizeof(*context));

    rc = secondary_cpu_psci_cpu_on(vcpu, (uint64_t)(uintptr_t)secondary_entry,
                                   (uint64_t)(uintptr_t)context);
    if (!expect(t, rc == HVABI_PSCI_SUCCESS, "PSCI CPU_ON(vCPU %u): expected 0, got %d",
                (unsigned)vcpu, (int)rc)) {
        return false;
    }
    deadline = clock_deadline_ms(2000);
    while (!secondary_cpu_running(vcpu)) {
        if (clock_passed(deadline)) {
            return expect(t, false, "vCPU %u did not run within 2 s of CPU_ON", (unsigned)vcpu);
        }
    }
    return true;
}

bool secondary_cpu_post(uint32_t vcpu, secondary_cpu_work work, void *arg)
{
    struct secondary_context *context;

    if (!secondary_cpu_running(vcpu)) {
        return false;
    }
    context = &contexts[vcpu];
    if (__atomic_load_n(&context->busy, __ATOMIC_ACQUIRE) != 0) {
        return false;
    }
    context->work = work;
    context->arg = arg;
    __atomic_store_n(&context->busy, 1, __ATOMIC_RELEASE);
    __asm__ volatile("dsb ish\n\tsev" ::: "memory");
    return true;
}

bool secondary_cpu_wait(uint32_t vcpu, uint32_t ms)
{
    uint64_t deadline = clock_deadline_ms(ms);

    if (!secondary_cpu_running(vcpu)) {
        return false;
    }
    while (__atomic_load_n(&contexts[vcpu].busy, __ATOMIC_ACQUIRE) != 0) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}
