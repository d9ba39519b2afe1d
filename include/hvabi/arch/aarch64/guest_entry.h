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

/* The Image header: its size and the offsets of the fields that matter. */
#define HVABI_AARCH64_IMAGE_HEADER_SIZE     64
#define HVABI_AARCH64_IMAGE_TEXT_OFFSET     8  /* uint64_t text_offset */
#define HVABI_AARCH64_IMAGE_IMAGE_SIZE      16 /* uint64_t image_size (0: unknown) */
#define HVABI_AARCH64_IMAGE_FLAGS           24 /* uint64_t flags */
#define HVABI_AARCH64_IMAGE_MAGIC_OFFSET    56 /* uint32_t magic */

#define HVABI_AARCH64_IMAGE_MAGIC           0x644D5241 /* "ARM\x64" */
#define HVABI_AARCH64_IMAGE_FLAG_BIG_ENDIAN 0x1        /* not started */
#define HVABI_AARCH64_IMAGE_BASE_ALIGN      0x200000
#define HVABI_AARCH64_DTB_ALIGN             8
#define HVABI_AARCH64_DTB_BLOCK             0x200000

#endif /* HVABI_ARCH_AARCH64_GUEST_ENTRY_H */
