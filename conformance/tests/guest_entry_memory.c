/*
 * guest_entry_memory.c - where the domain finds its image and device tree,
 * and what the rest of its RAM holds when it starts.
 *
 * Specification: spec/chapters/guest_entry.rst.  These tests run first in
 * the main role: the memory test reads the RAM outside the image and the
 * device tree, which no earlier test of the boot has written.
 */
#include <libfdt.h>
#include <stdint.h>

#include "fdtutil/fdt_reg.h"
#include "framework/suite.h"
#include "guest/aarch64/entry_state.h"
#include "guest/aarch64/mmu.h"
#include "support/guest_memory.h"

#include <hvabi/arch/aarch64/guest_entry.h>

/* The image header as the image found itself loaded: at guest_entry_state.image_start. */
static const struct hvabi_aarch64_image_header *image_header(void)
{
    return (const struct hvabi_aarch64_image_header *)(uintptr_t)guest_entry_state.image_start;
}

/* The image region: from L, image_size bytes (this image sets image_size,
 * which covers its file and BSS). */
static uint64_t image_region_size(void)
{
    return image_header()->image_size;
}

static uint64_t text_offset(void)
{
    const struct hvabi_aarch64_image_header *header = image_header();

    return header->image_size == 0 ? HVABI_AARCH64_IMAGE_LEGACY_TEXT_OFFSET
                                   : header->text_offset;
}

static bool lowest_ram(const void *fdt, uint64_t *lowest)
{
    struct guest_memory_range ranges[GUEST_MEMORY_RANGES_MAX];
    unsigned int count = guest_memory_ranges(fdt, ranges, GUEST_MEMORY_RANGES_MAX);

    if (count == 0) {
        return false;
    }
    *lowest = ranges[0].base;
    for (unsigned int i = 1; i < count; i++) {
        if (ranges[i].base < *lowest) {
            *lowest = ranges[i].base;
        }
    }
    return true;
}

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

/* /chosen linux,initrd-start and -end, when the domain has a ramdisk. */
static bool ramdisk(const void *fdt, uint64_t *start, uint64_t *end)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    uint64_t value;

    if (chosen < 0) {
        return false;
    }
    if (fdt_read_uint(fdt, chosen, "linux,initrd-start", 8, &value) != 0 &&
        fdt_read_uint(fdt, chosen, "linux,initrd-start", 4, &value) != 0) {
        return false;
    }
    *start = value;
    if (fdt_read_uint(fdt, chosen, "linux,initrd-end", 8, &value) != 0 &&
        fdt_read_uint(fdt, chosen, "linux,initrd-end", 4, &value) != 0) {
        return false;
    }
    *end = value;
    return true;
}

/*
 * vCPU 0 began at the image's first byte: the start code records where the
 * image was when it ran, and that must be B + text offset.
 */
static void image_load_address(struct test_context *t)
{
    uint64_t lowest = 0, base, expected;

    if (!expect(t, lowest_ram(t->platform->fdt, &lowest), "the device tree has no /memory")) {
        return;
    }
    base = (lowest + HVABI_AARCH64_IMAGE_BASE_ALIGN - 1) & ~(uint64_t)(HVABI_AARCH64_IMAGE_BASE_ALIGN - 1);
    expected = base + text_offset();
    expect(t, guest_entry_state.image_start == expected,
           "vCPU 0 started in the image at 0x%llx: expected L = 0x%llx (lowest RAM 0x%llx "
           "rounded up to 2 MiB, plus text offset 0x%llx)",
           (unsigned long long)guest_entry_state.image_start, (unsigned long long)expected,
           (unsigned long long)lowest, (unsigned long long)text_offset());
    expect(t, image_header()->magic == HVABI_AARCH64_IMAGE_MAGIC,
           "no Image magic at 0x%llx: the header was not loaded there",
           (unsigned long long)guest_entry_state.image_start);
}

static void dtb_placement(struct test_context *t)
{
    uint64_t dtb = guest_entry_state.x[0];
    uint64_t size;

    if (!expect(t, fdt_magic((const void *)(uintptr_t)dtb) == FDT_MAGIC,
                "X0 = 0x%llx holds no DTB", (unsigned long long)dtb)) {
        return;
    }
    size = fdt_totalsize((const void *)(uintptr_t)dtb);
    expect(t, dtb % HVABI_AARCH64_DTB_ALIGN == 0, "DTB at 0x%llx: not a multiple of 8",
           (unsigned long long)dtb);
    expect(t, dtb / HVABI_AARCH64_DTB_BLOCK == (dtb + size - 1) / HVABI_AARCH64_DTB_BLOCK,
           "DTB at 0x%llx, 0x%llx bytes: crosses a 2 MiB boundary", (unsigned long long)dtb,
           (unsigned long long)size);
    expect(t, guest_memory_is_ram(t->platform->fdt, dtb, size),
           "DTB at 0x%llx, 0x%llx bytes: not in the domain's RAM", (unsigned long long)dtb,
           (unsigned long long)size);
}

static void dtb_no_overlap(struct test_context *t)
{
    uint64_t dtb = guest_entry_state.x[0];
    uint64_t size = fdt_totalsize((const void *)(uintptr_t)dtb);
    uint64_t start, end;

    expect(t, !overlap(dtb, size, guest_entry_state.image_start, image_region_size()),
           "DTB [0x%llx, +0x%llx) overlaps the image region [0x%llx, +0x%llx)",
           (unsigned long long)dtb, (unsigned long long)size,
           (unsigned long long)guest_entry_state.image_start,
           (unsigned long long)image_region_size());
    if (ramdisk(t->platform->fdt, &start, &end)) {
        expect(t, !overlap(dtb, size, start, end - start),
               "DTB [0x%llx, +0x%llx) overlaps the ramdisk [0x%llx, 0x%llx)",
               (unsigned long long)dtb, (unsigned long long)size, (unsigned long long)start,
               (unsigned long long)end);
    } else {
        test_note(t, "the domain has no initial ramdisk");
    }
}

/*
 * The ramdisk copy starts on a 4 KiB boundary and overlaps neither the
 * image region nor the DTB.  (Its size and content are
 * domain_binding_ramdisk_copy's; its place in RAM hypervisor_node_initrd's.)
 */
static void ramdisk_placement(struct test_context *t)
{
    uint64_t dtb = guest_entry_state.x[0];
    uint64_t dtb_size = fdt_totalsize((const void *)(uintptr_t)dtb);
    uint64_t start, end;

    if (!expect(t, ramdisk(t->platform->fdt, &start, &end),
                "/chosen has no linux,initrd-start and linux,initrd-end, but the domain has a "
                "ramdisk module") ||
        !expect(t, end > start, "linux,initrd-end 0x%llx is not above linux,initrd-start 0x%llx",
                (unsigned long long)end, (unsigned long long)start)) {
        return;
    }
    test_note(t, "ramdisk [0x%llx, 0x%llx), image [0x%llx, +0x%llx), DTB [0x%llx, +0x%llx)",
              (unsigned long long)start, (unsigned long long)end,
              (unsigned long long)guest_entry_state.image_start,
              (unsigned long long)image_region_size(), (unsigned long long)dtb,
              (unsigned long long)dtb_size);
    expect(t, start % 4096 == 0, "the ramdisk starts at 0x%llx: not a multiple of 4096",
           (unsigned long long)start);
    expect(t, !overlap(start, end - start, guest_entry_state.image_start, image_region_size()),
           "the ramdisk [0x%llx, 0x%llx) overlaps the image region [0x%llx, +0x%llx)",
           (unsigned long long)start, (unsigned long long)end,
           (unsigned long long)guest_entry_state.image_start,
           (unsigned long long)image_region_size());
    expect(t, !overlap(start, end - start, dtb, dtb_size),
           "the ramdisk [0x%llx, 0x%llx) overlaps the DTB [0x%llx, +0x%llx)",
           (unsigned long long)start, (unsigned long long)end, (unsigned long long)dtb,
           (unsigned long long)dtb_size);
}

/*
 * Scans [from, to) for words that are not 0, skipping what the image, the
 * DTB and the ramdisk occupy.  Returns the number found; *first gets the
 * first one's address.
 */
struct occupied {
    uint64_t start;
    uint64_t end;
};

static uint64_t scan(uint64_t from, uint64_t to, const struct occupied *skip, unsigned int skips,
                     uint64_t *first)
{
    uint64_t found = 0;

    for (uint64_t a = from; a < to;) {
        bool skipped = false;

        for (unsigned int i = 0; i < skips; i++) {
            if (a >= skip[i].start && a < skip[i].end) {
                a = skip[i].end;
                skipped = true;
            }
        }
        if (skipped) {
            continue;
        }
        if (*(const volatile uint64_t *)(uintptr_t)a != 0) {
            if (found == 0) {
                *first = a;
            }
            found++;
        }
        a += 8;
    }
    return found;
}

static void memory_zero(struct test_context *t)
{
    struct guest_memory_range ranges[GUEST_MEMORY_RANGES_MAX];
    unsigned int count = guest_memory_ranges(t->platform->fdt, ranges, GUEST_MEMORY_RANGES_MAX);
    uint64_t dtb = guest_entry_state.x[0];
    struct occupied skip[3];
    unsigned int skips = 0;
    uint64_t start, end;

    /* The image's BSS, as the start code found it before clearing it. */
    expect(t, guest_entry_state.bss_nonzero == 0,
           "the image's BSS held %llu words other than 0 at entry, the first at 0x%llx",
           (unsigned long long)guest_entry_state.bss_nonzero,
           (unsigned long long)guest_entry_state.bss_first);

    skip[skips++] = (struct occupied){ guest_entry_state.image_start,
                                       guest_entry_state.image_start + image_region_size() };
    skip[skips++] = (struct occupied){ dtb & ~7ULL,
                                       (dtb + fdt_totalsize((const void *)(uintptr_t)dtb) + 7) & ~7ULL };
    if (ramdisk(t->platform->fdt, &start, &end)) {
        skip[skips++] = (struct occupied){ start & ~7ULL, (end + 7) & ~7ULL };
    }
    if (!expect(t, count > 0, "the device tree has no /memory")) {
        return;
    }
    for (unsigned int i = 0; i < count; i++) {
        uint64_t first = 0, found;

        if (!expect(t, mmu_map_normal(ranges[i].base, ranges[i].size) == 0,
                    "cannot map RAM [0x%llx, +0x%llx)", (unsigned long long)ranges[i].base,
                    (unsigned long long)ranges[i].size)) {
            continue;
        }
        found = scan(ranges[i].base, ranges[i].base + ranges[i].size, skip, skips, &first);
        expect(t, found == 0,
               "RAM [0x%llx, +0x%llx): %llu words other than 0 outside the image [0x%llx, "
               "0x%llx), the DTB [0x%llx, 0x%llx) and any ramdisk; the first at 0x%llx holds "
               "0x%llx", (unsigned long long)ranges[i].base, (unsigned long long)ranges[i].size,
               (unsigned long long)found, (unsigned long long)skip[0].start,
               (unsigned long long)skip[0].end, (unsigned long long)skip[1].start,
               (unsigned long long)skip[1].end, (unsigned long long)first,
               found != 0 ? (unsigned long long)*(const volatile uint64_t *)(uintptr_t)first : 0ULL);
    }
}

const struct conformance_test guest_entry_memory_tests[] = {
    { .name = "guest_entry_image_load_address",
      .verifies = "hvabi~guest-entry-image-load~1 hvabi~guest-entry-pc~1",
      .run = image_load_address },
    { .name = "guest_entry_dtb_placement", .verifies = "hvabi~guest-entry-dtb-placement~1",
      .run = dtb_placement },
    { .name = "guest_entry_dtb_no_overlap", .verifies = "hvabi~guest-entry-dtb-no-overlap~1",
      .run = dtb_no_overlap },
    { .name = "guest_entry_memory_zero", .verifies = "hvabi~guest-entry-memory-zero~1",
      .run = memory_zero },
    { .name = NULL },
};

/* In the role of a domain with a ramdisk module (scenario ramdisk). */
const struct conformance_test guest_entry_ramdisk_tests[] = {
    { .name = "guest_entry_ramdisk_placement", .verifies = "hvabi~guest-entry-ramdisk~1",
      .run = ramdisk_placement },
    { .name = NULL },
};
