/*
 * console.h - the system console: the hypervisor's messages and every
 * domain's console output, one line at a time on one UART.
 *
 * Line format (the harness depends on it):
 *   (hv) <message>       from the hypervisor
 *   (d<N>) <text>        from domain N
 * Whole lines are written under a lock, so lines from different CPUs never
 * mix.
 */
#ifndef REFHV_CORE_CONSOLE_H
#define REFHV_CORE_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

void console_init(uintptr_t uart_base);

/* Prints "(hv) " and the formatted message, which should end with "\n". */
void hv_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "(d<id>) " and `len` bytes of `text` (without newline) and "\n". */
void console_domain_line(uint16_t domain_id, const char *text, size_t len);

#endif /* REFHV_CORE_CONSOLE_H */
