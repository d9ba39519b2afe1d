/*
 * console.h - the guest's output channel.
 *
 * A guest that runs on an hvabi hypervisor writes through the console_io
 * hypercall.  When the device tree has no /hypervisor node the guest cannot
 * assume hypercalls exist; it then writes to the UART named by
 * /chosen/stdout-path, if there is one, so that it can at least say why it
 * stops.
 */
#ifndef HVABI_GUEST_CONSOLE_H
#define HVABI_GUEST_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* Longest line console_printf() writes; longer output is cut. */
#define CONSOLE_LINE_MAX 512

void console_use_hypercall(void);
void console_use_pl011(uint64_t base);

/*
 * Writes `len` bytes.  Returns 0, or the negative error the console_io
 * hypercall returned (the UART cannot fail).  Without a console the text
 * is dropped and -1 returned.
 */
int64_t console_write(const char *text, size_t len);

/* Formats (see the runtime's stdio.h) and writes. */
int64_t console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* HVABI_GUEST_CONSOLE_H */
