/*
 * hvabi/domain_binding.h - values of the system device tree binding for
 * domains, and the header of the kernel image a domain boots.
 *
 * Specification: spec/chapters/domain_binding.rst.
 */
#ifndef HVABI_DOMAIN_BINDING_H
#define HVABI_DOMAIN_BINDING_H

#include <stdint.h>

/* Bits of the "capabilities" property of a domain node. */
#define HVABI_DOMAIN_CAPS_CONTROL  0x1 /* the domain is a control domain */
#define HVABI_DOMAIN_CAPS_HARDWARE 0x2 /* Xen's hardware domain; refused by this version */
#define HVABI_DOMAIN_CAPS_XENSTORE 0x4 /* Xen's Xenstore domain; refused by this version */

/* Local ports of static event channels: 1 to this value. */
#define HVABI_STATIC_EVTCHN_PORT_MAX 1023

/* The kernel image: an arm64 Linux "Image", little-endian fields. */
#define HVABI_IMAGE_MAGIC              0x644d5241 /* "ARM\x64" at offset 0x38 */
#define HVABI_IMAGE_BASE_ALIGN         0x200000   /* load base alignment, 2 MiB */
#define HVABI_IMAGE_LEGACY_TEXT_OFFSET 0x80000    /* text_offset when image_size is 0 */

/* The first 64 bytes of a kernel image. */
struct hvabi_image_header {
    uint32_t code0;       /* first instruction, executed at entry */
    uint32_t code1;       /* second instruction */
    uint64_t text_offset; /* offset of the image from a 2 MiB aligned base */
    uint64_t image_size;  /* bytes the image occupies when loaded, BSS included; 0 if unknown */
    uint64_t flags;       /* kernel flags; not interpreted by this specification */
    uint64_t res2;        /* reserved */
    uint64_t res3;        /* reserved */
    uint64_t res4;        /* reserved */
    uint32_t magic;       /* HVABI_IMAGE_MAGIC */
    uint32_t res5;        /* reserved */
};

#endif /* HVABI_DOMAIN_BINDING_H */
