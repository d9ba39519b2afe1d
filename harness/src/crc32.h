/*
 * crc32.h - the CRC-32 of IEEE 802.3 (zlib's crc32()).
 *
 * The harness gives a domain checksums of what it configured for it (its
 * boot arguments, its ramdisk), so that the guest can check that the
 * hypervisor delivered them unchanged; conformance/support/crc32.c
 * computes the same function.
 */
#ifndef HARNESS_CRC32_H
#define HARNESS_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* The CRC of size bytes at data, continued from crc (0 to start). */
uint32_t crc32_update(uint32_t crc, const void *data, size_t size);

#endif
