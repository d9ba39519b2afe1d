/*
 * shared_info.c - the shared info page: the bytes beyond the structure,
 * vCPU 0's vcpu_info in it, the time record and the wall clock.
 *
 * Specification: spec/chapters/shared_info.rst, and sched_op.rst (system
 * time).  The page's content when the domain starts is checked by the
 * first test of the evtchn_pair and evtchn_smp scenarios, which place it
 * first in their boot; moving it and registering vCPU 0's vcpu_info
 * elsewhere change it for the rest of the boot, so they run in the
 * evtchn-smp scenario (event_channel_smp.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "framework/suite.h"
#include "support/clock.h"
#include "support/evtchn.h"
#include "support/shared_info.h"
#include "support/shared_info_checks.h"

#include <hvabi/types.h>

static void reserved_bytes_zero(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint32_t port;

    if (shared == NULL) {
        return;
    }
    /* After some events too: they touch only the structure. */
    port = evtchn_open_ipi_from(t, 0, 200);
    if (port != 0) {
        evtchn_send(port);
        evtchn_close(port);
    }
    shared_info_expect_reserved_zero(t, shared);
}

static void vcpu0_uses_the_page(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu;
    uint32_t port;

    if (shared == NULL) {
        return;
    }
    if (evtchn_vcpu_info_registered(0)) {
        expect(t, false, "test order: vCPU 0 registered a vcpu_info elsewhere before this test");
        return;
    }
    vcpu = &shared->vcpu_info[0];
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    evtchn_clear_upcall(vcpu);
    evtchn_send(port);
    expect(t, vcpu->evtchn_upcall_pending == 1 && ((vcpu->evtchn_pending_sel >> (port / 64)) & 1),
           "an event for vCPU 0 did not reach vcpu_info[0] of the shared info page: flag %u, "
           "selector 0x%llx", (unsigned)vcpu->evtchn_upcall_pending,
           (unsigned long long)vcpu->evtchn_pending_sel);
    evtchn_close(port);
    evtchn_clear_upcall(vcpu);
}

static void time_record_zero(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    uint32_t port;

    if (vcpu == NULL) {
        return;
    }
    shared_info_expect_time_zero(t, vcpu, "vCPU 0's vcpu_info");
    /* Events do not fill it in either. */
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port != 0) {
        evtchn_send(port);
        evtchn_close(port);
    }
    shared_info_expect_time_zero(t, vcpu, "vCPU 0's vcpu_info after an event");
    evtchn_clear_upcall(vcpu);
}

/* Reads the wall clock many times under its protocol: each read finds
 * wc_version even and wc_nsec below one second, and the time does not
 * change (nothing sets the hypervisor's UTC during the test). */
static void wall_clock(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    struct shared_info_wall_clock first, now;
    uint64_t deadline;
    unsigned int reads = 0;

    if (shared == NULL || !shared_info_read_wall_clock(t, shared, &first)) {
        return;
    }
    test_note(t, "wall clock: version %u, %llu s %u ns", (unsigned)first.version,
              (unsigned long long)first.seconds, (unsigned)first.nanoseconds);
    deadline = clock_deadline(20 * CLOCK_MS);
    while (!clock_passed(deadline)) {
        if (!shared_info_read_wall_clock(t, shared, &now)) {
            return;
        }
        reads++;
        if (!expect(t, now.seconds == first.seconds && now.nanoseconds == first.nanoseconds,
                    "read %u: the wall clock changed from %llu s %u ns to %llu s %u ns", reads,
                    (unsigned long long)first.seconds, (unsigned)first.nanoseconds,
                    (unsigned long long)now.seconds, (unsigned)now.nanoseconds)) {
            return;
        }
    }
}

const struct conformance_test shared_info_tests[] = {
    {
        .name = "shared_info_reserved_bytes_zero",
        .verifies = "hvabi~shared-info-reserved~1",
        .run = reserved_bytes_zero,
    },
    {
        .name = "shared_info_vcpu0_uses_the_page",
        .verifies = "hvabi~shared-info-vcpu0~1",
        .run = vcpu0_uses_the_page,
    },
    {
        .name = "shared_info_time_record_zero",
        .verifies = "hvabi~shared-info-time-zero~1",
        .run = time_record_zero,
    },
    {
        .name = "shared_info_wall_clock",
        .verifies = "hvabi~shared-info-wc-nsec~1 hvabi~shared-info-wc-version~1",
        .run = wall_clock,
    },
    { .name = NULL },
};
