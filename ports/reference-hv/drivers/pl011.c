/*
 * pl011.c - polled output on a PL011 UART (see pl011.h).
 */
#include "drivers/pl011.h"

#define PL011_DR 0x00          /* data register */
#define PL011_FR 0x18          /* flag register */
#define PL011_FR_TXFF (1 << 5) /* transmit FIFO full */

static void put_byte(const struct pl011 *uart, char c)
{
    volatile uint32_t *dr = (volatile uint32_t *)(uart->base + PL011_DR);
    volatile uint32_t *fr = (volatile uint32_t *)(uart->base + PL011_FR);

    while ((*fr & PL011_FR_TXFF) != 0) {
    }
    *dr = (uint8_t)c;
}

void pl011_write(const struct pl011 *uart, const char *text, size_t len)
{
    if (uart->base == 0) {
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            put_byte(uart, '\r');
        }
        put_byte(uart, text[i]);
    }
}
