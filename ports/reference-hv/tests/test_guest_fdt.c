/*
 * test_guest_fdt.c - the device tree a domain boots with (core/guest_fdt.h,
 * spec/chapters/hypervisor_node.rst): built, then read back with libfdt.
 *
 * The domain has 2 vCPUs and 64 MiB of RAM at GUEST_RAM_BASE, bootargs, a
 * ramdisk, and xen,enhanced = "no-xenstore"; tests change what they are about.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "core/guest_fdt.h"
#include "core/vgic.h"
#include "tests/support/core_fixture.h"

#define RAM_SIZE     (64ULL * 1024 * 1024)
#define GIC_PHANDLE  1
#define RAMDISK_IPA  (GUEST_RAM_BASE + 0x200000)
#define RAMDISK_SIZE 0x1234

static uint64_t tree[GUEST_FDT_MAX_SIZE / sizeof(uint64_t)];
static struct domain *d;
static struct domain_config cfg;
static struct guest_boot_images images;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    d = core_fixture_domain("domU1", 2);
    /* guest_fdt.c reads the layout only: no memory behind it is needed. */
    d->ram_ipa = GUEST_RAM_BASE;
    d->ram_size = RAM_SIZE;
    memset(&cfg, 0, sizeof(cfg));
    strcpy(cfg.name, "domU1");
    strcpy(cfg.bootargs, "console=hvc0 earlycon");
    cfg.enhanced = true;
    images = (struct guest_boot_images){ .ramdisk_ipa = RAMDISK_IPA, .ramdisk_size = RAMDISK_SIZE };
    return 0;
}

static void build(void)
{
    assert_int_equal(guest_fdt_build(tree, sizeof(tree), d, &cfg, &images), 0);
    assert_int_equal(fdt_check_header(tree), 0);
}

static int node(const char *path)
{
    int offset = fdt_path_offset(tree, path);

    if (offset < 0) {
        fail_msg("no node %s in the guest tree (%s)", path, fdt_strerror(offset));
    }
    return offset;
}

/* Asserts that a property is exactly `length` bytes equal to `expected`. */
static void check_property(const char *path, const char *name, const void *expected, int length)
{
    int actual_length;
    const void *value = fdt_getprop(tree, node(path), name, &actual_length);

    if (value == NULL) {
        fail_msg("%s has no property %s", path, name);
    }
    assert_int_equal(actual_length, length);
    assert_memory_equal(value, expected, (size_t)length);
}

static void check_string(const char *path, const char *name, const char *expected)
{
    check_property(path, name, expected, (int)strlen(expected) + 1);
}

/* Asserts that a property is the `count` cells given. */
static void check_cells(const char *path, const char *name, const uint32_t *cells, int count)
{
    fdt32_t be[16];

    assert_true(count <= 16);
    for (int i = 0; i < count; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    check_property(path, name, be, count * 4);
}

static void check_u32(const char *path, const char *name, uint32_t value)
{
    check_cells(path, name, &value, 1);
}

static void check_no_property(const char *path, const char *name)
{
    assert_null(fdt_getprop(tree, node(path), name, NULL));
}

static void test_root_node(void **state)
{
    static const char compatible[] = "hvabi,reference-guest";

    (void)state;
    build();
    check_u32("/", "#address-cells", 2);
    check_u32("/", "#size-cells", 2);
    check_property("/", "compatible", compatible, sizeof(compatible));
    check_u32("/", "interrupt-parent", GIC_PHANDLE);
}

static void test_memory_node(void **state)
{
    static const uint32_t reg[4] = { 0, 0x40000000, 0, 0x04000000 };

    (void)state;
    build();
    check_string("/memory@40000000", "device_type", "memory");
    check_cells("/memory@40000000", "reg", reg, 4);
}

static void test_cpus_one_node_per_vcpu(void **state)
{
    (void)state;
    build();
    check_u32("/cpus", "#address-cells", 1);
    check_u32("/cpus", "#size-cells", 0);
    check_u32("/cpus/cpu@0", "reg", 0);
    check_u32("/cpus/cpu@1", "reg", 1);
    check_string("/cpus/cpu@1", "device_type", "cpu");
    check_string("/cpus/cpu@1", "enable-method", "psci");
    check_string("/cpus/cpu@1", "compatible", "arm,armv8");
    assert_true(fdt_path_offset(tree, "/cpus/cpu@2") < 0);
}

static void test_psci_through_hvc(void **state)
{
    static const char compatible[] = "arm,psci-0.2\0arm,psci";

    (void)state;
    build();
    check_property("/psci", "compatible", compatible, sizeof(compatible));
    check_string("/psci", "method", "hvc");
}

static void test_gic_node(void **state)
{
    static const char path[] = "/interrupt-controller@3001000";
    /* The distributor, then one redistributor region of a 128 KiB frame pair per vCPU. */
    static const uint32_t reg[8] = { 0, 0x03001000, 0, 0x10000, 0, 0x03020000, 0, 0x40000 };
    int offset;

    (void)state;
    build();
    check_string(path, "compatible", "arm,gic-v3");
    check_cells(path, "reg", reg, 8);
    check_u32(path, "#redistributor-regions", 1);
    check_u32(path, "#interrupt-cells", 3);
    check_property(path, "interrupt-controller", "", 0);
    check_u32(path, "phandle", GIC_PHANDLE);
    offset = fdt_node_offset_by_phandle(tree, GIC_PHANDLE);
    assert_int_equal(offset, node(path));
}

static void test_timer_ppis(void **state)
{
    /* Secure and non-secure physical, virtual, hypervisor: PPIs 13, 14, 11, 10, low level. */
    static const uint32_t interrupts[12] = {
        1, 13, 0x308, 1, 14, 0x308, 1, 11, 0x308, 1, 10, 0x308,
    };

    (void)state;
    build();
    check_string("/timer", "compatible", "arm,armv8-timer");
    check_u32("/timer", "interrupt-parent", GIC_PHANDLE);
    check_cells("/timer", "interrupts", interrupts, 12);
}

static void test_hypervisor_node(void **state)
{
    static const char compatible[] = "xen,xen-4.17\0xen,xen";
    /* The grant table window: 16 MiB at 0x38000000, as Xen's. */
    static const uint32_t reg[4] = { 0, 0x38000000, 0, 0x01000000 };
    /* The upcall: PPI 15 (INTID 31), low level. */
    static const uint32_t interrupts[3] = { 1, 15, 0x308 };

    (void)state;
    build();
    check_property("/hypervisor", "compatible", compatible, sizeof(compatible));
    check_cells("/hypervisor", "reg", reg, 4);
    check_u32("/hypervisor", "interrupt-parent", GIC_PHANDLE);
    check_cells("/hypervisor", "interrupts", interrupts, 3);
    assert_int_equal(VGIC_PPI_EVTCHN_UPCALL, 16 + 15);
}

static void test_no_hypervisor_node_without_the_interface(void **state)
{
    (void)state;
    cfg.enhanced = false;
    build();
    assert_int_equal(fdt_path_offset(tree, "/hypervisor"), -FDT_ERR_NOTFOUND);
    assert_int_equal(fdt_node_offset_by_compatible(tree, -1, "xen,xen"), -FDT_ERR_NOTFOUND);
}

static void test_chosen_bootargs_and_initrd(void **state)
{
    static const uint32_t start[2] = { 0, 0x40200000 };
    static const uint32_t end[2] = { 0, 0x40201234 };

    (void)state;
    build();
    check_string("/chosen", "bootargs", "console=hvc0 earlycon");
    check_cells("/chosen", "linux,initrd-start", start, 2);
    check_cells("/chosen", "linux,initrd-end", end, 2);
}

static void test_chosen_without_bootargs_or_ramdisk(void **state)
{
    (void)state;
    cfg.bootargs[0] = '\0';
    images = (struct guest_boot_images){ .ramdisk_ipa = 0, .ramdisk_size = 0 };
    build();
    check_no_property("/chosen", "bootargs");
    check_no_property("/chosen", "linux,initrd-start");
    check_no_property("/chosen", "linux,initrd-end");
}

static void test_one_vcpu_and_four(void **state)
{
    static const uint32_t one_cpu[3] = { 1, 15, 0x108 };
    static const uint32_t four_cpus[3] = { 1, 15, 0xf08 };

    (void)state;
    d->vcpu_count = 1;
    build();
    assert_true(fdt_path_offset(tree, "/cpus/cpu@1") < 0);
    check_cells("/hypervisor", "interrupts", one_cpu, 3);

    d->vcpu_count = 4;
    build();
    check_u32("/cpus/cpu@3", "reg", 3);
    check_cells("/hypervisor", "interrupts", four_cpus, 3);
}

static void test_buffer_too_small(void **state)
{
    int needed;

    (void)state;
    build();
    needed = (int)fdt_totalsize(tree);
    assert_int_equal(guest_fdt_build(tree, (size_t)needed, d, &cfg, &images), 0);
    assert_int_equal(guest_fdt_build(tree, (size_t)needed - 1, d, &cfg, &images),
                     -FDT_ERR_NOSPACE);
    assert_int_equal(guest_fdt_build(tree, 256, d, &cfg, &images), -FDT_ERR_NOSPACE);
    assert_int_equal(guest_fdt_build(tree, 16, d, &cfg, &images), -FDT_ERR_NOSPACE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_root_node, setup),
        cmocka_unit_test_setup(test_memory_node, setup),
        cmocka_unit_test_setup(test_cpus_one_node_per_vcpu, setup),
        cmocka_unit_test_setup(test_psci_through_hvc, setup),
        cmocka_unit_test_setup(test_gic_node, setup),
        cmocka_unit_test_setup(test_timer_ppis, setup),
        cmocka_unit_test_setup(test_hypervisor_node, setup),
        cmocka_unit_test_setup(test_no_hypervisor_node_without_the_interface, setup),
        cmocka_unit_test_setup(test_chosen_bootargs_and_initrd, setup),
        cmocka_unit_test_setup(test_chosen_without_bootargs_or_ramdisk, setup),
        cmocka_unit_test_setup(test_one_vcpu_and_four, setup),
        cmocka_unit_test_setup(test_buffer_too_small, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
