/*
 * safety_access.c - accesses outside the domain's memory: the vCPU takes a
 * synchronous External abort, and the domain runs on.
 *
 * Specification: spec/chapters/safety.rst, "Memory accesses".  The tests
 * access a guest-physical address without memory (tests/addresses.h),
 * which the guest maps in its own stage-1 tables so that only the
 * hypervisor's stage 2 refuses the access: for loads and stores at EL1,
 * for instruction fetches at EL1, and for both at EL0.  The exception
 * catch of the guest library records the abort.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "guest/aarch64/exception.h"
#include "guest/aarch64/mmu.h"
#include "support/el0.h"
#include "support/readonly.h"
#include "tests/addresses.h"

#define PAGE_SIZE 4096

/* ESR_EL1 of the abort: EC, IL = 1 and DFSC/IFSC 0b010000 (synchronous
 * External abort), every other bit of [24:0] zero. */
static uint32_t abort_syndrome(uint32_t exception_class)
{
    return (exception_class << 26) | (1U << 25) | 0x10;
}

static void expect_abort(struct test_context *t, const char *what,
                         const struct exception_catch *c, uint32_t exception_class,
                         uint64_t address, uint64_t instruction)
{
    if (!expect(t, c->caught, "%s at 0x%llx: no exception", what,
                (unsigned long long)address)) {
        return;
    }
    expect(t, (uint32_t)c->esr == abort_syndrome(exception_class),
           "%s: ESR_EL1 0x%llx, expected 0x%x", what, (unsigned long long)c->esr,
           (unsigned)abort_syndrome(exception_class));
    expect(t, c->far == address, "%s: FAR_EL1 0x%llx, expected 0x%llx", what,
           (unsigned long long)c->far, (unsigned long long)address);
    expect(t, c->elr == instruction, "%s: ELR_EL1 0x%llx, expected 0x%llx", what,
           (unsigned long long)c->elr, (unsigned long long)instruction);
}

/* An address of the domain without memory; 0 (recorded) when none. */
static uint64_t probe_address(struct test_context *t)
{
    uint64_t address = unbacked_guest_address(t->platform);

    expect(t, address != 0, "no address without memory found below 512 GiB");
    return address;
}

static void data_access_el1(struct test_context *t)
{
    uint64_t address = probe_address(t);
    struct exception_catch c;
    uint64_t instruction;
    uint64_t value = 0;

    if (address == 0) {
        return;
    }
    exception_catch_arm(&c);
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: ldr %1, [%2]"
                     : "=&r"(instruction), "=&r"(value) : "r"(address) : "memory");
    exception_catch_disarm(&c);
    expect_abort(t, "a load at EL1", &c, ESR_EC_DATA_ABORT_SAME_EL, address, instruction);

    exception_catch_arm(&c);
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: str %1, [%2]"
                     : "=&r"(instruction) : "r"(value), "r"(address + 8) : "memory");
    exception_catch_disarm(&c);
    expect_abort(t, "a store at EL1", &c, ESR_EC_DATA_ABORT_SAME_EL, address + 8, instruction);
}

static void instruction_fetch_el1(struct test_context *t)
{
    uint64_t address = probe_address(t);
    struct exception_catch c;

    if (address == 0) {
        return;
    }
    /* Normal memory that EL1 may execute: only stage 2 stops the fetch. */
    if (!expect(t, mmu_set_access(address, PAGE_SIZE, MMU_EL1_READ_WRITE) == 0,
                "cannot map 0x%llx", (unsigned long long)address)) {
        return;
    }
    exception_catch_arm_resume(&c, (uint64_t)(uintptr_t)branch_probe_resume);
    branch_probe(address);
    exception_catch_disarm(&c);
    expect_abort(t, "an instruction fetch at EL1", &c, ESR_EC_INSTRUCTION_ABORT_SAME_EL, address,
                 address);
}

static void accesses_el0(struct test_context *t)
{
    uint64_t address = probe_address(t);
    uint64_t size;
    struct exception_catch c;
    void *code;

    if (address == 0) {
        return;
    }
    /* A load at EL0 from memory EL0 may access. */
    size = (uint64_t)(el0_load_probe_end - el0_load_probe);
    code = el0_code_area(t, el0_load_probe, size);
    if (code == NULL ||
        !expect(t, mmu_set_access(address, PAGE_SIZE, MMU_EL0_READ_WRITE) == 0,
                "cannot map 0x%llx for EL0", (unsigned long long)address)) {
        return;
    }
    exception_catch_arm_resume(&c, (uint64_t)(uintptr_t)el0_resume);
    el0_call((uint64_t)(uintptr_t)code, address);
    exception_catch_disarm(&c);
    expect(t, !c.caught || c.from_el0, "the exception was not taken from EL0");
    expect_abort(t, "a load at EL0", &c, ESR_EC_DATA_ABORT_LOWER_EL, address,
                 (uint64_t)(uintptr_t)code);

    /* An instruction fetch at EL0 from memory EL0 may execute. */
    size = (uint64_t)(el0_branch_probe_end - el0_branch_probe);
    code = el0_code_area(t, el0_branch_probe, size);
    if (code == NULL ||
        !expect(t, mmu_set_access(address, PAGE_SIZE, MMU_EL0_EXECUTE) == 0,
                "cannot map 0x%llx for EL0", (unsigned long long)address)) {
        return;
    }
    exception_catch_arm_resume(&c, (uint64_t)(uintptr_t)el0_resume);
    el0_call((uint64_t)(uintptr_t)code, address);
    exception_catch_disarm(&c);
    expect(t, !c.caught || c.from_el0, "the exception was not taken from EL0");
    expect_abort(t, "an instruction fetch at EL0", &c, ESR_EC_INSTRUCTION_ABORT_LOWER_EL,
                 address, address);
    mmu_set_access(address, PAGE_SIZE, MMU_EL1_READ_WRITE);
}

const struct conformance_test safety_access_tests[] = {
    {
        .name = "safety_unmapped_data_access_el1",
        .verifies = "hvabi~safety-guest-unmapped-access~1",
        .run = data_access_el1,
    },
    {
        .name = "safety_unmapped_instruction_fetch_el1",
        .verifies = "hvabi~safety-guest-unmapped-access~1",
        .run = instruction_fetch_el1,
    },
    {
        .name = "safety_unmapped_accesses_el0",
        .verifies = "hvabi~safety-guest-unmapped-access~1",
        .run = accesses_el0,
    },
    { .name = NULL },
};
