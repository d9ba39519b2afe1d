/*
 * deviations.h - a port's list of known deviations from the specification
 * (deviations.conf): which test fails on it, and why that is accepted.
 */
#ifndef HARNESS_DEVIATIONS_H
#define HARNESS_DEVIATIONS_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

struct deviation {
    char *id;          /* XEN-001 */
    char *test;        /* the conformance test that observes it */
    char *requirement; /* the requirement that is not met */
    char *observed;    /* what the hypervisor does */
    char *reason;      /* why the specification says otherwise */
    unsigned line;     /* of the [ID] header, for messages */
};

struct deviation_list {
    struct deviation *items;
    size_t count;
};

/*
 * Reads deviations from file, named file_name in messages.  Returns 0, or
 * -1 with err set ("FILE:LINE: ...").  On error *list is empty.
 */
int deviations_read(FILE *file, const char *file_name, struct deviation_list *list,
                    struct harness_error *err);

/* deviations_read() on the file at file_name. */
int deviations_load(const char *file_name, struct deviation_list *list,
                    struct harness_error *err);

/* The deviation observed by the test named test, or NULL (also for a
 * NULL list). */
const struct deviation *deviations_find_test(const struct deviation_list *list,
                                             const char *test);

void deviations_free(struct deviation_list *list);

#endif
