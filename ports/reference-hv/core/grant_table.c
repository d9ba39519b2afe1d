/*
 * grant_table.c - grant tables and the grant_table_op hypercall.
 *
 * Specification: spec/chapters/grant_table.rst.  Implemented: the tables
 * (layout version 1) and the commands query_size, set_version,
 * get_version and swap_grant_ref.  Not implemented yet: map_grant_ref,
 * unmap_grant_ref and copy, which return -ENOSYS; so no entry is ever put
 * in use by the hypervisor.  Commands the specification leaves open (2, 3,
 * 4, 7, 9, 12) return -ENOSYS, as hvabi~gnttab-unspecified-commands~1
 * allows.
 */
#include <string.h>

#include "core/grant_table.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"

#include <hvabi/errno.h>
#include <hvabi/grant_table.h>
#include <hvabi/types.h>

#define GNTTABOP_CMD_MASK  0xfffU
#define GNTTABOP_COUNT_MAX 0x7fffffffU
#define GRANT_ENTRY_SIZE   8U

/* The frames of every domain's table, by domain slot (ID - 1); zero at boot. */
static _Alignas(4096) uint8_t grant_frames[MAX_DOMAINS][GRANT_MAX_FRAMES][PAGE_SIZE];

void grant_table_init(struct domain *d)
{
    memset(grant_frames[d->id - 1], 0, sizeof(grant_frames[d->id - 1]));
    memset(&d->grants, 0, sizeof(d->grants));
    d->grants.nr_frames = 1;
}

uint64_t grant_frame_pa(const struct domain *d, uint32_t index)
{
    return (uint64_t)(uintptr_t)grant_frames[d->id - 1][index];
}

void grant_table_grow(struct domain *d, uint32_t frames)
{
    if (frames > GRANT_MAX_FRAMES) {
        frames = GRANT_MAX_FRAMES;
    }
    if (frames > d->grants.nr_frames) {
        d->grants.nr_frames = frames;
    }
}

int32_t grant_frame_at(const struct domain *d, uint64_t gfn)
{
    if (gfn == 0) {
        return -1; /* 0 marks a frame placed nowhere */
    }
    for (uint32_t i = 0; i < d->grants.nr_frames; i++) {
        if (d->grants.frame_gfn[i] == gfn) {
            return (int32_t)i;
        }
    }
    return -1;
}

/* The domain a domid names for the caller, or NULL when none. */
static struct domain *named_domain(struct vcpu *v, hvabi_domid_t dom)
{
    return dom == HVABI_DOMID_SELF ? v->domain : domain_by_id(dom);
}

/* ---- GNTTABOP_query_size ---- */

static int64_t query_size(struct vcpu *v, uint64_t uop, uint32_t count)
{
    struct hvabi_gnttab_query_size q;
    struct domain *d;

    if (count != 1) {
        return -HVABI_EINVAL;
    }
    if (guest_copy_from(v, &q, uop, sizeof(q)) != 0) {
        return -HVABI_EFAULT;
    }
    d = named_domain(v, q.dom);
    if (d == NULL) {
        q.status = HVABI_GNTST_BAD_DOMAIN;
    } else if (d != v->domain && !v->domain->is_control) {
        q.status = HVABI_GNTST_PERMISSION_DENIED;
    } else {
        q.nr_frames = __atomic_load_n(&d->grants.nr_frames, __ATOMIC_RELAXED);
        q.max_nr_frames = GRANT_MAX_FRAMES;
        q.status = HVABI_GNTST_OKAY;
    }
    return guest_copy_to(v, uop, &q, sizeof(q)) == 0 ? 0 : -HVABI_EFAULT;
}

/* ---- GNTTABOP_set_version and GNTTABOP_get_version: layout 1 only ---- */

static int64_t set_version(struct vcpu *v, uint64_t uop)
{
    struct hvabi_gnttab_set_version request;
    const struct hvabi_gnttab_set_version in_force = { .version = 1 };

    if (guest_copy_from(v, &request, uop, sizeof(request)) != 0 ||
        guest_copy_to(v, uop, &in_force, sizeof(in_force)) != 0) {
        return -HVABI_EFAULT;
    }
    if (request.version == 1) {
        return 0;
    }
    return request.version == 2 ? -HVABI_ENOSYS : -HVABI_EINVAL;
}

static int64_t get_version(struct vcpu *v, uint64_t uop)
{
    struct hvabi_gnttab_get_version request;
    const uint32_t version = 1;
    struct domain *d;

    if (guest_copy_from(v, &request, uop, sizeof(request)) != 0) {
        return -HVABI_EFAULT;
    }
    d = named_domain(v, request.dom);
    if (d == NULL) {
        return -HVABI_ESRCH;
    }
    if (d != v->domain && !v->domain->is_control) {
        return -HVABI_EPERM;
    }
    /* Only the version field is written (hvabi~gnttab-get-version~1). */
    if (guest_copy_to(v, uop + offsetof(struct hvabi_gnttab_get_version, version), &version,
                      sizeof(version)) != 0) {
        return -HVABI_EFAULT;
    }
    return 0;
}

/* ---- GNTTABOP_swap_grant_ref ---- */

/* The entry of reference `ref` of the domain's table; `ref` is below nr_frames * 512. */
static uint64_t *grant_entry(const struct domain *d, uint32_t ref)
{
    uint64_t frame = grant_frame_pa(d, ref / HVABI_GNTTAB_ENTRIES_PER_FRAME);

    return (uint64_t *)(uintptr_t)(frame + (ref % HVABI_GNTTAB_ENTRIES_PER_FRAME) *
                                               GRANT_ENTRY_SIZE);
}

/* An entry is in use while GTF_reading is set (grant_table.rst, the life of an entry). */
static bool in_use(uint64_t entry)
{
    uint16_t flags = (uint16_t)entry; /* flags: bytes 0-1 of the entry */

    return (flags & HVABI_GTF_READING) != 0;
}

/* Swaps two entries of the caller's table; returns the element's status.  Domain's lock held. */
static int16_t swap_entries(struct domain *d, uint32_t ref_a, uint32_t ref_b)
{
    uint32_t entries = d->grants.nr_frames * HVABI_GNTTAB_ENTRIES_PER_FRAME;
    uint64_t *a, *b, value_a, value_b;

    if (ref_a >= entries || ref_b >= entries) {
        return HVABI_GNTST_BAD_GNTREF;
    }
    if (ref_a == ref_b) {
        return HVABI_GNTST_OKAY;
    }
    a = grant_entry(d, ref_a);
    b = grant_entry(d, ref_b);
    /* The guest shares these words: each is read and written once, whole. */
    value_a = __atomic_load_n(a, __ATOMIC_RELAXED);
    value_b = __atomic_load_n(b, __ATOMIC_RELAXED);
    if (in_use(value_a) || in_use(value_b)) {
        return HVABI_GNTST_EAGAIN;
    }
    __atomic_store_n(a, value_b, __ATOMIC_RELAXED);
    __atomic_store_n(b, value_a, __ATOMIC_RELAXED);
    return HVABI_GNTST_OKAY;
}

/*
 * Each element: read it, make sure its status can be written (writing back
 * what is there) before anything changes, swap, write the status
 * (hvabi~gnttab-op-fault~1).
 */
static int64_t swap_grant_ref(struct vcpu *v, uint64_t uop, uint32_t count)
{
    struct domain *d = v->domain;
    const uint64_t status_offset = offsetof(struct hvabi_gnttab_swap_grant_ref, status);

    for (uint32_t i = 0; i < count; i++) {
        uint64_t element = uop + (uint64_t)i * sizeof(struct hvabi_gnttab_swap_grant_ref);
        struct hvabi_gnttab_swap_grant_ref request;
        int16_t status;

        if (guest_copy_from(v, &request, element, sizeof(request)) != 0 ||
            guest_copy_to(v, element + status_offset, &request.status, sizeof(status)) != 0) {
            return -HVABI_EFAULT;
        }
        spin_lock(&d->lock);
        status = swap_entries(d, request.ref_a, request.ref_b);
        spin_unlock(&d->lock);
        if (guest_copy_to(v, element + status_offset, &status, sizeof(status)) != 0) {
            return -HVABI_EFAULT;
        }
    }
    return 0;
}

int64_t do_grant_table_op(struct vcpu *v, uint32_t cmd, uint64_t uop, uint32_t count)
{
    uint32_t op = cmd & GNTTABOP_CMD_MASK;

    if (count > GNTTABOP_COUNT_MAX) {
        return -HVABI_EINVAL;
    }
    if ((cmd & ~GNTTABOP_CMD_MASK) != 0 && op != HVABI_GNTTABOP_CACHE_FLUSH) {
        return -HVABI_EINVAL;
    }
    switch (op) {
    case HVABI_GNTTABOP_QUERY_SIZE:
        return query_size(v, uop, count);
    case HVABI_GNTTABOP_SET_VERSION:
        return set_version(v, uop);
    case HVABI_GNTTABOP_GET_VERSION:
        return get_version(v, uop);
    case HVABI_GNTTABOP_SWAP_GRANT_REF:
        return swap_grant_ref(v, uop, count);
    case HVABI_GNTTABOP_MAP_GRANT_REF:
    case HVABI_GNTTABOP_UNMAP_GRANT_REF:
    case HVABI_GNTTABOP_COPY:
        return -HVABI_ENOSYS; /* not implemented yet: see the top of this file */
    default:
        return -HVABI_ENOSYS; /* reserved, or not specified by this version */
    }
}
