/*
 * line_tail.h - the last lines of the serial output, shown when a run goes
 * wrong.
 */
#ifndef HARNESS_LINE_TAIL_H
#define HARNESS_LINE_TAIL_H

#include <stddef.h>

#define LINE_TAIL_LINES 20u

/* A ring of the last LINE_TAIL_LINES lines; all zeroes is an empty tail. */
struct line_tail {
    char *lines[LINE_TAIL_LINES];
    size_t oldest; /* index of the oldest line once the ring is full */
    size_t count;
};

void line_tail_add(struct line_tail *tail, const char *line);

/* The index-th line kept, 0 being the oldest; index < tail->count. */
const char *line_tail_get(const struct line_tail *tail, size_t index);

void line_tail_free(struct line_tail *tail);

#endif
