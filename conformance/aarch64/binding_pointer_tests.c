/*
 * binding_pointer_tests.c - how the hypervisor reads and writes memory
 * through pointer arguments.
 *
 * Specification: spec/chapters/aarch64_binding.rst, "Pointer arguments".
 * The calls used: CONSOLEIO_write reads a buffer; EVTCHNOP_status reads its
 * structure and writes its result into it.  Output that a wrong hypervisor
 * might print is a KTAP diagnostic line.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "guest/aarch64/mmu.h"
#include "support/event_call.h"
#include "support/guest_memory.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/console_io.h>
#include <hvabi/errno.h>
#include <hvabi/hypercall.h>
#include <hvabi/xen_version.h>

static const char line[] = "# aarch64 binding: pointer test line\n";

static int64_t console_write(uint64_t buffer, uint64_t count)
{
    return hvabi_hypercall3(HVABI_HYPERCALL_CONSOLE_IO, HVABI_CONSOLEIO_WRITE, count, buffer);
}

/* EVTCHNOP_status of port 0 (always closed) with its structure at `address`. */
static int64_t status_at(uint64_t address)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_EVENT_CHANNEL_OP, HVABI_EVTCHNOP_STATUS, address);
}

static void put_status_request(volatile uint8_t *at, uint32_t port)
{
    struct hvabi_evtchn_status request;

    memset(&request, 0, sizeof(request));
    request.dom = HVABI_DOMID_SELF;
    request.port = port;
    for (unsigned int i = 0; i < sizeof(request); i++) {
        at[i] = ((const uint8_t *)&request)[i];
    }
}

/*
 * The buffer's address with a high bit added: a hypervisor that dropped
 * the bit would find the buffer and succeed.
 */
static void full_width(struct test_context *t)
{
    static const unsigned int bits[] = { 63, 55, 48, 40, 39 };
    uint64_t buffer = (uint64_t)(uintptr_t)line;
    struct hvabi_evtchn_status status;

    put_status_request((volatile uint8_t *)&status, 0);
    for (unsigned int i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
        uint64_t address = buffer | (1ULL << bits[i]);

        expect(t, console_write(address, sizeof(line) - 1) == -HVABI_EFAULT,
               "CONSOLEIO_write from 0x%llx (the buffer with bit %u set): expected -EFAULT",
               (unsigned long long)address, bits[i]);
        address = (uint64_t)(uintptr_t)&status | (1ULL << bits[i]);
        expect(t, status_at(address) == -HVABI_EFAULT,
               "EVTCHNOP_status at 0x%llx (its structure with bit %u set): expected -EFAULT",
               (unsigned long long)address, bits[i]);
    }
}

/* A page that EL1 may read but not write: reads succeed, writes fail. */
static void el1_permissions(struct test_context *t)
{
    const struct guest_platform *p = t->platform;
    uint64_t spare = guest_memory_spare_block(p);
    volatile uint8_t *page = (volatile uint8_t *)(uintptr_t)spare;
    volatile uint8_t *request = page + 256;
    uint8_t before[sizeof(struct hvabi_evtchn_status)];
    int64_t read_rc, write_rc;

    if (!expect(t, spare != 0, "no spare block of RAM for a read-only mapping")) {
        return;
    }
    memcpy((void *)page, line, sizeof(line));
    put_status_request(request, 0);
    memcpy(before, (const void *)request, sizeof(before));
    if (!expect(t, mmu_set_block(spare, MMU_EL1_READ_ONLY) == 0, "cannot remap")) {
        return;
    }
    read_rc = console_write(spare, sizeof(line) - 1);
    write_rc = status_at(spare + 256);
    mmu_set_block(spare, MMU_EL1_READ_WRITE);

    expect_result(t, "CONSOLEIO_write from a page EL1 may only read", read_rc, 0);
    expect_result(t, "EVTCHNOP_status with its structure in a page EL1 may only read", write_rc,
                  -HVABI_EFAULT);
    expect(t, memcmp(before, (const void *)request, sizeof(before)) == 0,
           "the structure in the read-only page changed");
}

/* The GIC distributor is mapped in the guest's tables but is not RAM. */
static void own_ram(struct test_context *t)
{
    uint64_t device = guest_memory_device_address(t->platform->fdt);

    if (!expect(t, device != 0, "the device tree names no GICv3 distributor")) {
        return;
    }
    expect_result(t, "CONSOLEIO_write from the GIC distributor's registers",
                  console_write(device + 0x40, 16), -HVABI_EFAULT);
}

/*
 * EVTCHNOP_status with its structure at an odd address gives what it gives
 * at an aligned one (the structure's alignment is 4).
 */
static void misaligned(struct test_context *t)
{
    struct hvabi_evtchn_status aligned;
    uint8_t bytes[sizeof(struct hvabi_evtchn_status) + 8] __attribute__((aligned(8)));
    uint8_t *odd = bytes + 1;
    int64_t port = event_bind_ipi(0);
    int64_t rc_aligned, rc_odd;

    if (!expect(t, port > 0, "EVTCHNOP_bind_ipi: expected a port, got %lld", (long long)port)) {
        return;
    }
    put_status_request((volatile uint8_t *)&aligned, (uint32_t)port);
    rc_aligned = status_at((uint64_t)(uintptr_t)&aligned);
    memset(bytes, 0xee, sizeof(bytes));
    put_status_request(odd, (uint32_t)port);
    rc_odd = status_at((uint64_t)(uintptr_t)odd);
    event_close((uint32_t)port);

    expect_result(t, "EVTCHNOP_status of an IPI port at an aligned address", rc_aligned, 0);
    expect_result(t, "EVTCHNOP_status of the same port at an odd address", rc_odd, rc_aligned);
    expect(t, memcmp(odd, &aligned, sizeof(aligned)) == 0,
           "the result at the odd address differs from the aligned one (status %u, vCPU %u)",
           (unsigned)aligned.status, (unsigned)aligned.vcpu);
    expect(t, bytes[0] == 0xee && bytes[sizeof(aligned) + 1] == 0xee,
           "bytes around the misaligned structure were written");
}

const struct conformance_test aarch64_pointer_tests[] = {
    { .name = "aarch64_pointer_full_width", .verifies = "hvabi~aarch64-pointer-full-width~1",
      .run = full_width },
    { .name = "aarch64_pointer_el1_permissions",
      .verifies = "hvabi~aarch64-pointer-el1-permissions~1 hvabi~aarch64-pointer-arguments~1",
      .run = el1_permissions },
    { .name = "aarch64_pointer_own_ram", .verifies = "hvabi~aarch64-pointer-own-ram~1",
      .run = own_ram },
    { .name = "aarch64_pointer_misaligned", .verifies = "hvabi~aarch64-pointer-misaligned~1",
      .run = misaligned },
    { .name = NULL },
};
