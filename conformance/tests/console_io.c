/*
 * console_io.c - the console_io hypercall.
 *
 * Specification: spec/chapters/console_io.rst.  Every line of KTAP this
 * guest prints is itself a CONSOLEIO_write; these tests cover the results
 * the guest does not otherwise look at.
 */
#include <stdint.h>

#include "framework/suite.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/console_io.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>

static int64_t console_io(uint64_t cmd, uint64_t count, uint64_t buffer)
{
    return hvabi_hypercall3(HVABI_HYPERCALL_CONSOLE_IO, cmd, count, buffer);
}

static void write_returns_zero(struct test_context *t)
{
    static const char line[] = "# console_io: this line is written by the test\n";

    expect_result(t, "CONSOLEIO_write of one line",
                  console_io(HVABI_CONSOLEIO_WRITE, sizeof(line) - 1, (uintptr_t)line), 0);
}

static void write_empty(struct test_context *t)
{
    static const char nothing[1] = "";

    expect_result(t, "CONSOLEIO_write of 0 bytes",
                  console_io(HVABI_CONSOLEIO_WRITE, 0, (uintptr_t)nothing), 0);
}

static void write_unreadable_buffer(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t unmapped = unmapped_virtual_address();

    if (unbacked == 0) {
        test_skip(t, "no address without memory found below 512 GiB");
        return;
    }
    expect_result(t, "CONSOLEIO_write from a guest address with no memory",
                  console_io(HVABI_CONSOLEIO_WRITE, 16, unbacked), -HVABI_EFAULT);
    expect_result(t, "CONSOLEIO_write from a virtual address with no stage-1 mapping",
                  console_io(HVABI_CONSOLEIO_WRITE, 16, unmapped), -HVABI_EFAULT);
}

static void unknown_command(struct test_context *t)
{
    static const char text[] = "x";

    expect_result(t, "console_io command 0x7fff",
                  console_io(0x7fff, 1, (uintptr_t)text), -HVABI_ENOSYS);
}

const struct conformance_test console_io_tests[] = {
    {
        .name = "console_io_write",
        .verifies = "hvabi~console-io-write~1 hvabi~console-io-write-permitted~1 "
                    "hvabi~aarch64-call-arguments~1",
        .run = write_returns_zero,
    },
    {
        .name = "console_io_write_empty",
        .verifies = "hvabi~console-io-write-empty~1",
        .run = write_empty,
    },
    {
        .name = "console_io_write_unreadable_buffer",
        .verifies = "hvabi~console-io-write-fault~1 hvabi~aarch64-pointer-arguments~1",
        .run = write_unreadable_buffer,
    },
    {
        .name = "console_io_unknown_command",
        .verifies = "hvabi~console-io-unknown-command~1",
        .run = unknown_command,
    },
    { .name = NULL },
};
