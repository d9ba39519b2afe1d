/*
 * stdio.h - formatted output into a caller's buffer.
 *
 * Conversions: %d %i %u %x %X %p %s %c %%, with the flags '-' and '0', a
 * field width, a precision for %s (also as '*'), and the length modifiers
 * h, hh, l, ll, z and j.  Anything else is copied to the output unchanged, so
 * a wrong format is visible rather than silently dropped.
 */
#ifndef HVABI_RUNTIME_STDIO_H
#define HVABI_RUNTIME_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
    __attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* HVABI_RUNTIME_STDIO_H */
