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

enum vcpu_state {
    VCPU_OFF,     /* not started */
    VCPU_RUNNING, /* owns its physical CPU */
    VCPU_STOPPED, /* its domain has stopped */
};

struct domain;

struct vcpu {
    struct arch_vcpu arch; /* first: the trap path finds the registers here */
    struct domain *domain;
    unsigned int id;       /* 0 .. vcpu_count - 1; also its MPIDR Aff0 */
    unsigned int pcpu;     /* index of the physical CPU it owns */
    enum vcpu_state state; /* changed under the domain's lock, read without it */
    struct vgic_cpu vgic;  /* its redistributor and private interrupts */
};

enum domain_state {
    DOMAIN_EMPTY,    /* slot not used */
    DOMAIN_RUNNING,
    DOMAIN_STOPPED,
};

/* Why a stopped domain stopped. */
enum stop_cause {
    STOP_SHUTDOWN, /* SCHEDOP_shutdown or PSCI SYSTEM_OFF/RESET */
    STOP_FAULT,    /* the hypervisor stopped it: see the log */
};

struct domain {
    uint16_t id;
    char name[DOMAIN_NAME_MAX];
    enum domain_state state;
    enum stop_cause stop_cause;
    uint32_t shutdown_reason; /* HVABI_SHUTDOWN_*, when stop_cause is STOP_SHUTDOWN */

    uint64_t ram_ipa;  /* guest-physical base of its RAM */
    uint64_t ram_pa;   /* where that RAM is */
    uint64_t ram_size;

    unsigned int vcpu_count;
    struct vcpu vcpus[MAX_VCPUS_PER_DOMAIN];
    struct vgic_dist vgic;
    struct arch_domain arch;

    /* console_io output collects here until a newline or the line is full. */
    char console_line[DOMAIN_CONSOLE_LINE_MAX];
    size_t console_length;

    struct spinlock lock;
};

/* Claims the next free domain slot, with ID = slot + 1.  NULL when full. */
struct domain *domain_alloc(const char *name);

/* The domain with this ID, or NULL. */
struct domain *domain_by_id(uint16_t id);

/* Marks a built domain as running. */
void domain_set_running(struct domain *d);

/*
 * Stops a domain at its own request (`reason` is an HVABI_SHUTDOWN_*
 * value).  Returns false if it was already stopped.
 */
bool domain_shutdown(struct domain *d, uint32_t reason);

/*
 * Stops a domain because of a fault: the hypervisor's reaction to anything
 * a guest does that the specification does not give an error code for.
 * The message says what happened; it is logged with the domain's ID.
 */
void domain_stop_for_fault(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* How many domains are still running. */
unsigned int domains_running(void);

#endif /* REFHV_CORE_DOMAIN_H */
