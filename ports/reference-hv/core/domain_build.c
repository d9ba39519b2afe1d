/*
 * domain_build.c - build a domain at boot (see domain_build.h).
 *
 * Guest-physical layout of a domain's RAM (base GUEST_RAM_BASE):
 *   base + text_offset   the kernel, as the arm64 Image header asks
 *   after its footprint  the ramdisk, if there is one
 *   last 2 MiB boundary  the device tree, at most GUEST_FDT_MAX_SIZE
 *     below the end of RAM that leaves room for it
 * Everything else is zero.
 */
#include <string.h>

#include <hvabi/arch/aarch64/guest_entry.h>

#include "core/arch.h"
#include "core/console.h"
#include "core/domain_build.h"
#include "core/event_channel.h"
#include "core/grant_table.h"
#include "core/guest_fdt.h"
#include "core/runstate.h"

struct image_layout {
    uint64_t text_offset;
    uint64_t footprint; /* bytes from the load address, including BSS */
};

/*
 * Reads the Image header (spec: guest_entry.rst).  The hypervisor runs
 * little-endian, as the header's fields are, so a copy of the bytes is the
 * header.  The copy also avoids reading a module that is not 8-byte aligned.
 */
static int read_image_header(const struct domain_config *cfg, struct image_layout *layout)
{
    struct hvabi_aarch64_image_header header;

    if (cfg->kernel.size < sizeof(header)) {
        hv_log("error: /chosen/%s: the kernel module is %llu bytes, shorter than an arm64 "
               "Image header (64 bytes)\n", cfg->name, (unsigned long long)cfg->kernel.size);
        return -1;
    }
    memcpy(&header, (const void *)(uintptr_t)cfg->kernel.base, sizeof(header));
    if (header.magic != HVABI_AARCH64_IMAGE_MAGIC) {
        hv_log("error: /chosen/%s: the kernel module is not an arm64 Image (no \"ARM\\x64\" "
               "magic at offset 0x38)\n", cfg->name);
        return -1;
    }
    if ((header.flags & HVABI_AARCH64_IMAGE_FLAG_BIG_ENDIAN) != 0) {
        hv_log("error: /chosen/%s: the kernel is big-endian (Image flags bit 0); only "
               "little-endian kernels are started\n", cfg->name);
        return -1;
    }
    layout->text_offset = header.text_offset;
    if (header.image_size == 0) {
        /* A kernel older than Linux 3.17: the convention's text offset. */
        layout->text_offset = HVABI_AARCH64_IMAGE_LEGACY_TEXT_OFFSET;
    }
    /* The footprint covers the BSS that image_size includes and the file does not. */
    layout->footprint = header.image_size > cfg->kernel.size ? header.image_size : cfg->kernel.size;
    return 0;
}

static void zero_memory(uint64_t pa, uint64_t size)
{
    uint64_t *p = (uint64_t *)(uintptr_t)pa;

    /* RAM is 4 KiB aligned, so whole words: much faster than a byte loop. */
    for (uint64_t i = 0; i < size / sizeof(uint64_t); i++) {
        p[i] = 0;
    }
}

static uint64_t align_down(uint64_t value, uint64_t alignment)
{
    return value & ~(alignment - 1);
}

static uint64_t align_up(uint64_t value, uint64_t alignment)
{
    return (value + alignment - 1) & ~(alignment - 1);
}

/*
 * Whether [offset, offset + size) ends at or below `limit`.  The sum is
 * never formed: it could wrap around 2^64.
 */
static bool fits_below(uint64_t offset, uint64_t size, uint64_t limit)
{
    return offset <= limit && size <= limit - offset;
}

/*
 * Places the kernel at the base of RAM plus its text offset, the ramdisk
 * after the kernel's footprint, and the device tree at the highest 2 MiB
 * boundary that leaves room for it, and checks that the three do not
 * overlap and fit in RAM.  Offsets are from the base of the domain's RAM.
 * The text offset and the footprint come from the image header, so any
 * 64-bit value is checked without overflowing.
 */
static int plan_layout(const struct domain *d, const struct domain_config *cfg,
                       const struct image_layout *image, uint64_t *ramdisk_offset,
                       uint64_t *fdt_offset)
{
    if (d->ram_size < GUEST_FDT_MAX_SIZE) {
        return -1;
    }
    *fdt_offset = align_down(d->ram_size - GUEST_FDT_MAX_SIZE, BLOCK_2M);
    if (!fits_below(image->text_offset, image->footprint, *fdt_offset)) {
        return -1;
    }
    /* The kernel ends below the device tree, so this cannot wrap. */
    *ramdisk_offset = align_up(image->text_offset + image->footprint, PAGE_SIZE);
    if (!fits_below(*ramdisk_offset, cfg->ramdisk.size, *fdt_offset)) {
        return -1;
    }
    return 0;
}

static int load_domain(struct domain *d, const struct domain_config *cfg)
{
    struct image_layout layout;
    uint64_t ramdisk_offset, fdt_offset;
    struct guest_boot_images images;
    int err;

    if (read_image_header(cfg, &layout) != 0) {
        return -1;
    }
    if (plan_layout(d, cfg, &layout, &ramdisk_offset, &fdt_offset) != 0) {
        hv_log("error: /chosen/%s: %llu KiB of memory cannot hold the kernel (%llu KiB at "
               "offset 0x%llx), the ramdisk (%llu KiB) and the device tree\n", cfg->name,
               (unsigned long long)(d->ram_size / 1024),
               (unsigned long long)(layout.footprint / 1024),
               (unsigned long long)layout.text_offset,
               (unsigned long long)(cfg->ramdisk.size / 1024));
        return -1;
    }

    zero_memory(d->ram_pa, d->ram_size);
    memcpy((void *)(uintptr_t)(d->ram_pa + layout.text_offset),
           (const void *)(uintptr_t)cfg->kernel.base, cfg->kernel.size);
    if (cfg->ramdisk.size != 0) {
        memcpy((void *)(uintptr_t)(d->ram_pa + ramdisk_offset),
               (const void *)(uintptr_t)cfg->ramdisk.base, cfg->ramdisk.size);
    }
    images = (struct guest_boot_images){
        .ramdisk_ipa = cfg->ramdisk.size != 0 ? d->ram_ipa + ramdisk_offset : 0,
        .ramdisk_size = cfg->ramdisk.size,
    };
    err = guest_fdt_build((void *)(uintptr_t)(d->ram_pa + fdt_offset), GUEST_FDT_MAX_SIZE, d,
                          cfg, &images);
    if (err != 0) {
        hv_log("error: /chosen/%s: could not build the guest device tree (libfdt error %d)\n",
               cfg->name, err);
        return -1;
    }
    arch_clean_dcache(d->ram_pa, d->ram_size);
    arch_sync_icache();

    arch_vcpu_init(&d->vcpus[0], d->ram_ipa + layout.text_offset, d->ram_ipa + fdt_offset);
    return 0;
}

struct domain *domain_build(const struct domain_config *cfg, struct memory_pool *pool)
{
    struct domain *d = domain_alloc(cfg->name);
    uint64_t shared_info_pa;
    uint64_t tables_pa;
    uint64_t ram_size = (cfg->memory_size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    uint64_t tables_size = arch_stage2_tables_size(GUEST_RAM_BASE, ram_size);

    if (d == NULL) {
        hv_log("error: /chosen/%s: no free domain slot (at most %u domains)\n", cfg->name,
               MAX_DOMAINS);
        return NULL;
    }
    if (memory_alloc(pool, ram_size, BLOCK_2M, &d->ram_pa) != 0) {
        hv_log("error: /chosen/%s: property \"memory\": not enough free RAM for %llu KiB "
               "(%llu KiB left)\n", cfg->name,
               (unsigned long long)(ram_size / 1024),
               (unsigned long long)(memory_free_bytes(pool) / 1024));
        return NULL;
    }
    if (memory_alloc(pool, PAGE_SIZE, PAGE_SIZE, &shared_info_pa) != 0) {
        hv_log("error: /chosen/%s: no free RAM for the shared info page\n", cfg->name);
        return NULL;
    }
    /* Every table its stage 2 can need, now: a guest never runs out later. */
    if (memory_alloc(pool, tables_size, PAGE_SIZE, &tables_pa) != 0) {
        hv_log("error: /chosen/%s: property \"memory\": no free RAM for the %llu KiB of "
               "stage-2 translation tables of %llu KiB of RAM (%llu KiB left)\n",
               cfg->name, (unsigned long long)(tables_size / 1024),
               (unsigned long long)(ram_size / 1024),
               (unsigned long long)(memory_free_bytes(pool) / 1024));
        return NULL;
    }
    d->ram_ipa = GUEST_RAM_BASE;
    d->ram_size = ram_size;
    d->vcpu_count = cfg->vcpu_count;
    d->is_control = cfg->is_control;
    for (unsigned int i = 0; i < d->vcpu_count; i++) {
        d->vcpus[i].domain = d;
        d->vcpus[i].id = i;
        d->vcpus[i].state = VCPU_OFF;
        vgic_init_cpu(&d->vcpus[i].vgic);
        runstate_init(&d->vcpus[i]);
    }
    if (arch_domain_init(d, tables_pa, tables_size) != 0 ||
        arch_map_guest_ram(d, d->ram_ipa, d->ram_pa, d->ram_size) != 0) {
        hv_log("error: /chosen/%s: out of stage-2 translation tables\n", cfg->name);
        return NULL;
    }
    evtchn_domain_init(d, shared_info_pa);
    grant_table_init(d);
    if (load_domain(d, cfg) != 0) {
        return NULL;
    }
    hv_log("d%u: %s: %llu KiB at 0x%llx, %u vCPU(s), bootargs \"%s\"\n", (unsigned)d->id,
           cfg->name, (unsigned long long)(d->ram_size / 1024), (unsigned long long)d->ram_pa,
           d->vcpu_count, cfg->bootargs);
    return d;
}
