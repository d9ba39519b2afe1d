/*
 * binding_smccc_tests.c - HVC #0 and SMC: the conduit of the Arm SMC
 * Calling Convention, told apart from hypercalls.
 *
 * Specification: spec/chapters/aarch64_binding.rst (HVC #0, SMC, and calls
 * from EL0) and psci.rst (PSCI_VERSION, PSCI_FEATURES).  PSCI_VERSION is
 * the function every hypervisor implements, so it shows which way a call
 * was taken: as an SMCCC call it returns the PSCI version, as a hypercall
 * (x16 holds the number of xen_version) it would return something else.
 */
#include <stdint.h>

#include "aarch64/register_probe.h"
#include "framework/suite.h"
#include "guest/aarch64/exception.h"
#include "support/psci_call.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/psci.h>

#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)

typedef void (*probe_function)(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS]);

/*
 * Function IDs that no hypervisor of this specification is expected to
 * implement: OEM service calls (fast, SMC32 and SMC64) and a yielding
 * Trusted OS call.  A test uses them only after PSCI_FEATURES has said
 * that the hypervisor does not implement them.
 */
static const uint32_t unassigned_functions[] = {
    0x83000100, 0xc3000100, 0x8300ff7f, 0x02000100,
};

/* Makes an SMCCC call through `probe` with every other register known. */
static void probe_call(probe_function probe, uint32_t function, uint64_t out[REGISTER_PROBE_WORDS])
{
    const uint64_t in[6] = {
        HVABI_HYPERCALL_XEN_VERSION, function,        REGISTER_PROBE_PATTERN | 1,
        REGISTER_PROBE_PATTERN | 2,  REGISTER_PROBE_PATTERN | 3, REGISTER_PROBE_PATTERN | 4,
    };

    for (unsigned int w = 0; w < REGISTER_PROBE_WORDS; w++) {
        out[w] = 0;
    }
    probe(in, out);
}

/* Every register but X0 holds what it held before the call. */
static void expect_preserved(struct test_context *t, const char *conduit,
                             const uint64_t out[REGISTER_PROBE_WORDS])
{
    for (unsigned int r = 1; r <= 30; r++) {
        uint64_t before = r == 16 ? (uint64_t)HVABI_HYPERCALL_XEN_VERSION
                                  : (REGISTER_PROBE_PATTERN | r);

        expect(t, out[r] == before, "%s: x%u: expected 0x%llx to be preserved, found 0x%llx",
               conduit, r, (unsigned long long)before, (unsigned long long)out[r]);
    }
    expect(t, out[REGISTER_PROBE_SP_AFTER] == out[REGISTER_PROBE_SP_BEFORE],
           "%s: SP: expected 0x%llx to be preserved, found 0x%llx", conduit,
           (unsigned long long)out[REGISTER_PROBE_SP_BEFORE],
           (unsigned long long)out[REGISTER_PROBE_SP_AFTER]);
}

/* Whether PSCI_FEATURES says the hypervisor does not implement `function`. */
static bool unimplemented(struct test_context *t, uint32_t function)
{
    int32_t features = psci_features(function);

    if (features != HVABI_PSCI_NOT_SUPPORTED) {
        test_note(t, "PSCI_FEATURES(0x%08x) = %d: the hypervisor implements it, it is not used",
                  (unsigned)function, (int)features);
        return false;
    }
    return true;
}

static void hvc0_is_smccc(struct test_context *t)
{
    uint64_t out[REGISTER_PROBE_WORDS];

    probe_call(smccc_probe_hvc, HVABI_PSCI_VERSION, out);
    expect(t, out[0] == HVABI_PSCI_VERSION_1_1,
           "HVC #0 with W0 = PSCI_VERSION and X16 = 17 (xen_version): expected X0 = 0x%x "
           "(PSCI 1.1, an SMCCC call), got 0x%llx", (unsigned)HVABI_PSCI_VERSION_1_1,
           (unsigned long long)out[0]);
}

static void unknown_function(struct test_context *t)
{
    uint64_t out[REGISTER_PROBE_WORDS];
    bool fast = false, yielding = false;

    for (unsigned int i = 0; i < sizeof(unassigned_functions) / sizeof(unassigned_functions[0]); i++) {
        uint32_t function = unassigned_functions[i];
        bool is_fast = (function >> 31) != 0;

        if (!unimplemented(t, function)) {
            continue;
        }
        probe_call(smccc_probe_hvc, function, out);
        expect(t, out[0] == UINT64_MAX,
               "HVC #0 with the %s function 0x%08x: expected X0 = -1 (all bits set), got 0x%llx",
               is_fast ? "fast" : "yielding", (unsigned)function, (unsigned long long)out[0]);
        expect_preserved(t, "HVC #0", out);
        fast = fast || is_fast;
        yielding = yielding || !is_fast;
    }
    expect(t, fast && yielding,
           "found no unassigned %s function ID that PSCI_FEATURES reports as not implemented",
           fast ? "yielding" : "fast");
}

static void smc0_is_hvc0(struct test_context *t)
{
    uint64_t hvc[REGISTER_PROBE_WORDS];
    uint64_t smc[REGISTER_PROBE_WORDS];
    uint32_t function;

    probe_call(smccc_probe_hvc, HVABI_PSCI_VERSION, hvc);
    probe_call(smccc_probe_smc, HVABI_PSCI_VERSION, smc);
    expect(t, smc[0] == hvc[0],
           "SMC #0 with W0 = PSCI_VERSION: expected X0 = 0x%llx as with HVC #0, got 0x%llx",
           (unsigned long long)hvc[0], (unsigned long long)smc[0]);
    function = unassigned_functions[0];
    if (unimplemented(t, function)) {
        probe_call(smccc_probe_smc, function, smc);
        expect(t, smc[0] == UINT64_MAX,
               "SMC #0 with the unimplemented function 0x%08x: expected X0 = -1, got 0x%llx",
               (unsigned)function, (unsigned long long)smc[0]);
        expect_preserved(t, "SMC #0", smc);
    }
}

static void smc_invalid_immediate(struct test_context *t)
{
    struct exception_catch c;
    uint64_t smc_address;

    exception_catch_arm(&c);
    __asm__ volatile("adr %0, 1f\n\t"
                     "mov x0, %1\n\t"
                     "1: smc #1\n\t"
                     "nop"
                     : "=&r"(smc_address)
                     : "r"((uint64_t)HVABI_PSCI_VERSION)
                     : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
                       "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    if (!expect(t, exception_catch_disarm(&c),
                "SMC #1: expected an Undefined Instruction exception, the call returned")) {
        return;
    }
    expect(t, ESR_EC(c.esr) == ESR_EC_UNKNOWN,
           "ESR_EL1.EC: expected 0x00 (unknown reason), got 0x%02llx (ESR 0x%llx)",
           (unsigned long long)ESR_EC(c.esr), (unsigned long long)c.esr);
    expect(t, c.elr == smc_address, "ELR_EL1: expected 0x%llx (the SMC), got 0x%llx",
           (unsigned long long)smc_address, (unsigned long long)c.elr);
}

const struct conformance_test aarch64_smccc_tests[] = {
    {
        .name = "aarch64_smccc_hvc0_is_smccc",
        .verifies = "hvabi~aarch64-smccc-conduit~1 hvabi~psci-conduit~1",
        .run = hvc0_is_smccc,
    },
    {
        .name = "aarch64_smccc_unknown_function",
        .verifies = "hvabi~aarch64-smccc-unknown-function~1",
        .run = unknown_function,
    },
    {
        .name = "aarch64_smc0_is_hvc0",
        .verifies = "hvabi~aarch64-smc-conduit~1",
        .run = smc0_is_hvc0,
    },
    {
        .name = "aarch64_smc_invalid_immediate",
        .verifies = "hvabi~aarch64-smc-invalid-immediate~1",
        .run = smc_invalid_immediate,
    },
    { .name = NULL },
};
