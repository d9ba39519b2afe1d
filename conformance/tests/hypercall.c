/*
 * hypercall.c - rules that hold for every hypercall number.
 *
 * Specification: spec/chapters/hypercalls.rst.
 */
#include <stdint.h>

#include "framework/suite.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>

/*
 * Numbers that no version of the interface assigns: 11 is a hole in the
 * table, 64 is past its end, and the last two check that all 64 bits of the
 * number register count.
 */
static const uint64_t unassigned_numbers[] = {
    11, 64, 0xffffffffULL, 0x8000000000000011ULL, 0xffffffffffffffffULL,
};

static void unknown_number(struct test_context *t)
{
    for (unsigned int i = 0; i < sizeof(unassigned_numbers) / sizeof(unassigned_numbers[0]); i++) {
        int64_t rc = hvabi_hypercall5(unassigned_numbers[i], 0, 0, 0, 0, 0);

        expect(t, rc == -HVABI_ENOSYS, "hypercall 0x%llx: expected -ENOSYS (-38), got %lld",
               (unsigned long long)unassigned_numbers[i], (long long)rc);
    }
}

const struct conformance_test hypercall_tests[] = {
    {
        .name = "hypercall_unknown_number",
        .verifies = "hvabi~hypercall-unknown-number~1 hvabi~aarch64-call-number~1",
        .run = unknown_number,
    },
    { .name = NULL },
};
