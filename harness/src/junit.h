/*
 * junit.h - writes a run's results as JUnit XML, for CI systems and for the
 * traceability report.
 *
 *     <testsuites>
 *       <testsuite name="hvabi.<port>.<scenario>" tests=".." failures=".." skipped="..">
 *         <testcase classname="hvabi.<port>.<scenario>.d<N>" name="<test>">
 *           <properties><property name="verifies" value="<tags>"/></properties>
 *           <failure message="<first diagnostic>"><diagnostics></failure>
 *         </testcase>
 *         ...
 *
 * One <testsuite> per scenario; a run of the default scenario alone has
 * the suite "hvabi.<port>" and the classes "hvabi.<port>.d<N>", as before
 * scenarios existed.  A skipped test has <skipped message="<reason>"/>.
 * The test a domain crashed in is a failure "crashed: <why>" named
 * "test <n>" (the guest names a test only with its result), with the last
 * lines of output; a planned test without a result is a failure named the
 * same way.  Each problem is a failed test case of class "<suite>.run".
 * The output of the domains expected to be stopped is the suite's
 * <system-out>.  All text is escaped, and
 * bytes that XML 1.0 cannot carry (control characters, broken UTF-8) are
 * written as '?', so the file is well-formed whatever the guest printed.
 */
#ifndef HARNESS_JUNIT_H
#define HARNESS_JUNIT_H

#include <stdbool.h>
#include <stdio.h>

#include "deviations.h"
#include "scenario_results.h"
#include "verdict.h"

void junit_write(FILE *out, const char *port_name, const struct run_results *results,
                 const struct verdict *verdict, const struct deviation_list *deviations);

/* Writes text escaped for XML content, or for an attribute value in double
 * quotes when in_attribute (line ends and tabs are then kept as character
 * references). */
void junit_write_escaped(FILE *out, const char *text, bool in_attribute);

#endif
