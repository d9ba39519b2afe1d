/*
 * guest_memory.c - copies between the hypervisor and guest virtual
 * addresses (see guest_memory.h).
 */
#include <string.h>

#include "core/arch.h"
#include "core/config.h"
#include "core/guest_memory.h"

#include <hvabi/errno.h>

/*
 * Where the hypervisor reaches guest-physical `ipa` and the rest of its
 * page: through the domain's stage-2 mapping, so a page the domain has
 * remapped (its shared info page, say) is the one copied.  Every stage-2
 * mapping of a domain is memory of that domain.  NULL when the page is not
 * mapped.
 */
static void *ram_at(struct domain *d, uint64_t ipa)
{
    uint64_t pa;

    if (!arch_translate_guest_ipa(d, ipa, &pa)) {
        return NULL;
    }
    return (void *)(uintptr_t)pa;
}

/* Translates the page of `va`; returns the bytes usable from it, or 0. */
static uint64_t reach(struct vcpu *v, uint64_t va, uint64_t len, bool write, void **host)
{
    uint64_t in_page = PAGE_SIZE - (va & (PAGE_SIZE - 1));
    uint64_t n = len < in_page ? len : in_page;
    uint64_t ipa;

    if (!arch_guest_va_to_ipa(v, va, write, &ipa)) {
        return 0;
    }
    *host = ram_at(v->domain, ipa);
    return *host != NULL ? n : 0;
}

int guest_copy_from(struct vcpu *v, void *dst, uint64_t va, size_t len)
{
    uint8_t *out = dst;

    while (len > 0) {
        void *host;
        uint64_t n = reach(v, va, len, false, &host);

        if (n == 0) {
            return -HVABI_EFAULT;
        }
        memcpy(out, host, n);
        out += n;
        va += n;
        len -= n;
    }
    return 0;
}

int guest_copy_to(struct vcpu *v, uint64_t va, const void *src, size_t len)
{
    const uint8_t *in = src;

    while (len > 0) {
        void *host;
        uint64_t n = reach(v, va, len, true, &host);

        if (n == 0) {
            return -HVABI_EFAULT;
        }
        memcpy(host, in, n);
        in += n;
        va += n;
        len -= n;
    }
    return 0;
}
