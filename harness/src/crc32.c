/*
 * crc32.c - the CRC-32 of IEEE 802.3 (see crc32.h).
 */
#include "crc32.h"

uint32_t crc32_update(uint32_t crc, const void *data, size_t size)
{
    const uint8_t *bytes = data;

    crc = ~crc;
    for (size_t i = 0; i < size; i++) {
        crc ^= bytes[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc & 1) != 0 ? 0xEDB88320U ^ (crc >> 1) : crc >> 1;
        }
    }
    return ~crc;
}
