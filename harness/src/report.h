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
 *     FAIL d1 17 test 17: crashed: no output for 15 s
 *          | (d1) # verifies: ...         (the last lines of output)
 *
 * With more than one scenario in the run, each such line starts with the
 * scenario's name (the "prefix").  A line when a scenario starts and when
 * a scenario boots again after a crash; at the end the tests without a
 * result, the problems, and last the line "N passed, N failed, N skipped".
 */
#ifndef HARNESS_REPORT_H
#define HARNESS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "deviations.h"
#include "ktap.h"
#include "scenario.h"
#include "scenario_results.h"
#include "text.h"
#include "verdict.h"

/* The prefix of the result lines of scenario index of results: "" when the
 * run has one scenario, else its name padded to the longest name and a
 * blank.  A new string. */
char *report_prefix(const struct run_results *results, size_t index);

/* A result that just arrived; deviation is the entry that lists a failed
 * test, or NULL. */
void report_result(FILE *out, const char *prefix, unsigned domain,
                   const struct ktap_result *result, const struct deviation *deviation);

/* The test a domain crashed in, failed, with why and the last lines of
 * output. */
void report_crash(FILE *out, const char *prefix, unsigned domain, const struct ktap_result *test,
                  const char *reason, const struct text_list *context);

/* A malformed KTAP line, as soon as it is seen. */
void report_ktap_problem(FILE *out, const char *prefix, unsigned domain, const char *problem);

/* A domain's "Bail out!", as soon as it is seen. */
void report_bail_out(FILE *out, const char *prefix, unsigned domain, const char *reason);

/* A line of serial output, for --verbose. */
void report_serial_line(FILE *out, const char *line);

/* "scenario pair (2 domains): <description>". */
void report_scenario_start(FILE *out, const struct scenario *scenario);

/* "system-tree tests NAME (N tests): <description>". */
void report_tree_tests_start(FILE *out, const char *name, size_t count, const char *description);

/* After a boot that needs another: "d1 crashed in test 17; booting again
 * from test 18". */
void report_boot_again(FILE *out, const char *prefix, const struct scenario_results *results);

/* Everything after the last boot: tests without a result, problems,
 * deviations (with expect_deviations), and the summary line. */
void report_end(FILE *out, const struct run_results *results, const struct verdict *verdict,
                const struct deviation_list *deviations, bool expect_deviations);

/* The summary line alone: "N passed, N failed, N skipped". */
void report_summary(FILE *out, const struct verdict *verdict);

#endif
