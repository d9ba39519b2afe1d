/*
 * main.c - the conformance guest: run the suite, then shut down.
 *
 * The guest library (lib/guest) has already enabled the MMU, read the
 * device tree and chosen the console when guest_main() runs.  The domain
 * powers off whatever the result: the verdict is in the KTAP output.  The
 * one line before it shows the boot arguments the guest was given.
 */
#include "framework/runner.h"
#include "guest/console.h"
#include "guest/guest.h"

#include <hvabi/sched_op.h>

uint32_t guest_main(const struct guest_platform *platform)
{
    /* What the hypervisor passed in /chosen/bootargs, before the KTAP
     * output: the system-tree tests look for it (conformance/system-trees). */
    console_printf("boot arguments: %s\n",
                   platform->bootargs[0] != '\0' ? platform->bootargs : "(none)");
    run_suite(platform);
    return HVABI_SHUTDOWN_POWEROFF;
}
