/*
 * event_delivery.h - the link between event channels and the virtual GIC.
 */
#ifndef REFHV_CORE_EVENT_DELIVERY_H
#define REFHV_CORE_EVENT_DELIVERY_H

#include <stdbool.h>

#include "core/domain.h"

/* Whether the vCPU's upcall flag (vcpu_info.evtchn_upcall_pending) is set. */
bool event_upcall_pending(const struct vcpu *v);

#endif /* REFHV_CORE_EVENT_DELIVERY_H */
