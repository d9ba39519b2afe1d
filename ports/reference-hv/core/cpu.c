/*
 * cpu.c - physical CPUs, vCPU placement and start-up (see cpu.h).
 */
#include "core/arch.h"
#include "core/console.h"
#include "core/cpu.h"
#include "core/runstate.h"
#include "core/system.h"

/* MPIDR_EL1 affinity fields Aff3, Aff2, Aff1, Aff0. */
#define MPIDR_AFFINITY_MASK 0xff00ffffffULL

/* How long a secondary CPU may take to come up, in polls of its flag. */
#define CPU_START_POLLS 100000000UL

/* The CPUs of the system, set up once by the boot CPU. */
static struct pcpu cpu_table[MAX_CPUS];
static unsigned int cpu_total;
static unsigned int boot_index;
static bool released;

unsigned int cpus_init(const struct boot_config *cfg, uint64_t boot_mpidr)
{
    bool found = false;

    cpu_total = cfg->cpu_count;
    for (unsigned int i = 0; i < cpu_total; i++) {
        cpu_table[i].index = i;
        cpu_table[i].mpidr = cfg->cpus[i].mpidr;
        if ((cfg->cpus[i].mpidr & MPIDR_AFFINITY_MASK) == (boot_mpidr & MPIDR_AFFINITY_MASK)) {
            boot_index = i;
            found = true;
        }
    }
    if (!found) {
        hv_log("error: the boot CPU (MPIDR 0x%llx) is not in /cpus\n",
               (unsigned long long)boot_mpidr);
        return 1;
    }
    cpu_table[boot_index].online = true;
    return 0;
}

struct pcpu *cpu_boot(void)
{
    return &cpu_table[boot_index];
}

struct pcpu *cpu_by_index(unsigned int index)
{
    return index < cpu_total ? &cpu_table[index] : NULL;
}

unsigned int cpus_place_vcpus(unsigned int domain_count)
{
    unsigned int next = 0;

    for (uint16_t id = 1; id <= domain_count; id++) {
        struct domain *d = domain_by_id(id);

        for (unsigned int i = 0; i < d->vcpu_count; i++) {
            if (next == cpu_total) {
                hv_log("error: /chosen/%s: vCPU %u has no physical CPU of its own: the domains "
                       "ask for more vCPUs than the %u CPUs of /cpus\n", d->name, i, cpu_total);
                return 1;
            }
            d->vcpus[i].pcpu = next;
            cpu_table[next].vcpu = &d->vcpus[i];
            next++;
        }
    }
    return 0;
}

unsigned int cpus_start_secondaries(enum psci_conduit conduit)
{
    unsigned int problems = 0;

    arch_prepare_secondary_start();
    for (unsigned int i = 0; i < cpu_total; i++) {
        struct pcpu *cpu = &cpu_table[i];
        int64_t status;

        if (i == boot_index || cpu->vcpu == NULL) {
            continue;
        }
        status = arch_cpu_start(conduit, cpu->mpidr, i);
        if (status != 0) {
            hv_log("error: CPU %u (MPIDR 0x%llx) did not start: PSCI CPU_ON returned %lld\n", i,
                   (unsigned long long)cpu->mpidr, (long long)status);
            problems++;
            continue;
        }
        for (unsigned long polls = 0; !__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE); polls++) {
            if (polls == CPU_START_POLLS) {
                hv_log("error: CPU %u (MPIDR 0x%llx) did not come online\n", i,
                       (unsigned long long)cpu->mpidr);
                problems++;
                break;
            }
        }
    }
    return problems;
}

void cpus_release(void)
{
    __atomic_store_n(&released, true, __ATOMIC_RELEASE);
    arch_send_event();
    cpu_run(cpu_boot());
}

void cpu_run(struct pcpu *cpu)
{
    struct vcpu *v = cpu->vcpu;

    if (v == NULL) {
        for (;;) {
            arch_wait_for_event();
        }
    }
    for (;;) {
        enum vcpu_state state = __atomic_load_n(&v->state, __ATOMIC_ACQUIRE);

        if (state == VCPU_RUNNING) {
            runstate_enter(v, HVABI_RUNSTATE_RUNNING);
            arch_vcpu_run(v);
        }
        if (state == VCPU_STOPPED) {
            system_vcpu_stopped(v);
        }
        /* VCPU_OFF: a PSCI CPU_ON from another vCPU will change the state and send an event. */
        arch_wait_for_event();
    }
}

void cpu_secondary_main(unsigned int index)
{
    struct pcpu *cpu = &cpu_table[index];

    __atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&released, __ATOMIC_ACQUIRE)) {
        arch_wait_for_event();
    }
    cpu_run(cpu);
}
