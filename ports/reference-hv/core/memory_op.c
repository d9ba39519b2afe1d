/*
 * memory_op.c - the memory_op hypercall: placing the shared info page in a
 * domain's guest-physical address space, emptying frames, and the size of
 * a domain's memory.
 *
 * Specification: spec/chapters/memory_op.rst.  Partitions are static:
 * memory is never added to or taken from a domain.  The pages a domain may
 * place are the hypervisor's pages for it: its shared info page and the
 * frames of its grant table (core/grant_table.c).
 */
#include "core/arch.h"
#include "core/grant_table.h"
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

/*
 * The hypervisor page at `gfn`, if any, is at no frame any more: it was
 * replaced or removed (hvabi~memory-op-add-replaces~1).  Domain's lock held.
 */
static void forget_hypervisor_page_at(struct domain *d, uint64_t gfn)
{
    int32_t frame = grant_frame_at(d, gfn);

    if (d->events.shared_info_gfn == gfn) {
        d->events.shared_info_gfn = 0;
    }
    if (frame >= 0) {
        d->grants.frame_gfn[frame] = 0;
    }
}

/* Maps the hypervisor page `pa` at frame `gpfn`, replacing what is there.  Domain's lock held. */
static int64_t place_page(struct domain *d, uint64_t gpfn, uint64_t pa)
{
    if (!mappable(d, gpfn)) {
        return -HVABI_EINVAL;
    }
    if (arch_map_guest_page(d, gpfn * PAGE_SIZE, pa) != 0) {
        /*
         * Cannot happen for a mappable frame: the domain's stage-2 tables
         * were reserved at boot for every page of its RAM and grant window
         * (arch_stage2_tables_size()).  Kept as a defence, not as an
         * answer the specification lists.
         */
        return -HVABI_ENOMEM;
    }
    forget_hypervisor_page_at(d, gpfn);
    return 0;
}

static int64_t place_shared_info(struct domain *d, uint64_t idx, uint64_t gpfn)
{
    int64_t rc;

    if (idx != 0) {
        return -HVABI_EINVAL;
    }
    spin_lock(&d->lock);
    if (d->events.shared_info_gfn != 0) {
        rc = -HVABI_EBUSY;
    } else {
        rc = place_page(d, gpfn, d->events.shared_info_pa);
    }
    if (rc == 0) {
        d->events.shared_info_gfn = gpfn;
    }
    spin_unlock(&d->lock);
    return rc;
}

/*
 * Places frame `idx` of the grant table, growing the table to idx + 1
 * frames first if it is shorter; a call that fails leaves the table as it
 * was (hvabi~memory-op-add-failure~1).
 */
static int64_t place_grant_frame(struct domain *d, uint64_t idx, uint64_t gpfn)
{
    int64_t rc;

    if (idx >= GRANT_MAX_FRAMES) {
        return -HVABI_EINVAL; /* XENMAPIDX_grant_table_status included: there is no v2 */
    }
    spin_lock(&d->lock);
    if (idx < d->grants.nr_frames && d->grants.frame_gfn[idx] != 0) {
        rc = -HVABI_EBUSY;
    } else {
        rc = place_page(d, gpfn, grant_frame_pa(d, (uint32_t)idx));
    }
    if (rc == 0) {
        grant_table_grow(d, (uint32_t)idx + 1);
        d->grants.frame_gfn[idx] = gpfn;
    }
    spin_unlock(&d->lock);
    return rc;
}

static int64_t add_to_physmap(struct vcpu *v, uint64_t arg)
{
    struct hvabi_add_to_physmap request;
    struct domain *d;

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
    switch (request.space) {
    case HVABI_XENMAPSPACE_SHARED_INFO:
        return place_shared_info(d, request.idx, request.gpfn);
    case HVABI_XENMAPSPACE_GRANT_TABLE:
        return place_grant_frame(d, request.idx, request.gpfn);
    default:
        return -HVABI_ENOSYS; /* gmfn, gmfn_range, 6 and up */
    }
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
    } else {
        forget_hypervisor_page_at(d, request.gpfn);
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
