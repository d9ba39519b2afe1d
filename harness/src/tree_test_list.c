/*
 * tree_test_list.c - the groups of system-tree tests a run boots (see
 * tree_test_list.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "conf_dir.h"
#include "tree_test_list.h"

/* Reads the group in file (dir/name.conf when file is NULL) and appends it. */
static int add_group(struct tree_test_list *list, const char *dir, const char *name,
                     const char *given_file, struct harness_error *err)
{
    char *file = given_file != NULL ? alloc_text(given_file)
                                    : alloc_printf("%s/%s" CONF_FILE_SUFFIX, dir, name);
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

/* Every NAME.conf of dir, in the order of their names; none when dir does not exist. */
static int add_every_group(struct tree_test_list *list, const char *dir,
                           struct harness_error *err)
{
    struct text_list names = { NULL, 0, 0 };
    int status = conf_dir_names(dir, "the directory of system-tree tests", "the file's name",
                                &names, err);

    for (size_t i = 0; i < names.count && status == 0; i++) {
        status = add_group(list, dir, names.items[i], NULL, err);
    }
    text_list_free(&names);
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

        if (!conf_name_is_valid(name)) {
            error_set(err, "'%s' is not the name of a file of system-tree tests", name);
            status = -1;
        } else {
            status = add_group(list, dir, name, NULL, err);
        }
    }
    for (size_t i = 0; i < selection->file_count && status == 0; i++) {
        char *name = conf_name_of_path(selection->files[i]);

        if (!conf_name_is_valid(name)) {
            error_set(err, "%s: the file's name must be letters, digits, '_' and '-' before "
                           CONF_FILE_SUFFIX,
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
