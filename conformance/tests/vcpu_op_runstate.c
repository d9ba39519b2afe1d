/*
 * vcpu_op_runstate.c - VCPUOP_register_runstate_memory_area on the calling
 * vCPU: registration, its errors, and the updates.
 *
 * Specification: spec/chapters/vcpu_op.rst, "The runstate record".  An
 * update happens each time the vCPU enters the state running; the tests
 * make that happen by waiting in SCHEDOP_block for the virtual timer (a
 * vCPU waiting there is blocked).  Each test ends its registration
 * (address 0).
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/aarch64/mmu.h"
#include "support/clock.h"
#include "support/guard_pages.h"
#include "support/guest_memory.h"
#include "tests/addresses.h"
#include "tests/vcpu_op_call.h"

#include <hvabi/errno.h>
#include <hvabi/vcpu_op.h>

#define PATTERN 0xa5
#define UPDATE_BIT (1ULL << HVABI_RUNSTATE_UPDATE_BIT)
#define WAIT_NS (4 * CLOCK_MS) /* long enough that a loaded host rarely stalls a vCPU past it */

static struct hvabi_vcpu_runstate_info area_a __attribute__((aligned(64)));
static struct hvabi_vcpu_runstate_info area_b __attribute__((aligned(64)));

static void fill(volatile struct hvabi_vcpu_runstate_info *area)
{
    memset((void *)area, PATTERN, sizeof(*area));
    __asm__ volatile("dmb ish" ::: "memory");
}

static bool untouched(const volatile struct hvabi_vcpu_runstate_info *area)
{
    const volatile uint8_t *bytes = (const volatile uint8_t *)area;

    for (unsigned int i = 0; i < sizeof(*area); i++) {
        if (bytes[i] != PATTERN) {
            return false;
        }
    }
    return true;
}

static struct hvabi_vcpu_runstate_info snapshot(const volatile struct hvabi_vcpu_runstate_info *area)
{
    struct hvabi_vcpu_runstate_info copy;

    copy.state = area->state;
    copy.state_entry_time = area->state_entry_time;
    for (unsigned int s = 0; s < 4; s++) {
        copy.time[s] = area->time[s];
    }
    return copy;
}

static uint64_t sum(const struct hvabi_vcpu_runstate_info *r)
{
    return r->time[0] + r->time[1] + r->time[2] + r->time[3];
}

/* The vCPU leaves running (blocked in SCHEDOP_block) and enters it again. */
static bool run_again(struct test_context *t)
{
    return expect(t, clock_block_timer(WAIT_NS),
                  "the virtual timer did not end a wait in SCHEDOP_block of 4 ms");
}

static bool prepare(struct test_context *t)
{
    return expect(t, clock_timer_init(t->platform) == 0,
                  "no virtual timer: the test cannot make the vCPU block");
}

static void end_registration(struct test_context *t)
{
    expect_result(t, "ending the registration (address 0)", vcpu_op_register_runstate(0, 0), 0);
}

/* The record a running vCPU finds in its own area. */
static bool expect_running(struct test_context *t, const char *what,
                           const struct hvabi_vcpu_runstate_info *r)
{
    return expect(t, r->state == HVABI_RUNSTATE_RUNNING && (r->state_entry_time & UPDATE_BIT) == 0,
                  "%s: expected state running (0) with bit 63 of state_entry_time clear, found "
                  "state %d, state_entry_time 0x%llx", what, (int)r->state,
                  (unsigned long long)r->state_entry_time);
}

static void register_writes(struct test_context *t)
{
    struct hvabi_vcpu_runstate_info r;

    fill(&area_a);
    if (!expect_result(t, "registering a runstate area", vcpu_op_register_runstate(0,
                       (uint64_t)(uintptr_t)&area_a), 0)) {
        return;
    }
    r = snapshot(&area_a);
    expect_running(t, "the area right after registration", &r);
    for (unsigned int s = 0; s < 4; s++) {
        expect(t, r.time[s] != 0xa5a5a5a5a5a5a5a5ULL, "time[%u] was not written", s);
    }
    end_registration(t);
}

static void register_none(struct test_context *t)
{
    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    fill(&area_a);
    expect_result(t, "registering address 0", vcpu_op_register_runstate(0, 0), 0);
    expect(t, untouched(&area_a), "address 0 wrote to the area it ended");
    run_again(t);
    expect(t, untouched(&area_a), "area A was updated after the registration of address 0");
    expect_result(t, "registering address 0 again (no registration)",
                  vcpu_op_register_runstate(0, 0), 0);
}

static void replace(struct test_context *t)
{
    struct hvabi_vcpu_runstate_info r;

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    expect_result(t, "registering area B", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_b), 0);
    fill(&area_a);
    fill(&area_b);
    run_again(t);
    expect(t, untouched(&area_a), "area A was written after area B replaced it");
    r = snapshot(&area_b);
    expect_running(t, "area B after the vCPU ran again", &r);
    end_registration(t);
}

/* After a failed registration, area A must still be the one updated. */
static void expect_a_kept(struct test_context *t, const char *after)
{
    struct hvabi_vcpu_runstate_info r;

    fill(&area_a);
    run_again(t);
    r = snapshot(&area_a);
    expect(t, !untouched(&area_a), "area A no longer updated after %s", after);
    if (!untouched(&area_a)) {
        expect_running(t, "area A", &r);
    }
}

static void register_unwritable(struct test_context *t)
{
    const struct guest_platform *p = t->platform;
    uint64_t unbacked = unbacked_guest_address(p);
    uint64_t spare = guest_memory_spare_block(p);
    uint64_t boundary = guard_unmapped_boundary(t);
    uint64_t rc;

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    if (unbacked != 0) {
        expect_result(t, "area at a guest address with no memory",
                      vcpu_op_register_runstate(0, unbacked), -HVABI_EFAULT);
        expect_a_kept(t, "an area with no memory");
    }
    expect_result(t, "area at an unmapped virtual address",
                  vcpu_op_register_runstate(0, unmapped_virtual_address()), -HVABI_EFAULT);
    expect_result(t, "area at A | bit 63 (outside the translated range)",
                  vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a | (1ULL << 63)),
                  -HVABI_EFAULT);
    expect_a_kept(t, "areas at untranslatable addresses");
    if (expect(t, spare != 0, "no spare block of RAM for a read-only mapping")) {
        mmu_set_block(spare, MMU_EL1_READ_ONLY);
        rc = (uint64_t)vcpu_op_register_runstate(0, spare + 64);
        mmu_set_block(spare, MMU_EL1_READ_WRITE);
        expect_result(t, "area in a page EL1 may only read", (int64_t)rc, -HVABI_EFAULT);
        expect_a_kept(t, "an area in a read-only page");
    }
    if (boundary != 0) {
        /* The last 8 bytes of the area beyond a mapped page. */
        expect_result(t, "area whose last 8 bytes are unmapped",
                      vcpu_op_register_runstate(0, boundary - 40), -HVABI_EFAULT);
        expect_a_kept(t, "an area that crosses into an unmapped page");
    }
    end_registration(t);
}

static void fault(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    if (unbacked != 0) {
        expect_result(t, "argument at a guest address with no memory",
                      vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, 0, unbacked),
                      -HVABI_EFAULT);
    }
    expect_result(t, "argument at an unmapped virtual address",
                  vcpu_op(HVABI_VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, 0,
                          unmapped_virtual_address()), -HVABI_EFAULT);
    expect_a_kept(t, "unreadable arguments");
    end_registration(t);
}

static void update(struct test_context *t)
{
    uint64_t previous;

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    previous = area_a.state_entry_time;
    for (unsigned int i = 0; i < 3; i++) {
        struct hvabi_vcpu_runstate_info r;

        fill(&area_a);
        run_again(t);
        /* The first instruction after the wait: the update must be there. */
        r = snapshot(&area_a);
        if (!expect(t, !untouched(&area_a), "the area was not written when the vCPU ran again")) {
            break;
        }
        expect_running(t, "the area after the vCPU ran again", &r);
        expect(t, r.state_entry_time > previous,
               "state_entry_time did not advance: 0x%llx, before 0x%llx",
               (unsigned long long)r.state_entry_time, (unsigned long long)previous);
        previous = r.state_entry_time;
    }
    end_registration(t);
}

static void translation(struct test_context *t)
{
    const struct guest_platform *p = t->platform;
    uint64_t spare = guest_memory_spare_block(p);
    volatile struct hvabi_vcpu_runstate_info *area;
    struct hvabi_vcpu_runstate_info r;

    if (!prepare(t) || !expect(t, spare != 0, "no spare block of RAM to unmap")) {
        return;
    }
    area = (volatile struct hvabi_vcpu_runstate_info *)(uintptr_t)(spare + 128);
    expect_result(t, "registering an area in the spare block",
                  vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)area), 0);
    fill(area);
    mmu_set_block(spare, MMU_UNMAPPED);
    clock_block_timer(WAIT_NS); /* the update is skipped, without other effect */
    mmu_set_block(spare, MMU_EL1_READ_WRITE);
    expect(t, untouched(area), "the area was written while the vCPU's translation did not map it");
    run_again(t);
    r = snapshot(area);
    if (expect(t, !untouched(area), "the area was not written after it was mapped again")) {
        expect_running(t, "the area mapped again", &r);
    }
    end_registration(t);
}

/*
 * A wait of known length: the record the vCPU finds afterwards has the
 * state running entered at the end of the wait, and the time blocked grew
 * by about the wait.  Times are system times (the virtual counter).
 */
static void values(struct test_context *t)
{
    struct hvabi_vcpu_runstate_info before, after;
    uint64_t start, end;
    const uint64_t wait = 5 * CLOCK_MS;

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    before = snapshot(&area_a);
    start = clock_system_time();
    clock_block_timer(wait);
    after = snapshot(&area_a);
    end = clock_system_time();
    expect_running(t, "after the wait", &after);
    expect(t, after.state_entry_time >= start + wait && after.state_entry_time <= end,
           "state_entry_time %llu ns: expected the end of the wait, between %llu and %llu "
           "(system time)", (unsigned long long)after.state_entry_time,
           (unsigned long long)(start + wait), (unsigned long long)end);
    expect(t, after.time[HVABI_RUNSTATE_BLOCKED] - before.time[HVABI_RUNSTATE_BLOCKED] >= wait / 2 &&
           after.time[HVABI_RUNSTATE_BLOCKED] - before.time[HVABI_RUNSTATE_BLOCKED] <= end - start,
           "time blocked grew by %llu ns during a wait of %llu ns in SCHEDOP_block (%llu ns in all)",
           (unsigned long long)(after.time[HVABI_RUNSTATE_BLOCKED] - before.time[HVABI_RUNSTATE_BLOCKED]),
           (unsigned long long)wait, (unsigned long long)(end - start));
    expect(t, before.state_entry_time <= start,
           "state_entry_time at registration %llu ns is later than the registration (%llu)",
           (unsigned long long)before.state_entry_time, (unsigned long long)start);
    end_registration(t);
}

/* Between two updates the times grow by what state_entry_time grew. */
static void times_add_up(struct test_context *t)
{
    struct hvabi_vcpu_runstate_info previous, r;

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    run_again(t);
    previous = snapshot(&area_a);
    for (unsigned int i = 0; i < 5; i++) {
        /* Some running, then some blocked. */
        uint64_t busy = clock_deadline(200 * 1000);

        while (!clock_passed(busy)) {
        }
        run_again(t);
        r = snapshot(&area_a);
        if (!expect(t, r.state_entry_time > previous.state_entry_time,
                    "update %u: state_entry_time did not advance (0x%llx)", i,
                    (unsigned long long)r.state_entry_time)) {
            break;
        }
        if (!expect(t, sum(&r) - sum(&previous) == r.state_entry_time - previous.state_entry_time,
                    "update %u: the times grew by %llu ns, state_entry_time by %llu ns", i,
                    (unsigned long long)(sum(&r) - sum(&previous)),
                    (unsigned long long)(r.state_entry_time - previous.state_entry_time))) {
            break;
        }
        previous = r;
    }
    end_registration(t);
}

/*
 * Spinning counts as running; waiting in SCHEDOP_block and in WFI counts as
 * blocked; nothing counts as offline.
 */
static void states(struct test_context *t)
{
    struct hvabi_vcpu_runstate_info before, spun, blocked, waited;
    const uint64_t length = 3 * CLOCK_MS;
    const uint64_t wfi_length = 5 * WAIT_NS;

    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    run_again(t);
    before = snapshot(&area_a);
    clock_spin(length);
    run_again(t);
    spun = snapshot(&area_a);
    expect(t, spun.time[HVABI_RUNSTATE_RUNNING] - before.time[HVABI_RUNSTATE_RUNNING] >= length,
           "time running grew by %llu ns over a loop of %llu ns",
           (unsigned long long)(spun.time[HVABI_RUNSTATE_RUNNING] - before.time[HVABI_RUNSTATE_RUNNING]),
           (unsigned long long)length);
    clock_block_timer(length);
    blocked = snapshot(&area_a);
    expect(t, blocked.time[HVABI_RUNSTATE_BLOCKED] - spun.time[HVABI_RUNSTATE_BLOCKED] >= length / 2,
           "time blocked grew by %llu ns over a wait in SCHEDOP_block of %llu ns",
           (unsigned long long)(blocked.time[HVABI_RUNSTATE_BLOCKED] - spun.time[HVABI_RUNSTATE_BLOCKED]),
           (unsigned long long)length);
    /* A long wait in WFI, then a short one in SCHEDOP_block for an update
     * (in case the WFI made none): the WFI must count as blocked too. */
    clock_wait_timer(wfi_length);
    run_again(t);
    waited = snapshot(&area_a);
    expect(t, waited.time[HVABI_RUNSTATE_BLOCKED] - blocked.time[HVABI_RUNSTATE_BLOCKED] >=
                  wfi_length / 2 + WAIT_NS / 2,
           "time blocked grew by %llu ns over a wait in WFI of %llu ns and one in SCHEDOP_block "
           "of %llu ns", (unsigned long long)(waited.time[HVABI_RUNSTATE_BLOCKED] - blocked.time[HVABI_RUNSTATE_BLOCKED]),
           (unsigned long long)wfi_length, (unsigned long long)WAIT_NS);
    expect(t, waited.time[HVABI_RUNSTATE_OFFLINE] == before.time[HVABI_RUNSTATE_OFFLINE],
           "time offline grew by %llu ns while the vCPU was online",
           (unsigned long long)(waited.time[HVABI_RUNSTATE_OFFLINE] - before.time[HVABI_RUNSTATE_OFFLINE]));
    end_registration(t);
}

static void no_update_flag(struct test_context *t)
{
    if (!prepare(t)) {
        return;
    }
    expect_result(t, "registering area A", vcpu_op_register_runstate(0, (uint64_t)(uintptr_t)&area_a), 0);
    for (unsigned int i = 0; i < 10; i++) {
        uint64_t entry = area_a.state_entry_time;

        if (!expect(t, (entry & UPDATE_BIT) == 0, "update %u: bit 63 of state_entry_time is set "
                    "(0x%llx)", i, (unsigned long long)entry)) {
            break;
        }
        run_again(t);
    }
    end_registration(t);
}

const struct conformance_test vcpu_op_runstate_tests[] = {
    { .name = "vcpu_op_runstate_register", .verifies = "hvabi~vcpu-op-runstate-register~1",
      .run = register_writes },
    { .name = "vcpu_op_runstate_register_none",
      .verifies = "hvabi~vcpu-op-runstate-register-none~1", .run = register_none },
    { .name = "vcpu_op_runstate_replace", .verifies = "hvabi~vcpu-op-runstate-replace~1",
      .run = replace },
    { .name = "vcpu_op_runstate_register_unwritable",
      .verifies = "hvabi~vcpu-op-runstate-register-unwritable~1 hvabi~aarch64-guest-handle~1",
      .run = register_unwritable },
    { .name = "vcpu_op_runstate_fault", .verifies = "hvabi~vcpu-op-runstate-fault~1",
      .run = fault },
    { .name = "vcpu_op_runstate_update", .verifies = "hvabi~vcpu-op-runstate-update~1",
      .run = update },
    { .name = "vcpu_op_runstate_translation", .verifies = "hvabi~vcpu-op-runstate-translation~1",
      .run = translation },
    { .name = "vcpu_op_runstate_values", .verifies = "hvabi~vcpu-op-runstate-values~1",
      .run = values },
    { .name = "vcpu_op_runstate_sum", .verifies = "hvabi~vcpu-op-runstate-sum~1",
      .run = times_add_up },
    { .name = "vcpu_op_runstate_states", .verifies = "hvabi~vcpu-op-runstate-states~1",
      .run = states },
    { .name = "vcpu_op_runstate_no_flag", .verifies = "hvabi~vcpu-op-runstate-no-flag~1",
      .run = no_update_flag },
    { .name = NULL },
};
