/*
 * shared_info.c - place the shared info page once per boot (see shared_info.h).
 */
#include <string.h>

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/types.h>

#include "support/shared_info.h"

#define PAGE_SIZE 4096

/* The RAM page the shared info page is placed over.  The guest's identity
 * map makes its address the guest-physical address. */
static uint8_t frame[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile struct hvabi_shared_info *placed;

uint64_t shared_info_frame(void)
{
    return (uint64_t)(uintptr_t)frame / PAGE_SIZE;
}

bool shared_info_is_placed(void)
{
    return placed != NULL;
}

volatile struct hvabi_shared_info *shared_info_page(struct test_context *t)
{
    struct hvabi_add_to_physmap request;
    int64_t result;

    if (placed != NULL) {
        return placed;
    }
    memset(&request, 0, sizeof(request));
    request.domid = HVABI_DOMID_SELF;
    request.space = HVABI_XENMAPSPACE_SHARED_INFO;
    request.idx = 0;
    request.gpfn = shared_info_frame();
    result = hvabi_hypercall2(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_ADD_TO_PHYSMAP,
                              (uint64_t)(uintptr_t)&request);
    if (!expect(t, result == 0,
                "placing the shared info page at frame 0x%llx: expected 0, got %lld",
                (unsigned long long)request.gpfn, (long long)result)) {
        return NULL;
    }
    placed = (volatile struct hvabi_shared_info *)frame;
    return placed;
}
