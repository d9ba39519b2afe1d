/*
 * binding_continuation_tests.c - a hypercall that the hypervisor suspends
 * to let the vCPU take an interrupt.
 *
 * Specification: spec/chapters/aarch64_binding.rst, "Long-running calls".
 * The test writes a few kilobytes to the console (KTAP diagnostic lines)
 * with the virtual timer armed to fire during the call and IRQs unmasked.
 * If the timer's interrupt finds the vCPU at the HVC instruction, the
 * hypervisor suspended the call: then X16 and every register but X0 to X4
 * must be as they were, and the call, executed again, must complete with
 * its result.  A hypervisor may also complete every call first; the test
 * then skips, as suspending is the hypervisor's choice.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "aarch64/register_probe.h"
#include "framework/suite.h"
#include "guest/aarch64/exception.h"
#include "guest/interrupts.h"
#include "support/clock.h"

#include <hvabi/console_io.h>
#include <hvabi/hypercall.h>

#define LINE_LENGTH 64
#define LINES 48

static char filler[LINES * LINE_LENGTH];

struct interruption {
    bool taken;
    struct exception_frame frame;
};

static struct interruption interruption;

static void record_interruption(uint32_t intid, void *context)
{
    const struct exception_frame *frame = exception_interrupted_frame();

    (void)intid;
    (void)context;
    clock_arm_timer(0);
    if (!interruption.taken && frame != NULL) {
        interruption.frame = *frame;
        interruption.taken = true;
    }
}

static void make_filler(void)
{
    for (unsigned int l = 0; l < LINES; l++) {
        char *line = filler + l * LINE_LENGTH;

        memset(line, '.', LINE_LENGTH);
        memcpy(line, "# aarch64 continuation test: filler line ", 41);
        line[41] = (char)('0' + l / 10);
        line[42] = (char)('0' + l % 10);
        line[43] = ' ';
        line[LINE_LENGTH - 1] = '\n';
    }
}

static void check_suspended(struct test_context *t, const uint64_t out[REGISTER_PROBE_WORDS])
{
    const struct exception_frame *f = &interruption.frame;

    expect(t, f->x[16] == HVABI_HYPERCALL_CONSOLE_IO,
           "X16 at the suspended HVC: expected %u, found 0x%llx", HVABI_HYPERCALL_CONSOLE_IO,
           (unsigned long long)f->x[16]);
    for (unsigned int r = 5; r <= 30; r++) {
        if (r == 16) {
            continue;
        }
        expect(t, f->x[r] == (REGISTER_PROBE_PATTERN | r),
               "x%u at the suspended HVC: expected 0x%llx, found 0x%llx", r,
               (unsigned long long)(REGISTER_PROBE_PATTERN | r), (unsigned long long)f->x[r]);
    }
    expect(t, f->sp == out[REGISTER_PROBE_SP_BEFORE],
           "SP at the suspended HVC: expected 0x%llx, found 0x%llx",
           (unsigned long long)out[REGISTER_PROBE_SP_BEFORE], (unsigned long long)f->sp);
    test_note(t, "suspended with X0-X4 = 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx",
              (unsigned long long)f->x[0], (unsigned long long)f->x[1],
              (unsigned long long)f->x[2], (unsigned long long)f->x[3],
              (unsigned long long)f->x[4]);
}

static void suspended_call(struct test_context *t)
{
    static const uint64_t delays_us[] = { 20, 50, 100, 400 };
    const uint64_t in[6] = {
        HVABI_HYPERCALL_CONSOLE_IO, HVABI_CONSOLEIO_WRITE, sizeof(filler),
        (uint64_t)(uintptr_t)filler, REGISTER_PROBE_PATTERN | 3, REGISTER_PROBE_PATTERN | 4,
    };
    uint64_t out[REGISTER_PROBE_WORDS];
    uint32_t intid;

    if (!expect(t, clock_timer_init(t->platform) == 0, "no virtual timer to interrupt the call")) {
        return;
    }
    intid = clock_timer_intid();
    make_filler();
    for (unsigned int i = 0; i < sizeof(delays_us) / sizeof(delays_us[0]); i++) {
        interruption.taken = false;
        interrupts_attach(intid, record_interruption, NULL);
        clock_arm_timer(clock_deadline(delays_us[i] * 1000));
        interrupts_unmask();
        register_probe(in, out);
        interrupts_mask();
        clock_arm_timer(0);
        expect(t, out[0] == 0, "CONSOLEIO_write of %u bytes: expected 0, got %lld",
               (unsigned)sizeof(filler), (long long)out[0]);
        if (interruption.taken &&
            interruption.frame.elr == (uint64_t)(uintptr_t)register_probe_call) {
            check_suspended(t, out);
            clock_timer_init(t->platform); /* the timer's usual handler */
            return;
        }
    }
    clock_timer_init(t->platform);
    test_skip(t, "the hypervisor completed every call before the interrupt (suspending is optional)");
}

const struct conformance_test aarch64_continuation_tests[] = {
    { .name = "aarch64_call_continuation", .verifies = "hvabi~aarch64-continuation~1",
      .run = suspended_call },
    { .name = NULL },
};
