/*
 * tree_test_list.c - the groups of system-tree tests a run boots (see
 * tree_test_list.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "tree_test_list.h"

#define GROUP_FILE_SUFFIX ".conf"

/* Letters, digits, '_' and '-': the name goes into JUnit names and files. */
static bool is_group_name(const char *name)
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

/* The file's name without its directory and without ".conf". */
static char *name_of_file(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t length = strlen(base);
    size_t suffix = strlen(GROUP_FILE_SUFFIX);

    if (length > suffix && strcmp(base + length - suffix, GROUP_FILE_SUFFIX) == 0) {
        length -= suffix;
    }
    return alloc_text_n(base, length);
}

/* Reads the group in file (dir/name.conf when file is NULL) and appends it. */
static int add_group(struct tree_test_list *list, const char *dir, const char *name,
                     const char *given_file, struct harness_error *err)
{
    char *file = given_file != NULL ? alloc_text(given_file)
                                    : alloc_printf("%s/%s" GROUP_FILE_SUFFIX, dir, name);
    struct tree_test_group group;
    int status;

    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].layout.name, name) == 0) {
            error_set(err, "system-tree tests %s are selected twice", name);
            free(file);
            return -1;
        }
    }
    status = tree_test_group_load(file, name, &group, err);
    free(file);
    if (status != 0) {
        return -1;
    }
    list->items = alloc_resize(list->items, list->count + 1, sizeof(list->items[0]));
    list->items[list->count] = group;
    list->count++;
    return 0;
}

/* Every NAME.conf of dir; none when dir does not exist. */
static int add_every_group(struct tree_test_list *list, const char *dir,
                           struct harness_error *err)
{
    struct dirent **entries = NULL;
    int count = scandir(dir, &entries, NULL, alphasort);
    int status = 0;

    if (count < 0) {
        if (errno == ENOENT) {
            return 0;
        }
        error_set(err, "cannot read the directory of system-tree tests %s: %s", dir,
                  strerror(errno));
        return -1;
    }
    for (int i = 0; i < count; i++) {
        const char *file = entries[i]->d_name;
        size_t length = strlen(file);
        size_t suffix = strlen(GROUP_FILE_SUFFIX);

        if (status == 0 && file[0] != '.' && length > suffix &&
            strcmp(file + length - suffix, GROUP_FILE_SUFFIX) == 0) {
            char *name = alloc_text_n(file, length - suffix);

            if (!is_group_name(name)) {
                error_set(err, "%s/%s: the file's name must be letters, digits, '_' and '-' "
                               "before " GROUP_FILE_SUFFIX,
                          dir, file);
                status = -1;
            } else {
                status = add_group(list, dir, name, NULL, err);
            }
            free(name);
        }
        free(entries[i]);
    }
    free(entries);
    return status;
}

static int compare_groups(const void *a, const void *b)
{
    const struct tree_test_group *left = a;
    const struct tree_test_group *right = b;

    if (left->layout.order != right->layout.order) {
        return left->layout.order < right->layout.order ? -1 : 1;
    }
    return strcmp(left->layout.name, right->layout.name);
}

int tree_test_list_load(struct tree_test_list *list, const char *dir,
                        const struct tree_test_selection *selection, struct harness_error *err)
{
    bool everything = selection->name_count == 0 && selection->file_count == 0;
    int status = 0;

    memset(list, 0, sizeof(*list));
    if (everything) {
        status = add_every_group(list, dir, err);
    }
    for (size_t i = 0; i < selection->name_count && status == 0; i++) {
        const char *name = selection->names[i];

        if (!is_group_name(name)) {
            error_set(err, "'%s' is not the name of a file of system-tree tests", name);
            status = -1;
        } else {
            status = add_group(list, dir, name, NULL, err);
        }
    }
    for (size_t i = 0; i < selection->file_count && status == 0; i++) {
        char *name = name_of_file(selection->files[i]);

        if (!is_group_name(name)) {
            error_set(err, "%s: the file's name must be letters, digits, '_' and '-' before "
                           GROUP_FILE_SUFFIX,
                      selection->files[i]);
            status = -1;
        } else {
            status = add_group(list, dir, name, selection->files[i], err);
        }
        free(name);
    }
    if (status != 0) {
        tree_test_list_free(list);
        return -1;
    }
    if (everything) {
        qsort(list->items, list->count, sizeof(list->items[0]), compare_groups);
    }
    return 0;
}

void tree_test_list_print(FILE *out, const struct tree_test_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        const struct tree_test_group *group = &list->items[i];

        fprintf(out, "%s  (system-tree tests, order %u, %zu test%s)  %s  [%s]\n",
                group->layout.name, group->layout.order, group->count,
                group->count == 1 ? "" : "s", group->layout.description, group->layout.file);
    }
}

void tree_test_list_free(struct tree_test_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        tree_test_group_free(&list->items[i]);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}
