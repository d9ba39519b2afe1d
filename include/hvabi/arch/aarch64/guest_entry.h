/*
 * hvabi/arch/aarch64/guest_entry.h - the kernel image a domain starts from,
 * and where the hypervisor places it and the device tree.
 *
 * Specification: spec/chapters/guest_entry.rst.
 *
 * A domain's kernel is an arm64 Linux "Image": a flat binary that begins
 * with a 64-byte header of little-endian fields.  The hypervisor loads it
 * text_offset bytes above a 2 MiB aligned base, enters it at its first byte
 * with x0 = guest-physical address of the device tree, and places the
 * device tree 8-byte aligned within one 2 MiB block.
 */
#ifndef HVABI_ARCH_AARCH64_GUEST_ENTRY_H
#define HVABI_ARCH_AARCH64_GUEST_ENTRY_H

#include <stdint.h>

/* The first 64 bytes of a kernel image. */
struct hvabi_aarch64_image_header {
    uint32_t code0;       /* first instruction; the entry point is offset 0 */
    uint32_t code1;       /* second instruction */
    uint64_t text_offset; /* offset of the image from a 2 MiB aligned base */
    uint64_t image_size;  /* bytes the image occupies once loaded, BSS included; 0: unknown */
    uint64_t flags;       /* HVABI_AARCH64_IMAGE_FLAG_* bits */
    uint64_t res2;        /* reserved, 0 */
    uint64_t res3;        /* reserved, 0 */
    uint64_t res4;        /* reserved, 0 */
    uint32_t magic;       /* HVABI_AARCH64_IMAGE_MAGIC */
    uint32_t res5;        /* reserved (the PE header offset of EFI images) */
};

#define HVABI_AARCH64_IMAGE_MAGIC              0x644D5241 /* "ARM\x64" */
#define HVABI_AARCH64_IMAGE_FLAG_BIG_ENDIAN    0x1        /* not started */
#define HVABI_AARCH64_IMAGE_BASE_ALIGN         0x200000
#define HVABI_AARCH64_IMAGE_LEGACY_TEXT_OFFSET 0x80000    /* text offset when image_size is 0 */
#define HVABI_AARCH64_DTB_ALIGN                8
#define HVABI_AARCH64_DTB_BLOCK                0x200000

#endif /* HVABI_ARCH_AARCH64_GUEST_ENTRY_H */
