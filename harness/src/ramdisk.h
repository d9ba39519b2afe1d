/*
 * ramdisk.h - the ramdisk module the harness gives a domain whose scenario
 * asks for one (ramdisk-kib, scenario.h).
 *
 * Its content is made from the domain's ID alone, so that every boot of a
 * scenario gives the same bytes, and the guest is told their size and CRC-32
 * (hvabi.ramdisk-bytes, hvabi.ramdisk-crc32): it checks that the hypervisor
 * copied every byte unchanged (spec: domain_binding.rst,
 * hvabi~domain-binding-ramdisk-copy~1).
 */
#ifndef HARNESS_RAMDISK_H
#define HARNESS_RAMDISK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Fills buffer with the size bytes of the ramdisk of domain `domain_id`. */
void ramdisk_fill(uint8_t *buffer, size_t size, unsigned domain_id);

/* The CRC-32 of that content. */
uint32_t ramdisk_crc32(size_t size, unsigned domain_id);

/* Writes that content to path.  Returns 0, or -1 with err set. */
int ramdisk_write(const char *path, size_t size, unsigned domain_id, struct harness_error *err);

#endif
