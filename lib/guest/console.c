/*
 * console.c - guest console over console_io or a PL011 UART (see console.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "guest/console.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/console_io.h>
#include <hvabi/hypercall.h>

#define PL011_DR 0x00          /* data register */
#define PL011_FR 0x18          /* flag register */
#define PL011_FR_TXFF (1 << 5) /* transmit FIFO full */

enum console_kind { CONSOLE_NONE, CONSOLE_HYPERCALL, CONSOLE_PL011 };

/* The guest has one console; it is chosen once at start-up. */
static enum console_kind console_kind = CONSOLE_NONE;
static uint64_t pl011_base;

void console_use_hypercall(void)
{
    console_kind = CONSOLE_HYPERCALL;
}

void console_use_pl011(uint64_t base)
{
    pl011_base = base;
    console_kind = CONSOLE_PL011;
}

static void pl011_write(const char *text, size_t len)
{
    volatile uint32_t *dr = (volatile uint32_t *)(uintptr_t)(pl011_base + PL011_DR);
    volatile uint32_t *fr = (volatile uint32_t *)(uintptr_t)(pl011_base + PL011_FR);

    for (size_t i = 0; i < len; i++) {
        while ((*fr & PL011_FR_TXFF) != 0) {
        }
        *dr = (uint8_t)text[i];
    }
}

int64_t console_write(const char *text, size_t len)
{
    switch (console_kind) {
    case CONSOLE_HYPERCALL:
        return hvabi_hypercall3(HVABI_HYPERCALL_CONSOLE_IO, HVABI_CONSOLEIO_WRITE, len,
                                (uint64_t)(uintptr_t)text);
    case CONSOLE_PL011:
        pl011_write(text, len);
        return 0;
    default:
        return -1;
    }
}

int64_t console_printf(const char *fmt, ...)
{
    char line[CONSOLE_LINE_MAX];
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(line, sizeof(line), fmt, args);
    va_end(args);
    if (n < 0) {
        return -1;
    }
    if ((size_t)n >= sizeof(line)) {
        n = sizeof(line) - 1;
        line[n - 1] = '\n'; /* keep the line a line even when it is cut */
    }
    return console_write(line, (size_t)n);
}
