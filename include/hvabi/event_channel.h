/*
 * hvabi/event_channel.h - the event_channel_op hypercall: ports, their
 * commands, VIRQ numbers, and the FIFO event layout.
 *
 * Specification: spec/chapters/event_channel.rst.
 * Call: event_channel_op(cmd, arg) with HVABI_HYPERCALL_EVENT_CHANNEL_OP;
 * arg points to the structure of the command.
 */
#ifndef HVABI_EVENT_CHANNEL_H
#define HVABI_EVENT_CHANNEL_H

#include <stdint.h>
#include <hvabi/types.h>

/* A port: the number of one end of an event channel within its domain. */
typedef uint32_t hvabi_evtchn_port_t;

/* Commands (first argument). */
#define HVABI_EVTCHNOP_BIND_INTERDOMAIN 0  /* connect to another domain's unbound port */
#define HVABI_EVTCHNOP_BIND_VIRQ        1  /* bind a port to a virtual interrupt */
#define HVABI_EVTCHNOP_BIND_PIRQ        2  /* not on AArch64: always -ENOSYS */
#define HVABI_EVTCHNOP_CLOSE            3  /* close a port */
#define HVABI_EVTCHNOP_SEND             4  /* signal the other end */
#define HVABI_EVTCHNOP_STATUS           5  /* report the state of a port */
#define HVABI_EVTCHNOP_ALLOC_UNBOUND    6  /* open a port for another domain to bind */
#define HVABI_EVTCHNOP_BIND_IPI         7  /* open a port for events within the domain */
#define HVABI_EVTCHNOP_BIND_VCPU        8  /* change the vCPU a port notifies */
#define HVABI_EVTCHNOP_UNMASK           9  /* unmask a port, delivering a pending event */
#define HVABI_EVTCHNOP_RESET            10 /* close every port of a domain */
#define HVABI_EVTCHNOP_INIT_CONTROL     11 /* FIFO: register a vCPU's control block */
#define HVABI_EVTCHNOP_EXPAND_ARRAY     12 /* FIFO: add a page of event words */
#define HVABI_EVTCHNOP_SET_PRIORITY     13 /* FIFO: set the priority of a port */

/* Port limits. */
#define HVABI_EVTCHN_MIN_PORTS    1024 /* every domain has at least this many ports */
#define HVABI_EVTCHN_2L_NR_PORTS  4096 /* ports of the 2-level layout */

/* States of a port, as HVABI_EVTCHNOP_STATUS reports them. */
#define HVABI_EVTCHNSTAT_CLOSED      0 /* not in use */
#define HVABI_EVTCHNSTAT_UNBOUND     1 /* waits for a binding from its remote domain */
#define HVABI_EVTCHNSTAT_INTERDOMAIN 2 /* connected to a port of a domain */
#define HVABI_EVTCHNSTAT_PIRQ        3 /* bound to a physical interrupt (not on AArch64) */
#define HVABI_EVTCHNSTAT_VIRQ        4 /* bound to a virtual interrupt */
#define HVABI_EVTCHNSTAT_IPI         5 /* bound for events within the domain */

/* Virtual interrupts (VIRQs).  V: one per vCPU; G: one per domain. */
#define HVABI_VIRQ_TIMER      0  /* V */
#define HVABI_VIRQ_DEBUG      1  /* V */
#define HVABI_VIRQ_CONSOLE    2  /* G */
#define HVABI_VIRQ_DOM_EXC    3  /* G */
#define HVABI_VIRQ_TBUF       4  /* G */
#define HVABI_VIRQ_DEBUGGER   6  /* G */
#define HVABI_VIRQ_XENOPROF   7  /* V */
#define HVABI_VIRQ_CON_RING   8  /* G */
#define HVABI_VIRQ_PCPU_STATE 9  /* G */
#define HVABI_VIRQ_MEM_EVENT  10 /* G */
#define HVABI_VIRQ_ARGO       11 /* G */
#define HVABI_VIRQ_ENOMEM     12 /* G */
#define HVABI_VIRQ_XENPMU     13 /* V */
#define HVABI_VIRQ_ARCH_0     16 /* G on AArch64, as are ARCH_1 to ARCH_7 */
#define HVABI_VIRQ_ARCH_1     17
#define HVABI_VIRQ_ARCH_2     18
#define HVABI_VIRQ_ARCH_3     19
#define HVABI_VIRQ_ARCH_4     20
#define HVABI_VIRQ_ARCH_5     21
#define HVABI_VIRQ_ARCH_6     22
#define HVABI_VIRQ_ARCH_7     23
#define HVABI_NR_VIRQS        24 /* VIRQ numbers are below this */

/* Argument of HVABI_EVTCHNOP_ALLOC_UNBOUND. */
struct hvabi_evtchn_alloc_unbound {
    hvabi_domid_t dom;        /* in: the domain to open the port in */
    hvabi_domid_t remote_dom; /* in: the domain allowed to bind to it */
    hvabi_evtchn_port_t port; /* out: the port opened */
};

/* Argument of HVABI_EVTCHNOP_BIND_INTERDOMAIN. */
struct hvabi_evtchn_bind_interdomain {
    hvabi_domid_t remote_dom;        /* in: the domain of the unbound port */
    hvabi_evtchn_port_t remote_port; /* in: the unbound port */
    hvabi_evtchn_port_t local_port;  /* out: the caller's new port */
};

/* Argument of HVABI_EVTCHNOP_BIND_VIRQ. */
struct hvabi_evtchn_bind_virq {
    uint32_t virq;            /* in: an HVABI_VIRQ_* number */
    uint32_t vcpu;            /* in: the vCPU to notify */
    hvabi_evtchn_port_t port; /* out: the port opened */
};

/* Argument of HVABI_EVTCHNOP_BIND_IPI. */
struct hvabi_evtchn_bind_ipi {
    uint32_t vcpu;            /* in: the vCPU to notify */
    hvabi_evtchn_port_t port; /* out: the port opened */
};

/* Argument of HVABI_EVTCHNOP_CLOSE. */
struct hvabi_evtchn_close {
    hvabi_evtchn_port_t port; /* in */
};

/* Argument of HVABI_EVTCHNOP_SEND. */
struct hvabi_evtchn_send {
    hvabi_evtchn_port_t port; /* in */
};

/* The remote end of an unbound port, in HVABI_EVTCHNOP_STATUS. */
struct hvabi_evtchn_status_unbound {
    hvabi_domid_t dom; /* the domain allowed to bind */
};

/* The remote end of an interdomain port, in HVABI_EVTCHNOP_STATUS. */
struct hvabi_evtchn_status_interdomain {
    hvabi_domid_t dom;        /* the remote domain */
    hvabi_evtchn_port_t port; /* the remote port */
};

/* What HVABI_EVTCHNOP_STATUS reports beyond the state; by state. */
union hvabi_evtchn_status_u {
    struct hvabi_evtchn_status_unbound unbound;         /* unbound */
    struct hvabi_evtchn_status_interdomain interdomain; /* interdomain */
    uint32_t pirq;                                      /* pirq (never on AArch64) */
    uint32_t virq;                                      /* virq: the VIRQ number */
};

/* Argument of HVABI_EVTCHNOP_STATUS. */
struct hvabi_evtchn_status {
    hvabi_domid_t dom;           /* in: the domain of the port */
    hvabi_evtchn_port_t port;    /* in */
    uint32_t status;             /* out: an HVABI_EVTCHNSTAT_* value */
    uint32_t vcpu;               /* out: the vCPU the port notifies */
    union hvabi_evtchn_status_u u; /* out: by state */
};

/* Argument of HVABI_EVTCHNOP_BIND_VCPU. */
struct hvabi_evtchn_bind_vcpu {
    hvabi_evtchn_port_t port; /* in */
    uint32_t vcpu;            /* in: the vCPU to notify from now on */
};

/* Argument of HVABI_EVTCHNOP_UNMASK. */
struct hvabi_evtchn_unmask {
    hvabi_evtchn_port_t port; /* in */
};

/* Argument of HVABI_EVTCHNOP_RESET. */
struct hvabi_evtchn_reset {
    hvabi_domid_t dom; /* in: the domain whose ports to close */
};

/* The FIFO layout (optional feature evtchn-fifo). */

/* One event word per port, in the event array pages. */
typedef uint32_t hvabi_evtchn_fifo_word_t;

#define HVABI_EVTCHN_FIFO_PENDING   31 /* bit: the event is pending */
#define HVABI_EVTCHN_FIFO_MASKED    30 /* bit: the port is masked */
#define HVABI_EVTCHN_FIFO_LINKED    29 /* bit: the word is on a queue */
#define HVABI_EVTCHN_FIFO_BUSY      28 /* bit: the hypervisor is changing LINK */
#define HVABI_EVTCHN_FIFO_LINK_BITS 17 /* width of the LINK field, bits [16:0] */
#define HVABI_EVTCHN_FIFO_LINK_MASK 0x1FFFF /* the LINK field in place */
#define HVABI_EVTCHN_FIFO_NR_PORTS  131072  /* ports of the FIFO layout */

#define HVABI_EVTCHN_FIFO_PRIORITY_MAX     0  /* the highest priority */
#define HVABI_EVTCHN_FIFO_PRIORITY_DEFAULT 7  /* the priority of a new port */
#define HVABI_EVTCHN_FIFO_PRIORITY_MIN     15 /* the lowest priority */
#define HVABI_EVTCHN_FIFO_MAX_QUEUES       16 /* queues per vCPU, one per priority */

/* A vCPU's FIFO control block, in guest memory. */
struct hvabi_evtchn_fifo_control_block {
    uint32_t ready;    /* bit q: queue q has events */
    uint32_t rsvd;     /* reserved */
    uint32_t head[16]; /* the first port of each queue */
};

/* Argument of HVABI_EVTCHNOP_INIT_CONTROL. */
struct hvabi_evtchn_init_control {
    uint64_t control_gfn; /* in: the frame of the control block */
    uint32_t offset;      /* in: its offset in that frame */
    uint32_t vcpu;        /* in: the vCPU it belongs to */
    uint8_t link_bits;    /* out: HVABI_EVTCHN_FIFO_LINK_BITS */
    uint8_t pad[7];
};

/* Argument of HVABI_EVTCHNOP_EXPAND_ARRAY. */
struct hvabi_evtchn_expand_array {
    uint64_t array_gfn; /* in: the frame of the next event array page */
};

/* Argument of HVABI_EVTCHNOP_SET_PRIORITY. */
struct hvabi_evtchn_set_priority {
    hvabi_evtchn_port_t port; /* in */
    uint32_t priority;        /* in: HVABI_EVTCHN_FIFO_PRIORITY_MAX to _MIN */
};

#endif /* HVABI_EVENT_CHANNEL_H */
