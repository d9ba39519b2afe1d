/*
 * shared_info_checks.h - checks of the shared info page that several tests
 * share (spec/chapters/shared_info.rst).
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_SHARED_INFO_CHECKS_H
#define HVABI_CONFORMANCE_SUPPORT_SHARED_INFO_CHECKS_H

#include <stdbool.h>
#include <stdint.h>

#include <hvabi/shared_info.h>

#include "framework/test.h"

struct shared_info_wall_clock {
    uint32_t version;     /* wc_version, even */
    uint64_t seconds;     /* wc_sec_hi * 2^32 + wc_sec */
    uint32_t nanoseconds; /* wc_nsec */
};

/*
 * Reads the wall clock as a guest must (hvabi~shared-info-wc-guest~1),
 * retrying while an update is in progress.  Records a failure and returns
 * false when wc_version stays odd or wc_nsec is 1 000 000 000 or more.
 */
bool shared_info_read_wall_clock(struct test_context *t,
                                 volatile struct hvabi_shared_info *shared,
                                 struct shared_info_wall_clock *clock);

/* Records a failure for each nonzero byte from 1088 to 4095 of the page. */
void shared_info_expect_reserved_zero(struct test_context *t,
                                      volatile struct hvabi_shared_info *shared);

/* Records a failure unless the 32 bytes of `time` of the vcpu_info are 0. */
void shared_info_expect_time_zero(struct test_context *t,
                                  volatile struct hvabi_vcpu_info *vcpu, const char *what);

/*
 * The page as it must be when the domain starts: zero except the wall
 * clock and what raising events on the `count` ports `static_ports` may
 * have set (their pending bits, the selector bits of their words and the
 * upcall flag of vcpu_info[0]).  Mask bits are all clear.
 */
void shared_info_expect_initial(struct test_context *t, volatile struct hvabi_shared_info *shared,
                                const uint32_t *static_ports, unsigned int count);

#endif /* HVABI_CONFORMANCE_SUPPORT_SHARED_INFO_CHECKS_H */
