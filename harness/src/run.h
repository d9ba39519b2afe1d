/*
 * run.h - the run command: boots a port with the conformance guest and
 * reports the results.
 */
#ifndef HARNESS_RUN_H
#define HARNESS_RUN_H

#include "options.h"
#include "paths.h"

enum exit_status {
    EXIT_STATUS_PASSED = 0, /* nothing failed (or: only the expected deviations) */
    EXIT_STATUS_FAILED = 1, /* a test failed, or the run went wrong */
    EXIT_STATUS_ERROR = 2,  /* bad command line or port, a missing file or program */
};

/* Runs and reports; returns the exit status.  Errors go to stderr. */
enum exit_status run_command(const struct run_options *options,
                             const struct harness_paths *paths);

#endif
