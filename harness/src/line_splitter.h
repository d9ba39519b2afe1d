/*
 * line_splitter.h - cuts the serial output, which arrives in chunks of any
 * size, into lines.
 *
 * A line ends at '\n'; a '\r' before it is dropped (QEMU's serial output
 * ends lines with "\r\n").  A line longer than LINE_SPLITTER_MAX_LINE bytes
 * is cut into pieces of that size, so that output without line ends cannot
 * use up memory.  NUL bytes become '?', so that every line is a C string
 * with all of its text.
 */
#ifndef HARNESS_LINE_SPLITTER_H
#define HARNESS_LINE_SPLITTER_H

#include <stdbool.h>
#include <stddef.h>

#define LINE_SPLITTER_MAX_LINE 4096u

struct line_splitter {
    char *buffer;    /* received bytes not yet returned as lines */
    size_t start;    /* where the next line begins in buffer */
    size_t length;   /* bytes in use in buffer, from 0 */
    size_t capacity;
    char line[LINE_SPLITTER_MAX_LINE + 1]; /* the line last returned */
};

void line_splitter_init(struct line_splitter *splitter);

/* Adds received bytes. */
void line_splitter_push(struct line_splitter *splitter, const char *data, size_t size);

/*
 * Returns the next complete line (valid until the next call), or NULL when
 * none is complete.  With at_end, the bytes after the last line end count
 * as a line of their own: the output has ended.
 */
const char *line_splitter_next(struct line_splitter *splitter, bool at_end);

void line_splitter_free(struct line_splitter *splitter);

#endif
