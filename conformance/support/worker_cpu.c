/*
 * worker_cpu.c - a second vCPU that waits for work (see worker_cpu.h).
 */
#include <hvabi/psci.h>

#include "support/clock.h"
#include "support/secondary_cpu.h"
#include "support/worker_cpu.h"

struct worker {
    uint32_t running;         /* set by the worker once it waits for work */
    uint32_t busy;            /* set by the poster, cleared by the worker */
    worker_cpu_work work;
    void *arg;
};

static struct worker workers[SECONDARY_CPU_MAX + 1];

/* The function secondary_cpu_start() runs: it never returns. */
static void worker_loop(struct secondary_cpu *cpu, void *argument)
{
    struct worker *w = argument;

    (void)cpu;
    __atomic_store_n(&w->running, 1, __ATOMIC_RELEASE);
    __asm__ volatile("sev");
    for (;;) {
        while (__atomic_load_n(&w->busy, __ATOMIC_ACQUIRE) == 0) {
            __asm__ volatile("wfe");
        }
        w->work(w->arg);
        __atomic_store_n(&w->busy, 0, __ATOMIC_RELEASE);
        __asm__ volatile("sev");
    }
}

bool worker_cpu_running(uint32_t vcpu)
{
    return vcpu >= 1 && vcpu <= SECONDARY_CPU_MAX &&
           __atomic_load_n(&workers[vcpu].running, __ATOMIC_ACQUIRE) != 0;
}

bool worker_cpu_start(struct test_context *t, uint32_t vcpu)
{
    uint64_t deadline;
    int32_t rc;

    if (!expect(t, vcpu >= 1 && vcpu <= SECONDARY_CPU_MAX, "no support for starting vCPU %u",
                (unsigned)vcpu)) {
        return false;
    }
    if (worker_cpu_running(vcpu)) {
        return true;
    }
    workers[vcpu].busy = 0;
    rc = secondary_cpu_start(vcpu, worker_loop, &workers[vcpu]);
    if (!expect(t, rc == HVABI_PSCI_SUCCESS, "PSCI CPU_ON(vCPU %u): expected 0, got %d",
                (unsigned)vcpu, (int)rc)) {
        return false;
    }
    deadline = clock_deadline(2 * CLOCK_S);
    while (!worker_cpu_running(vcpu)) {
        if (clock_passed(deadline)) {
            return expect(t, false, "vCPU %u did not run within 2 s of CPU_ON", (unsigned)vcpu);
        }
    }
    return true;
}

bool worker_cpu_post(uint32_t vcpu, worker_cpu_work work, void *arg)
{
    struct worker *w;

    if (!worker_cpu_running(vcpu)) {
        return false;
    }
    w = &workers[vcpu];
    if (__atomic_load_n(&w->busy, __ATOMIC_ACQUIRE) != 0) {
        return false;
    }
    w->work = work;
    w->arg = arg;
    __atomic_store_n(&w->busy, 1, __ATOMIC_RELEASE);
    __asm__ volatile("dsb ish\n\tsev" ::: "memory");
    return true;
}

bool worker_cpu_wait(uint32_t vcpu, uint32_t ms)
{
    uint64_t deadline = clock_deadline((uint64_t)ms * CLOCK_MS);

    if (!worker_cpu_running(vcpu)) {
        return false;
    }
    while (__atomic_load_n(&workers[vcpu].busy, __ATOMIC_ACQUIRE) != 0) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}
