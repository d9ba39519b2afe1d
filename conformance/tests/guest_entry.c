/*
 * guest_entry.c - the state of vCPU 0 when the domain starts, and the
 * generic timer's counters.
 *
 * Specification: spec/chapters/guest_entry.rst.  The start code of the
 * guest library records the registers at the image's first instructions
 * (lib/guest/aarch64/entry_state.h); these tests compare that record with
 * the chapter.  The record is written once per boot, so the tests hold on
 * any boot of the domain, also one the harness resumed.
 */
#include <libfdt.h>
#include <stdint.h>

#include "framework/suite.h"
#include "guest/aarch64/entry_state.h"
#include "guest/aarch64/exception.h"
#include "support/clock.h"
#include "support/entry_checks.h"
#include "support/guest_memory.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>
#include <hvabi/xen_version.h>

static const char vcpu0[] = "vCPU 0";

static void el1h(struct test_context *t)
{
    entry_check_el1h(t, &guest_entry_state, vcpu0);
}

static void x0_is_device_tree(struct test_context *t)
{
    uint64_t x0 = guest_entry_state.x[0];
    const void *fdt = (const void *)(uintptr_t)x0;

    /* The guest found its tree through X0; it must be the DTB in RAM. */
    expect(t, x0 == (uint64_t)(uintptr_t)t->platform->fdt,
           "X0 = 0x%llx is not the device tree the guest reads (0x%llx)",
           (unsigned long long)x0, (unsigned long long)(uintptr_t)t->platform->fdt);
    if (!expect(t, fdt_magic(fdt) == FDT_MAGIC, "X0 = 0x%llx: no DTB magic there",
                (unsigned long long)x0)) {
        return;
    }
    expect(t, guest_memory_is_ram(t->platform->fdt, x0, fdt_totalsize(fdt)),
           "X0 = 0x%llx: the DTB (%u bytes) is not in the domain's RAM", (unsigned long long)x0,
           (unsigned)fdt_totalsize(fdt));
}

static void registers_zero(struct test_context *t)
{
    entry_check_registers_zero(t, &guest_entry_state, vcpu0);
}

static void pstate(struct test_context *t)
{
    entry_check_pstate(t, &guest_entry_state, vcpu0);
}

static void sctlr(struct test_context *t)
{
    entry_check_sctlr(t, &guest_entry_state, vcpu0);
}

static void sysregs_zero(struct test_context *t)
{
    entry_check_sysregs_zero(t, &guest_entry_state, vcpu0);
}

static void simd_zero(struct test_context *t)
{
    entry_check_simd_zero(t, &guest_entry_state, vcpu0);
}

/*
 * CNTVCT_EL0 read many times, around calls that may make the hypervisor
 * run something else or move the vCPU (yield, waits in WFI and in
 * SCHEDOP_block), never decreases.
 */
static void counter_monotonic(struct test_context *t)
{
    uint64_t previous = clock_counter();
    bool timer = clock_timer_init(t->platform) == 0;

    for (unsigned int i = 0; i < 400; i++) {
        uint64_t now;

        switch (i % 4) {
        case 0:
            hvabi_hypercall2(HVABI_HYPERCALL_XEN_VERSION, HVABI_XENVER_VERSION, 0);
            break;
        case 1:
            hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_YIELD, 0);
            break;
        case 2:
            if (timer && i % 40 == 2) {
                clock_wait_timer(100 * 1000);
            }
            break;
        default:
            if (timer && i % 40 == 3) {
                clock_block_timer(100 * 1000);
            }
            break;
        }
        now = clock_counter();
        if (!expect(t, now >= previous, "CNTVCT_EL0 went back from 0x%llx to 0x%llx (step %u)",
                    (unsigned long long)previous, (unsigned long long)now, i)) {
            return;
        }
        previous = now;
    }
}

static void physical_counter(struct test_context *t)
{
    struct exception_catch c;
    uint64_t first = 0, second = 0;

    exception_catch_arm(&c);
    __asm__ volatile("isb\n\t"
                     "mrs %0, cntpct_el0\n\t"
                     "isb\n\t"
                     "mrs %1, cntpct_el0" : "=&r"(first), "=&r"(second) : : "memory");
    if (!expect(t, !exception_catch_disarm(&c),
                "reading CNTPCT_EL0 at EL1 raised an exception (ESR 0x%llx)",
                (unsigned long long)c.esr)) {
        return;
    }
    expect(t, second >= first, "CNTPCT_EL0 read 0x%llx, then 0x%llx", (unsigned long long)first,
           (unsigned long long)second);
}

const struct conformance_test guest_entry_tests[] = {
    { .name = "guest_entry_el1h", .verifies = "hvabi~guest-entry-el1h~1", .run = el1h },
    { .name = "guest_entry_x0_is_device_tree", .verifies = "hvabi~guest-entry-x0~1",
      .run = x0_is_device_tree },
    { .name = "guest_entry_registers_zero", .verifies = "hvabi~guest-entry-registers-zero~1",
      .run = registers_zero },
    { .name = "guest_entry_pstate", .verifies = "hvabi~guest-entry-pstate~1", .run = pstate },
    { .name = "guest_entry_sctlr", .verifies = "hvabi~guest-entry-sctlr~1", .run = sctlr },
    { .name = "guest_entry_sysregs_zero", .verifies = "hvabi~guest-entry-sysregs-zero~1",
      .run = sysregs_zero },
    { .name = "guest_entry_simd_zero", .verifies = "hvabi~guest-entry-simd-zero~1",
      .run = simd_zero },
    { .name = "guest_entry_counter_monotonic", .verifies = "hvabi~guest-entry-counter-monotonic~1",
      .run = counter_monotonic },
    { .name = "guest_entry_physical_counter", .verifies = "hvabi~guest-entry-physical-counter~1",
      .run = physical_counter },
    { .name = NULL },
};
