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
#include <string.h>

#include "framework/suite.h"
#include "guest/aarch64/exception.h"
#include "guest/aarch64/mmu.h"
#include "support/guest_memory.h"
#include "tests/addresses.h"

#define PAGE_SIZE 4096
#define CODE_OFFSET 0x1000

/* aarch64/el0_run.S */
void el0_run(uint64_t entry, uint64_t stack_top);
extern const char el0_run_return[];

/* support/abort_probe.S */
void abort_probe_branch(uint64_t address);
extern const char abort_probe_branch_return[];
extern const char abort_probe_el0[], abort_probe_el0_load[], abort_probe_el0_load_access[];
extern const char abort_probe_el0_branch[], abort_probe_el0_address[], abort_probe_el0_end[];

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
    if (!expect(t, mmu_set_block(address, MMU_EL1_READ_WRITE) == 0,
                "cannot map 0x%llx", (unsigned long long)address)) {
        return;
    }
    exception_catch_arm_resume(&c, (uint64_t)(uintptr_t)abort_probe_branch_return);
    abort_probe_branch(address);
    exception_catch_disarm(&c);
    expect_abort(t, "an instruction fetch at EL1", &c, ESR_EC_INSTRUCTION_ABORT_SAME_EL, address,
                 address);
}

/* Makes the instructions at [code, code + size) visible to instruction fetches. */
static void sync_instructions(uint64_t code, uint64_t size)
{
    for (uint64_t line = code & ~15ULL; line < code + size; line += 16) {
        __asm__ volatile("dc cvau, %0\n\t"
                         "ic ivau, %0" : : "r"(line) : "memory");
    }
    __asm__ volatile("dsb ish\n\t"
                     "isb" ::: "memory");
}

/* Runs the EL0 probe at `snippet` (within abort_probe_el0) from the spare
 * block, with the catch armed to come back; returns whether it could run. */
static bool run_el0_probe(struct test_context *t, const char *snippet, uint64_t address,
                          struct exception_catch *c, uint64_t *snippet_address)
{
    uint64_t spare = guest_memory_spare_block(t->platform);
    uint64_t size = (uint64_t)(abort_probe_el0_end - abort_probe_el0);
    uint64_t code;

    if (!expect(t, spare != 0, "no spare block of RAM for code at EL0")) {
        return false;
    }
    code = spare + CODE_OFFSET;
    mmu_set_block(spare, MMU_EL1_READ_WRITE);
    memcpy((void *)(uintptr_t)code, abort_probe_el0, size);
    memcpy((void *)(uintptr_t)(code + (uint64_t)(abort_probe_el0_address - abort_probe_el0)),
           &address, sizeof(address));
    sync_instructions(code, size);
    if (!expect(t, mmu_set_block(spare, MMU_EL0_EXECUTE) == 0,
                "cannot map the spare block for EL0")) {
        return false;
    }
    *snippet_address = code + (uint64_t)(snippet - abort_probe_el0);
    exception_catch_arm_el0(c, (uint64_t)(uintptr_t)el0_run_return);
    el0_run(*snippet_address, spare + MMU_BLOCK_SIZE - 64);
    exception_catch_disarm(c);
    mmu_set_block(spare, MMU_EL1_READ_WRITE);
    return true;
}

static void accesses_el0(struct test_context *t)
{
    uint64_t address = probe_address(t);
    struct exception_catch c;
    uint64_t snippet = 0;

    if (address == 0) {
        return;
    }
    /* Memory EL0 may read and execute: only stage 2 stops the accesses. */
    if (!expect(t, mmu_set_block(address, MMU_EL0_EXECUTE) == 0,
                "cannot map 0x%llx for EL0", (unsigned long long)address)) {
        return;
    }
    if (run_el0_probe(t, abort_probe_el0_load, address, &c, &snippet)) {
        expect_abort(t, "a load at EL0", &c, ESR_EC_DATA_ABORT_LOWER_EL, address,
                     snippet + (uint64_t)(abort_probe_el0_load_access - abort_probe_el0_load));
    }
    if (run_el0_probe(t, abort_probe_el0_branch, address, &c, &snippet)) {
        expect_abort(t, "an instruction fetch at EL0", &c, ESR_EC_INSTRUCTION_ABORT_LOWER_EL,
                     address, address);
    }
    mmu_set_block(address, MMU_EL1_READ_WRITE);
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
