/*
 * hvabi/sched_op.h - the sched_op hypercall.
 *
 * Specification: spec/chapters/sched_op.rst.
 * Call: sched_op(cmd, arg) with HVABI_HYPERCALL_SCHED_OP.
 */
#ifndef HVABI_SCHED_OP_H
#define HVABI_SCHED_OP_H

#include <stdint.h>

/* Commands (first argument). */
#define HVABI_SCHEDOP_SHUTDOWN 2

/* Argument of HVABI_SCHEDOP_SHUTDOWN. */
struct hvabi_sched_shutdown {
    uint32_t reason; /* One of HVABI_SHUTDOWN_*. */
};

/* Reasons for stopping a domain. */
#define HVABI_SHUTDOWN_POWEROFF   0 /* Stop; the domain does not restart. */
#define HVABI_SHUTDOWN_REBOOT     1 /* Stop and ask for a restart. */
#define HVABI_SHUTDOWN_SUSPEND    2 /* Stop with the state saved for resume. */
#define HVABI_SHUTDOWN_CRASH      3 /* Stop because the guest failed. */
#define HVABI_SHUTDOWN_WATCHDOG   4 /* Stop because a watchdog expired. */
#define HVABI_SHUTDOWN_SOFT_RESET 5 /* Reset the domain's state in place. */

#endif /* HVABI_SCHED_OP_H */
