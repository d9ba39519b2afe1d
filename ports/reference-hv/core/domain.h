/*
 * domain.h - domains and their vCPUs.
 *
 * A domain is a static partition: its memory, its vCPUs and its console are
 * fixed when it is built at boot.  It runs until it shuts down or the
 * hypervisor stops it for a fault; then its vCPUs never run again and its
 * memory is not reused.  Domain IDs start at 1, in device-tree order, as in
 * Xen's dom0less boot.
 */
#ifndef REFHV_CORE_DOMAIN_H
#define REFHV_CORE_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch_types.h"
#include "core/config.h"
#include "core/spinlock.h"
#include "core/vgic.h"

#include <hvabi/event_channel.h>
#include <hvabi/sched_op.h>
#include <hvabi/shared_info.h>
#include <hvabi/vcpu_op.h>

enum vcpu_state {
    VCPU_OFF,     /* not started */
    VCPU_RUNNING, /* owns its physical CPU */
    VCPU_STOPPED, /* its domain has stopped */
};

struct domain;

/* States of an event channel port (spec/chapters/event_channel.rst). */
enum evtchn_state {
    EVTCHN_CLOSED = 0,
    EVTCHN_UNBOUND,
    EVTCHN_INTERDOMAIN,
    EVTCHN_VIRQ,
    EVTCHN_IPI,
};

struct evtchn {
    uint8_t state;         /* enum evtchn_state */
    uint8_t virq;          /* EVTCHN_VIRQ: the VIRQ number */
    uint16_t notify_vcpu;  /* the vCPU that its events go to */
    uint16_t remote_domid; /* UNBOUND: who may bind; INTERDOMAIN: the other end's domain */
    uint32_t remote_port;  /* INTERDOMAIN: the other end's port */
};

/* The event channels of a domain (core/event_channel.c). */
struct domain_events {
    uint64_t shared_info_pa; /* its shared info page, in hypervisor memory */
    uint64_t shared_info_gfn; /* where the guest mapped it; 0: not mapped */
    uint32_t virq_ports[MAX_VCPUS_PER_DOMAIN][HVABI_NR_VIRQS]; /* 0: not bound; global VIRQs in [0] */
    struct evtchn ports[HVABI_EVTCHN_2L_NR_PORTS];
};

struct vcpu {
    struct arch_vcpu arch; /* first: the trap path finds the registers here */
    struct domain *domain;
    unsigned int id;       /* 0 .. vcpu_count - 1; also its MPIDR Aff0 */
    unsigned int pcpu;     /* index of the physical CPU it owns */
    enum vcpu_state state; /* changed under its domain's lock (see there), read without */
    struct vgic_cpu vgic;  /* its redistributor and private interrupts */
    uint64_t poll_deadline; /* system time at which SCHEDOP_poll gives up; 0: none */
    struct hvabi_vcpu_info *vcpu_info; /* where its events are flagged; NULL: nowhere yet */
    bool vcpu_info_registered; /* VCPUOP_register_vcpu_info succeeded */
    struct hvabi_vcpu_runstate_info runstate; /* its state times (core/runstate.c) */
    uint64_t runstate_area;   /* guest virtual address of its runstate area; 0: none */
};

enum domain_state {
    DOMAIN_EMPTY,    /* slot not used */
    DOMAIN_RUNNING,
    DOMAIN_STOPPED,
};

/* Why a stopped domain stopped. */
enum stop_cause {
    STOP_SHUTDOWN, /* SCHEDOP_shutdown or PSCI SYSTEM_OFF/RESET */
    STOP_REMOTE,   /* SCHEDOP_remote_shutdown from a control domain */
    STOP_WATCHDOG, /* one of its watchdogs expired */
    STOP_FAULT,    /* the hypervisor stopped it for a guest fault: see the log */
    STOP_HARDWARE, /* the hypervisor stopped it for a hardware error */
};

/* A watchdog of SCHEDOP_watchdog; IDs are index + 1. */
struct watchdog {
    bool in_use;
    uint64_t expiry; /* system time */
};

struct domain {
    uint16_t id;
    char name[DOMAIN_NAME_MAX];
    enum domain_state state;  /* changed under the domain table's lock and the domain's lock */
    enum stop_cause stop_cause;
    uint32_t shutdown_reason; /* HVABI_SHUTDOWN_*, once stopped */
    bool has_recorded_reason; /* SCHEDOP_shutdown_code was called */
    uint32_t recorded_reason;
    bool is_control;          /* a control domain (capabilities bit 0) */
    uint64_t params[6];       /* hvm_op parameters (core/hvm_op.c) */
    struct watchdog watchdogs[HVABI_SCHED_WATCHDOG_MAX];

    uint64_t ram_ipa;  /* guest-physical base of its RAM */
    uint64_t ram_pa;   /* where that RAM is */
    uint64_t ram_size;

    unsigned int vcpu_count;
    struct vcpu vcpus[MAX_VCPUS_PER_DOMAIN];
    struct vgic_dist vgic;
    struct domain_events events;
    struct arch_domain arch;

    /* console_io output collects here until a newline or the line is full. */
    char console_line[DOMAIN_CONSOLE_LINE_MAX];
    size_t console_length;

    /*
     * The domain's lock: its vCPUs' states, its watchdogs, recorded
     * shutdown reason, console line and virtual distributor change under
     * it.  Its own state changes under both this lock and the domain
     * table's (domain.c), taken in that order: a stop marks the domain and
     * every vCPU stopped in one step, which PSCI CPU_ON and CPU_OFF cannot
     * come between.  Nothing that holds this lock takes the table's.
     */
    struct spinlock lock;
};

/* Claims the next free domain slot, with ID = slot + 1.  NULL when full. */
struct domain *domain_alloc(const char *name);

/* The domain with this ID, or NULL. */
struct domain *domain_by_id(uint16_t id);

/* Marks a built domain as running. */
void domain_set_running(struct domain *d);

/*
 * Stops a running domain (spec/chapters/safety.rst, the safe state of a
 * domain): every vCPU stops, on every CPU, and the domain never runs
 * again; peers' event channels to it become unbound; the stop line is
 * written.  `reason` is an HVABI_SHUTDOWN_* value; for a shutdown the
 * guest asked for (STOP_SHUTDOWN, STOP_REMOTE) a reason recorded with
 * SCHEDOP_shutdown_code takes its place.  Returns false, changing nothing,
 * if the domain had already stopped.  STOP_FAULT: use domain_stop_for_fault().
 */
bool domain_stop(struct domain *d, enum stop_cause cause, uint32_t reason);

/*
 * Stops a domain because of a fault: the hypervisor's reaction to anything
 * a guest does that the specification does not give an error code for.
 * The message says what happened; it is logged with the domain's ID.
 */
void domain_stop_for_fault(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The same for a hardware error that the domain's vCPU ran into (an SError). */
void domain_stop_for_hardware_error(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* How many domains are still running. */
unsigned int domains_running(void);

#endif /* REFHV_CORE_DOMAIN_H */
