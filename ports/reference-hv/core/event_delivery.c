/*
 * event_delivery.c - the upcall flag of a vCPU.
 *
 * The flag lives in the vCPU's vcpu_info: vCPU 0's is in the shared info
 * page until it registers another; other vCPUs have none until they register
 * one, and so no upcall.
 */
#include "core/event_delivery.h"

bool event_upcall_pending(const struct vcpu *v)
{
    return v->vcpu_info != NULL &&
           __atomic_load_n(&v->vcpu_info->evtchn_upcall_pending, __ATOMIC_ACQUIRE) != 0;
}
