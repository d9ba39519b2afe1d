/*
 * alloc.c - memory allocation that does not return on exhaustion
 * (see alloc.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void out_of_memory(size_t bytes)
{
    fprintf(stderr, "hvabi-harness: out of memory (allocating %zu bytes)\n", bytes);
    exit(2);
}

static size_t checked_product(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        out_of_memory(SIZE_MAX);
    }
    return count * size;
}

void *alloc_zeroed(size_t count, size_t size)
{
    void *memory = calloc(count == 0 ? 1 : count, size == 0 ? 1 : size);

    if (memory == NULL) {
        out_of_memory(checked_product(count, size));
    }
    return memory;
}

void *alloc_resize(void *memory, size_t count, size_t size)
{
    size_t bytes = checked_product(count, size);
    void *resized = realloc(memory, bytes == 0 ? 1 : bytes);

    if (resized == NULL) {
        out_of_memory(bytes);
    }
    return resized;
}

char *alloc_text_n(const char *text, size_t length)
{
    char *copy = alloc_zeroed(length + 1, 1);

    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *alloc_text(const char *text)
{
    return alloc_text_n(text, strlen(text));
}

char *alloc_vprintf(const char *format, va_list args)
{
    va_list measure;
    int length;
    char *text;

    va_copy(measure, args);
    length = vsnprintf(NULL, 0, format, measure);
    va_end(measure);
    if (length < 0) {
        /* Only an invalid format does this; the formats are ours. */
        return alloc_text("(unprintable message)");
    }
    text = alloc_zeroed((size_t)length + 1, 1);
    vsnprintf(text, (size_t)length + 1, format, args);
    return text;
}

char *alloc_printf(const char *format, ...)
{
    va_list args;
    char *text;

    va_start(args, format);
    text = alloc_vprintf(format, args);
    va_end(args);
    return text;
}
