/*
 * console.c - the system console (see console.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "core/console.h"
#include "core/spinlock.h"
#include "drivers/pl011.h"

#define HV_LINE_MAX 256

/* The one UART of the system, and the lock that keeps its lines whole. */
static struct pl011 system_uart;
static struct spinlock console_lock;

void console_init(uintptr_t uart_base)
{
    system_uart.base = uart_base;
}

void hv_log(const char *fmt, ...)
{
    char line[HV_LINE_MAX];
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(line, sizeof(line), fmt, args);
    va_end(args);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof(line)) {
        n = sizeof(line) - 1;
        line[n - 1] = '\n';
    }
    spin_lock(&console_lock);
    pl011_write(&system_uart, "(hv) ", 5);
    pl011_write(&system_uart, line, (size_t)n);
    spin_unlock(&console_lock);
}

void console_domain_line(uint16_t domain_id, const char *text, size_t len)
{
    char prefix[16];
    int n = snprintf(prefix, sizeof(prefix), "(d%u) ", (unsigned)domain_id);

    spin_lock(&console_lock);
    pl011_write(&system_uart, prefix, (size_t)n);
    pl011_write(&system_uart, text, len);
    pl011_write(&system_uart, "\n", 1);
    spin_unlock(&console_lock);
}
