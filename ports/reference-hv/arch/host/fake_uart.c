/*
 * fake_uart.c - pl011_write() for the hosted build: output goes to a
 * buffer the tests read (see fake_uart.h).
 *
 * Two differences from drivers/pl011.c, both on purpose: "\n" is kept as
 * it is (the real driver sends "\r\n"), so tests compare plain lines; and
 * nothing waits for a FIFO.  Like the real driver, the fake drops the
 * output when the UART base is 0 (no UART in the device tree).
 */
#include <stddef.h>
#include <string.h>

#include "arch/host/fake_uart.h"
#include "drivers/pl011.h"

#define FAKE_UART_CAPACITY 65536

static char output[FAKE_UART_CAPACITY + 1]; /* + 1 for the terminating NUL */
static size_t output_length;
static bool overflowed;
static uintptr_t last_base;

void pl011_write(const struct pl011 *uart, const char *text, size_t len)
{
    size_t room = FAKE_UART_CAPACITY - output_length;

    if (uart->base == 0) {
        return;
    }
    last_base = uart->base;
    if (len > room) {
        overflowed = true;
        len = room;
    }
    memcpy(&output[output_length], text, len);
    output_length += len;
    output[output_length] = '\0';
}

const char *fake_uart_output(void)
{
    return output;
}

void fake_uart_clear(void)
{
    output_length = 0;
    output[0] = '\0';
    overflowed = false;
    last_base = 0;
}

bool fake_uart_overflowed(void)
{
    return overflowed;
}

uintptr_t fake_uart_last_base(void)
{
    return last_base;
}
