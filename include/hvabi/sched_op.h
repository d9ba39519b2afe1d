/*
 * hvabi/sched_op.h - the sched_op hypercall.
 *
 * Specification: spec/chapters/sched_op.rst.
 * Call: sched_op(cmd, arg) with HVABI_HYPERCALL_SCHED_OP.
 * Times are system time: the virtual counter in nanoseconds (see the chapter).
 */
#ifndef HVABI_SCHED_OP_H
#define HVABI_SCHED_OP_H

#include <stdint.h>

#include <hvabi/types.h>

/* Commands (first argument). */
#define HVABI_SCHEDOP_YIELD           0 /* Let other vCPUs run; arg ignored. */
#define HVABI_SCHEDOP_BLOCK           1 /* Unmask IRQs, wait for one; arg ignored. */
#define HVABI_SCHEDOP_SHUTDOWN        2 /* Stop the calling domain. */
#define HVABI_SCHEDOP_POLL            3 /* Wait for a listed port or a time. */
#define HVABI_SCHEDOP_REMOTE_SHUTDOWN 4 /* Stop a domain (control domains). */
#define HVABI_SCHEDOP_SHUTDOWN_CODE   5 /* Record a reason for a later shutdown. */
#define HVABI_SCHEDOP_WATCHDOG        6 /* Create, re-arm or destroy a watchdog. */

/* Argument of HVABI_SCHEDOP_SHUTDOWN and HVABI_SCHEDOP_SHUTDOWN_CODE. */
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

/* Argument of HVABI_SCHEDOP_REMOTE_SHUTDOWN. */
struct hvabi_sched_remote_shutdown {
    hvabi_domid_t domain_id; /* The domain to stop, or HVABI_DOMID_SELF. */
    uint32_t reason;         /* One of HVABI_SHUTDOWN_*. */
};

/* Argument of HVABI_SCHEDOP_POLL. */
struct hvabi_sched_poll {
    uint64_t ports;    /* Guest virtual address of nr_ports uint32_t ports. */
    uint32_t nr_ports; /* At most HVABI_SCHED_POLL_MAX_PORTS. */
    uint64_t timeout;  /* System time to return at the latest; 0: none. */
};

/* Argument of HVABI_SCHEDOP_WATCHDOG. */
struct hvabi_sched_watchdog {
    uint32_t id;      /* 0: create; otherwise the watchdog to re-arm or destroy. */
    uint32_t timeout; /* Seconds until expiry; 0 with id != 0: destroy. */
};

/* Limits. */
#define HVABI_SCHED_POLL_MAX_PORTS 128 /* Largest nr_ports of a poll. */
#define HVABI_SCHED_WATCHDOG_MAX   2   /* Watchdogs per domain; IDs 1 to 2. */

#endif /* HVABI_SCHED_OP_H */
