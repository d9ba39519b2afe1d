/*
 * platform.h - what a guest learns from the device tree it was given.
 *
 * Nothing about the platform is compiled into a guest: the hypervisor
 * interface, its grant window and the console all come from the tree.
 */
#ifndef HVABI_GUEST_PLATFORM_H
#define HVABI_GUEST_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#define PLATFORM_BOOTARGS_MAX 256

struct guest_platform {
    const void *fdt;
    /* A /hypervisor node whose compatible list contains "xen,xen". */
    bool has_hypervisor;
    /* Region 0 of /hypervisor "reg": where grant frames may be mapped. */
    uint64_t grant_window_base;
    uint64_t grant_window_size;
    /* The event interrupt: the PPI of /hypervisor "interrupts" as an INTID
     * (16 to 31), or 0 when the property is missing or not one PPI. */
    uint32_t event_intid;
    /* The UART /chosen/stdout-path names, if it is a PL011 or SBSA UART. */
    uint64_t uart_base;
    /* /chosen/bootargs, or "" when absent. */
    char bootargs[PLATFORM_BOOTARGS_MAX];
};

/*
 * Fills `p` from `fdt`.  Returns 0, or a negative libfdt error code when the
 * tree itself is unusable; a missing optional node is not an error.
 */
int platform_discover(const void *fdt, struct guest_platform *p);

/*
 * Looks for "key=value" among the space-separated words of the bootargs and
 * copies the value (at most size - 1 characters).  Returns true if found.
 */
bool platform_bootarg(const struct guest_platform *p, const char *key, char *value,
                      unsigned int size);

#endif /* HVABI_GUEST_PLATFORM_H */
