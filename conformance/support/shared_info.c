/*
 * shared_info.c - place the shared info page once per boot (see shared_info.h).
 */
#include <string.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/types.h>

#include "support/shared_info.h"
#include "support/physmap.h"

#define PAGE_SIZE 4096

/* The RAM pages the shared info page is placed over: the first, and the
 * second after shared_info_move().  The guest's identity map makes their
 * addresses the guest-physical addresses. */
static uint8_t frames[2][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned int current_frame;
static volatile struct hvabi_shared_info *placed;

uint64_t shared_info_frame(void)
{
    return (uint64_t)(uintptr_t)frames[current_frame] / PAGE_SIZE;
}

bool shared_info_is_placed(void)
{
    return placed != NULL;
}

volatile struct hvabi_shared_info *shared_info_page(struct test_context *t)
{
    uint64_t gpfn = shared_info_frame();
    int64_t result;

    if (placed != NULL) {
        return placed;
    }
    result = physmap_add(HVABI_DOMID_SELF, HVABI_XENMAPSPACE_SHARED_INFO, 0, gpfn);
    if (!expect(t, result == 0,
                "placing the shared info page at frame 0x%llx: expected 0, got %lld",
                (unsigned long long)gpfn, (long long)result)) {
        return NULL;
    }
    placed = (volatile struct hvabi_shared_info *)frames[current_frame];
    return placed;
}

volatile struct hvabi_shared_info *shared_info_move(struct test_context *t)
{
    uint64_t gpfn = shared_info_frame();
    int64_t result;

    if (shared_info_page(t) == NULL) {
        return NULL;
    }
    result = physmap_remove(HVABI_DOMID_SELF, gpfn);
    if (!expect(t, result == 0,
                "removing the shared info page from frame 0x%llx: expected 0, got %lld",
                (unsigned long long)gpfn, (long long)result)) {
        return NULL;
    }
    placed = NULL;
    current_frame ^= 1;
    return shared_info_page(t);
}
