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
 * instruction is skipped, and execution continues after it; or, for a
 * catch armed with a resume address, execution continues there, at EL1.
 * Only a catch with a resume address catches an exception from EL0: the
 * code that ran at EL0 is abandoned.
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
    bool from_el0;    /* the exception came from EL0 */
    uint64_t esr;
    uint64_t elr;
    uint64_t far;
    uint64_t resume;  /* where to continue at EL1h with DAIF masked; 0: after the instruction */
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
 * Arms `c` as exception_catch_arm() does, with a resume address: the
 * exception, from EL1 or from EL0, continues at `resume` at EL1.
 */
void exception_catch_arm_resume(struct exception_catch *c, uint64_t resume);

/* Disarms; returns whether an exception was caught. */
bool exception_catch_disarm(struct exception_catch *c);

/* Called by vectors.S. */
void guest_exception(struct exception_frame *frame, uint64_t vector);

#endif /* HVABI_GUEST_AARCH64_EXCEPTION_H */
