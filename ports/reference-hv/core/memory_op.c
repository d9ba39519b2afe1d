/*
 * memory_op.c - the memory_op hypercall: placing the shared info page in a
 * domain's guest-physical address space, emptying frames, and the size of
 * a domain's memory.
 *
 * Specification: spec/chapters/memory_op.rst.  Partitions are static:
 * memory is never added to or taken from a domain.  Grant tables are not
 * implemented yet, so their frames cannot be placed (-ENOSYS).
 */
#include "core/arch.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"

#include <hvabi/errno.h>
#include <hvabi/memory_op.h>
#include <hvabi/types.h>

#define MEMOP_CMD_MASK 0x3fULL

/* The domain a domid argument names, or NULL when none: -ESRCH. */
static struct domain *target_domain(struct vcpu *v, hvabi_domid_t domid)
{
    return domid == HVABI_DOMID_SELF ? v->domain : domain_by_id(domid);
}

static bool inside(uint64_t address, uint64_t base, uint64_t size)
{
    return address >= base && address - base < size;
}

/* A frame where pages may be placed: RAM frames and region 0 of /hypervisor. */
static bool mappable(const struct domain *d, uint64_t gpfn)
{
    uint64_t ipa = gpfn * PAGE_SIZE;

    if (gpfn >= (1ULL << 52)) {
        return false; /* the product would wrap */
    }
    return inside(ipa, d->ram_ipa, d->ram_size) ||
           inside(ipa, GUEST_GRANT_WINDOW_BASE, GUEST_GRANT_WINDOW_SIZE);
}

static int64_t add_to_physmap(struct vcpu *v, uint64_t arg)
{
    struct hvabi_add_to_physmap request;
    struct domain *d;
    int64_t rc = 0;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    if (request.space == HVABI_XENMAPSPACE_GMFN_FOREIGN) {
        return -HVABI_ENOSYS;
    }
    d = target_domain(v, request.domid);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (request.space == HVABI_XENMAPSPACE_DEV_MMIO) {
        return -HVABI_EACCES;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    if (request.space != HVABI_XENMAPSPACE_SHARED_INFO) {
        return -HVABI_ENOSYS; /* gmfn, gmfn_range, 6 and up; grant tables: not yet */
    }
    if (request.idx != 0) {
        return -HVABI_EINVAL;
    }
    spin_lock(&d->lock);
    if (d->events.shared_info_gfn != 0) {
        rc = -HVABI_EBUSY;
    } else if (!mappable(d, request.gpfn)) {
        rc = -HVABI_EINVAL;
    } else if (arch_map_guest_page(d, request.gpfn * PAGE_SIZE, d->events.shared_info_pa) != 0) {
        rc = -HVABI_ENOMEM;
    } else {
        d->events.shared_info_gfn = request.gpfn;
    }
    spin_unlock(&d->lock);
    return rc;
}

static int64_t remove_from_physmap(struct vcpu *v, uint64_t arg)
{
    struct hvabi_remove_from_physmap request;
    struct domain *d;
    int64_t rc = 0;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    d = target_domain(v, request.domid);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    spin_lock(&d->lock);
    if (!mappable(d, request.gpfn) ||
        arch_unmap_guest_page(d, request.gpfn * PAGE_SIZE) != 0) {
        rc = -HVABI_ENOENT; /* neither a RAM page nor a hypervisor page at that frame */
    } else if (d->events.shared_info_gfn == request.gpfn) {
        d->events.shared_info_gfn = 0;
    }
    spin_unlock(&d->lock);
    return rc;
}

static int64_t reservation(struct vcpu *v, uint64_t arg)
{
    struct hvabi_memory_domain request;
    struct domain *d;

    if (guest_copy_from(v, &request, arg, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    d = target_domain(v, request.domid);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    return (int64_t)(d->ram_size / PAGE_SIZE);
}

int64_t do_memory_op(struct vcpu *v, uint64_t cmd, uint64_t arg)
{
    uint64_t op = cmd & MEMOP_CMD_MASK;
    bool specified = op == HVABI_XENMEM_CURRENT_RESERVATION ||
                     op == HVABI_XENMEM_MAXIMUM_RESERVATION || op == HVABI_XENMEM_ADD_TO_PHYSMAP ||
                     op == HVABI_XENMEM_REMOVE_FROM_PHYSMAP;

    if (specified && (cmd & ~MEMOP_CMD_MASK) != 0) {
        return -HVABI_EINVAL;
    }
    switch (op) {
    case HVABI_XENMEM_CURRENT_RESERVATION:
    case HVABI_XENMEM_MAXIMUM_RESERVATION:
        return reservation(v, arg);
    case HVABI_XENMEM_ADD_TO_PHYSMAP:
        return add_to_physmap(v, arg);
    case HVABI_XENMEM_REMOVE_FROM_PHYSMAP:
        return remove_from_physmap(v, arg);
    default:
        return -HVABI_ENOSYS; /* reservation changes included: partitions are static */
    }
}
