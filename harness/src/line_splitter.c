/*
 * line_splitter.c - cuts the serial output into lines (see line_splitter.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "line_splitter.h"

void line_splitter_init(struct line_splitter *splitter)
{
    memset(splitter, 0, sizeof(*splitter));
}

void line_splitter_push(struct line_splitter *splitter, const char *data, size_t size)
{
    /* Move what is left to the front before growing the buffer. */
    if (splitter->start > 0) {
        memmove(splitter->buffer, splitter->buffer + splitter->start,
                splitter->length - splitter->start);
        splitter->length -= splitter->start;
        splitter->start = 0;
    }
    if (splitter->length + size > splitter->capacity) {
        size_t capacity = splitter->length + size + LINE_SPLITTER_MAX_LINE;

        splitter->buffer = alloc_resize(splitter->buffer, capacity, 1);
        splitter->capacity = capacity;
    }
    memcpy(splitter->buffer + splitter->length, data, size);
    splitter->length += size;
}

/* Copies size bytes from the buffer into splitter->line as a C string. */
static const char *take_line(struct line_splitter *splitter, size_t size, size_t consumed)
{
    const char *bytes = splitter->buffer + splitter->start;

    while (size > 0 && bytes[size - 1] == '\r') {
        size--;
    }
    for (size_t i = 0; i < size; i++) {
        splitter->line[i] = bytes[i] == '\0' ? '?' : bytes[i];
    }
    splitter->line[size] = '\0';
    splitter->start += consumed;
    return splitter->line;
}

const char *line_splitter_next(struct line_splitter *splitter, bool at_end)
{
    size_t waiting = splitter->length - splitter->start;
    size_t search = waiting < LINE_SPLITTER_MAX_LINE ? waiting : LINE_SPLITTER_MAX_LINE;
    const char *newline;

    if (waiting == 0) {
        return NULL;
    }
    newline = memchr(splitter->buffer + splitter->start, '\n', search);
    if (newline != NULL) {
        size_t size = (size_t)(newline - (splitter->buffer + splitter->start));

        return take_line(splitter, size, size + 1);
    }
    if (waiting >= LINE_SPLITTER_MAX_LINE || at_end) {
        return take_line(splitter, search, search);
    }
    return NULL;
}

void line_splitter_free(struct line_splitter *splitter)
{
    free(splitter->buffer);
    line_splitter_init(splitter);
}
