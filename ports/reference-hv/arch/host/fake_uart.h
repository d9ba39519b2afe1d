/*
 * fake_uart.h - what the core wrote to the system console, for tests.
 *
 * fake_uart.c implements pl011_write() (drivers/pl011.h) for the hosted
 * build: the bytes go to a buffer instead of a UART, so a test can check
 * the "(hv) ..." and "(d<N>) ..." lines the hypervisor prints.
 */
#ifndef REFHV_ARCH_HOST_FAKE_UART_H
#define REFHV_ARCH_HOST_FAKE_UART_H

#include <stdbool.h>
#include <stdint.h>

/* Everything written since the last fake_uart_clear(), NUL-terminated. */
const char *fake_uart_output(void);

/* Empties the buffer. */
void fake_uart_clear(void);

/* Whether output was lost because the buffer was full (the test wrote too much). */
bool fake_uart_overflowed(void);

/* The UART base of the last write that was kept (0 before any). */
uintptr_t fake_uart_last_base(void);

#endif /* REFHV_ARCH_HOST_FAKE_UART_H */
