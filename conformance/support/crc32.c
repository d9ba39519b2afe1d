/*
 * crc32.c - the CRC-32 of IEEE 802.3 (see crc32.h).
 */
#include <stdbool.h>

#include "support/crc32.h"

static uint32_t table[256];
static bool table_ready;

static void make_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;

        for (int k = 0; k < 8; k++) {
            c = (c & 1) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        }
        table[n] = c;
    }
    table_ready = true;
}

uint32_t crc32_of(const void *data, size_t size)
{
    const uint8_t *bytes = data;
    uint32_t crc = 0xFFFFFFFFU;

    if (!table_ready) {
        make_table();
    }
    for (size_t i = 0; i < size; i++) {
        crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFU;
}
