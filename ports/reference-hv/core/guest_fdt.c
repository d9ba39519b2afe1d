/*
 * guest_fdt.c - build a domain's device tree with libfdt (see guest_fdt.h).
 *
 * The layout of the guest-physical address space is Xen's for dom0less
 * guests (core/config.h), so a guest built for Xen finds the same things.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "core/guest_fdt.h"
#include "core/vgic.h"

/* Writes a property of two cells per address and size: <hi lo hi lo>. */
static int property_range(void *fdt, const char *name, uint64_t base, uint64_t size)
{
    fdt32_t cells[4] = {
        cpu_to_fdt32((uint32_t)(base >> 32)), cpu_to_fdt32((uint32_t)base),
        cpu_to_fdt32((uint32_t)(size >> 32)), cpu_to_fdt32((uint32_t)size),
    };

    return fdt_property(fdt, name, cells, sizeof(cells));
}

static int add_memory(void *fdt, const struct domain *d)
{
    char name[32];
    int err;

    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)d->ram_ipa);
    err = fdt_begin_node(fdt, name);
    err = err ? err : fdt_property_string(fdt, "device_type", "memory");
    err = err ? err : property_range(fdt, "reg", d->ram_ipa, d->ram_size);
    return err ? err : fdt_end_node(fdt);
}

static int add_cpus(void *fdt, const struct domain *d)
{
    int err = fdt_begin_node(fdt, "cpus");

    err = err ? err : fdt_property_u32(fdt, "#address-cells", 1);
    err = err ? err : fdt_property_u32(fdt, "#size-cells", 0);
    for (unsigned int i = 0; err == 0 && i < d->vcpu_count; i++) {
        char name[16];

        snprintf(name, sizeof(name), "cpu@%u", i);
        err = fdt_begin_node(fdt, name);
        err = err ? err : fdt_property_string(fdt, "device_type", "cpu");
        err = err ? err : fdt_property_string(fdt, "compatible", "arm,armv8");
        err = err ? err : fdt_property_u32(fdt, "reg", i);
        err = err ? err : fdt_property_string(fdt, "enable-method", "psci");
        err = err ? err : fdt_end_node(fdt);
    }
    return err ? err : fdt_end_node(fdt);
}

static int add_psci(void *fdt)
{
    static const char compatible[] = "arm,psci-0.2\0arm,psci";
    int err = fdt_begin_node(fdt, "psci");

    err = err ? err : fdt_property(fdt, "compatible", compatible, sizeof(compatible));
    err = err ? err : fdt_property_string(fdt, "method", "hvc");
    return err ? err : fdt_end_node(fdt);
}

/* The phandle of the guest's interrupt controller. */
#define GIC_PHANDLE 1

/* GIC interrupt specifiers: <type number flags>. */
#define GIC_PPI 1
#define IRQ_LEVEL_LOW 8
#define IRQ_ALL_CPUS(count) ((((1U << (count)) - 1) & 0xff) << 8)

static int add_gic(void *fdt, const struct domain *d)
{
    static const char compatible[] = "arm,gic-v3";
    fdt32_t reg[8] = {
        cpu_to_fdt32(0), cpu_to_fdt32((uint32_t)VGIC_DIST_BASE),
        cpu_to_fdt32(0), cpu_to_fdt32((uint32_t)VGIC_DIST_SIZE),
        cpu_to_fdt32(0), cpu_to_fdt32((uint32_t)VGIC_REDIST_BASE),
        cpu_to_fdt32(0), cpu_to_fdt32((uint32_t)(VGIC_REDIST_STRIDE * d->vcpu_count)),
    };
    char name[32];
    int err;

    snprintf(name, sizeof(name), "interrupt-controller@%llx", (unsigned long long)VGIC_DIST_BASE);
    err = fdt_begin_node(fdt, name);
    err = err ? err : fdt_property(fdt, "compatible", compatible, sizeof(compatible));
    err = err ? err : fdt_property(fdt, "reg", reg, sizeof(reg));
    err = err ? err : fdt_property_u32(fdt, "#redistributor-regions", 1);
    err = err ? err : fdt_property_u32(fdt, "#interrupt-cells", 3);
    err = err ? err : fdt_property_u32(fdt, "#address-cells", 0);
    err = err ? err : fdt_property(fdt, "interrupt-controller", NULL, 0);
    err = err ? err : fdt_property_u32(fdt, "phandle", GIC_PHANDLE);
    return err ? err : fdt_end_node(fdt);
}

/* A PPI as a GIC interrupt specifier: PPI n is INTID 16 + n. */
static void ppi_specifier(fdt32_t *cells, unsigned int intid, const struct domain *d)
{
    cells[0] = cpu_to_fdt32(GIC_PPI);
    cells[1] = cpu_to_fdt32(intid - 16);
    cells[2] = cpu_to_fdt32(IRQ_ALL_CPUS(d->vcpu_count) | IRQ_LEVEL_LOW);
}

static int add_timer(void *fdt, const struct domain *d)
{
    static const char compatible[] = "arm,armv8-timer";
    /* Secure physical, non-secure physical, virtual, hypervisor: PPIs 29, 30, 27, 26. */
    static const unsigned int intids[4] = { 29, 30, 27, 26 };
    fdt32_t interrupts[12];
    int err;

    for (unsigned int i = 0; i < 4; i++) {
        ppi_specifier(&interrupts[3 * i], intids[i], d);
    }
    err = fdt_begin_node(fdt, "timer");
    err = err ? err : fdt_property(fdt, "compatible", compatible, sizeof(compatible));
    err = err ? err : fdt_property_u32(fdt, "interrupt-parent", GIC_PHANDLE);
    err = err ? err : fdt_property(fdt, "interrupts", interrupts, sizeof(interrupts));
    return err ? err : fdt_end_node(fdt);
}

static int add_hypervisor(void *fdt, const struct domain *d)
{
    static const char compatible[] = "xen,xen-4.17\0xen,xen";
    fdt32_t interrupt[3];
    int err = fdt_begin_node(fdt, "hypervisor");

    ppi_specifier(interrupt, VGIC_PPI_EVTCHN_UPCALL, d);
    err = err ? err : fdt_property(fdt, "compatible", compatible, sizeof(compatible));
    err = err ? err : property_range(fdt, "reg", GUEST_GRANT_WINDOW_BASE, GUEST_GRANT_WINDOW_SIZE);
    err = err ? err : fdt_property_u32(fdt, "interrupt-parent", GIC_PHANDLE);
    err = err ? err : fdt_property(fdt, "interrupts", interrupt, sizeof(interrupt));
    return err ? err : fdt_end_node(fdt);
}

static int property_u64(void *fdt, const char *name, uint64_t value)
{
    fdt32_t cells[2] = { cpu_to_fdt32((uint32_t)(value >> 32)), cpu_to_fdt32((uint32_t)value) };

    return fdt_property(fdt, name, cells, sizeof(cells));
}

static int add_chosen(void *fdt, const struct domain_config *cfg,
                      const struct guest_boot_images *images)
{
    int err = fdt_begin_node(fdt, "chosen");

    if (err == 0 && cfg->bootargs[0] != '\0') {
        err = fdt_property_string(fdt, "bootargs", cfg->bootargs);
    }
    if (err == 0 && images->ramdisk_size != 0) {
        err = property_u64(fdt, "linux,initrd-start", images->ramdisk_ipa);
        err = err ? err : property_u64(fdt, "linux,initrd-end",
                                       images->ramdisk_ipa + images->ramdisk_size);
    }
    return err ? err : fdt_end_node(fdt);
}

/*
 * Sequential writing keeps the strings at the end of the buffer until
 * fdt_finish() moves them after the structure: the old copy stays behind.
 * The guest's RAM outside its images must read as zero
 * (spec/chapters/guest_entry.rst), so the rest of the buffer is cleared.
 */
static void clear_after_tree(void *buffer, size_t size)
{
    size_t used = fdt_totalsize(buffer);

    memset((uint8_t *)buffer + used, 0, size - used);
}

int guest_fdt_build(void *buffer, size_t size, const struct domain *d,
                    const struct domain_config *cfg, const struct guest_boot_images *images)
{
    static const char compatible[] = "hvabi,reference-guest";
    int err;

    err = fdt_create(buffer, (int)size);
    err = err ? err : fdt_finish_reservemap(buffer);
    err = err ? err : fdt_begin_node(buffer, "");
    err = err ? err : fdt_property_u32(buffer, "#address-cells", 2);
    err = err ? err : fdt_property_u32(buffer, "#size-cells", 2);
    err = err ? err : fdt_property(buffer, "compatible", compatible, sizeof(compatible));
    err = err ? err : fdt_property_u32(buffer, "interrupt-parent", GIC_PHANDLE);
    err = err ? err : add_chosen(buffer, cfg, images);
    err = err ? err : add_memory(buffer, d);
    err = err ? err : add_cpus(buffer, d);
    err = err ? err : add_psci(buffer);
    err = err ? err : add_gic(buffer, d);
    err = err ? err : add_timer(buffer, d);
    if (err == 0 && cfg->enhanced) {
        err = add_hypervisor(buffer, d);
    }
    err = err ? err : fdt_end_node(buffer);
    err = err ? err : fdt_finish(buffer);
    if (err == 0) {
        clear_after_tree(buffer, size);
    }
    return err;
}
