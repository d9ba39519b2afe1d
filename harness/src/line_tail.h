/*
 * line_tail.h - the last lines of the serial output, shown when a run goes
 * wrong.
 *
 * Each line may carry a number: its position in the whole output, so that
 * the lines of two tails (a domain's and the hypervisor's) can be put back
 * in the order they were printed.
 */
#ifndef HARNESS_LINE_TAIL_H
#define HARNESS_LINE_TAIL_H

#include <stddef.h>
#include <stdint.h>

#define LINE_TAIL_LINES 20u

/* A ring of the last LINE_TAIL_LINES lines; all zeroes is an empty tail. */
struct line_tail {
    char *lines[LINE_TAIL_LINES];
    uint64_t numbers[LINE_TAIL_LINES];
    size_t oldest; /* index of the oldest line once the ring is full */
    size_t count;
};

/* Adds a line with the number 0. */
void line_tail_add(struct line_tail *tail, const char *line);

void line_tail_add_numbered(struct line_tail *tail, const char *line, uint64_t number);

/* The index-th line kept, 0 being the oldest; index < tail->count. */
const char *line_tail_get(const struct line_tail *tail, size_t index);

/* The number of the index-th line kept; index < tail->count. */
uint64_t line_tail_number(const struct line_tail *tail, size_t index);

void line_tail_free(struct line_tail *tail);

#endif
