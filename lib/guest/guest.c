/*
 * guest.c - from the start code to guest_main() (see guest.h).
 */
#include <stdint.h>

#include "guest/aarch64/mmu.h"
#include "guest/console.h"
#include "guest/guest.h"
#include "runtime.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/hypercall.h>
#include <hvabi/sched_op.h>

#define FDT_MAGIC 0xd00dfeedU

/*
 * Reads a big-endian 32-bit field of the device tree header byte by byte:
 * this runs with the MMU off, where an unaligned word access would fault.
 */
static uint32_t read_be32(uint64_t address)
{
    const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)address;

    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

void guest_shutdown(uint32_t reason)
{
    struct hvabi_sched_shutdown arg = { .reason = reason };
    int64_t rc;

    rc = hvabi_hypercall2(HVABI_HYPERCALL_SCHED_OP, HVABI_SCHEDOP_SHUTDOWN,
                          (uint64_t)(uintptr_t)&arg);
    console_printf("Bail out! SCHEDOP_shutdown(%u) returned %lld\n", (unsigned)reason,
                   (long long)rc);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void runtime_fatal(const char *why)
{
    console_printf("Bail out! fatal: %s\n", why);
    guest_shutdown(HVABI_SHUTDOWN_CRASH);
}

void guest_start(uint64_t device_tree)
{
    struct guest_platform platform;
    uint64_t fdt_size = 0;
    int mmu_status, fdt_status = -1;

    if (device_tree != 0 && read_be32(device_tree) == FDT_MAGIC) {
        fdt_size = read_be32(device_tree + 4);
    }
    mmu_status = mmu_enable(device_tree, fdt_size);
    if (mmu_status == 0 && fdt_size != 0) {
        fdt_status = platform_discover((const void *)(uintptr_t)device_tree, &platform);
    }

    if (fdt_status == 0 && platform.has_hypervisor) {
        console_use_hypercall();
    } else if (fdt_status == 0 && platform.uart_base != 0) {
        console_use_pl011(platform.uart_base);
    }

    if (mmu_status != 0) {
        runtime_fatal("the image or device tree lies beyond the 39-bit address space");
    }
    if (fdt_size == 0) {
        runtime_fatal("x0 does not point to a device tree");
    }
    if (fdt_status != 0) {
        console_printf("Bail out! the device tree is malformed (libfdt error %d)\n", fdt_status);
        guest_shutdown(HVABI_SHUTDOWN_CRASH);
    }
    if (!platform.has_hypervisor) {
        runtime_fatal("the device tree has no /hypervisor node compatible with \"xen,xen\"");
    }
    guest_shutdown(guest_main(&platform));
}
