/*
 * ktap_writer.h - writes the merged results of a run as KTAP (--ktap).
 *
 * Each domain that prints results gets one KTAP document per scenario,
 * made from its results over all boots, in the order of the scenarios and
 * domains: "KTAP version 1", the domain's header lines, the plan, and for
 * each test its "# verifies:" tags, its "# " lines and its result line.  A
 * test the domain crashed in is "not ok N test N" after a "# crashed: ..."
 * line; a test without a result is the same after a line that says why.
 * For a run that booted once this is the domain's output as received,
 * minus lines that were no part of a test.
 */
#ifndef HARNESS_KTAP_WRITER_H
#define HARNESS_KTAP_WRITER_H

#include <stdio.h>

#include "scenario_results.h"

void ktap_write_results(FILE *out, const struct run_results *results);

#endif
