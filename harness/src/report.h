/*
 * report.h - what the harness prints on the terminal.
 *
 * One line per test as its result arrives:
 *
 *     ok   d1  1 hypercall_unknown_number
 *     FAIL d1  3 aarch64_call_invalid_immediate
 *          # FAIL: ELR_EL1: expected 0x40000c38 (the HVC), got 0x40000c3c
 *          deviation XEN-001: Xen injects the Undefined Instruction ...
 *     skip d1  9 console_io_write_unreadable_buffer: <reason>
 *
 * and at the end the tests without a result, the problems, and last the
 * line "N passed, N failed, N skipped".
 */
#ifndef HARNESS_REPORT_H
#define HARNESS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "deviations.h"
#include "ktap.h"
#include "session.h"
#include "verdict.h"

/* A result that just arrived; deviation is the entry that lists a failed
 * test, or NULL. */
void report_result(FILE *out, unsigned domain, const struct ktap_result *result,
                   const struct deviation *deviation);

/* A malformed KTAP line, as soon as it is seen. */
void report_ktap_problem(FILE *out, unsigned domain, const char *problem);

/* A domain's "Bail out!", as soon as it is seen. */
void report_bail_out(FILE *out, unsigned domain, const char *reason);

/* A line of serial output, for --verbose. */
void report_serial_line(FILE *out, const char *line);

/* Everything after the last line of output: tests without a result,
 * problems, deviations (with expect_deviations), and the summary line. */
void report_end(FILE *out, const struct session *session, const struct verdict *verdict,
                const struct deviation_list *deviations, bool expect_deviations);

/* The summary line alone: "N passed, N failed, N skipped". */
void report_summary(FILE *out, const struct verdict *verdict);

#endif
