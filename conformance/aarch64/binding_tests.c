/*
 * binding_tests.c - the AArch64 hypercall binding.
 *
 * Specification: spec/chapters/aarch64_binding.rst.
 */
#include <stdint.h>

#include "aarch64/register_probe.h"
#include "framework/suite.h"
#include "guest/aarch64/exception.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/console_io.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/xen_version.h>

#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)

/*
 * xen_version takes two arguments, so the binding allows the hypervisor to
 * change x0 (the result), x1 and x16 only.
 */
static void preserves_registers(struct test_context *t)
{
    const uint64_t in[6] = {
        HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0,
        REGISTER_PROBE_PATTERN | 2, REGISTER_PROBE_PATTERN | 3, REGISTER_PROBE_PATTERN | 4,
    };
    uint64_t out[REGISTER_PROBE_WORDS];

    register_probe(in, out);
    expect(t, (int64_t)out[0] >= 0, "x0: expected the version, got %lld", (long long)out[0]);
    for (unsigned int r = 2; r <= 30; r++) {
        if (r == 16) {
            continue;
        }
        expect(t, out[r] == (REGISTER_PROBE_PATTERN | r),
               "x%u: expected 0x%llx to be preserved, found 0x%llx", r,
               (unsigned long long)(REGISTER_PROBE_PATTERN | r), (unsigned long long)out[r]);
    }
    expect(t, out[REGISTER_PROBE_SP_AFTER] == out[REGISTER_PROBE_SP_BEFORE],
           "SP: expected 0x%llx to be preserved, found 0x%llx",
           (unsigned long long)out[REGISTER_PROBE_SP_BEFORE],
           (unsigned long long)out[REGISTER_PROBE_SP_AFTER]);
}

/*
 * Executes HVC with an immediate that is neither the hypercall tag nor 0
 * (the SMCCC conduit).  The binding requires an Undefined Instruction
 * exception at EL1, with ELR pointing at the HVC.  The catch resumes at
 * ELR + 4; the NOP after the HVC keeps that safe when a hypervisor reports
 * the address after the HVC instead.
 */
static void invalid_immediate_is_undefined(struct test_context *t)
{
    struct exception_catch c;
    uint64_t hvc_address;

    exception_catch_arm(&c);
    __asm__ volatile("adr %0, 1f\n\t"
                     "mov x16, %1\n\t"
                     "mov x0, %2\n\t"
                     "1: hvc #0xea2\n\t"
                     "nop"
                     : "=&r"(hvc_address)
                     : "r"((uint64_t)HVABI_HYPERCALL_XEN_VERSION),
                       "r"((uint64_t)HVABI_XENVER_VERSION)
                     : "x0", "x1", "x2", "x3", "x4", "x16", "memory");
    if (!expect(t, exception_catch_disarm(&c),
                "HVC #0xEA2: expected an Undefined Instruction exception, the call returned")) {
        return;
    }
    expect(t, ESR_EC(c.esr) == ESR_EC_UNKNOWN,
           "ESR_EL1.EC: expected 0x00 (unknown reason), got 0x%02llx (ESR 0x%llx)",
           (unsigned long long)ESR_EC(c.esr), (unsigned long long)c.esr);
    expect(t, c.elr == hvc_address, "ELR_EL1: expected 0x%llx (the HVC), got 0x%llx",
           (unsigned long long)hvc_address, (unsigned long long)c.elr);
}

/*
 * Commands and counts are 32-bit arguments: the hypervisor must ignore
 * whatever the upper half of their registers holds.
 */
static void ignores_upper_half_of_32bit_arguments(struct test_context *t)
{
    static const char line[] = "# aarch64 binding: count with bits [63:32] set\n";
    const uint64_t upper = 0xa5a5a5a500000000ULL;
    int64_t version = hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0);
    int64_t rc;

    rc = hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, upper | HVABI_XENVER_VERSION, 0);
    expect(t, rc == version, "xen_version(0x%llx): expected the version %lld, got %lld",
           (unsigned long long)(upper | HVABI_XENVER_VERSION), (long long)version, (long long)rc);
    rc = hvabi_hypercall3(HVABI_HYPERCALL_CONSOLE_IO, upper | HVABI_CONSOLEIO_WRITE,
                          upper | (sizeof(line) - 1), (uintptr_t)line);
    expect(t, rc == 0, "console_io(write) with bits [63:32] set in cmd and count: expected 0, "
           "got %lld", (long long)rc);
}

const struct conformance_test aarch64_binding_tests[] = {
    {
        .name = "aarch64_call_preserves_registers",
        .verifies = "hvabi~aarch64-call-preserved-registers~1",
        .run = preserves_registers,
    },
    {
        .name = "aarch64_call_invalid_immediate",
        .verifies = "hvabi~aarch64-call-invalid-immediate~1",
        .run = invalid_immediate_is_undefined,
    },
    {
        .name = "aarch64_call_32bit_arguments",
        .verifies = "hvabi~aarch64-call-32bit-arguments~1",
        .run = ignores_upper_half_of_32bit_arguments,
    },
    { .name = NULL },
};
