/*
 * junit.h - writes a run's results as JUnit XML, for CI systems and for the
 * traceability report.
 *
 *     <testsuites>
 *       <testsuite name="hvabi.<port>" tests=".." failures=".." skipped="..">
 *         <testcase classname="hvabi.<port>.d<N>" name="<test>">
 *           <properties><property name="verifies" value="<tags>"/></properties>
 *           <failure message="<first diagnostic>"><diagnostics></failure>
 *         </testcase>
 *         ...
 *
 * A skipped test has <skipped message="<reason>"/>.  A planned test without
 * a result is a failed test named "test <n>".  Each problem of the run is a
 * failed test case of class "hvabi.<port>.run".  All text is escaped, and
 * bytes that XML 1.0 cannot carry (control characters, broken UTF-8) are
 * written as '?', so the file is well-formed whatever the guest printed.
 */
#ifndef HARNESS_JUNIT_H
#define HARNESS_JUNIT_H

#include <stdbool.h>
#include <stdio.h>

#include "deviations.h"
#include "session.h"
#include "verdict.h"

void junit_write(FILE *out, const char *port_name, const struct session *session,
                 const struct verdict *verdict, const struct deviation_list *deviations);

/* Writes text escaped for XML content, or for an attribute value in double
 * quotes when in_attribute (line ends and tabs are then kept as character
 * references). */
void junit_write_escaped(FILE *out, const char *text, bool in_attribute);

#endif
