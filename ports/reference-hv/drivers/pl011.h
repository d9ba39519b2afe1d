/*
 * pl011.h - output on an Arm PL011 (or SBSA generic) UART.
 *
 * The hypervisor only writes; the UART is already set up by firmware or
 * QEMU.  The base address comes from the system device tree.
 */
#ifndef REFHV_DRIVERS_PL011_H
#define REFHV_DRIVERS_PL011_H

#include <stddef.h>
#include <stdint.h>

struct pl011 {
    uintptr_t base; /* 0 when there is no UART: output is dropped */
};

void pl011_write(const struct pl011 *uart, const char *text, size_t len);

#endif /* REFHV_DRIVERS_PL011_H */
