/*
 * el0.h - running a probe at EL0 or at EL1 that ends in an exception, and
 * coming back to the test at EL1.
 *
 * el0_call() enters EL0 at `entry` with x0 = `argument` and returns when
 * the armed exception catch (guest/aarch64/exception.h) has caught the
 * exception that ends the probe; the catch must resume at el0_resume.
 * branch_probe() branches to an address at EL1 and returns when the catch,
 * armed to resume at branch_probe_resume, has caught the abort of the
 * fetch.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_EL0_H
#define HVABI_CONFORMANCE_SUPPORT_EL0_H

#include <stdint.h>

void el0_call(uint64_t entry, uint64_t argument);
extern char el0_resume[];

void branch_probe(uint64_t address);
extern char branch_probe_resume[];

/* Position-independent probes to copy to memory that EL0 may execute:
 * each is the code from its label to its _end label. */
extern char el0_load_probe[], el0_load_probe_end[];   /* ldr x1, [x0]; svc #0 */
extern char el0_branch_probe[], el0_branch_probe_end[]; /* br x0 */

#endif /* HVABI_CONFORMANCE_SUPPORT_EL0_H */
