/*
 * deviations.c - reads a port's list of known deviations (see deviations.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "config_file.h"
#include "deviations.h"

enum deviation_key {
    DEVIATION_TEST,
    DEVIATION_REQUIREMENT,
    DEVIATION_OBSERVED,
    DEVIATION_REASON,
    DEVIATION_KEY_COUNT,
};

static const char *const deviation_key_names[DEVIATION_KEY_COUNT] = {
    [DEVIATION_TEST] = "test",
    [DEVIATION_REQUIREMENT] = "requirement",
    [DEVIATION_OBSERVED] = "observed",
    [DEVIATION_REASON] = "reason",
};

/* The section being read, and the line each of its keys was seen on. */
struct section_state {
    struct deviation *entry; /* NULL before the first section */
    unsigned seen_on_line[DEVIATION_KEY_COUNT];
};

static char **member_of(struct deviation *entry, enum deviation_key key)
{
    switch (key) {
    case DEVIATION_TEST:
        return &entry->test;
    case DEVIATION_REQUIREMENT:
        return &entry->requirement;
    case DEVIATION_OBSERVED:
        return &entry->observed;
    case DEVIATION_REASON:
        return &entry->reason;
    case DEVIATION_KEY_COUNT:
        break;
    }
    /* Not reached: callers pass one of the four keys. */
    return &entry->reason;
}

static int find_key(const char *key)
{
    for (int i = 0; i < DEVIATION_KEY_COUNT; i++) {
        if (strcmp(key, deviation_key_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* Checks that the section just finished has all four keys. */
static int finish_section(const char *file_name, const struct section_state *section,
                          struct harness_error *err)
{
    if (section->entry == NULL) {
        return 0;
    }
    for (int i = 0; i < DEVIATION_KEY_COUNT; i++) {
        if (section->seen_on_line[i] == 0) {
            error_set(err, "%s:%u: deviation [%s] has no '%s' key", file_name,
                      section->entry->line, section->entry->id, deviation_key_names[i]);
            return -1;
        }
    }
    return 0;
}

static int start_section(const char *file_name, const struct config_line *line,
                         struct deviation_list *list, struct section_state *section,
                         struct harness_error *err)
{
    struct deviation *entry;

    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].id, line->key) == 0) {
            error_set(err, "%s:%u: duplicate deviation ID [%s] (first on line %u)", file_name,
                      line->number, line->key, list->items[i].line);
            return -1;
        }
    }
    list->items = alloc_resize(list->items, list->count + 1, sizeof(list->items[0]));
    entry = &list->items[list->count];
    list->count++;
    memset(entry, 0, sizeof(*entry));
    entry->id = alloc_text(line->key);
    entry->line = line->number;

    memset(section, 0, sizeof(*section));
    section->entry = entry;
    return 0;
}

static int take_entry(const char *file_name, const struct config_line *line,
                      const struct deviation_list *list, struct section_state *section,
                      struct harness_error *err)
{
    int key = find_key(line->key);

    if (section->entry == NULL) {
        error_set(err, "%s:%u: '%s = ...' outside a section; start one with [ID]", file_name,
                  line->number, line->key);
        return -1;
    }
    if (key < 0) {
        error_set(err, "%s:%u: unknown key '%s' in [%s]", file_name, line->number, line->key,
                  section->entry->id);
        return -1;
    }
    if (section->seen_on_line[key] != 0) {
        error_set(err, "%s:%u: duplicate key '%s' in [%s] (first on line %u)", file_name,
                  line->number, line->key, section->entry->id, section->seen_on_line[key]);
        return -1;
    }
    if (line->value[0] == '\0') {
        error_set(err, "%s:%u: '%s' in [%s] must not be empty", file_name, line->number,
                  line->key, section->entry->id);
        return -1;
    }
    if (key == DEVIATION_TEST) {
        const struct deviation *other = deviations_find_test(list, line->value);

        if (other != NULL) {
            error_set(err, "%s:%u: test '%s' is already listed as deviation [%s] (line %u)",
                      file_name, line->number, line->value, other->id, other->line);
            return -1;
        }
    }
    section->seen_on_line[key] = line->number;
    *member_of(section->entry, (enum deviation_key)key) = alloc_text(line->value);
    return 0;
}

int deviations_read(FILE *file, const char *file_name, struct deviation_list *list,
                    struct harness_error *err)
{
    struct config_reader lines;
    struct config_line line;
    struct section_state section;
    int status;

    list->items = NULL;
    list->count = 0;
    memset(&section, 0, sizeof(section));
    config_reader_init(&lines, file, file_name, true);

    while ((status = config_reader_next(&lines, &line, err)) > 0) {
        if (line.kind == CONFIG_LINE_SECTION) {
            status = finish_section(file_name, &section, err);
            if (status == 0) {
                status = start_section(file_name, &line, list, &section, err);
            }
        } else {
            status = take_entry(file_name, &line, list, &section, err);
        }
        if (status != 0) {
            break;
        }
    }
    if (status == 0) {
        status = finish_section(file_name, &section, err);
    }

    config_reader_free(&lines);
    if (status != 0) {
        deviations_free(list);
        return -1;
    }
    return 0;
}

int deviations_load(const char *file_name, struct deviation_list *list,
                    struct harness_error *err)
{
    FILE *file = fopen(file_name, "r");
    int status;

    if (file == NULL) {
        error_set(err, "cannot open deviations file %s: %s", file_name, strerror(errno));
        return -1;
    }
    status = deviations_read(file, file_name, list, err);
    fclose(file);
    return status;
}

const struct deviation *deviations_find_test(const struct deviation_list *list,
                                             const char *test)
{
    if (list == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < list->count; i++) {
        if (list->items[i].test != NULL && strcmp(list->items[i].test, test) == 0) {
            return &list->items[i];
        }
    }
    return NULL;
}

void deviations_free(struct deviation_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].id);
        free(list->items[i].test);
        free(list->items[i].requirement);
        free(list->items[i].observed);
        free(list->items[i].reason);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
