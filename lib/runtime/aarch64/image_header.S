/*
 * image_header.S - the arm64 Linux "Image" header at offset 0 of every image.
 *
 * Boot loaders (QEMU's -kernel and loader, Xen, the reference hypervisor)
 * recognise an image by this header and enter it at offset 0 with the MMU
 * off and x0 holding the physical address of a device tree.  The first
 * instruction jumps to image_entry, which each image defines.
 *
 * Layout (all fields little-endian), from the Linux arm64 boot protocol:
 *   0x00 code0        branch to the entry point
 *   0x04 code1        unused
 *   0x08 text_offset  0: load at a 2 MiB aligned address
 *   0x10 image_size   bytes from the start to the end of BSS
 *   0x18 flags        bit 0 = 0 little-endian, bits 1-2 = 1 4 KiB pages,
 *                     bit 3 = 1 any 2 MiB aligned base in memory
 *   0x20 res2..res4   zero
 *   0x38 magic        "ARM\x64"
 *   0x3c res5         zero
 */

    .section .text.image_header, "ax"
    .global __image_header
__image_header:
    b       image_entry
    .long   0
    .quad   0
    .long   __image_size_lo32, __image_size_hi32
    .quad   0xa
    .quad   0
    .quad   0
    .quad   0
    .ascii  "ARM\x64"
    .long   0
