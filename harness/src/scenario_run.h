/*
 * scenario_run.h - boots one scenario, again and again after crashes,
 * until each test of its domains has a result.
 *
 * Each boot gets its own system device tree (the domains' boot arguments
 * change: a resumed boot passes hvabi.start), its own QEMU and its own
 * session; after it, the session is merged into the scenario's results
 * (scenario_results.h).  When a domain crashed in a test that is not its
 * last, the scenario boots again, at most max_restarts times; after that
 * the tests left are failed "not run: too many crashes".
 */
#ifndef HARNESS_SCENARIO_RUN_H
#define HARNESS_SCENARIO_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "deviations.h"
#include "error.h"
#include "monitor.h"
#include "qemu_command.h"
#include "scenario.h"
#include "scenario_results.h"
#include "signal_watch.h"
#include "system_tree.h"
#include "text.h"
#include "topology.h"

/* What every boot of a run shares. */
struct boot_settings {
    const struct qemu_machine *machine;
    const char *hypervisor;
    const struct system_tree_settings *tree_settings;
    const void *machine_tree;        /* dumped once per run */
    size_t machine_tree_size;
    const char *guest_path;
    const char *work_dir;            /* where the system trees are written */
    struct text_list *written_files; /* each tree written is added, for removal */
    const struct signal_watch *signals;
    struct monitor_settings limits;
    unsigned max_restarts;
    const struct deviation_list *deviations;
    FILE *report;
    FILE *raw_log;                   /* or NULL */
    bool verbose;
};

enum scenario_run_end {
    SCENARIO_RUN_DONE,            /* every boot it needed is done */
    SCENARIO_RUN_HARNESS_STOPPED, /* a signal stopped the harness: run no more */
    SCENARIO_RUN_ERROR,           /* a boot could not be made: err says why */
};

/* Boots scenario, with results (initialised with scenario_results_init())
 * and prefix for the result lines. */
enum scenario_run_end scenario_run(const struct boot_settings *settings,
                                   const struct scenario *scenario,
                                   struct scenario_results *results, const char *prefix,
                                   struct harness_error *err);

/* Writes the ramdisk of each domain of topology that has one to the work
 * directory, and sets its path.  Returns 0, or -1 with err set. */
int scenario_run_write_ramdisks(const struct boot_settings *settings,
                                const struct scenario *scenario, struct topology *topology,
                                struct harness_error *err);

/* The file name of a boot's system tree: "system.dtb" for the first boot
 * of the default scenario (as before scenarios existed), else
 * "system-<scenario>[-boot<N>].dtb".  A new string. */
char *scenario_run_tree_name(const struct scenario *scenario, unsigned boot);

#endif
