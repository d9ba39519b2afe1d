/*
 * console.h - tells domain output from hypervisor output on the serial
 * console.
 *
 * Xen, and every hypervisor port that follows it, prefixes each line a
 * domain writes with "(d<N>) ".  Every other line is the hypervisor's or
 * QEMU's own.
 */
#ifndef HARNESS_CONSOLE_H
#define HARNESS_CONSOLE_H

#include <stdbool.h>

/* Domain IDs above this are not Xen domain IDs; such a line is not
 * domain output. */
#define CONSOLE_MAX_DOMAIN_ID 32767u

/* For "(d<N>) text" (or "(d<N>)" alone): sets *domain to N and *text to
 * the text and returns true.  Returns false for any other line. */
bool console_split_domain_line(const char *line, unsigned *domain, const char **text);

#endif
