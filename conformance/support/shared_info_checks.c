/*
 * shared_info_checks.c - checks of the shared info page (see
 * shared_info_checks.h).
 */
#include <stddef.h>

#include "support/shared_info_checks.h"

#define PAGE_SIZE 4096
#define NANOSECONDS_PER_SECOND 1000000000U

bool shared_info_read_wall_clock(struct test_context *t,
                                 volatile struct hvabi_shared_info *shared,
                                 struct shared_info_wall_clock *clock)
{
    for (unsigned int attempt = 0; attempt < 10000; attempt++) {
        uint32_t version = __atomic_load_n(&shared->wc_version, __ATOMIC_ACQUIRE);
        uint32_t sec, nsec, sec_hi;

        if ((version & 1) != 0) {
            continue;
        }
        sec = shared->wc_sec;
        nsec = shared->wc_nsec;
        sec_hi = shared->wc_sec_hi;
        __asm__ volatile("dmb ishld" ::: "memory");
        if (__atomic_load_n(&shared->wc_version, __ATOMIC_RELAXED) != version) {
            continue;
        }
        clock->version = version;
        clock->seconds = ((uint64_t)sec_hi << 32) | sec;
        clock->nanoseconds = nsec;
        return expect(t, nsec < NANOSECONDS_PER_SECOND, "wc_nsec is %u with wc_version %u even: "
                      "expected less than 1000000000", (unsigned)nsec, (unsigned)version);
    }
    return expect(t, false, "wc_version stayed odd (%u) over 10000 reads: no update ends",
                  (unsigned)shared->wc_version);
}

void shared_info_expect_reserved_zero(struct test_context *t,
                                      volatile struct hvabi_shared_info *shared)
{
    const volatile uint8_t *bytes = (const volatile uint8_t *)shared;

    for (size_t i = sizeof(struct hvabi_shared_info); i < PAGE_SIZE; i++) {
        if (!expect(t, bytes[i] == 0, "byte %u of the shared info page, beyond the structure: "
                    "expected 0, got 0x%02x", (unsigned)i, (unsigned)bytes[i])) {
            return;
        }
    }
}

void shared_info_expect_time_zero(struct test_context *t,
                                  volatile struct hvabi_vcpu_info *vcpu, const char *what)
{
    const volatile uint8_t *bytes = (const volatile uint8_t *)&vcpu->time;

    for (size_t i = 0; i < sizeof(vcpu->time); i++) {
        if (!expect(t, bytes[i] == 0, "%s: byte %u of time: expected 0, got 0x%02x", what,
                    (unsigned)i, (unsigned)bytes[i])) {
            return;
        }
    }
}

static bool is_static(const uint32_t *ports, unsigned int count, uint32_t port)
{
    for (unsigned int i = 0; i < count; i++) {
        if (ports[i] == port) {
            return true;
        }
    }
    return false;
}

void shared_info_expect_initial(struct test_context *t, volatile struct hvabi_shared_info *shared,
                                const uint32_t *static_ports, unsigned int count)
{
    volatile struct hvabi_vcpu_info *vcpu = &shared->vcpu_info[0];
    const volatile uint8_t *bytes = (const volatile uint8_t *)vcpu;
    hvabi_ulong_t allowed_selector = 0;

    for (uint32_t word = 0; word < 64; word++) {
        hvabi_ulong_t pending = shared->evtchn_pending[word];

        expect(t, shared->evtchn_mask[word] == 0, "evtchn_mask word %u: expected 0, got 0x%llx",
               (unsigned)word, (unsigned long long)shared->evtchn_mask[word]);
        for (uint32_t bit = 0; bit < 64; bit++) {
            uint32_t port = word * 64 + bit;

            if (((pending >> bit) & 1) == 0) {
                continue;
            }
            expect(t, is_static(static_ports, count, port), "port %u is pending at start but "
                   "is no port of a static event channel", (unsigned)port);
        }
    }
    for (unsigned int i = 0; i < count; i++) {
        allowed_selector |= 1ULL << (static_ports[i] / 64);
    }
    expect(t, vcpu->evtchn_upcall_pending == 0 ||
           (vcpu->evtchn_upcall_pending == 1 && count > 0),
           "vcpu_info[0] upcall flag at start: %u", (unsigned)vcpu->evtchn_upcall_pending);
    expect(t, (vcpu->evtchn_pending_sel & ~allowed_selector) == 0, "vcpu_info[0] selector at "
           "start: 0x%llx", (unsigned long long)vcpu->evtchn_pending_sel);
    /* pad0 and bytes 2 to 7, and the time record. */
    for (size_t i = 1; i < 8; i++) {
        expect(t, bytes[i] == 0, "vcpu_info[0] byte %u at start: 0x%02x", (unsigned)i,
               (unsigned)bytes[i]);
    }
    shared_info_expect_time_zero(t, vcpu, "vcpu_info[0] at start");
    shared_info_expect_reserved_zero(t, shared);
}
