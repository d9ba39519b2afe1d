/*
 * abort_probe.S - code that ends in an abort, for the tests of accesses
 * outside the domain's memory (tests/safety_access.c).
 *
 * void abort_probe_branch(uint64_t address)
 *     Branches to `address` at EL1.  The test arms an exception catch with
 *     exception_catch_arm_resume(c, abort_probe_branch_return) first: the
 *     fetch aborts, and the vCPU resumes there and returns.
 *
 * abort_probe_el0 to abort_probe_el0_end: position-independent code that a
 * test copies to memory EL0 may execute and runs with el0_run()
 * (aarch64/el0_run.S), after writing the address to probe into the copy of
 * abort_probe_el0_address.  abort_probe_el0_load loads from that address,
 * abort_probe_el0_branch branches to it; the SVC after each is reached
 * only when the access did not fault.
 */

    .section .text, "ax"

    .global abort_probe_branch
    .global abort_probe_branch_return
abort_probe_branch:
    stp     x29, x30, [sp, #-16]!
    blr     x0
abort_probe_branch_return:
    ldp     x29, x30, [sp], #16
    ret

    .global abort_probe_el0, abort_probe_el0_load, abort_probe_el0_load_access
    .global abort_probe_el0_branch, abort_probe_el0_address, abort_probe_el0_end
    .balign 8
abort_probe_el0:
abort_probe_el0_load:
    ldr     x1, abort_probe_el0_address
abort_probe_el0_load_access:
    ldr     x2, [x1]
    svc     #0
abort_probe_el0_branch:
    ldr     x1, abort_probe_el0_address
    br      x1
    svc     #0
    .balign 8
abort_probe_el0_address:
    .quad   0
abort_probe_el0_end:
