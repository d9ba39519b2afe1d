/*
 * limits.h - integer limits for the freestanding images (LP64, AArch64).
 *
 * The compiler's own limits.h expects a C library's limits.h behind it, so
 * the runtime provides the whole header.
 */
#ifndef HVABI_RUNTIME_LIMITS_H
#define HVABI_RUNTIME_LIMITS_H

#define CHAR_BIT   8
#define SCHAR_MIN  (-128)
#define SCHAR_MAX  127
#define UCHAR_MAX  255
#define SHRT_MIN   (-32768)
#define SHRT_MAX   32767
#define USHRT_MAX  65535
#define INT_MIN    (-2147483647 - 1)
#define INT_MAX    2147483647
#define UINT_MAX   4294967295U
#define LONG_MIN   (-9223372036854775807L - 1)
#define LONG_MAX   9223372036854775807L
#define ULONG_MAX  18446744073709551615UL
#define LLONG_MIN  (-9223372036854775807LL - 1)
#define LLONG_MAX  9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL

#endif /* HVABI_RUNTIME_LIMITS_H */
