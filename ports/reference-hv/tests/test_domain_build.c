/*
 * test_domain_build.c - building a domain at boot (core/domain_build.h):
 * its RAM from the pool, the kernel, ramdisk and device tree in it, vCPU 0
 * ready to enter the kernel; and every reason a domain cannot be built.
 *
 * "Physical memory" is host memory here: the pool hands out pieces of
 * `host_ram`, and the boot modules are host buffers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "arch/host/fake_arch.h"
#include "core/domain_build.h"
#include "tests/support/core_fixture.h"

#include <hvabi/arch/aarch64/guest_entry.h>
#include <hvabi/vcpu_op.h>

#define MIB          (1024ULL * 1024)
#define HOST_RAM     (16 * MIB)
#define DOMAIN_RAM   (4 * MIB)
#define TEXT_OFFSET  0x80000ULL
#define KERNEL_SIZE  8192
#define IMAGE_SIZE   0x20000ULL /* with its BSS: larger than the module */
#define FDT_OFFSET   (2 * MIB)  /* the highest 2 MiB boundary 64 KiB below the end of RAM */

static _Alignas(BLOCK_2M) uint8_t host_ram[HOST_RAM];
static _Alignas(8) uint8_t kernel[KERNEL_SIZE];
static uint8_t ramdisk[0x1800];
static struct memory_pool pool;
static struct domain_config cfg;

/* An arm64 Image header at the start of `kernel`, and a pattern after it. */
static void make_kernel(uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
    struct hvabi_aarch64_image_header header = {
        .code0 = 0x14000010, /* b +0x40 */
        .text_offset = text_offset,
        .image_size = image_size,
        .flags = flags,
        .magic = HVABI_AARCH64_IMAGE_MAGIC,
    };

    for (unsigned int i = 0; i < KERNEL_SIZE; i++) {
        kernel[i] = (uint8_t)(i * 13 + 1);
    }
    memcpy(kernel, &header, sizeof(header));
}

/* A pool of the first `size` bytes of host_ram. */
static void make_pool(uint64_t size)
{
    const struct mem_range ram = { .base = (uintptr_t)host_ram, .size = size };

    assert_int_equal(memory_pool_init(&pool, &ram, 1, NULL, 0), 0);
}

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    memset(host_ram, 0xa5, sizeof(host_ram));
    make_kernel(TEXT_OFFSET, IMAGE_SIZE, 0);
    make_pool(HOST_RAM);
    memset(&cfg, 0, sizeof(cfg));
    strcpy(cfg.name, "domU1");
    cfg.memory_size = DOMAIN_RAM;
    cfg.vcpu_count = 2;
    cfg.kernel = (struct mem_range){ .base = (uintptr_t)kernel, .size = KERNEL_SIZE };
    strcpy(cfg.bootargs, "console=hvc0");
    cfg.enhanced = true;
    return 0;
}

/* The address of guest-physical `ipa` of the domain, in host memory. */
static uint8_t *guest(const struct domain *d, uint64_t ipa)
{
    return (uint8_t *)(uintptr_t)(d->ram_pa + (ipa - d->ram_ipa));
}

static void test_builds_a_domain_ready_to_start(void **state)
{
    struct domain *d;
    char expected[160];

    (void)state;
    d = domain_build(&cfg, &pool);
    assert_non_null(d);
    assert_int_equal(d->id, 1);
    assert_string_equal(d->name, "domU1");
    assert_int_equal(d->state, DOMAIN_EMPTY); /* started by the boot path, with the others */
    /* 4 MiB, 2 MiB aligned, from the top of the pool; the shared info page below it. */
    assert_int_equal(d->ram_ipa, GUEST_RAM_BASE);
    assert_int_equal(d->ram_pa, (uintptr_t)host_ram + HOST_RAM - DOMAIN_RAM);
    assert_int_equal(d->ram_size, DOMAIN_RAM);
    assert_int_equal(d->events.shared_info_pa, d->ram_pa - PAGE_SIZE);
    assert_ptr_equal(d->vcpus[0].vcpu_info, (void *)(uintptr_t)d->events.shared_info_pa);
    assert_false(d->is_control);

    assert_int_equal(d->vcpu_count, 2);
    for (unsigned int i = 0; i < 2; i++) {
        assert_ptr_equal(d->vcpus[i].domain, d);
        assert_int_equal(d->vcpus[i].id, i);
        assert_int_equal(d->vcpus[i].state, VCPU_OFF);
        assert_true(d->vcpus[i].vgic.processor_sleep);
        assert_int_equal(d->vcpus[i].runstate.state, HVABI_RUNSTATE_OFFLINE);
    }

    /* The architecture was asked for exactly this. */
    assert_int_equal(fake_arch.domain_inits, 1);
    assert_ptr_equal(fake_arch.last_domain_init, d);
    /* Its stage-2 tables in memory of their own, below the shared info page. */
    assert_int_equal(fake_arch.last_tables_size, FAKE_ARCH_STAGE2_TABLES_SIZE);
    assert_int_equal(fake_arch.last_tables_pa,
                     d->events.shared_info_pa - FAKE_ARCH_STAGE2_TABLES_SIZE);
    assert_int_equal(fake_arch.ram_maps, 1);
    assert_int_equal(fake_arch.last_ram_map.ipa, GUEST_RAM_BASE);
    assert_int_equal(fake_arch.last_ram_map.pa, d->ram_pa);
    assert_int_equal(fake_arch.last_ram_map.size, DOMAIN_RAM);
    assert_int_equal(fake_arch.dcache_cleans, 1);
    assert_int_equal(fake_arch.last_dcache_clean_pa, d->ram_pa);
    assert_int_equal(fake_arch.last_dcache_clean_size, DOMAIN_RAM);
    assert_int_equal(fake_arch.icache_syncs, 1);
    /* vCPU 0 enters the kernel with x0 = the device tree. */
    assert_int_equal(fake_arch.vcpu_inits, 1);
    assert_ptr_equal(fake_arch.last_vcpu_init.vcpu, &d->vcpus[0]);
    assert_int_equal(fake_arch.last_vcpu_init.entry, GUEST_RAM_BASE + TEXT_OFFSET);
    assert_int_equal(fake_arch.last_vcpu_init.x0, GUEST_RAM_BASE + FDT_OFFSET);

    snprintf(expected, sizeof(expected),
             "(hv) d1: domU1: 4096 KiB at 0x%llx, 2 vCPU(s), bootargs \"console=hvc0\"\n",
             (unsigned long long)d->ram_pa);
    expect_console(expected);
}

static void test_memory_holds_the_kernel_and_the_tree_and_zeros(void **state)
{
    const uint8_t *fdt;
    struct domain *d;
    int chosen;

    (void)state;
    d = domain_build(&cfg, &pool);
    assert_non_null(d);
    assert_memory_equal(guest(d, GUEST_RAM_BASE + TEXT_OFFSET), kernel, KERNEL_SIZE);
    /* Everything else is zero: below the kernel, its BSS, the end of RAM. */
    assert_int_equal(*guest(d, GUEST_RAM_BASE), 0);
    assert_int_equal(*guest(d, GUEST_RAM_BASE + TEXT_OFFSET - 1), 0);
    assert_int_equal(*guest(d, GUEST_RAM_BASE + TEXT_OFFSET + KERNEL_SIZE), 0);
    assert_int_equal(*guest(d, GUEST_RAM_BASE + DOMAIN_RAM - 1), 0);
    /* Memory next to the domain's is not touched. */
    assert_int_equal(*(guest(d, GUEST_RAM_BASE) - PAGE_SIZE - 1), 0xa5);

    fdt = guest(d, GUEST_RAM_BASE + FDT_OFFSET);
    assert_int_equal(fdt_check_header(fdt), 0);
    assert_true(fdt_totalsize(fdt) <= GUEST_FDT_MAX_SIZE);
    chosen = fdt_path_offset(fdt, "/chosen");
    assert_true(chosen >= 0);
    assert_string_equal(fdt_getprop(fdt, chosen, "bootargs", NULL), "console=hvc0");
    assert_true(fdt_path_offset(fdt, "/hypervisor") >= 0);
    assert_null(fdt_getprop(fdt, chosen, "linux,initrd-start", NULL));
}

/* A 64-bit property; properties are only 4-byte aligned, so it is copied out. */
static uint64_t get_u64(const void *fdt, int node, const char *name)
{
    const void *value;
    fdt64_t cells;
    int length;

    value = fdt_getprop(fdt, node, name, &length);
    assert_non_null(value);
    assert_int_equal(length, sizeof(cells));
    memcpy(&cells, value, sizeof(cells));
    return fdt64_to_cpu(cells);
}

static void test_ramdisk_after_the_kernel_footprint(void **state)
{
    const uint64_t ramdisk_ipa = GUEST_RAM_BASE + TEXT_OFFSET + IMAGE_SIZE;
    const uint8_t *fdt;
    struct domain *d;
    int chosen;

    (void)state;
    for (unsigned int i = 0; i < sizeof(ramdisk); i++) {
        ramdisk[i] = (uint8_t)(i ^ 0x5a);
    }
    cfg.ramdisk = (struct mem_range){ .base = (uintptr_t)ramdisk, .size = sizeof(ramdisk) };
    d = domain_build(&cfg, &pool);
    assert_non_null(d);
    assert_memory_equal(guest(d, ramdisk_ipa), ramdisk, sizeof(ramdisk));
    fdt = guest(d, GUEST_RAM_BASE + FDT_OFFSET);
    chosen = fdt_path_offset(fdt, "/chosen");
    assert_int_equal(get_u64(fdt, chosen, "linux,initrd-start"), ramdisk_ipa);
    assert_int_equal(get_u64(fdt, chosen, "linux,initrd-end"), ramdisk_ipa + sizeof(ramdisk));
}

static void test_old_kernel_without_image_size(void **state)
{
    struct domain *d;

    (void)state;
    /* image_size 0: the text offset is 0x80000 whatever the header says. */
    make_kernel(0x1000, 0, 0);
    d = domain_build(&cfg, &pool);
    assert_non_null(d);
    assert_int_equal(fake_arch.last_vcpu_init.entry, GUEST_RAM_BASE + 0x80000);
    assert_memory_equal(guest(d, GUEST_RAM_BASE + 0x80000), kernel, KERNEL_SIZE);
}

static void test_control_domain(void **state)
{
    (void)state;
    cfg.is_control = true;
    assert_true(domain_build(&cfg, &pool)->is_control);
}

static void expect_not_built(const char *output)
{
    assert_null(domain_build(&cfg, &pool));
    expect_console(output);
    assert_int_equal(fake_arch.vcpu_inits, 0);
}

static void test_kernel_shorter_than_a_header(void **state)
{
    (void)state;
    cfg.kernel.size = 63;
    expect_not_built("(hv) error: /chosen/domU1: the kernel module is 63 bytes, shorter than an "
                     "arm64 Image header (64 bytes)\n");
}

static void test_kernel_without_the_magic(void **state)
{
    (void)state;
    kernel[0x38] = 'X';
    expect_not_built("(hv) error: /chosen/domU1: the kernel module is not an arm64 Image (no "
                     "\"ARM\\x64\" magic at offset 0x38)\n");
}

static void test_big_endian_kernel(void **state)
{
    (void)state;
    make_kernel(TEXT_OFFSET, IMAGE_SIZE, HVABI_AARCH64_IMAGE_FLAG_BIG_ENDIAN);
    expect_not_built("(hv) error: /chosen/domU1: the kernel is big-endian (Image flags bit 0); "
                     "only little-endian kernels are started\n");
}

static void test_kernel_footprint_reaching_the_tree(void **state)
{
    (void)state;
    /* 0x80000 + 0x180000 = 2 MiB: just fits; one page more does not. */
    make_kernel(TEXT_OFFSET, 0x180000, 0);
    assert_non_null(domain_build(&cfg, &pool));
    core_fixture_reset();
    make_pool(HOST_RAM);
    make_kernel(TEXT_OFFSET, 0x181000, 0);
    expect_not_built("(hv) error: /chosen/domU1: 4096 KiB of memory cannot hold the kernel (1540 "
                     "KiB at offset 0x80000), the ramdisk (0 KiB) and the device tree\n");
}

static void test_text_offset_that_wraps_around(void **state)
{
    (void)state;
    /* -1 MiB + 2 MiB wraps around to 1 MiB, below the device tree: 1 MiB below RAM if taken. */
    make_kernel(-MIB, 2 * MIB, 0);
    expect_not_built("(hv) error: /chosen/domU1: 4096 KiB of memory cannot hold the kernel (2048 "
                     "KiB at offset 0xfffffffffff00000), the ramdisk (0 KiB) and the device "
                     "tree\n");
    /* Where the kernel would have gone, 1 MiB below the domain's RAM, nothing was written. */
    for (uint64_t i = HOST_RAM - DOMAIN_RAM - MIB; i < HOST_RAM - DOMAIN_RAM - MIB + KERNEL_SIZE;
         i++) {
        assert_int_equal(host_ram[i], 0xa5);
    }
}

static void test_image_size_that_wraps_around(void **state)
{
    (void)state;
    make_kernel(TEXT_OFFSET, -TEXT_OFFSET, 0);
    expect_not_built("(hv) error: /chosen/domU1: 4096 KiB of memory cannot hold the kernel "
                     "(18014398509481472 KiB at offset 0x80000), the ramdisk (0 KiB) and the "
                     "device tree\n");
}

static void test_ramdisk_reaching_the_tree(void **state)
{
    (void)state;
    /* Its contents are never read: the layout is refused first. */
    cfg.ramdisk = (struct mem_range){ .base = (uintptr_t)host_ram, .size = 2 * MIB };
    expect_not_built("(hv) error: /chosen/domU1: 4096 KiB of memory cannot hold the kernel (128 "
                     "KiB at offset 0x80000), the ramdisk (2048 KiB) and the device tree\n");
}

static void test_memory_smaller_than_the_tree(void **state)
{
    (void)state;
    cfg.memory_size = 32 * 1024;
    expect_not_built("(hv) error: /chosen/domU1: 32 KiB of memory cannot hold the kernel (128 KiB "
                     "at offset 0x80000), the ramdisk (0 KiB) and the device tree\n");
}

static void test_no_free_domain_slot(void **state)
{
    (void)state;
    for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
        assert_non_null(domain_alloc("taken"));
    }
    expect_not_built("(hv) error: /chosen/domU1: no free domain slot (at most 8 domains)\n");
}

static void test_not_enough_ram(void **state)
{
    (void)state;
    make_pool(2 * MIB);
    expect_not_built("(hv) error: /chosen/domU1: property \"memory\": not enough free RAM for "
                     "4096 KiB (2048 KiB left)\n");
}

static void test_no_ram_for_the_shared_info_page(void **state)
{
    (void)state;
    make_pool(DOMAIN_RAM);
    expect_not_built("(hv) error: /chosen/domU1: no free RAM for the shared info page\n");
}

static void test_no_ram_for_the_stage_2_tables(void **state)
{
    (void)state;
    /* RAM and the shared info page fit; one table of the four does not. */
    make_pool(DOMAIN_RAM + PAGE_SIZE + FAKE_ARCH_STAGE2_TABLES_SIZE - PAGE_SIZE);
    expect_not_built("(hv) error: /chosen/domU1: property \"memory\": no free RAM for the 16 KiB "
                     "of stage-2 translation tables of 4096 KiB of RAM (12 KiB left)\n");
    assert_int_equal(fake_arch.domain_inits, 0);
}

static void test_no_stage_2_tables(void **state)
{
    static const char line[] = "(hv) error: /chosen/domU1: out of stage-2 translation tables\n";

    (void)state;
    fake_arch.domain_init_result = -1;
    expect_not_built(line);
    assert_int_equal(fake_arch.ram_maps, 0);

    core_fixture_reset();
    make_pool(HOST_RAM);
    fake_arch.map_guest_ram_result = -1;
    expect_not_built(line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_builds_a_domain_ready_to_start, setup),
        cmocka_unit_test_setup(test_memory_holds_the_kernel_and_the_tree_and_zeros, setup),
        cmocka_unit_test_setup(test_ramdisk_after_the_kernel_footprint, setup),
        cmocka_unit_test_setup(test_old_kernel_without_image_size, setup),
        cmocka_unit_test_setup(test_control_domain, setup),
        cmocka_unit_test_setup(test_kernel_shorter_than_a_header, setup),
        cmocka_unit_test_setup(test_kernel_without_the_magic, setup),
        cmocka_unit_test_setup(test_big_endian_kernel, setup),
        cmocka_unit_test_setup(test_kernel_footprint_reaching_the_tree, setup),
        cmocka_unit_test_setup(test_text_offset_that_wraps_around, setup),
        cmocka_unit_test_setup(test_image_size_that_wraps_around, setup),
        cmocka_unit_test_setup(test_ramdisk_reaching_the_tree, setup),
        cmocka_unit_test_setup(test_memory_smaller_than_the_tree, setup),
        cmocka_unit_test_setup(test_no_free_domain_slot, setup),
        cmocka_unit_test_setup(test_not_enough_ram, setup),
        cmocka_unit_test_setup(test_no_ram_for_the_shared_info_page, setup),
        cmocka_unit_test_setup(test_no_ram_for_the_stage_2_tables, setup),
        cmocka_unit_test_setup(test_no_stage_2_tables, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
