/*
 * core_fixture.c - a clean core for every test (see core_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "arch/host/fake_uart.h"
#include "core/console.h"
#include "core/cpu.h"
#include "core/domain.h"
#include "core/event_channel.h"
#include "core/runstate.h"
#include "core/vgic.h"
#include "tests/support/core_fixture.h"

/* The shared info pages of the domains, in "hypervisor memory" as domain_build() allocates them. */
static _Alignas(4096) uint8_t shared_info_pages[MAX_DOMAINS][PAGE_SIZE];

/*
 * domain.c has no way to free a slot: a static partition never goes away.
 * An unused slot of its table is all zeros (static storage), and
 * domain_alloc() claims a slot whose state is DOMAIN_EMPTY and whose ID is
 * 0; zeroing a slot returns it to exactly that state.
 */
static void free_domain_slots(void)
{
    for (uint16_t id = 1; id <= MAX_DOMAINS; id++) {
        struct domain *d = domain_by_id(id);

        if (d != NULL) {
            memset(d, 0, sizeof(*d));
        }
    }
}

/*
 * cpus_init() sets the index and MPIDR of each CPU but leaves the vCPU and
 * the online flag as they were (zero at boot).  Every entry is made
 * reachable through cpu_by_index() and cleared.
 */
static void forget_cpus(void)
{
    struct boot_config cfg;

    memset(&cfg, 0, sizeof(cfg));
    cfg.cpu_count = MAX_CPUS;
    for (unsigned int i = 0; i < MAX_CPUS; i++) {
        cfg.cpus[i].mpidr = i;
    }
    assert_int_equal(cpus_init(&cfg, 0), 0);
    for (unsigned int i = 0; i < MAX_CPUS; i++) {
        struct pcpu *cpu = cpu_by_index(i);

        assert_non_null(cpu);
        cpu->vcpu = NULL;
        cpu->online = false;
    }
}

void core_fixture_reset(void)
{
    fake_arch_reset();
    console_init(TEST_UART_BASE);
    free_domain_slots();
    forget_cpus();
    fake_uart_clear();
}

void core_fixture_cpus(unsigned int count)
{
    struct boot_config cfg;

    assert_true(count >= 1 && count <= MAX_CPUS);
    memset(&cfg, 0, sizeof(cfg));
    cfg.cpu_count = count;
    for (unsigned int i = 0; i < count; i++) {
        cfg.cpus[i].mpidr = i;
    }
    assert_int_equal(cpus_init(&cfg, 0), 0);
}

struct domain *core_fixture_domain(const char *name, unsigned int vcpu_count)
{
    struct domain *d = domain_alloc(name);

    assert_non_null(d);
    assert_true(vcpu_count >= 1 && vcpu_count <= MAX_VCPUS_PER_DOMAIN);
    d->vcpu_count = vcpu_count;
    for (unsigned int i = 0; i < vcpu_count; i++) {
        d->vcpus[i].domain = d;
        d->vcpus[i].id = i;
        d->vcpus[i].state = VCPU_OFF;
        vgic_init_cpu(&d->vcpus[i].vgic);
        runstate_init(&d->vcpus[i]);
    }
    assert_int_equal(evtchn_domain_init(d, (uint64_t)(uintptr_t)shared_info_pages[d->id - 1]), 0);
    return d;
}

void core_fixture_start(struct domain *d)
{
    d->vcpus[0].state = VCPU_RUNNING;
    domain_set_running(d);
}

void core_fixture_give_ram(struct domain *d, void *host, uint64_t size)
{
    d->ram_ipa = GUEST_RAM_BASE;
    d->ram_pa = (uint64_t)(uintptr_t)host;
    d->ram_size = size;
    assert_int_equal(arch_map_guest_ram(d, d->ram_ipa, d->ram_pa, d->ram_size), 0);
}

void expect_console(const char *expected)
{
    assert_false(fake_uart_overflowed());
    assert_string_equal(fake_uart_output(), expected);
    fake_uart_clear();
}
