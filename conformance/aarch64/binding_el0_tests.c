/*
 * binding_el0_tests.c - HVC and SMC executed at EL0.
 *
 * Specification: spec/chapters/aarch64_binding.rst,
 * hvabi~aarch64-el0-calls~1.  The test copies three two-instruction
 * snippets (el0_run.S) to the spare block of RAM, lets EL0 execute it, and
 * runs each snippet at EL0.  The first instruction of each must be
 * undefined at EL0 (ESR_EL1.EC = 0x00, taken to EL1 with ELR_EL1 at the
 * instruction); if the hypervisor served it instead, the SVC after it
 * raises a different exception.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/aarch64/exception.h"
#include "guest/aarch64/mmu.h"
#include "support/guest_memory.h"

#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_EC_SVC64 0x15

void el0_run(uint64_t entry, uint64_t stack_top);
extern const char el0_run_return[];
extern const char el0_snippets[], el0_snippets_end[];
extern const char el0_snippet_hvc_call[], el0_snippet_hvc_smccc[], el0_snippet_smc[];

#define CODE_OFFSET 0x1000 /* in the spare block */

/* Makes the copied instructions visible to instruction fetch. */
static void sync_instructions(uint64_t base, uint64_t size)
{
    for (uint64_t a = base & ~63ULL; a < base + size; a += 4) {
        __asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
    }
    __asm__ volatile("dsb ish\n\t"
                     "ic iallu\n\t"
                     "dsb ish\n\t"
                     "isb" ::: "memory");
}

static void el0_calls(struct test_context *t)
{
    static const struct {
        const char *name;
        const char *snippet;
    } cases[] = {
        { "HVC #0xEA1", el0_snippet_hvc_call },
        { "HVC #0", el0_snippet_hvc_smccc },
        { "SMC #0", el0_snippet_smc },
    };
    const struct guest_platform *p = t->platform;
    uint64_t spare = guest_memory_spare_block(p);
    uint64_t code, stack_top;
    size_t size = (size_t)(el0_snippets_end - el0_snippets);

    if (!expect(t, spare != 0, "no spare block of RAM for code at EL0")) {
        return;
    }
    code = spare + CODE_OFFSET;
    stack_top = spare + MMU_BLOCK_SIZE - 64;
    memcpy((void *)(uintptr_t)code, el0_snippets, size);
    sync_instructions(code, size);
    if (!expect(t, mmu_set_block(spare, MMU_EL0_EXECUTE) == 0, "cannot remap")) {
        return;
    }
    for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t at = code + (uint64_t)(cases[i].snippet - el0_snippets);
        struct exception_catch c;

        exception_catch_arm_el0(&c, (uint64_t)(uintptr_t)el0_run_return);
        el0_run(at, stack_top);
        if (!expect(t, exception_catch_disarm(&c), "%s at EL0: no exception came back", cases[i].name)) {
            continue;
        }
        if (ESR_EC(c.esr) == ESR_EC_SVC64) {
            expect(t, false, "%s at EL0 returned to EL0 (the SVC after it was reached)",
                   cases[i].name);
            continue;
        }
        expect(t, ESR_EC(c.esr) == ESR_EC_UNKNOWN,
               "%s at EL0: expected ESR_EL1.EC 0x00 (undefined), got 0x%02llx (ESR 0x%llx)",
               cases[i].name, (unsigned long long)ESR_EC(c.esr), (unsigned long long)c.esr);
        expect(t, c.elr == at, "%s at EL0: ELR_EL1 0x%llx, expected the instruction at 0x%llx",
               cases[i].name, (unsigned long long)c.elr, (unsigned long long)at);
    }
    mmu_set_block(spare, MMU_EL1_READ_WRITE);
}

const struct conformance_test aarch64_el0_tests[] = {
    { .name = "aarch64_el0_calls_undefined", .verifies = "hvabi~aarch64-el0-calls~1",
      .run = el0_calls },
    { .name = NULL },
};
