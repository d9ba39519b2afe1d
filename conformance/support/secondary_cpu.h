/*
 * secondary_cpu.h - run a function on another vCPU of the guest.
 *
 * secondary_cpu_start() starts vCPU `vcpu` (1, 2, ...) with PSCI CPU_ON
 * (spec: psci.rst) at the guest library's secondary entry point
 * (lib/guest/aarch64/secondary.h), which records the vCPU's entry state,
 * turns its MMU on with vCPU 0's tables and calls the function on the
 * vCPU's own stack.  When the function returns, the vCPU marks the run
 * finished and powers itself off with PSCI CPU_OFF, so that a later test
 * can start it again.
 *
 * The function runs without console output (lines of two vCPUs would mix)
 * and without the guest library's interrupt support (vCPU 0 only); it
 * reports through memory it shares with its starter.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_SECONDARY_CPU_H
#define HVABI_CONFORMANCE_SUPPORT_SECONDARY_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "guest/aarch64/secondary.h"

#define SECONDARY_CPU_MAX 8          /* vCPUs 1 to 8 */
#define SECONDARY_CPU_STACK 8192

struct secondary_cpu;
typedef void (*secondary_function)(struct secondary_cpu *cpu, void *argument);

struct secondary_cpu {
    struct guest_secondary_start start; /* first: the CPU_ON context ID points here */
    uint32_t vcpu;
    secondary_function function;
    void *argument;
    uint32_t finished;        /* set (release) after the function returned */
    uint32_t cpu_off_returned; /* set when PSCI CPU_OFF returned, which it must not */
    int32_t cpu_off_result;    /* what it returned then */
    uint8_t stack[SECONDARY_CPU_STACK] __attribute__((aligned(16)));
};

/*
 * The record of vCPU `vcpu` (1 to SECONDARY_CPU_MAX), shared by all tests,
 * or NULL for another number.
 */
struct secondary_cpu *secondary_cpu_get(uint32_t vcpu);

/*
 * Starts `function(cpu, argument)` on vCPU `vcpu` with PSCI CPU_ON (SMC64
 * form); returns its PSCI result (0 = HVABI_PSCI_SUCCESS).  `cpu` is
 * secondary_cpu_get(vcpu); its entry state is overwritten.
 */
int32_t secondary_cpu_start(uint32_t vcpu, secondary_function function, void *argument);

/* The entry point and context ID secondary_cpu_start() gives CPU_ON. */
uint64_t secondary_cpu_entry_point(void);
uint64_t secondary_cpu_context(uint32_t vcpu);

/* Waits until the function has returned, at most `timeout_ns`. */
bool secondary_cpu_wait_finished(uint32_t vcpu, uint64_t timeout_ns);

/* Waits until PSCI AFFINITY_INFO reports vCPU `vcpu` off, at most `timeout_ns`. */
bool secondary_cpu_wait_off(uint32_t vcpu, uint64_t timeout_ns);

/* The number of vCPUs of this domain: the CPU nodes of /cpus in its device tree. */
uint32_t secondary_cpu_count(const void *fdt);

#endif /* HVABI_CONFORMANCE_SUPPORT_SECONDARY_CPU_H */
