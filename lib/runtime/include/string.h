/*
 * string.h - the memory and string functions of the freestanding runtime.
 *
 * Only what the hvabi images and libfdt use.  The behaviour is the one the C
 * standard gives these names.
 */
#ifndef HVABI_RUNTIME_STRING_H
#define HVABI_RUNTIME_STRING_H

#include <stddef.h>

void *memchr(const void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
char *strchr(const char *s, int c);
int strcmp(const char *a, const char *b);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);
size_t strnlen(const char *s, size_t max);
char *strrchr(const char *s, int c);

#endif /* HVABI_RUNTIME_STRING_H */
