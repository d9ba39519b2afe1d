/*
 * ramdisk.c - the content of a domain's ramdisk (see ramdisk.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "crc32.h"
#include "ramdisk.h"

/*
 * A xorshift64 sequence seeded from the domain ID: bytes that no two
 * domains share and that show any reordering or truncation in the CRC.
 */
void ramdisk_fill(uint8_t *buffer, size_t size, unsigned domain_id)
{
    uint64_t state = 0x9e3779b97f4a7c15ULL * ((uint64_t)domain_id + 1);

    for (size_t i = 0; i < size; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        buffer[i] = (uint8_t)(state >> 24);
    }
}

uint32_t ramdisk_crc32(size_t size, unsigned domain_id)
{
    uint8_t *content = alloc_zeroed(size > 0 ? size : 1, 1);
    uint32_t crc;

    ramdisk_fill(content, size, domain_id);
    crc = crc32_update(0, content, size);
    free(content);
    return crc;
}

int ramdisk_write(const char *path, size_t size, unsigned domain_id, struct harness_error *err)
{
    uint8_t *content = alloc_zeroed(size > 0 ? size : 1, 1);
    FILE *file = fopen(path, "wbe");
    bool written;

    if (file == NULL) {
        error_set(err, "cannot write the ramdisk %s: %s", path, strerror(errno));
        free(content);
        return -1;
    }
    ramdisk_fill(content, size, domain_id);
    written = fwrite(content, 1, size, file) == size;
    free(content);
    if (fclose(file) != 0 || !written) {
        error_set(err, "cannot write the ramdisk %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
