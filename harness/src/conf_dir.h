/*
 * conf_dir.h - a directory of NAME.conf files, as the scenarios
 * (conformance/scenarios/) and the system-tree tests
 * (conformance/system-trees/) are kept.
 */
#ifndef HARNESS_CONF_DIR_H
#define HARNESS_CONF_DIR_H

#include <stdbool.h>

#include "error.h"
#include "text.h"

#define CONF_FILE_SUFFIX ".conf"

/*
 * Whether `name` may be the NAME of such a file: 1 to 64 letters, digits,
 * '_' and '-'.  The name goes into JUnit suite and class names, where '.'
 * separates levels, and into the names of files the harness writes.
 */
bool conf_name_is_valid(const char *name);

/* The NAME of the file at `path`: without its directory and without ".conf". */
char *conf_name_of_path(const char *path);

/*
 * Appends to `names` the NAME of every NAME.conf of `dir`, sorted; none
 * when `dir` does not exist.  Returns 0, or -1 with `err` set: a directory
 * that cannot be read is called `dir_kind` in the message ("the scenario
 * directory"), a file whose NAME is not valid `name_kind` ("the file's name").
 */
int conf_dir_names(const char *dir, const char *dir_kind, const char *name_kind,
                   struct text_list *names, struct harness_error *err);

#endif
