/*
 * crc32.h - the CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF), as zlib computes it.
 *
 * The harness passes checksums of what it gave a domain (its boot
 * arguments, its ramdisk) so that the guest can check that the hypervisor
 * delivered them unchanged.  harness/src/crc32.c computes the same.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_CRC32_H
#define HVABI_CONFORMANCE_SUPPORT_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32_of(const void *data, size_t size);

#endif /* HVABI_CONFORMANCE_SUPPORT_CRC32_H */
