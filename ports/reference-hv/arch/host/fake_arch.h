/*
 * fake_arch.h - a stand-in for the architecture (core/arch.h) in the
 * hosted build of the core, for its unit tests.
 *
 * fake_arch.c implements every function of core/arch.h.  None touches
 * hardware: each records in `fake_arch` that it was called and with what,
 * and answers what the test put there.  A test calls fake_arch_reset(),
 * sets the answers it needs, calls the core, and reads the record.
 *
 * Functions that do not return on hardware (arch_vcpu_run,
 * arch_system_off), and the waits the core calls in endless loops
 * (arch_wait, arch_wait_for_event), leave the core with longjmp() to
 * `fake_arch.escape`, a jmp_buf the test armed with setjmp() just before
 * calling the core.  The fake disarms it as it jumps, so a stale jmp_buf
 * is never used.  If the test did not arm it, the fake reports the call
 * on stderr and aborts the test program: returning into the core instead
 * would break what the core relies on, and the failure must not pass
 * unseen.
 */
#ifndef REFHV_ARCH_HOST_FAKE_ARCH_H
#define REFHV_ARCH_HOST_FAKE_ARCH_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arch.h"

/* Guest virtual pages a test can map for arch_guest_va_to_ipa(). */
#define FAKE_ARCH_MAX_MAPPINGS 16

/* Stage-2 mappings (RAM blocks, single pages, holes) the fake can hold. */
#define FAKE_ARCH_MAX_STAGE2 32

/* What arch_stage2_tables_size() answers after fake_arch_reset(): 4 tables. */
#define FAKE_ARCH_STAGE2_TABLES_SIZE (4 * 4096ULL)

/* The counter frequency after fake_arch_reset(): QEMU's 62.5 MHz. */
#define FAKE_ARCH_COUNTER_FREQUENCY 62500000ULL

/* One 4 KiB page of a vCPU's stage-1 translation. */
struct fake_va_mapping {
    uint64_t va_page;  /* page-aligned guest virtual address */
    uint64_t ipa_page; /* page-aligned guest-physical address it translates to */
    bool writable;
};

/* How the core was last left through fake_arch.escape. */
enum fake_arch_exit {
    FAKE_ARCH_NO_EXIT,
    FAKE_ARCH_EXIT_VCPU_RUN,
    FAKE_ARCH_EXIT_SYSTEM_OFF,
    FAKE_ARCH_EXIT_WAIT,
    FAKE_ARCH_EXIT_WAIT_FOR_EVENT,
};

/*
 * One stage-2 mapping of a domain: guest-physical [ipa, ipa + size) at
 * [pa, pa + size), or a hole (not mapped) where a page was unmapped.  The
 * newest entry that covers an address decides how it translates.
 */
struct fake_stage2_entry {
    const struct domain *domain;
    uint64_t ipa, pa, size;
    bool mapped;
};

struct fake_cpu_start {
    enum psci_conduit conduit;
    uint64_t mpidr;
    unsigned int index;
};

struct fake_arch {
    /* --- Set by the test: what the fake answers. --- */
    struct vcpu *current_vcpu;     /* arch_current_vcpu() */
    uint64_t cpu_mpidr;            /* arch_cpu_mpidr() */
    int domain_init_result;        /* arch_domain_init() */
    uint64_t stage2_tables_size;   /* arch_stage2_tables_size(); FAKE_ARCH_STAGE2_TABLES_SIZE */
    int map_guest_ram_result;      /* arch_map_guest_ram(); not 0: nothing is mapped */
    int map_guest_page_result;     /* arch_map_guest_page(); not 0: nothing is mapped */
    uint64_t counter;              /* arch_counter_now() */
    uint64_t counter_frequency;    /* arch_counter_frequency(); FAKE_ARCH_COUNTER_FREQUENCY */
    int64_t cpu_start_result;      /* arch_cpu_start() */
    const uint8_t *build_id;       /* arch_build_id(); NULL after reset: none */
    uint32_t build_id_size;
    /* arch_guest_va_to_ipa() translates through these; other pages are unmapped. */
    struct fake_va_mapping mappings[FAKE_ARCH_MAX_MAPPINGS];
    unsigned int mapping_count;
    /* How many calls of arch_wait()/arch_wait_for_event() return before one escapes. */
    unsigned int waits_before_escape;
    /*
     * Called by arch_wait() and arch_wait_for_event() before they return or
     * escape: what other CPUs or interrupts do while this CPU waits (another
     * vCPU's CPU_ON, an interrupt, time passing).  NULL: nothing happens.
     */
    void (*while_waiting)(void);
    /*
     * Called once, then cleared, at the next arch_vcpu_init() or
     * arch_counter_now(): what another CPU does at that moment of the
     * core's work on this one.  PSCI CPU_ON sets its target up, and CPU_OFF
     * reads the time for the runstate, while they hold the domain's lock:
     * a test of a race starts the other CPU's work here.  NULL: nothing.
     */
    void (*interleave)(void);
    /* Where calls that do not return go; disarmed (NULL) once used. */
    jmp_buf *escape;

    /* --- Recorded by the fake. --- */
    enum fake_arch_exit exit;

    unsigned int domain_inits;
    struct domain *last_domain_init;
    uint64_t last_tables_pa;       /* the reserve the last arch_domain_init() got */
    uint64_t last_tables_size;

    unsigned int ram_maps;
    struct {
        struct domain *domain;
        uint64_t ipa, pa, size;
    } last_ram_map;

    /* The stage-2 translation of every domain, as mapped through the fake. */
    struct fake_stage2_entry stage2[FAKE_ARCH_MAX_STAGE2];
    unsigned int stage2_count;
    unsigned int page_maps;
    unsigned int page_unmaps;

    unsigned int vcpu_inits;
    struct {
        struct vcpu *vcpu;
        uint64_t entry, x0;
    } last_vcpu_init;

    unsigned int vcpu_runs;
    struct vcpu *last_vcpu_run;

    unsigned int va_lookups;
    struct vcpu *last_va_lookup_vcpu;

    unsigned int timer_arms;
    unsigned int timer_disarms;
    bool timer_armed;
    uint64_t timer_count;          /* the counter value of the last arch_timer_arm() */

    unsigned int interrupt_handlings;
    struct vcpu *last_interrupt_handling_vcpu;
    unsigned int irq_unmasks;
    struct vcpu *last_irq_unmask_vcpu;

    unsigned int dcache_cleans;
    uint64_t last_dcache_clean_pa, last_dcache_clean_size;
    unsigned int icache_syncs;

    unsigned int system_offs;
    enum psci_conduit last_system_off_conduit;

    unsigned int kicks[MAX_CPUS];   /* arch_kick_cpu(), per CPU index */
    unsigned int kicks_of_no_cpu;   /* arch_kick_cpu(NULL) or an index past MAX_CPUS */

    unsigned int waits;
    unsigned int waits_for_event;
    unsigned int events_sent;

    unsigned int secondary_preparations;
    unsigned int cpu_starts;
    struct fake_cpu_start starts[MAX_CPUS]; /* the first MAX_CPUS calls */
};

extern struct fake_arch fake_arch;

/*
 * Forgets every answer and record: no vCPU current, nothing mapped at
 * stage 1 or 2, no escape, the counter at 0 at FAKE_ARCH_COUNTER_FREQUENCY.
 */
void fake_arch_reset(void);

/*
 * Makes the guest virtual page of `va` translate to the guest-physical page
 * of `ipa` (read-only unless `writable`).  Returns 0, or -1 when the table
 * of mappings is full.
 */
int fake_arch_map_va(uint64_t va, uint64_t ipa, bool writable);

#endif /* REFHV_ARCH_HOST_FAKE_ARCH_H */
