/*
 * arch.h - what the architecture-neutral core needs from the architecture.
 *
 * The AArch64 implementation is in arch/aarch64; a hosted implementation for
 * unit tests can provide the same functions.
 */
#ifndef REFHV_CORE_ARCH_H
#define REFHV_CORE_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/boot_config.h"
#include "core/domain.h"

/*
 * The bytes of translation tables the stage 2 of a domain with RAM at
 * [ram_ipa, ram_ipa + ram_size) can ever need, pages placed anywhere in
 * its RAM and grant window included: a multiple of 4096.
 */
uint64_t arch_stage2_tables_size(uint64_t ram_ipa, uint64_t ram_size);

/*
 * Prepares the stage-2 translation of a new domain, whose tables will come
 * from [tables_pa, tables_pa + tables_size) only: memory reserved for it,
 * of arch_stage2_tables_size() bytes.  Returns 0 or -1.
 */
int arch_domain_init(struct domain *d, uint64_t tables_pa, uint64_t tables_size);

/*
 * Gives the domain read-write access to [ipa, ipa + size) backed by
 * [pa, pa + size), as Normal write-back memory.  Returns 0 or -1.
 */
int arch_map_guest_ram(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size);

/*
 * Maps one 4 KiB page of the domain at `ipa` to `pa`, replacing what was
 * mapped there (a RAM block is split first).  Safe while the domain runs:
 * a vCPU that touches the page during the change takes a stage-2 fault,
 * which the trap handler retries.  Returns 0, or -1 when no translation
 * table is left.
 */
int arch_map_guest_page(struct domain *d, uint64_t ipa, uint64_t pa);

/* Removes the mapping of the page at `ipa`; returns 0, or -1 if none was there. */
int arch_unmap_guest_page(struct domain *d, uint64_t ipa);

/* The physical address `ipa` of the domain maps to; false when unmapped. */
bool arch_translate_guest_ipa(struct domain *d, uint64_t ipa, uint64_t *pa);

/* Sets a vCPU up to start at `entry` (guest-physical) with x0 = `x0`. */
void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t x0);

/*
 * Starts running a vCPU on this physical CPU, from the registers
 * arch_vcpu_init() set and with every other register of the vCPU (EL1
 * system registers, SIMD) in its state at a first start; does not return.
 */
__attribute__((noreturn)) void arch_vcpu_run(struct vcpu *v);

/*
 * Translates a virtual address of the vCPU currently running on this CPU
 * through its own stage-1 tables.  Returns false when it has no mapping
 * (for writing, if `write`).
 */
bool arch_guest_va_to_ipa(struct vcpu *v, uint64_t va, bool write, uint64_t *ipa);

/* Writes data caches back to memory for a range the guest will see with its caches off. */
void arch_clean_dcache(uint64_t pa, uint64_t size);

/* Makes instruction fetches see code the hypervisor wrote. */
void arch_sync_icache(void);

/*
 * The build ID of the hypervisor image (the GNU build ID note the link
 * puts in it): sets *id to its bytes and returns their number, or returns
 * 0 when the image has none.
 */
uint32_t arch_build_id(const uint8_t **id);

/* Powers the machine off (PSCI SYSTEM_OFF); waits forever if that fails. */
__attribute__((noreturn)) void arch_system_off(enum psci_conduit conduit);

struct pcpu;

/* The vCPU that trapped to the hypervisor on this CPU, or NULL. */
struct vcpu *arch_current_vcpu(void);

/* Interrupts CPU `cpu` so that its vCPU traps (if it runs one). */
void arch_kick_cpu(const struct pcpu *cpu);

/* The MPIDR affinity of the CPU this runs on. */
uint64_t arch_cpu_mpidr(void);

/* The counter every guest reads (CNTVCT_EL0; the offset is 0) and its frequency in Hz. */
uint64_t arch_counter_now(void);
uint64_t arch_counter_frequency(void);

/* Makes this CPU's hypervisor timer interrupt when the counter reaches `count`. */
void arch_timer_arm(uint64_t count);
void arch_timer_disarm(void);

/*
 * Handles the physical interrupts pending on this CPU (kicks, timers) for
 * vCPU `v`, which waits in the hypervisor: called after arch_wait().
 */
void arch_handle_interrupts(struct vcpu *v);

/* Clears PSTATE.I of the vCPU for its return to the guest. */
void arch_vcpu_unmask_irq(struct vcpu *v);

/* Waits for an interrupt on this CPU. */
void arch_wait(void);

/* Waits for an event (arch_send_event() from any CPU, or an interrupt). */
void arch_wait_for_event(void);

/* Wakes every CPU waiting in arch_wait_for_event(). */
void arch_send_event(void);

/*
 * Makes what the boot CPU wrote visible to CPUs that start with their MMU
 * and caches off, and records the MMU settings they take over.
 */
void arch_prepare_secondary_start(void);

/*
 * Starts CPU `mpidr` at the hypervisor's secondary entry point with its
 * index as argument (PSCI CPU_ON).  Returns the PSCI status, 0 on success.
 */
int64_t arch_cpu_start(enum psci_conduit conduit, uint64_t mpidr, unsigned int index);

#endif /* REFHV_CORE_ARCH_H */
