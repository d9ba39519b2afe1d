/*
 * hypercall.c - rules that hold for every hypercall number.
 *
 * Specification: spec/chapters/hypercalls.rst.
 */
#include <libfdt.h>
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

/*
 * Numbers of the extension range 0x1000 to 0x10FF.  Only 0x1000 is used, by
 * the hardware-errors feature, which a hypervisor announces with the
 * property hvabi,hardware-errors of /hypervisor (hardware_errors.rst).
 */
static const uint64_t unused_extension_numbers[] = { 0x1001, 0x1002, 0x1080, 0x10fe, 0x10ff };

static void extension_number(struct test_context *t)
{
    int node = fdt_path_offset(t->platform->fdt, "/hypervisor");
    bool hardware_errors =
        node >= 0 && fdt_getprop(t->platform->fdt, node, "hvabi,hardware-errors", NULL) != NULL;

    for (unsigned int i = 0;
         i < sizeof(unused_extension_numbers) / sizeof(unused_extension_numbers[0]); i++) {
        int64_t rc = hvabi_hypercall5(unused_extension_numbers[i], 0, 0, 0, 0, 0);

        expect(t, rc == -HVABI_ENOSYS, "hypercall 0x%llx: expected -ENOSYS (-38), got %lld",
               (unsigned long long)unused_extension_numbers[i], (long long)rc);
    }
    if (!hardware_errors) {
        int64_t rc = hvabi_hypercall5(0x1000, 0, 0, 0, 0, 0);

        expect(t, rc == -HVABI_ENOSYS,
               "hypercall 0x1000 without hvabi,hardware-errors in /hypervisor: expected -ENOSYS "
               "(-38), got %lld",
               (long long)rc);
    }
}

const struct conformance_test hypercall_tests[] = {
    {
        .name = "hypercall_unknown_number",
        .verifies = "hvabi~hypercall-unknown-number~1 hvabi~aarch64-call-number~1",
        .run = unknown_number,
    },
    {
        .name = "hypercall_extension_number",
        .verifies = "hvabi~hypercall-extension-number~1",
        .run = extension_number,
    },
    { .name = NULL },
};
