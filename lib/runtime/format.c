/*
 * format.c - vsnprintf and snprintf for the freestanding images.
 *
 * The output always ends with a NUL when size > 0, and the return value is
 * the length the complete output would have had, as in C99.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The output buffer and how much of it is used. */
struct out {
    char *buf;
    size_t size;
    size_t len; /* characters produced, including any that did not fit */
};

/* How one conversion is to be printed. */
struct spec {
    bool left;      /* '-' flag */
    bool zero;      /* '0' flag */
    int width;      /* minimum field width, 0 if none */
    int precision;  /* maximum characters of %s, -1 if none */
    int length;     /* size in bytes of the integer argument */
};

static void put_char(struct out *o, char c)
{
    if (o->len + 1 < o->size) {
        o->buf[o->len] = c;
    }
    o->len++;
}

static void put_padding(struct out *o, int count, char c)
{
    for (int i = 0; i < count; i++) {
        put_char(o, c);
    }
}

static void put_field(struct out *o, const struct spec *sp, const char *text,
                      size_t text_len, char pad)
{
    int padding = sp->width > (int)text_len ? sp->width - (int)text_len : 0;

    if (!sp->left) {
        put_padding(o, padding, pad);
    }
    for (size_t i = 0; i < text_len; i++) {
        put_char(o, text[i]);
    }
    if (sp->left) {
        put_padding(o, padding, ' ');
    }
}

static void put_unsigned(struct out *o, const struct spec *sp, uint64_t value,
                         unsigned base, bool upper, bool negative)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char text[24];
    size_t n = sizeof(text);

    do {
        text[--n] = digits[value % base];
        value /= base;
    } while (value != 0);

    if (negative && sp->zero && !sp->left) {
        /* The sign goes before the zeros: "-0042". */
        struct spec rest = *sp;

        put_char(o, '-');
        rest.width = sp->width > 0 ? sp->width - 1 : 0;
        put_field(o, &rest, &text[n], sizeof(text) - n, '0');
        return;
    }
    if (negative) {
        text[--n] = '-';
    }
    put_field(o, sp, &text[n], sizeof(text) - n, sp->zero && !sp->left ? '0' : ' ');
}

static uint64_t fetch_unsigned(va_list *args, int length)
{
    switch (length) {
    case 1:
        return (unsigned char)va_arg(*args, unsigned int);
    case 2:
        return (unsigned short)va_arg(*args, unsigned int);
    case 8:
        return va_arg(*args, unsigned long long);
    default:
        return va_arg(*args, unsigned int);
    }
}

static int64_t fetch_signed(va_list *args, int length)
{
    switch (length) {
    case 1:
        return (signed char)va_arg(*args, int);
    case 2:
        return (short)va_arg(*args, int);
    case 8:
        return va_arg(*args, long long);
    default:
        return va_arg(*args, int);
    }
}

/* Parses flags, width, precision and length; returns the conversion letter. */
static const char *parse_spec(const char *p, struct spec *sp, va_list *args)
{
    *sp = (struct spec){ .precision = -1, .length = 4 };

    for (;; p++) {
        if (*p == '-') {
            sp->left = true;
        } else if (*p == '0') {
            sp->zero = true;
        } else {
            break;
        }
    }
    if (*p == '*') {
        sp->width = va_arg(*args, int);
        p++;
    }
    while (*p >= '0' && *p <= '9') {
        sp->width = sp->width * 10 + (*p++ - '0');
    }
    if (*p == '.') {
        p++;
        sp->precision = 0;
        if (*p == '*') {
            sp->precision = va_arg(*args, int);
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            sp->precision = sp->precision * 10 + (*p++ - '0');
        }
    }
    if (p[0] == 'h' && p[1] == 'h') {
        sp->length = 1;
        p += 2;
    } else if (p[0] == 'h') {
        sp->length = 2;
        p++;
    } else if (p[0] == 'l' && p[1] == 'l') {
        sp->length = 8;
        p += 2;
    } else if (p[0] == 'l' || p[0] == 'z' || p[0] == 'j') {
        sp->length = 8; /* long, size_t and intmax_t are 64 bits here */
        p++;
    }
    return p;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args_in)
{
    struct out o = { .buf = buf, .size = size, .len = 0 };
    va_list args;

    va_copy(args, args_in);
    for (const char *p = fmt; *p != '\0'; p++) {
        const char *start = p;
        struct spec sp;

        if (*p != '%') {
            put_char(&o, *p);
            continue;
        }
        p = parse_spec(p + 1, &sp, &args);
        switch (*p) {
        case 'd':
        case 'i': {
            int64_t v = fetch_signed(&args, sp.length);
            uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

            put_unsigned(&o, &sp, magnitude, 10, false, v < 0);
            break;
        }
        case 'u':
            put_unsigned(&o, &sp, fetch_unsigned(&args, sp.length), 10, false, false);
            break;
        case 'x':
        case 'X':
            put_unsigned(&o, &sp, fetch_unsigned(&args, sp.length), 16, *p == 'X', false);
            break;
        case 'p':
            put_char(&o, '0');
            put_char(&o, 'x');
            put_unsigned(&o, &sp, (uintptr_t)va_arg(args, void *), 16, false, false);
            break;
        case 'c': {
            char c = (char)va_arg(args, int);

            put_field(&o, &sp, &c, 1, ' ');
            break;
        }
        case 's': {
            const char *s = va_arg(args, const char *);
            size_t n;

            if (s == NULL) {
                s = "(null)";
            }
            n = sp.precision >= 0 ? strnlen(s, (size_t)sp.precision) : strlen(s);
            put_field(&o, &sp, s, n, ' ');
            break;
        }
        case '%':
            put_char(&o, '%');
            break;
        default:
            /* Unknown conversion: show it as written. */
            for (const char *q = start; q <= p && *q != '\0'; q++) {
                put_char(&o, *q);
            }
            if (*p == '\0') {
                p--;
            }
            break;
        }
    }
    va_end(args);

    if (size > 0) {
        buf[o.len < size ? o.len : size - 1] = '\0';
    }
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}
