/*
 * line_tail.c - the last lines of the serial output (see line_tail.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "line_tail.h"

void line_tail_add_numbered(struct line_tail *tail, const char *line, uint64_t number)
{
    if (tail->count < LINE_TAIL_LINES) {
        tail->lines[tail->count] = alloc_text(line);
        tail->numbers[tail->count] = number;
        tail->count++;
        return;
    }
    free(tail->lines[tail->oldest]);
    tail->lines[tail->oldest] = alloc_text(line);
    tail->numbers[tail->oldest] = number;
    tail->oldest = (tail->oldest + 1) % LINE_TAIL_LINES;
}

void line_tail_add(struct line_tail *tail, const char *line)
{
    line_tail_add_numbered(tail, line, 0);
}

const char *line_tail_get(const struct line_tail *tail, size_t index)
{
    return tail->lines[(tail->oldest + index) % LINE_TAIL_LINES];
}

uint64_t line_tail_number(const struct line_tail *tail, size_t index)
{
    return tail->numbers[(tail->oldest + index) % LINE_TAIL_LINES];
}

void line_tail_free(struct line_tail *tail)
{
    for (size_t i = 0; i < tail->count; i++) {
        free(tail->lines[i]);
    }
    memset(tail, 0, sizeof(*tail));
}
