/*
 * stack_protector.c - support for -fstack-protector.
 *
 * libfdt from Debian is built with the stack protector, and the images use it
 * too.  The guard is a fixed value: these images have no entropy source at
 * the time the first protected function runs, and the guard's purpose here
 * is to detect overruns by mistake, not to resist an attacker.
 */
#include <stdint.h>

#include "runtime.h"

uintptr_t __stack_chk_guard = 0x5a17c0de2b0b5eedULL;

__attribute__((noreturn)) void __stack_chk_fail(void);

void __stack_chk_fail(void)
{
    runtime_fatal("stack protector: a stack frame was overwritten");
}
