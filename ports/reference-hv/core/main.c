/*
 * main.c - boot: from the system device tree to the first guest instruction.
 *
 * Order matters for safety: the whole configuration is read and checked,
 * and every domain is built, before any guest runs.  If anything is wrong,
 * no domain starts and the machine powers off with the reasons on the
 * console.
 */
#include <stdint.h>

#include "arch/aarch64/cpu.h"
#include "arch/aarch64/interrupts.h"
#include "arch/aarch64/mmu.h"
#include "core/arch.h"
#include "core/boot_config.h"
#include "core/console.h"
#include "core/cpu.h"
#include "core/domain_build.h"
#include "core/event_channel.h"
#include "core/memory.h"
#include "core/system.h"
#include "runtime.h"

#define FDT_MAGIC 0xd00dfeedU

__attribute__((noreturn)) void hv_main(uint64_t fdt);

/* The boot configuration and memory pool; built once, by the boot CPU. */
static struct boot_config boot_config;
static struct memory_pool memory_pool;

/* Reads a big-endian word of the tree header with the MMU off: byte loads only. */
static uint32_t read_be32(uint64_t address)
{
    const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)address;

    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* With no console and no known firmware there is no one to tell: wait. */
static __attribute__((noreturn)) void halt_silently(void)
{
    for (;;) {
        arch_wait();
    }
}

void runtime_fatal(const char *why)
{
    hv_log("FATAL: %s\n", why);
    system_fatal();
}

static unsigned int build_domains(void)
{
    unsigned int failed = 0;

    for (unsigned int i = 0; i < boot_config.domain_count; i++) {
        if (domain_build(&boot_config.domains[i], &memory_pool) == NULL) {
            failed++;
        }
    }
    return failed;
}

void hv_main(uint64_t fdt)
{
    struct mem_range image = {
        .base = (uintptr_t)__image_start,
        .size = (uintptr_t)__image_end - (uintptr_t)__image_start,
    };
    uint64_t fdt_size = 0;
    unsigned int problems;

    if (fdt != 0 && read_be32(fdt) == FDT_MAGIC) {
        fdt_size = read_be32(fdt + 4);
    }
    if (fdt_size == 0 || mmu_enable(fdt, fdt_size) != 0) {
        halt_silently();
    }
    cpu_init_el2();
    if (boot_config_read_platform((const void *)(uintptr_t)fdt, &boot_config) != 0) {
        halt_silently();
    }
    console_init(boot_config.uart_base);
    system_init(boot_config.psci);
    hv_log("hvabi reference hypervisor %s\n", REFHV_VERSION_STRING);

    problems = boot_config_read(&boot_config, image);
    for (unsigned int i = 0; i < boot_config.ram_count; i++) {
        if (mmu_map_normal(boot_config.ram[i].base, boot_config.ram[i].size) != 0) {
            hv_log("error: RAM at 0x%llx is beyond the 39-bit address space this hypervisor maps\n",
                   (unsigned long long)boot_config.ram[i].base);
            problems++;
        }
    }
    if (problems == 0 &&
        memory_pool_init(&memory_pool, boot_config.ram, boot_config.ram_count,
                         boot_config.reserved, boot_config.reserved_count) != 0) {
        hv_log("error: reserved memory splits RAM into too many pieces\n");
        problems++;
    }
    if (problems == 0) {
        problems = cpus_init(&boot_config, arch_cpu_mpidr());
    }
    if (problems == 0 && interrupts_init(&boot_config) != 0) {
        problems++;
    }
    if (problems == 0) {
        problems = build_domains();
    }
    if (problems == 0) {
        problems = evtchn_connect_static(&boot_config);
    }
    if (problems == 0) {
        problems = cpus_place_vcpus(boot_config.domain_count);
    }
    if (problems == 0) {
        problems = cpus_start_secondaries(boot_config.psci);
    }
    if (problems != 0) {
        system_refuse_configuration(problems);
    }

    /* Every domain and CPU is ready: the guests start all together. */
    for (uint16_t id = 1; id <= boot_config.domain_count; id++) {
        struct domain *d = domain_by_id(id);

        d->vcpus[0].state = VCPU_RUNNING;
        domain_set_running(d);
    }
    cpus_release();
}
