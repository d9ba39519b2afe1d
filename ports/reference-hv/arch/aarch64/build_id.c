/*
 * build_id.c - the build ID of the hypervisor image.
 *
 * The link (lib/runtime/aarch64/image.ld, --build-id=sha1) places the GNU
 * build ID note between __build_id_note_start and __build_id_note_end.  An
 * ELF note is a 12-byte header (name size, descriptor size, type), the name
 * padded to 4 bytes, then the descriptor: for this note, name "GNU" and the
 * build ID as descriptor.
 */
#include "core/arch.h"

#define NOTE_HEADER_SIZE 12u
#define NOTE_TYPE_GNU_BUILD_ID 3u

extern const uint8_t __build_id_note_start[];
extern const uint8_t __build_id_note_end[];

static uint32_t read_word(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t arch_build_id(const uint8_t **id)
{
    const uint8_t *note = __build_id_note_start;
    uint64_t size = (uint64_t)(__build_id_note_end - __build_id_note_start);
    uint32_t name_size;
    uint32_t desc_size;
    uint64_t desc_offset;

    if (size < NOTE_HEADER_SIZE) {
        return 0;
    }
    name_size = read_word(note);
    desc_size = read_word(note + 4);
    if (read_word(note + 8) != NOTE_TYPE_GNU_BUILD_ID) {
        return 0;
    }
    desc_offset = NOTE_HEADER_SIZE + (((uint64_t)name_size + 3u) & ~3ull);
    if (desc_size == 0 || desc_offset + desc_size > size) {
        return 0;
    }
    *id = note + desc_offset;
    return desc_size;
}
