/*
 * config_file.c - reads the line format shared by port.conf and
 * deviations.conf (see config_file.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "config_file.h"
#include "text.h"

void config_reader_init(struct config_reader *reader, FILE *file, const char *file_name,
                        bool sections_allowed)
{
    reader->file = file;
    reader->file_name = file_name;
    reader->sections_allowed = sections_allowed;
    reader->line_number = 0;
    reader->buffer = NULL;
    reader->buffer_size = 0;
}

void config_reader_free(struct config_reader *reader)
{
    free(reader->buffer);
    reader->buffer = NULL;
    reader->buffer_size = 0;
}

/* "[name]": fills in line, or returns -1 with err set. */
static int parse_section(struct config_reader *reader, char *text, struct config_line *line,
                         struct harness_error *err)
{
    size_t length = strlen(text);
    char *name;

    if (!reader->sections_allowed) {
        error_set(err, "%s:%u: section headers such as '%s' are not used in this file",
                  reader->file_name, reader->line_number, text);
        return -1;
    }
    if (length < 2 || text[length - 1] != ']') {
        error_set(err, "%s:%u: a section header must look like '[NAME]', found '%s'",
                  reader->file_name, reader->line_number, text);
        return -1;
    }
    text[length - 1] = '\0';
    name = text_trim(text + 1);
    if (name[0] == '\0') {
        error_set(err, "%s:%u: empty section name", reader->file_name, reader->line_number);
        return -1;
    }
    line->kind = CONFIG_LINE_SECTION;
    line->key = name;
    line->value = "";
    return 1;
}

/* "key = value": fills in line, or returns -1 with err set. */
static int parse_entry(struct config_reader *reader, char *text, struct config_line *line,
                       struct harness_error *err)
{
    char *equals = strchr(text, '=');
    char *key;

    if (equals == NULL) {
        error_set(err, "%s:%u: expected 'key = value', found '%s'", reader->file_name,
                  reader->line_number, text);
        return -1;
    }
    *equals = '\0';
    key = text_trim(text);
    if (key[0] == '\0') {
        error_set(err, "%s:%u: no key before '='", reader->file_name, reader->line_number);
        return -1;
    }
    line->kind = CONFIG_LINE_ENTRY;
    line->key = key;
    line->value = text_trim(equals + 1);
    return 1;
}

int config_reader_next(struct config_reader *reader, struct config_line *line,
                       struct harness_error *err)
{
    for (;;) {
        ssize_t length;
        char *text;

        errno = 0;
        length = getline(&reader->buffer, &reader->buffer_size, reader->file);
        if (length < 0) {
            if (ferror(reader->file)) {
                error_set(err, "%s:%u: cannot read: %s", reader->file_name,
                          reader->line_number + 1, strerror(errno));
                return -1;
            }
            return 0;
        }
        reader->line_number++;
        line->number = reader->line_number;

        /* A line ends at its newline, or at a NUL byte a broken file may hold. */
        text = reader->buffer;
        text[strcspn(text, "\r\n")] = '\0';
        text = text_trim(text);

        if (text[0] == '\0' || text[0] == '#') {
            continue;
        }
        if (text[0] == '[') {
            return parse_section(reader, text, line, err);
        }
        return parse_entry(reader, text, line, err);
    }
}
