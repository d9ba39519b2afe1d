/*
 * scenario_list.h - the scenarios a run boots, in the order it boots them.
 *
 * Without a selection, a run boots every scenario file of the scenario
 * directory (each NAME.conf of conformance/scenarios/); when there is
 * none, the harness's default scenario (harness/default-scenario.conf: the
 * conformance guest alone in one domain).  --scenario NAME selects
 * conformance/scenarios/NAME.conf, --scenario-file FILE any file; both may
 * be given several times.  Scenarios run in ascending order (their 'order'
 * key), then by name; a name is its file's name without ".conf", and two
 * scenarios of one run may not have the same name.
 */
#ifndef HARNESS_SCENARIO_LIST_H
#define HARNESS_SCENARIO_LIST_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "scenario.h"

#define SCENARIO_DEFAULT_NAME "default"

struct scenario_list {
    struct scenario *items;
    size_t count;
};

/* What the command line selected; all empty: every scenario. */
struct scenario_selection {
    const char *const *names; /* --scenario */
    size_t name_count;
    const char *const *files; /* --scenario-file */
    size_t file_count;
};

/*
 * Reads the scenarios of a run from scenario_dir (which may not exist) or
 * default_file, as described above.  Returns 0, or -1 with err set; on
 * error *list is empty.
 */
int scenario_list_load(struct scenario_list *list, const char *scenario_dir,
                       const char *default_file, const struct scenario_selection *selection,
                       struct harness_error *err);

/* One line per scenario, for --list-scenarios:
 * "pair  (order 20, 2 domains: main, peer)  two domains: ...  [FILE]". */
void scenario_list_print(FILE *out, const struct scenario_list *list);

void scenario_list_free(struct scenario_list *list);

#endif
