/*
 * secondary.c - vCPU 1 and its jobs (see secondary.h).
 */
#include <string.h>

#include <hvabi/psci.h>

#include "support/clock.h"
#include "support/secondary.h"

#define STACK_SIZE (16 * 1024)
#define VCPU1_AFFINITY 1

/* What vCPU 1 loads before it turns its MMU on; layout in secondary_entry.S. */
struct secondary_context {
    uint64_t mair;
    uint64_t tcr;
    uint64_t ttbr0;
    uint64_t vbar;
    uint64_t cpacr;
    uint64_t sctlr;
    uint64_t stack;
} __attribute__((aligned(64)));

extern char secondary_entry[];

static struct secondary_context context;
static uint8_t stack[STACK_SIZE] __attribute__((aligned(16)));
static bool started;

/* The mailbox: vCPU 0 posts a job, vCPU 1 clears it when done. */
static secondary_job volatile posted_job;
static void *volatile posted_argument;

static int64_t psci_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = function;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;

    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    /* The result is a signed 32-bit value in W0. */
    return (int64_t)(int32_t)x0;
}

/* Writes the context back to memory, where vCPU 1 reads it with its
 * caches off. */
static void clean_to_coherency(const void *address, size_t size)
{
    uint64_t ctr;
    uint64_t line;
    uint64_t start = (uint64_t)(uintptr_t)address;

    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    line = 4ULL << ((ctr >> 16) & 0xf);
    for (uint64_t a = start & ~(line - 1); a < start + size; a += line) {
        __asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
    }
    __asm__ volatile("dsb sy" ::: "memory");
}

void secondary_main(void)
{
    for (;;) {
        secondary_job job = __atomic_load_n(&posted_job, __ATOMIC_ACQUIRE);

        if (job != NULL) {
            job(posted_argument);
            __atomic_store_n(&posted_job, NULL, __ATOMIC_RELEASE);
        }
    }
}

static bool start_vcpu1(struct test_context *t)
{
    int64_t result;

    __asm__ volatile("mrs %0, mair_el1" : "=r"(context.mair));
    __asm__ volatile("mrs %0, tcr_el1" : "=r"(context.tcr));
    __asm__ volatile("mrs %0, ttbr0_el1" : "=r"(context.ttbr0));
    __asm__ volatile("mrs %0, vbar_el1" : "=r"(context.vbar));
    __asm__ volatile("mrs %0, cpacr_el1" : "=r"(context.cpacr));
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(context.sctlr));
    context.stack = (uint64_t)(uintptr_t)(stack + sizeof(stack));
    clean_to_coherency(&context, sizeof(context));
    /* The guest's addresses are its physical ones (an identity map). */
    result = psci_call(HVABI_PSCI_CPU_ON_64, VCPU1_AFFINITY,
                       (uint64_t)(uintptr_t)secondary_entry, (uint64_t)(uintptr_t)&context);
    return expect(t, result == HVABI_PSCI_SUCCESS,
                  "PSCI_CPU_ON of vCPU 1: expected %d, got %lld (does the domain have two "
                  "vCPUs?)",
                  HVABI_PSCI_SUCCESS, (long long)result);
}

bool secondary_run(struct test_context *t, secondary_job job, void *argument)
{
    if (!expect(t, __atomic_load_n(&posted_job, __ATOMIC_ACQUIRE) == NULL,
                "vCPU 1 is still busy with an earlier job")) {
        return false;
    }
    posted_argument = argument;
    __atomic_store_n(&posted_job, job, __ATOMIC_RELEASE);
    if (!started) {
        if (!start_vcpu1(t)) {
            __atomic_store_n(&posted_job, NULL, __ATOMIC_RELEASE);
            return false;
        }
        started = true;
    }
    return true;
}

bool secondary_wait(struct test_context *t, uint64_t timeout_ms)
{
    uint64_t deadline = clock_deadline_ms(timeout_ms);

    while (__atomic_load_n(&posted_job, __ATOMIC_ACQUIRE) != NULL) {
        if (clock_passed(deadline)) {
            return expect(t, false, "vCPU 1 did not finish its job within %llu ms",
                          (unsigned long long)timeout_ms);
        }
    }
    return true;
}
