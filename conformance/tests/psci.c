/*
 * psci.c - PSCI on a domain's only vCPU, or on vCPU 0 alone: versions,
 * discovery, and the errors that need no second vCPU.
 *
 * Specification: spec/chapters/psci.rst.  Calls go through HVC #0
 * (support/psci_call.h).  The tests with a second vCPU are in
 * psci_vcpus.c; SYSTEM_OFF, SYSTEM_RESET and CPU_OFF of the last vCPU
 * (each observed from another domain) in psci_system.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "aarch64/register_probe.h"
#include "framework/suite.h"
#include "support/clock.h"
#include "support/psci_call.h"
#include "support/secondary_cpu.h"
#include "tests/addresses.h"

#include <hvabi/hypercall.h>
#include <hvabi/psci.h>

#define MPIDR_AFF3_SHIFT 32

/* Every function ID of the chapter's table but SMCCC_ARCH_FEATURES. */
static const uint32_t mandatory_functions[] = {
    HVABI_PSCI_VERSION,           HVABI_PSCI_CPU_SUSPEND_32,   HVABI_PSCI_CPU_SUSPEND_64,
    HVABI_PSCI_CPU_OFF,           HVABI_PSCI_CPU_ON_32,        HVABI_PSCI_CPU_ON_64,
    HVABI_PSCI_AFFINITY_INFO_32,  HVABI_PSCI_AFFINITY_INFO_64, HVABI_PSCI_MIGRATE_INFO_TYPE,
    HVABI_PSCI_SYSTEM_OFF,        HVABI_PSCI_SYSTEM_RESET,     HVABI_PSCI_FEATURES,
    HVABI_SMCCC_VERSION,
};

/*
 * Function IDs this chapter does not list: PSCI's optional functions
 * (MIGRATE, MIGRATE_INFO_UP_CPU, NODE_HW_STATE, STAT_RESIDENCY,
 * STAT_COUNT, in both forms where PSCI has two), an OEM call and a function
 * number no PSCI version assigns.  Functions that could stop the vCPU or
 * the domain if implemented (suspend, reset) are left out.
 */
static const uint32_t optional_functions[] = {
    0x84000005, 0xc4000005, 0x84000007, 0xc4000007, 0x8400000d, 0xc400000d,
    0x84000010, 0xc4000010, 0x84000011, 0xc4000011, 0x8400001f, 0x83000100,
};

static int32_t call32(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return psci_w0(smccc_hvc(function, a1, a2, a3, NULL));
}

static void version(struct test_context *t)
{
    struct smccc_result r;
    int64_t x0 = smccc_hvc(HVABI_PSCI_VERSION, 0, 0, 0, &r);

    expect(t, x0 == HVABI_PSCI_VERSION_1_1, "PSCI_VERSION: expected 0x%x (1.1), got 0x%llx",
           (unsigned)HVABI_PSCI_VERSION_1_1, (unsigned long long)x0);
}

static void smccc_version(struct test_context *t)
{
    int32_t features = psci_features(HVABI_SMCCC_VERSION);
    int32_t v = psci_w0(smccc_hvc(HVABI_SMCCC_VERSION, 0, 0, 0, NULL));

    expect(t, features >= 0, "PSCI_FEATURES(SMCCC_VERSION): expected a value >= 0, got %d",
           (int)features);
    expect(t, v >= (int32_t)HVABI_SMCCC_VERSION_1_1,
           "SMCCC_VERSION: expected at least 0x%x (1.1) with bit 31 clear, got 0x%x",
           (unsigned)HVABI_SMCCC_VERSION_1_1, (unsigned)v);
}

static void features(struct test_context *t)
{
    for (unsigned int i = 0; i < sizeof(mandatory_functions) / sizeof(mandatory_functions[0]); i++) {
        int32_t rc = psci_features(mandatory_functions[i]);

        expect(t, rc >= 0, "PSCI_FEATURES(0x%08x): expected a value >= 0, got %d",
               (unsigned)mandatory_functions[i], (int)rc);
    }
    /* An ID no version of PSCI or SMCCC assigns cannot be implemented. */
    expect_result(t, "PSCI_FEATURES(0x8400001f)", psci_features(0x8400001f),
                  HVABI_PSCI_NOT_SUPPORTED);
    expect_result(t, "PSCI_FEATURES(0xc400ffff)", psci_features(0xc400ffff),
                  HVABI_PSCI_NOT_SUPPORTED);
}

/*
 * For each optional function that PSCI_FEATURES reports as not
 * implemented, the call itself must return NOT_SUPPORTED.
 */
static void unknown_function(struct test_context *t)
{
    unsigned int checked = 0;

    for (unsigned int i = 0; i < sizeof(optional_functions) / sizeof(optional_functions[0]); i++) {
        uint32_t function = optional_functions[i];
        int32_t features = psci_features(function);

        if (features != HVABI_PSCI_NOT_SUPPORTED) {
            test_note(t, "PSCI_FEATURES(0x%08x) = %d: implemented, not called", (unsigned)function,
                      (int)features);
            continue;
        }
        expect_result(t, "W0 after an unimplemented function", call32(function, 0, 0, 0),
                      HVABI_PSCI_NOT_SUPPORTED);
        checked++;
    }
    expect(t, checked > 0, "every optional function is implemented: nothing to check");
    /* The domain is unchanged: still one vCPU on, still running here. */
    expect_result(t, "AFFINITY_INFO(vCPU 0) afterwards", psci_affinity_info(0, 0),
                  HVABI_PSCI_AFFINITY_ON);
}

static void migrate_info_type(struct test_context *t)
{
    expect_result(t, "MIGRATE_INFO_TYPE", call32(HVABI_PSCI_MIGRATE_INFO_TYPE, 0, 0, 0),
                  HVABI_PSCI_MIGRATE_NOT_REQUIRED);
}

static void vcpu0_affinity(struct test_context *t)
{
    expect(t, psci_own_affinity() == 0,
           "MPIDR_EL1 affinity of vCPU 0: expected Aff3..Aff0 = 0, got 0x%llx",
           (unsigned long long)psci_own_affinity());
}

static void cpu_on_invalid_target(struct test_context *t)
{
    uint32_t count = secondary_cpu_count(t->platform->fdt);
    uint64_t entry = secondary_cpu_entry_point();
    const uint64_t targets[] = {
        count, count + 1, 0xff, 0x100, 0x10000, 1ULL << MPIDR_AFF3_SHIFT,
    };

    if (!expect(t, count > 0, "the device tree has no CPU nodes under /cpus")) {
        return;
    }
    for (unsigned int i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
        int32_t rc = psci_cpu_on(targets[i], entry, 0);

        expect(t, rc == HVABI_PSCI_INVALID_PARAMETERS,
               "CPU_ON (SMC64) of affinity 0x%llx (the domain has %u vCPUs): expected %d, got %d",
               (unsigned long long)targets[i], (unsigned)count, HVABI_PSCI_INVALID_PARAMETERS,
               (int)rc);
        if (targets[i] <= UINT32_MAX) {
            rc = call32(HVABI_PSCI_CPU_ON_32, targets[i], entry, 0);
            expect(t, rc == HVABI_PSCI_INVALID_PARAMETERS,
                   "CPU_ON (SMC32) of affinity 0x%llx: expected %d, got %d",
                   (unsigned long long)targets[i], HVABI_PSCI_INVALID_PARAMETERS, (int)rc);
        }
    }
}

static void cpu_on_already_on(struct test_context *t)
{
    uint64_t entry = secondary_cpu_entry_point();

    expect_result(t, "CPU_ON (SMC64) of vCPU 0, the caller", psci_cpu_on(0, entry, 0),
                  HVABI_PSCI_ALREADY_ON);
    expect_result(t, "CPU_ON (SMC32) of vCPU 0, the caller",
                  call32(HVABI_PSCI_CPU_ON_32, 0, entry, 0), HVABI_PSCI_ALREADY_ON);
    expect_result(t, "AFFINITY_INFO(vCPU 0) afterwards", psci_affinity_info(0, 0),
                  HVABI_PSCI_AFFINITY_ON);
}

static void affinity_info_self(struct test_context *t)
{
    expect_result(t, "AFFINITY_INFO (SMC64) of vCPU 0, level 0", psci_affinity_info(0, 0),
                  HVABI_PSCI_AFFINITY_ON);
    expect_result(t, "AFFINITY_INFO (SMC32) of vCPU 0, level 0",
                  call32(HVABI_PSCI_AFFINITY_INFO_32, 0, 0, 0), HVABI_PSCI_AFFINITY_ON);
}

static void affinity_info_invalid(struct test_context *t)
{
    uint32_t count = secondary_cpu_count(t->platform->fdt);

    for (uint32_t level = 1; level <= 3; level++) {
        int32_t rc = psci_affinity_info(0, level);

        expect(t, rc == HVABI_PSCI_INVALID_PARAMETERS,
               "AFFINITY_INFO of vCPU 0 at lowest_affinity_level %u: expected %d, got %d",
               (unsigned)level, HVABI_PSCI_INVALID_PARAMETERS, (int)rc);
    }
    expect_result(t, "AFFINITY_INFO of the first affinity beyond the domain's vCPUs",
                  psci_affinity_info(count, 0), HVABI_PSCI_INVALID_PARAMETERS);
    expect_result(t, "AFFINITY_INFO of affinity 0x100", psci_affinity_info(0x100, 0),
                  HVABI_PSCI_INVALID_PARAMETERS);
    expect_result(t, "AFFINITY_INFO (SMC32) of affinity 0x100",
                  call32(HVABI_PSCI_AFFINITY_INFO_32, 0x100, 0, 0),
                  HVABI_PSCI_INVALID_PARAMETERS);
}

/*
 * CPU_SUSPEND may wait like WFI for a wake-up event: the virtual timer,
 * armed for 1 ms later, provides one.  Every register but X0 must come
 * back as it was.
 */
static void cpu_suspend(struct test_context *t)
{
    static const uint32_t functions[] = { HVABI_PSCI_CPU_SUSPEND_64, HVABI_PSCI_CPU_SUSPEND_32 };
    uint64_t out[REGISTER_PROBE_WORDS];

    if (clock_timer_init(t->platform) != 0) {
        expect(t, false, "no virtual timer to wake the vCPU: cannot call CPU_SUSPEND safely");
        return;
    }
    for (unsigned int i = 0; i < 2; i++) {
        /* x1 = power_state 0 (standby), x2 = an entry point, x3 = a context ID */
        const uint64_t in[6] = {
            REGISTER_PROBE_PATTERN | 16, functions[i], 0, secondary_cpu_entry_point(),
            REGISTER_PROBE_PATTERN | 3, REGISTER_PROBE_PATTERN | 4,
        };

        clock_arm_timer(clock_deadline(CLOCK_MS));
        smccc_probe_hvc(in, out);
        clock_arm_timer(0);
        expect(t, out[0] == HVABI_PSCI_SUCCESS, "CPU_SUSPEND (0x%08x): expected X0 = 0, got 0x%llx",
               (unsigned)functions[i], (unsigned long long)out[0]);
        for (unsigned int r = 1; r <= 30; r++) {
            uint64_t before = r <= 4 ? in[r + 1] : r == 16 ? in[0] : (REGISTER_PROBE_PATTERN | r);

            expect(t, out[r] == before, "CPU_SUSPEND: x%u: expected 0x%llx, found 0x%llx", r,
                   (unsigned long long)before, (unsigned long long)out[r]);
        }
        expect(t, out[REGISTER_PROBE_SP_AFTER] == out[REGISTER_PROBE_SP_BEFORE],
               "CPU_SUSPEND: SP: expected 0x%llx, found 0x%llx",
               (unsigned long long)out[REGISTER_PROBE_SP_BEFORE],
               (unsigned long long)out[REGISTER_PROBE_SP_AFTER]);
    }
    clock_disarm_timer();
}

const struct conformance_test psci_tests[] = {
    { .name = "psci_version", .verifies = "hvabi~psci-version~1 hvabi~psci-conduit~1",
      .run = version },
    { .name = "psci_smccc_version", .verifies = "hvabi~psci-smccc-version~1",
      .run = smccc_version },
    { .name = "psci_features", .verifies = "hvabi~psci-features~1", .run = features },
    { .name = "psci_unknown_function", .verifies = "hvabi~psci-unknown-function~1",
      .run = unknown_function },
    { .name = "psci_migrate_info_type", .verifies = "hvabi~psci-migrate-info-type~1",
      .run = migrate_info_type },
    { .name = "psci_vcpu0_affinity", .verifies = "hvabi~psci-vcpu-affinity~1",
      .run = vcpu0_affinity },
    { .name = "psci_cpu_on_invalid_target", .verifies = "hvabi~psci-cpu-on-invalid-target~1",
      .run = cpu_on_invalid_target },
    { .name = "psci_cpu_on_already_on", .verifies = "hvabi~psci-cpu-on-already-on~1",
      .run = cpu_on_already_on },
    { .name = "psci_affinity_info_self", .verifies = "hvabi~psci-affinity-info~1",
      .run = affinity_info_self },
    { .name = "psci_affinity_info_invalid", .verifies = "hvabi~psci-affinity-info-invalid~1",
      .run = affinity_info_invalid },
    { .name = "psci_cpu_suspend", .verifies = "hvabi~psci-cpu-suspend~1", .run = cpu_suspend },
    { .name = NULL },
};

