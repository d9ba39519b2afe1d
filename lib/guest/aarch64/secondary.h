/*
 * secondary.h - entry of vCPUs other than vCPU 0 (started with PSCI CPU_ON).
 *
 * A vCPU that PSCI CPU_ON starts at guest_secondary_entry, with X0 (the
 * context ID) pointing to a struct guest_secondary_start, first records its
 * entry state there (entry_state.h), then turns its MMU on with the tables,
 * memory attributes and SCTLR_EL1 bits vCPU 0 uses (mmu.h), installs the
 * exception vectors, takes the stack `stack_top` and calls
 * guest_secondary_main(start), which the image provides.  If that returns,
 * the vCPU waits for interrupts forever.
 *
 * The vCPU runs with its MMU off until then, so it must find the structure
 * in memory, not in a cache: the starter calls guest_secondary_prepare()
 * after filling it in and before CPU_ON, and does not write it again until
 * the vCPU has started.
 *
 * The library's interrupt support (interrupts.h) serves vCPU 0 only; code on
 * other vCPUs must not use it.  Exceptions on any vCPU are handled as on
 * vCPU 0 (exception.h); an unexpected one stops the domain.
 */
#ifndef HVABI_GUEST_AARCH64_SECONDARY_H
#define HVABI_GUEST_AARCH64_SECONDARY_H

#include "guest/aarch64/entry_state.h"

#define GUEST_SECONDARY_STACK_TOP ENTRY_STATE_SIZE /* offset, for secondary.S */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct guest_secondary_start {
    struct entry_state entry; /* written by the vCPU at its first instructions */
    uint64_t stack_top;       /* 16-byte aligned end of the vCPU's stack */
} __attribute__((aligned(64)));

/* The entry point to give PSCI CPU_ON, with the structure as context ID. */
void guest_secondary_entry(void);

/* Provided by an image that starts other vCPUs. */
void guest_secondary_main(struct guest_secondary_start *start);

/*
 * Makes `start` visible to a vCPU whose MMU is off: cleans and invalidates
 * its cache lines to the point of coherency.
 */
void guest_secondary_prepare(struct guest_secondary_start *start);

#endif /* __ASSEMBLER__ */

#endif /* HVABI_GUEST_AARCH64_SECONDARY_H */
