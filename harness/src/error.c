/*
 * error.c - the message of an error (see error.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

void error_set(struct harness_error *err, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vsnprintf(err->message, sizeof(err->message), format, args);
    va_end(args);
}
