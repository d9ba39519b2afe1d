/*
 * domain.c - the domain table and domain life cycle (see domain.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/arch.h"
#include "core/console.h"
#include "core/cpu.h"
#include "core/event_channel.h"
#include "core/domain.h"

#include <hvabi/sched_op.h>

/*
 * Every domain of the system; slots are claimed at boot, in order.  The
 * lock guards the domains' `state`; it is taken before a domain's own lock
 * (see domain.h).
 */
static struct domain domain_table[MAX_DOMAINS];
static struct spinlock domain_table_lock;

static const char *const shutdown_reason_names[] = {
    "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
};

struct domain *domain_alloc(const char *name)
{
    for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
        struct domain *d = &domain_table[i];

        if (d->state == DOMAIN_EMPTY && d->id == 0) {
            d->id = (uint16_t)(i + 1);
            snprintf(d->name, sizeof(d->name), "%s", name);
            return d;
        }
    }
    return NULL;
}

struct domain *domain_by_id(uint16_t id)
{
    if (id == 0 || id > MAX_DOMAINS || domain_table[id - 1].id != id) {
        return NULL;
    }
    return &domain_table[id - 1];
}

void domain_set_running(struct domain *d)
{
    spin_lock(&domain_table_lock);
    spin_lock(&d->lock);
    d->state = DOMAIN_RUNNING;
    spin_unlock(&d->lock);
    spin_unlock(&domain_table_lock);
}

static const char *reason_name(uint32_t reason)
{
    return reason <= HVABI_SHUTDOWN_SOFT_RESET ? shutdown_reason_names[reason] : "?";
}

/*
 * Marks a running domain and all its vCPUs stopped; false if it was not
 * running.  The domain's lock is held as well as the table's: PSCI CPU_ON
 * and CPU_OFF change a vCPU's state under the domain's lock alone, and must
 * not set one running or off again in between (see domain.h).
 */
static bool mark_stopped(struct domain *d, enum stop_cause cause, uint32_t reason)
{
    bool requested = cause == STOP_SHUTDOWN || cause == STOP_REMOTE;
    bool was_running;

    spin_lock(&domain_table_lock);
    spin_lock(&d->lock);
    was_running = d->state == DOMAIN_RUNNING;
    if (was_running) {
        d->state = DOMAIN_STOPPED;
        d->stop_cause = cause;
        d->shutdown_reason = requested && d->has_recorded_reason ? d->recorded_reason : reason;
        for (unsigned int i = 0; i < d->vcpu_count; i++) {
            __atomic_store_n(&d->vcpus[i].state, VCPU_STOPPED, __ATOMIC_RELEASE);
        }
    }
    spin_unlock(&d->lock);
    spin_unlock(&domain_table_lock);
    return was_running;
}

/* Moves a running domain to stopped (see domain_stop()), without the stop line. */
static bool stop_domain(struct domain *d, enum stop_cause cause, uint32_t reason)
{
    struct vcpu *current = arch_current_vcpu();

    if (!mark_stopped(d, cause, reason)) {
        return false;
    }
    /* Its peers learn of the stop: their channels to it become unbound and pending. */
    evtchn_domain_stopped(d);
    /* vCPUs on other CPUs are kicked so that they trap and stop at once. */
    for (unsigned int i = 0; i < d->vcpu_count; i++) {
        if (&d->vcpus[i] != current) {
            arch_kick_cpu(cpu_by_index(d->vcpus[i].pcpu));
        }
    }
    arch_send_event(); /* vCPUs that are off wait for an event, not an interrupt */
    return true;
}

/*
 * The domain stop line of the safety concept (spec/chapters/safety.rst,
 * Diagnostics): "hvabi: d<ID> stopped: <cause>[: text]".
 */
static void stop_line(const struct domain *d, const char *detail)
{
    const char *how = d->stop_cause == STOP_REMOTE     ? "by a control domain"
                      : d->stop_cause == STOP_WATCHDOG ? "a watchdog expired"
                                                       : "";

    if (d->stop_cause == STOP_FAULT) {
        hv_log("hvabi: d%u stopped: guest-fault: %s\n", (unsigned)d->id, detail);
    } else if (d->stop_cause == STOP_HARDWARE) {
        hv_log("hvabi: d%u stopped: hardware-error: %s\n", (unsigned)d->id, detail);
    } else if (how[0] != '\0') {
        hv_log("hvabi: d%u stopped: shutdown %s: %s\n", (unsigned)d->id,
               reason_name(d->shutdown_reason), how);
    } else {
        hv_log("hvabi: d%u stopped: shutdown %s\n", (unsigned)d->id,
               reason_name(d->shutdown_reason));
    }
}

static void stop_with_message(struct domain *d, enum stop_cause cause, const char *fmt,
                              va_list args)
{
    char message[192];

    vsnprintf(message, sizeof(message), fmt, args);
    if (stop_domain(d, cause, HVABI_SHUTDOWN_CRASH)) {
        stop_line(d, message);
    }
}

void domain_stop_for_fault(struct domain *d, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    stop_with_message(d, STOP_FAULT, fmt, args);
    va_end(args);
}

void domain_stop_for_hardware_error(struct domain *d, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    stop_with_message(d, STOP_HARDWARE, fmt, args);
    va_end(args);
}

bool domain_stop(struct domain *d, enum stop_cause cause, uint32_t reason)
{
    if (!stop_domain(d, cause, reason)) {
        return false;
    }
    stop_line(d, "");
    return true;
}

unsigned int domains_running(void)
{
    unsigned int n = 0;

    spin_lock(&domain_table_lock);
    for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
        if (domain_table[i].state == DOMAIN_RUNNING) {
            n++;
        }
    }
    spin_unlock(&domain_table_lock);
    return n;
}
