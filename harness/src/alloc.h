/*
 * alloc.h - memory allocation that does not return on exhaustion.
 *
 * The harness is a host tool: when the host is out of memory nothing useful
 * is left to do, so these functions print a message and exit with status 2
 * instead of making every caller handle NULL.  A QEMU that the harness
 * started is killed by the kernel when the harness exits (see
 * child_process.c), so exiting here leaves nothing running.
 */
#ifndef HARNESS_ALLOC_H
#define HARNESS_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* count * size bytes, zeroed. */
void *alloc_zeroed(size_t count, size_t size);

/* Resizes memory from alloc_zeroed() or alloc_resize() (or NULL) to
 * count * size bytes; the bytes beyond the old size are not zeroed. */
void *alloc_resize(void *memory, size_t count, size_t size);

/* A copy of text. */
char *alloc_text(const char *text);

/* A copy of the first length bytes of text, terminated. */
char *alloc_text_n(const char *text, size_t length);

/* A new string, printf style. */
char *alloc_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* A new string, vprintf style. */
char *alloc_vprintf(const char *format, va_list args) __attribute__((format(printf, 1, 0)));

#endif
