/*
 * conf_dir.c - a directory of NAME.conf files (see conf_dir.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "conf_dir.h"

bool conf_name_is_valid(const char *name)
{
    if (name[0] == '\0' || strlen(name) > 64) {
        return false;
    }
    for (const char *c = name; *c != '\0'; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '-')) {
            return false;
        }
    }
    return true;
}

/* The length of `base` without a ".conf" at its end. */
static size_t length_without_suffix(const char *base)
{
    size_t length = strlen(base);
    size_t suffix = strlen(CONF_FILE_SUFFIX);

    if (length > suffix && strcmp(base + length - suffix, CONF_FILE_SUFFIX) == 0) {
        return length - suffix;
    }
    return length;
}

char *conf_name_of_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;

    return alloc_text_n(base, length_without_suffix(base));
}

int conf_dir_names(const char *dir, const char *dir_kind, const char *name_kind,
                   struct text_list *names, struct harness_error *err)
{
    struct dirent **entries = NULL;
    int count = scandir(dir, &entries, NULL, alphasort);
    int status = 0;

    if (count < 0) {
        if (errno == ENOENT) {
            return 0;
        }
        error_set(err, "cannot read %s %s: %s", dir_kind, dir, strerror(errno));
        return -1;
    }
    for (int i = 0; i < count; i++) {
        const char *file = entries[i]->d_name;
        size_t length = length_without_suffix(file);

        if (status == 0 && file[0] != '.' && length < strlen(file)) {
            char *name = alloc_text_n(file, length);

            if (!conf_name_is_valid(name)) {
                error_set(err,
                          "%s/%s: %s must be letters, digits, '_' and '-' before " CONF_FILE_SUFFIX,
                          dir, file, name_kind);
                status = -1;
                free(name);
            } else {
                text_list_add_owned(names, name);
            }
        }
        free(entries[i]);
    }
    free(entries);
    return status;
}
