/*
 * fake_arch.c - the architecture interface of the core (core/arch.h),
 * faked for unit tests on the host (see fake_arch.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"

struct fake_arch fake_arch;

void fake_arch_reset(void)
{
    memset(&fake_arch, 0, sizeof(fake_arch));
    /* Not 0: the core divides by it. */
    fake_arch.counter_frequency = FAKE_ARCH_COUNTER_FREQUENCY;
    fake_arch.stage2_tables_size = FAKE_ARCH_STAGE2_TABLES_SIZE;
}

int fake_arch_map_va(uint64_t va, uint64_t ipa, bool writable)
{
    if (fake_arch.mapping_count == FAKE_ARCH_MAX_MAPPINGS) {
        return -1;
    }
    fake_arch.mappings[fake_arch.mapping_count++] = (struct fake_va_mapping){
        .va_page = va & ~(PAGE_SIZE - 1),
        .ipa_page = ipa & ~(PAGE_SIZE - 1),
        .writable = writable,
    };
    return 0;
}

/* Leaves the core for the test's escape point; see fake_arch.h for why it aborts without one. */
static __attribute__((noreturn)) void leave_core(enum fake_arch_exit how, const char *call)
{
    jmp_buf *escape = fake_arch.escape;

    fake_arch.exit = how;
    if (escape == NULL) {
        fprintf(stderr, "fake_arch: the core called %s, which does not return, "
                        "and the test armed no escape point\n", call);
        abort();
    }
    fake_arch.escape = NULL;
    longjmp(*escape, 1);
}

/* Runs the test's one-shot `interleave` hook, if it set one (see fake_arch.h). */
static void interleave_once(void)
{
    void (*hook)(void) = fake_arch.interleave;

    if (hook != NULL) {
        fake_arch.interleave = NULL;
        hook();
    }
}

/* Records a stage-2 entry; -1 when the table is full, as when the real one has no table left. */
static int add_stage2(const struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size,
                      bool mapped)
{
    if (fake_arch.stage2_count == FAKE_ARCH_MAX_STAGE2) {
        return -1;
    }
    fake_arch.stage2[fake_arch.stage2_count++] = (struct fake_stage2_entry){
        .domain = d,
        .ipa = ipa,
        .pa = pa,
        .size = size,
        .mapped = mapped,
    };
    return 0;
}

/* The newest stage-2 entry of `d` that covers `ipa`, or NULL. */
static const struct fake_stage2_entry *stage2_lookup(const struct domain *d, uint64_t ipa)
{
    for (unsigned int i = fake_arch.stage2_count; i > 0; i--) {
        const struct fake_stage2_entry *e = &fake_arch.stage2[i - 1];

        if (e->domain == d && ipa >= e->ipa && ipa - e->ipa < e->size) {
            return e;
        }
    }
    return NULL;
}

uint64_t arch_stage2_tables_size(uint64_t ram_ipa, uint64_t ram_size)
{
    (void)ram_ipa;
    (void)ram_size;
    return fake_arch.stage2_tables_size;
}

int arch_domain_init(struct domain *d, uint64_t tables_pa, uint64_t tables_size)
{
    fake_arch.domain_inits++;
    fake_arch.last_domain_init = d;
    fake_arch.last_tables_pa = tables_pa;
    fake_arch.last_tables_size = tables_size;
    return fake_arch.domain_init_result;
}

int arch_map_guest_ram(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size)
{
    fake_arch.ram_maps++;
    fake_arch.last_ram_map.domain = d;
    fake_arch.last_ram_map.ipa = ipa;
    fake_arch.last_ram_map.pa = pa;
    fake_arch.last_ram_map.size = size;
    if (fake_arch.map_guest_ram_result != 0) {
        return fake_arch.map_guest_ram_result;
    }
    return add_stage2(d, ipa, pa, size, true);
}

int arch_map_guest_page(struct domain *d, uint64_t ipa, uint64_t pa)
{
    fake_arch.page_maps++;
    if (fake_arch.map_guest_page_result != 0) {
        return fake_arch.map_guest_page_result;
    }
    return add_stage2(d, ipa & ~(PAGE_SIZE - 1), pa & ~(PAGE_SIZE - 1), PAGE_SIZE, true);
}

int arch_unmap_guest_page(struct domain *d, uint64_t ipa)
{
    const struct fake_stage2_entry *e = stage2_lookup(d, ipa);

    fake_arch.page_unmaps++;
    if (e == NULL || !e->mapped) {
        return -1;
    }
    return add_stage2(d, ipa & ~(PAGE_SIZE - 1), 0, PAGE_SIZE, false);
}

bool arch_translate_guest_ipa(struct domain *d, uint64_t ipa, uint64_t *pa)
{
    const struct fake_stage2_entry *e = stage2_lookup(d, ipa);

    if (e == NULL || !e->mapped) {
        return false;
    }
    *pa = e->pa + (ipa - e->ipa);
    return true;
}

void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t x0)
{
    fake_arch.vcpu_inits++;
    fake_arch.last_vcpu_init.vcpu = v;
    fake_arch.last_vcpu_init.entry = entry;
    fake_arch.last_vcpu_init.x0 = x0;
    interleave_once();
}

void arch_vcpu_run(struct vcpu *v)
{
    fake_arch.vcpu_runs++;
    fake_arch.last_vcpu_run = v;
    leave_core(FAKE_ARCH_EXIT_VCPU_RUN, "arch_vcpu_run()");
}

bool arch_guest_va_to_ipa(struct vcpu *v, uint64_t va, bool write, uint64_t *ipa)
{
    uint64_t page = va & ~(PAGE_SIZE - 1);

    fake_arch.va_lookups++;
    fake_arch.last_va_lookup_vcpu = v;
    for (unsigned int i = 0; i < fake_arch.mapping_count; i++) {
        const struct fake_va_mapping *m = &fake_arch.mappings[i];

        if (m->va_page != page) {
            continue;
        }
        if (write && !m->writable) {
            return false;
        }
        *ipa = m->ipa_page | (va & (PAGE_SIZE - 1));
        return true;
    }
    return false;
}

void arch_clean_dcache(uint64_t pa, uint64_t size)
{
    fake_arch.dcache_cleans++;
    fake_arch.last_dcache_clean_pa = pa;
    fake_arch.last_dcache_clean_size = size;
}

void arch_sync_icache(void)
{
    fake_arch.icache_syncs++;
}

uint32_t arch_build_id(const uint8_t **id)
{
    if (fake_arch.build_id == NULL) {
        return 0;
    }
    *id = fake_arch.build_id;
    return fake_arch.build_id_size;
}

void arch_system_off(enum psci_conduit conduit)
{
    fake_arch.system_offs++;
    fake_arch.last_system_off_conduit = conduit;
    leave_core(FAKE_ARCH_EXIT_SYSTEM_OFF, "arch_system_off()");
}

struct vcpu *arch_current_vcpu(void)
{
    return fake_arch.current_vcpu;
}

void arch_kick_cpu(const struct pcpu *cpu)
{
    if (cpu == NULL || cpu->index >= MAX_CPUS) {
        fake_arch.kicks_of_no_cpu++;
        return;
    }
    fake_arch.kicks[cpu->index]++;
}

uint64_t arch_cpu_mpidr(void)
{
    return fake_arch.cpu_mpidr;
}

uint64_t arch_counter_now(void)
{
    interleave_once();
    return fake_arch.counter;
}

uint64_t arch_counter_frequency(void)
{
    return fake_arch.counter_frequency;
}

void arch_timer_arm(uint64_t count)
{
    fake_arch.timer_arms++;
    fake_arch.timer_armed = true;
    fake_arch.timer_count = count;
}

void arch_timer_disarm(void)
{
    fake_arch.timer_disarms++;
    fake_arch.timer_armed = false;
}

void arch_handle_interrupts(struct vcpu *v)
{
    fake_arch.interrupt_handlings++;
    fake_arch.last_interrupt_handling_vcpu = v;
}

void arch_vcpu_unmask_irq(struct vcpu *v)
{
    fake_arch.irq_unmasks++;
    fake_arch.last_irq_unmask_vcpu = v;
}

/* The core waits in endless loops: return while the test allows it, then leave. */
void arch_wait(void)
{
    fake_arch.waits++;
    if (fake_arch.while_waiting != NULL) {
        fake_arch.while_waiting();
    }
    if (fake_arch.waits_before_escape > 0) {
        fake_arch.waits_before_escape--;
        return;
    }
    leave_core(FAKE_ARCH_EXIT_WAIT, "arch_wait() once more than the test allowed");
}

void arch_wait_for_event(void)
{
    fake_arch.waits_for_event++;
    if (fake_arch.while_waiting != NULL) {
        fake_arch.while_waiting();
    }
    if (fake_arch.waits_before_escape > 0) {
        fake_arch.waits_before_escape--;
        return;
    }
    leave_core(FAKE_ARCH_EXIT_WAIT_FOR_EVENT,
               "arch_wait_for_event() once more than the test allowed");
}

void arch_send_event(void)
{
    fake_arch.events_sent++;
}

void arch_prepare_secondary_start(void)
{
    fake_arch.secondary_preparations++;
}

int64_t arch_cpu_start(enum psci_conduit conduit, uint64_t mpidr, unsigned int index)
{
    if (fake_arch.cpu_starts < MAX_CPUS) {
        fake_arch.starts[fake_arch.cpu_starts] = (struct fake_cpu_start){
            .conduit = conduit,
            .mpidr = mpidr,
            .index = index,
        };
    }
    fake_arch.cpu_starts++;
    return fake_arch.cpu_start_result;
}
