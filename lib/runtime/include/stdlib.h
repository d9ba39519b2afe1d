/*
 * stdlib.h - the number conversion libfdt needs from the runtime.
 */
#ifndef HVABI_RUNTIME_STDLIB_H
#define HVABI_RUNTIME_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);

#endif /* HVABI_RUNTIME_STDLIB_H */
