/*
 * exception.h - exceptions taken by a guest image at EL1.
 *
 * An exception nobody expects is reported on the console (as a KTAP
 * "Bail out!" line, so the harness sees it) and the domain shuts down with
 * reason crash: the guest never hangs silently.
 *
 * A test that provokes an exception on purpose (an instruction the
 * hypervisor must reject, say) arms a struct exception_catch first.  The
 * next synchronous exception is then recorded in it, the faulting
 * instruction is skipped, and execution continues after it.
 *
 * A test that runs code at EL0 arms the catch with exception_catch_arm_el0()
 * instead: the next synchronous exception taken from EL0 (AArch64) is
 * recorded and the vCPU resumes at EL1h, IRQs masked, at the address given,
 * with the registers the EL0 code left.
 *
 * A test that provokes an exception at EL1 after which the next
 * instruction cannot run (an instruction fetch that aborts) arms the catch
 * with exception_catch_arm_resume(): execution then continues at the
 * address given, at EL1h with IRQs masked, with the registers of the
 * moment of the exception.
 */
#ifndef HVABI_GUEST_AARCH64_EXCEPTION_H
#define HVABI_GUEST_AARCH64_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

/* Saved context; the layout is shared with vectors.S. */
struct exception_frame {
    uint64_t x[31];
    uint64_t sp;
    uint64_t elr;
    uint64_t spsr;
    uint64_t esr;
    uint64_t far;
};

struct exception_catch {
    bool caught;
    uint64_t esr;
    uint64_t elr;
    uint64_t far;
    uint64_t el0_resume; /* 0, or where to resume after an exception from EL0 */
    uint64_t el1_resume; /* 0 (skip the instruction), or where to resume at EL1 */
};

/* ESR_EL1.EC values the tests look for. */
#define ESR_EC_SHIFT 26
#define ESR_EC_UNKNOWN 0x00
#define ESR_EC_DATA_ABORT_SAME_EL 0x25
#define ESR_EC_DATA_ABORT_LOWER_EL 0x24
#define ESR_EC_INSTRUCTION_ABORT_SAME_EL 0x21
#define ESR_EC_INSTRUCTION_ABORT_LOWER_EL 0x20

/*
 * Arms `c` for the next synchronous exception at EL1.  Only one catch can be
 * armed at a time; arming replaces any previous one.
 */
void exception_catch_arm(struct exception_catch *c);

/*
 * Arms `c` for the next synchronous exception taken from EL0; execution
 * then resumes at EL1 at `resume`.  Replaces any armed catch.
 */
void exception_catch_arm_el0(struct exception_catch *c, uint64_t resume);

/*
 * Arms `c` for the next synchronous exception taken at EL1; execution then
 * resumes at `resume` instead of after the faulting instruction.
 */
void exception_catch_arm_resume(struct exception_catch *c, uint64_t resume);

/* Disarms; returns whether an exception was caught. */
bool exception_catch_disarm(struct exception_catch *c);

/*
 * While an interrupt handler (interrupts.h) runs: the context the IRQ
 * interrupted, as vectors.S saved it.  NULL outside interrupt handlers.
 */
const struct exception_frame *exception_interrupted_frame(void);

/* Called by vectors.S. */
void guest_exception(struct exception_frame *frame, uint64_t vector);

#endif /* HVABI_GUEST_AARCH64_EXCEPTION_H */
