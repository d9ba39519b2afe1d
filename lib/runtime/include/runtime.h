/*
 * runtime.h - what an image must provide to the freestanding runtime.
 *
 * The runtime is shared by the conformance guest and the reference
 * hypervisor.  When it detects a state it cannot continue from (today: a
 * smashed stack) it calls runtime_fatal(), which each image implements with
 * its own safe reaction: a guest reports and shuts down, the hypervisor stops
 * the system.
 */
#ifndef HVABI_RUNTIME_RUNTIME_H
#define HVABI_RUNTIME_RUNTIME_H

#include <stdint.h>

__attribute__((noreturn)) void runtime_fatal(const char *why);

/*
 * Applies the image's own dynamic relocations for a load at `base`.
 * Returns 0, or the type of the first relocation it does not handle.
 * Implemented in assembly because it runs before anything else.
 */
uint64_t runtime_relocate(uint64_t base);

/* Linker-script symbols that delimit the loaded image. */
extern char __image_start[];
extern char __image_end[];

#endif /* HVABI_RUNTIME_RUNTIME_H */
