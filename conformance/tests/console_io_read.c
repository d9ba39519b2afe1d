/*
 * console_io_read.c - CONSOLEIO_read without input, and the size of a
 * write.
 *
 * Specification: spec/chapters/console_io.rst.  The harness never types on
 * the hypervisor's console, so the guest has no pending input: a read
 * returns 0 without touching the buffer.
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

/* A write of any size is accepted: with an unreadable buffer the call
 * fails on its first byte (-EFAULT), never on its count. */
static void write_any_count(struct test_context *t)
{
    static const uint64_t counts[] = { 0x1000, 0x7fffffff, 0x80000000, 0xffffffff };
    uint64_t unmapped = unmapped_virtual_address();

    for (unsigned int i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        int64_t rc = console_io(HVABI_CONSOLEIO_WRITE, counts[i], unmapped);

        expect(t, rc == -HVABI_EFAULT,
               "CONSOLEIO_write of 0x%llx bytes from an unmapped buffer: expected -EFAULT (-14), "
               "got %lld",
               (unsigned long long)counts[i], (long long)rc);
    }
}

static void read_permitted(struct test_context *t)
{
    static char buffer[16];
    int64_t rc = console_io(HVABI_CONSOLEIO_READ, sizeof(buffer), (uintptr_t)buffer);

    expect(t, rc >= 0 && rc <= (int64_t)sizeof(buffer),
           "CONSOLEIO_read of 16 bytes: expected a count from 0 to 16, got %lld%s", (long long)rc,
           rc == -HVABI_EPERM ? " (-EPERM)" : "");
    expect_result(t, "bytes read by a domain to which no input was directed", rc, 0);
}

static void read_empty(struct test_context *t)
{
    expect_result(t, "CONSOLEIO_read of 16 bytes into an unmapped buffer, no input pending",
                  console_io(HVABI_CONSOLEIO_READ, 16, unmapped_virtual_address()), 0);
}

static void read_zero(struct test_context *t)
{
    expect_result(t, "CONSOLEIO_read of 0 bytes into an unmapped buffer",
                  console_io(HVABI_CONSOLEIO_READ, 0, unmapped_virtual_address()), 0);
}

static void read_too_big(struct test_context *t)
{
    static const uint64_t counts[] = { 0x80000000, 0x80000001, 0xffffffff };
    static char buffer[16];

    for (unsigned int i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        int64_t with_buffer = console_io(HVABI_CONSOLEIO_READ, counts[i], (uintptr_t)buffer);
        int64_t unmapped = console_io(HVABI_CONSOLEIO_READ, counts[i], unmapped_virtual_address());

        expect(t, with_buffer == -HVABI_E2BIG,
               "CONSOLEIO_read of 0x%llx bytes: expected -E2BIG (-7), got %lld",
               (unsigned long long)counts[i], (long long)with_buffer);
        expect(t, unmapped == -HVABI_E2BIG,
               "CONSOLEIO_read of 0x%llx bytes into an unmapped buffer: expected -E2BIG (-7), got "
               "%lld",
               (unsigned long long)counts[i], (long long)unmapped);
    }
}

const struct conformance_test console_io_read_tests[] = {
    {
        .name = "console_io_write_any_count",
        .verifies = "hvabi~console-io-write-count~1",
        .run = write_any_count,
    },
    {
        .name = "console_io_read_permitted",
        .verifies = "hvabi~console-io-read-permitted~1",
        .run = read_permitted,
    },
    {
        .name = "console_io_read_empty",
        .verifies = "hvabi~console-io-read-empty~1",
        .run = read_empty,
    },
    {
        .name = "console_io_read_zero",
        .verifies = "hvabi~console-io-read-zero~1",
        .run = read_zero,
    },
    {
        .name = "console_io_read_too_big",
        .verifies = "hvabi~console-io-read-too-big~1",
        .run = read_too_big,
    },
    { .name = NULL },
};
