/*
 * tree_test_list.h - the groups of system-tree tests a run boots
 * (tree_test.h), in the order it boots them: ascending 'order', then name.
 *
 * Without a selection, every file NAME.conf of the directory
 * (conformance/system-trees/); with --system-tree NAME, the files named,
 * and with --system-tree-file FILE, those files.
 */
#ifndef HARNESS_TREE_TEST_LIST_H
#define HARNESS_TREE_TEST_LIST_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "tree_test.h"

struct tree_test_list {
    struct tree_test_group *items;
    size_t count;
};

/* What the command line selected; all empty: every group of the directory. */
struct tree_test_selection {
    const char *const *names; /* --system-tree */
    size_t name_count;
    const char *const *files; /* --system-tree-file */
    size_t file_count;
};

/* Reads the groups of dir (which may not exist) that selection selects.
 * Returns 0, or -1 with err set; on error *list is empty. */
int tree_test_list_load(struct tree_test_list *list, const char *dir,
                        const struct tree_test_selection *selection, struct harness_error *err);

/* One line per group, for --list-scenarios. */
void tree_test_list_print(FILE *out, const struct tree_test_list *list);

void tree_test_list_free(struct tree_test_list *list);

#endif
