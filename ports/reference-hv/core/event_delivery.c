/*
 * event_delivery.c - the upcall flag of a vCPU.
 *
 * The flag lives in the vCPU's vcpu_info in guest memory; until a domain
 * has mapped its shared info page there is no flag, and no upcall.
 */
#include "core/event_delivery.h"

bool event_upcall_pending(const struct vcpu *v)
{
    (void)v;
    return false;
}
