/*
 * runner.h - runs the suite and prints KTAP.
 *
 * Output (KTAP version 1, one line per console write):
 *
 *   KTAP version 1
 *   # hvabi conformance guest <version>
 *   1..<number of tests>
 *   # verifies: <tags>            printed before the test runs
 *   # <diagnostic>                zero or more
 *   # expect stop: <name> <cause> a test that ends with its domain's stop
 *   ok <n> <name>                 or "not ok <n> <name>",
 *                                 or "ok <n> <name> # SKIP <reason>"
 *
 * The "# verifies:" line comes first so that a test that brings the guest
 * down still names what it was verifying.
 *
 * Boot arguments (from /chosen/bootargs):
 *   hvabi.role=NAME   the role whose tests run (suite.h); default "main".
 *                     A role without tests (suite_role.act) prints no KTAP.
 *   hvabi.start=N     run tests N, N+1, ... only: the harness resumes so
 *                     after a test crashed the guest.  The plan still
 *                     counts every test of the role.
 * A bad value ends the output with "Bail out! <reason>".
 */
#ifndef HVABI_CONFORMANCE_RUNNER_H
#define HVABI_CONFORMANCE_RUNNER_H

#include "framework/test.h"
#include "guest/platform.h"

/* Runs the tests the boot arguments select; returns the number that
 * failed, or 1 when the boot arguments are bad. */
unsigned int run_suite(const struct guest_platform *platform);

#endif /* HVABI_CONFORMANCE_RUNNER_H */
