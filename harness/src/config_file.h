/*
 * config_file.h - reads the line format shared by port.conf and
 * deviations.conf.
 *
 * A line is blank, a comment (its first non-blank character is '#'), a
 * section header "[NAME]" (only where sections are allowed), or
 * "key = value".  Blanks around the key, the name and the value are
 * dropped; the value may be empty and may contain '=' and '#'.
 */
#ifndef HARNESS_CONFIG_FILE_H
#define HARNESS_CONFIG_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

enum config_line_kind {
    CONFIG_LINE_ENTRY,   /* key = value */
    CONFIG_LINE_SECTION, /* [key] */
};

struct config_line {
    enum config_line_kind kind;
    unsigned number;   /* 1 for the first line of the file */
    const char *key;   /* the key, or the section name */
    const char *value; /* "" for a section */
};

struct config_reader {
    FILE *file;
    const char *file_name; /* for messages */
    bool sections_allowed;
    unsigned line_number;
    char *buffer; /* the current line; key and value point into it */
    size_t buffer_size;
};

void config_reader_init(struct config_reader *reader, FILE *file, const char *file_name,
                        bool sections_allowed);

/*
 * Reads up to the next entry or section header.  Returns 1 with *line
 * filled in (valid until the next call), 0 at the end of the file, -1 with
 * err set ("FILE:LINE: ...") on a line that fits none of the forms or when
 * the file cannot be read.
 */
int config_reader_next(struct config_reader *reader, struct config_line *line,
                       struct harness_error *err);

void config_reader_free(struct config_reader *reader);

#endif
