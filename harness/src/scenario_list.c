/*
 * scenario_list.c - the scenarios a run boots (see scenario_list.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "conf_dir.h"
#include "scenario_list.h"
#include "text.h"

/* Reads a scenario and appends it, unless a scenario of that name is in
 * the list already. */
static int add_scenario(struct scenario_list *list, const char *file, const char *name,
                        bool is_default, struct harness_error *err)
{
    struct scenario scenario;

    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].name, name) == 0) {
            error_set(err, "scenario %s is selected twice: %s and %s", name,
                      list->items[i].file, file);
            return -1;
        }
    }
    if (scenario_load(file, name, &scenario, err) != 0) {
        return -1;
    }
    scenario.is_default = is_default;
    list->items = alloc_resize(list->items, list->count + 1, sizeof(list->items[0]));
    list->items[list->count] = scenario;
    list->count++;
    return 0;
}

static char *join_names(const struct text_list *names)
{
    char *joined = alloc_text(names->count == 0 ? "(none)" : "");

    for (size_t i = 0; i < names->count; i++) {
        char *longer = alloc_printf("%s%s%s", joined, i == 0 ? "" : ", ", names->items[i]);

        free(joined);
        joined = longer;
    }
    return joined;
}

/* --scenario NAME: conformance/scenarios/NAME.conf, which must exist. */
static int add_named(struct scenario_list *list, const char *dir, const struct text_list *found,
                     const char *name, struct harness_error *err)
{
    bool exists = false;
    char *file;
    int status;

    for (size_t i = 0; i < found->count; i++) {
        exists = exists || strcmp(found->items[i], name) == 0;
    }
    if (!exists) {
        char *names = join_names(found);

        error_set(err, "no scenario '%s' (no file %s/%s" CONF_FILE_SUFFIX
                       "); the scenarios are: %s",
                  name, dir, name, names);
        free(names);
        return -1;
    }
    file = alloc_printf("%s/%s" CONF_FILE_SUFFIX, dir, name);
    status = add_scenario(list, file, name, false, err);
    free(file);
    return status;
}

/* --scenario-file FILE. */
static int add_file(struct scenario_list *list, const char *file, struct harness_error *err)
{
    char *name = conf_name_of_path(file);
    int status;

    if (!conf_name_is_valid(name)) {
        error_set(err,
                  "--scenario-file %s: a scenario file's name must be letters, digits, '_' "
                  "and '-' (before " CONF_FILE_SUFFIX ")",
                  file);
        free(name);
        return -1;
    }
    status = add_scenario(list, file, name, false, err);
    free(name);
    return status;
}

/* Ascending order, then by name. */
static int compare_scenarios(const void *a, const void *b)
{
    const struct scenario *left = a;
    const struct scenario *right = b;

    if (left->order != right->order) {
        return left->order < right->order ? -1 : 1;
    }
    return strcmp(left->name, right->name);
}

static int load_selected(struct scenario_list *list, const char *scenario_dir,
                         const char *default_file, const struct scenario_selection *selection,
                         struct harness_error *err)
{
    struct text_list found = { NULL, 0, 0 };
    bool selected = selection->name_count > 0 || selection->file_count > 0;
    int status = conf_dir_names(scenario_dir, "the scenario directory",
                                "a scenario file's name", &found, err);

    for (size_t i = 0; status == 0 && i < selection->name_count; i++) {
        status = add_named(list, scenario_dir, &found, selection->names[i], err);
    }
    for (size_t i = 0; status == 0 && i < selection->file_count; i++) {
        status = add_file(list, selection->files[i], err);
    }
    for (size_t i = 0; status == 0 && !selected && i < found.count; i++) {
        char *file = alloc_printf("%s/%s" CONF_FILE_SUFFIX, scenario_dir, found.items[i]);

        status = add_scenario(list, file, found.items[i], false, err);
        free(file);
    }
    if (status == 0 && !selected && found.count == 0) {
        status = add_scenario(list, default_file, SCENARIO_DEFAULT_NAME, true, err);
    }
    text_list_free(&found);
    return status;
}

int scenario_list_load(struct scenario_list *list, const char *scenario_dir,
                       const char *default_file, const struct scenario_selection *selection,
                       struct harness_error *err)
{
    memset(list, 0, sizeof(*list));
    if (load_selected(list, scenario_dir, default_file, selection, err) != 0) {
        scenario_list_free(list);
        return -1;
    }
    qsort(list->items, list->count, sizeof(list->items[0]), compare_scenarios);
    return 0;
}

void scenario_list_print(FILE *out, const struct scenario_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        const struct scenario *scenario = &list->items[i];

        fprintf(out, "%s  (order %u, %zu domain%s:", scenario->name, scenario->order,
                scenario->domain_count, scenario->domain_count == 1 ? "" : "s");
        for (size_t d = 0; d < scenario->domain_count; d++) {
            fprintf(out, "%s %s", d == 0 ? "" : ",", scenario->domains[d].name);
        }
        fprintf(out, ")  %s  [%s]\n", scenario->description, scenario->file);
    }
}

void scenario_list_free(struct scenario_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        scenario_free(&list->items[i]);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}
