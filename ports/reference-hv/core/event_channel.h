/*
 * event_channel.h - event channels of the domains (2-level layout).
 *
 * Specification: spec/chapters/event_channel.rst and shared_info.rst.
 * Every domain has HVABI_EVTCHN_2L_NR_PORTS ports; their pending and mask
 * bits live in its shared info page, a page of hypervisor memory that the
 * guest maps into its address space when it wants to.  The FIFO layout
 * (profile evtchn-fifo) is not implemented: its commands return -ENOSYS.
 *
 * All event channel state of all domains changes under one lock, which
 * makes every command one indivisible step, as the specification requires,
 * and keeps the two ends of an interdomain channel consistent.
 */
#ifndef REFHV_CORE_EVENT_CHANNEL_H
#define REFHV_CORE_EVENT_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/boot_config.h"
#include "core/domain.h"

/* Called once per domain while it is built: the shared info page, all ports closed. */
int evtchn_domain_init(struct domain *d, uint64_t shared_info_pa);

/* Connects the static event channels of the configuration; returns the problems found. */
unsigned int evtchn_connect_static(const struct boot_config *cfg);

/*
 * A domain stopped: each of its interdomain ports to another domain is
 * closed, which makes the other end unbound, and an event is raised on
 * the other end once (spec/chapters/safety.rst).
 */
void evtchn_domain_stopped(struct domain *d);

/* Whether `port` is in range and open in domain d. */
bool evtchn_is_open(struct domain *d, uint32_t port);

/* Whether the pending bit of `port` (in range) is set. */
bool evtchn_is_pending(struct domain *d, uint32_t port);

/*
 * A vCPU registered a new vcpu_info at `info` (hypervisor address, already
 * filled with the old one's contents): it is used from now on, with every
 * selector bit and the upcall flag set, so that events flagged in the old
 * place are not lost (hvabi~vcpu-op-vcpu-info-upcall~1).
 */
void evtchn_vcpu_info_moved(struct vcpu *v, void *info);

#endif /* REFHV_CORE_EVENT_CHANNEL_H */
