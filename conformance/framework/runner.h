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
 *   ok <n> <name>                 or "not ok <n> <name>",
 *                                 or "ok <n> <name> # SKIP <reason>"
 *
 * The "# verifies:" line comes first so that a test that brings the guest
 * down still names what it was verifying.
 */
#ifndef HVABI_CONFORMANCE_RUNNER_H
#define HVABI_CONFORMANCE_RUNNER_H

#include "framework/test.h"
#include "guest/platform.h"

/* Runs every test; returns the number that failed. */
unsigned int run_suite(const struct guest_platform *platform);

#endif /* HVABI_CONFORMANCE_RUNNER_H */
