/*
 * guest.h - the life cycle of a guest image built on this library.
 *
 * The library's start code prepares the CPU and memory, reads the device
 * tree and opens the console, then calls guest_main(), which the image
 * provides.  When guest_main() returns, the domain shuts down with the
 * reason it returned.
 */
#ifndef HVABI_GUEST_GUEST_H
#define HVABI_GUEST_GUEST_H

#include <stdint.h>

#include "guest/platform.h"

/* Provided by the image.  Returns an HVABI_SHUTDOWN_* reason. */
uint32_t guest_main(const struct guest_platform *platform);

/*
 * Asks the hypervisor to stop this domain (SCHEDOP_shutdown).  The call does
 * not return on a conforming hypervisor; if it does, the failure is reported
 * and the vCPU waits for interrupts forever.
 */
__attribute__((noreturn)) void guest_shutdown(uint32_t reason);

/* Called by start.S. */
__attribute__((noreturn)) void guest_start(uint64_t device_tree);

#endif /* HVABI_GUEST_GUEST_H */
