/*
 * secondary_cpu.c - run a function on another vCPU (see secondary_cpu.h).
 */
#include <libfdt.h>
#include <stddef.h>
#include <string.h>

#include <hvabi/psci.h>

#include "support/clock.h"
#include "support/psci_call.h"
#include "support/secondary_cpu.h"

static struct secondary_cpu cpus[SECONDARY_CPU_MAX] __attribute__((aligned(64)));

struct secondary_cpu *secondary_cpu_get(uint32_t vcpu)
{
    if (vcpu < 1 || vcpu > SECONDARY_CPU_MAX) {
        return NULL;
    }
    return &cpus[vcpu - 1];
}

uint64_t secondary_cpu_entry_point(void)
{
    return (uint64_t)(uintptr_t)guest_secondary_entry;
}

uint64_t secondary_cpu_context(uint32_t vcpu)
{
    return (uint64_t)(uintptr_t)&secondary_cpu_get(vcpu)->start;
}

int32_t secondary_cpu_start(uint32_t vcpu, secondary_function function, void *argument)
{
    struct secondary_cpu *cpu = secondary_cpu_get(vcpu);

    if (cpu == NULL) {
        return HVABI_PSCI_INVALID_PARAMETERS;
    }
    memset(&cpu->start.entry, 0, sizeof(cpu->start.entry));
    cpu->start.stack_top = (uint64_t)(uintptr_t)(cpu->stack + sizeof(cpu->stack));
    cpu->vcpu = vcpu;
    cpu->function = function;
    cpu->argument = argument;
    cpu->finished = 0;
    cpu->cpu_off_returned = 0;
    cpu->cpu_off_result = 0;
    /* The vCPU reads the structure with its MMU off, from memory. */
    guest_secondary_prepare(&cpu->start);
    return psci_cpu_on(psci_vcpu_affinity(vcpu), secondary_cpu_entry_point(),
                       secondary_cpu_context(vcpu));
}

void guest_secondary_main(struct guest_secondary_start *start)
{
    struct secondary_cpu *cpu = (struct secondary_cpu *)start;
    int32_t rc;

    cpu->function(cpu, cpu->argument);
    __atomic_store_n(&cpu->finished, 1, __ATOMIC_RELEASE);
    rc = psci_cpu_off();
    cpu->cpu_off_result = rc;
    __atomic_store_n(&cpu->cpu_off_returned, 1, __ATOMIC_RELEASE);
}

bool secondary_cpu_wait_finished(uint32_t vcpu, uint64_t timeout_ns)
{
    struct secondary_cpu *cpu = secondary_cpu_get(vcpu);
    uint64_t deadline = clock_deadline(timeout_ns);

    if (cpu == NULL) {
        return false;
    }
    while (__atomic_load_n(&cpu->finished, __ATOMIC_ACQUIRE) == 0) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}

bool secondary_cpu_wait_off(uint32_t vcpu, uint64_t timeout_ns)
{
    uint64_t deadline = clock_deadline(timeout_ns);

    while (psci_affinity_info(psci_vcpu_affinity(vcpu), 0) != HVABI_PSCI_AFFINITY_OFF) {
        if (clock_passed(deadline)) {
            return false;
        }
    }
    return true;
}

uint32_t secondary_cpu_count(const void *fdt)
{
    int cpus_node = fdt_path_offset(fdt, "/cpus");
    uint32_t count = 0;
    int node;

    if (cpus_node < 0) {
        return 0;
    }
    fdt_for_each_subnode(node, fdt, cpus_node) {
        const char *type = fdt_getprop(fdt, node, "device_type", NULL);

        if (type != NULL && strcmp(type, "cpu") == 0) {
            count++;
        }
    }
    return count;
}
