/*
 * main.c - the conformance guest: run the suite, then shut down.
 *
 * The guest library (lib/guest) has already enabled the MMU, read the
 * device tree and chosen the console when guest_main() runs.  The domain
 * powers off whatever the result: the verdict is in the KTAP output.
 */
#include "framework/runner.h"
#include "guest/guest.h"

#include <hvabi/sched_op.h>

uint32_t guest_main(const struct guest_platform *platform)
{
    run_suite(platform);
    return HVABI_SHUTDOWN_POWEROFF;
}
