/*
 * exception.c - report or catch exceptions taken at EL1 (see exception.h).
 */
#include <stddef.h>

#include "guest/aarch64/exception.h"
#include "guest/console.h"
#include "guest/guest.h"
#include "guest/interrupts.h"

#include <hvabi/sched_op.h>

#define VECTOR_SYNC_CURRENT_EL 4
#define VECTOR_IRQ_CURRENT_EL  5
#define VECTOR_SYNC_LOWER_EL   8

/* SPSR_EL1 to resume at EL1h with D, A, I and F masked. */
#define SPSR_EL1H_MASKED 0x3c5

static const char *const vector_names[16] = {
    "synchronous (SP_EL0)", "IRQ (SP_EL0)", "FIQ (SP_EL0)", "SError (SP_EL0)",
    "synchronous",          "IRQ",          "FIQ",          "SError",
    "synchronous (EL0)",    "IRQ (EL0)",    "FIQ (EL0)",    "SError (EL0)",
    "synchronous (EL0 32)", "IRQ (EL0 32)", "FIQ (EL0 32)", "SError (EL0 32)",
};

/*
 * The armed catch.  It is the one piece of state the vectors and a test
 * share, and it has to be global because an exception has no argument.
 */
static struct exception_catch *armed_catch;

/* The context an IRQ interrupted, while its handlers run. */
static const struct exception_frame *interrupted_frame;

const struct exception_frame *exception_interrupted_frame(void)
{
    return interrupted_frame;
}

void exception_catch_arm(struct exception_catch *c)
{
    c->caught = false;
    c->esr = 0;
    c->elr = 0;
    c->far = 0;
    c->el0_resume = 0;
    c->el1_resume = 0;
    __atomic_store_n(&armed_catch, c, __ATOMIC_SEQ_CST);
}

void exception_catch_arm_resume(struct exception_catch *c, uint64_t resume)
{
    exception_catch_arm(c);
    c->el1_resume = resume;
}

void exception_catch_arm_el0(struct exception_catch *c, uint64_t resume)
{
    c->caught = false;
    c->esr = 0;
    c->elr = 0;
    c->far = 0;
    c->el0_resume = resume;
    c->el1_resume = 0;
    __atomic_store_n(&armed_catch, c, __ATOMIC_SEQ_CST);
}

bool exception_catch_disarm(struct exception_catch *c)
{
    __atomic_store_n(&armed_catch, NULL, __ATOMIC_SEQ_CST);
    return c->caught;
}

void guest_exception(struct exception_frame *frame, uint64_t vector)
{
    struct exception_catch *c = armed_catch;

    if (vector == VECTOR_IRQ_CURRENT_EL) {
        interrupted_frame = frame;
        interrupts_dispatch();
        interrupted_frame = NULL;
        return;
    }
    if (vector == VECTOR_SYNC_LOWER_EL && c != NULL && c->el0_resume != 0) {
        c->caught = true;
        c->esr = frame->esr;
        c->elr = frame->elr;
        c->far = frame->far;
        armed_catch = NULL;
        frame->elr = c->el0_resume;
        frame->spsr = SPSR_EL1H_MASKED;
        return;
    }
    if (vector == VECTOR_SYNC_CURRENT_EL && c != NULL && c->el0_resume == 0) {
        c->caught = true;
        c->esr = frame->esr;
        c->elr = frame->elr;
        c->far = frame->far;
        armed_catch = NULL;
        if (c->el1_resume != 0) {
            frame->elr = c->el1_resume;
            frame->spsr = SPSR_EL1H_MASKED;
        } else {
            frame->elr += 4; /* skip the instruction that faulted */
        }
        return;
    }

    console_printf("Bail out! unexpected %s exception at EL1: ESR=0x%llx ELR=0x%llx "
                   "FAR=0x%llx SPSR=0x%llx\n",
                   vector_names[vector & 15], (unsigned long long)frame->esr,
                   (unsigned long long)frame->elr, (unsigned long long)frame->far,
                   (unsigned long long)frame->spsr);
    guest_shutdown(HVABI_SHUTDOWN_CRASH);
}
