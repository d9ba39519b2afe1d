/*
 * cpu.h - the physical CPUs and the vCPU each one runs.
 *
 * Static partitioning: at boot every vCPU of every domain is placed on a
 * physical CPU of its own, in domain order and vCPU order over the CPUs of
 * /cpus.  A CPU runs its vCPU and nothing else; while the vCPU is off (a
 * guest's secondary CPU before PSCI CPU_ON) the CPU waits for it.  All
 * CPUs that have a vCPU are brought up (PSCI CPU_ON) before any guest runs.
 */
#ifndef REFHV_CORE_CPU_H
#define REFHV_CORE_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/boot_config.h"
#include "core/domain.h"

struct pcpu {
    unsigned int index; /* position in /cpus */
    uint64_t mpidr;     /* its affinity, from /cpus */
    struct vcpu *vcpu;  /* the vCPU placed on it, or NULL */
    bool online;        /* set by the CPU itself once it runs hypervisor code */
};

/*
 * Records the CPUs of the tree and finds the boot CPU by its MPIDR.
 * Returns 0, or the number of problems (reported).
 */
unsigned int cpus_init(const struct boot_config *cfg, uint64_t boot_mpidr);

/* The CPU that booted the hypervisor. */
struct pcpu *cpu_boot(void);

/* The CPU with this index, or NULL. */
struct pcpu *cpu_by_index(unsigned int index);

/* Gives every vCPU of the domains 1..count a CPU.  Returns 0 or the problems. */
unsigned int cpus_place_vcpus(unsigned int domain_count);

/* Starts every other CPU that has a vCPU and waits until it is online. */
unsigned int cpus_start_secondaries(enum psci_conduit conduit);

/* Lets every CPU run its vCPU; then runs the boot CPU's.  Does not return. */
__attribute__((noreturn)) void cpus_release(void);

/*
 * What a CPU does from now on: run its vCPU while it is running, wait while
 * it is off, and stop when its domain has stopped.  Does not return.
 */
__attribute__((noreturn)) void cpu_run(struct pcpu *cpu);

/* Entry of a secondary CPU into the core (from the architecture's start code). */
__attribute__((noreturn)) void cpu_secondary_main(unsigned int index);

#endif /* REFHV_CORE_CPU_H */
