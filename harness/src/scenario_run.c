/*
 * scenario_run.c - boots one scenario until each test has a result
 * (see scenario_run.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "child_events.h"
#include "child_process.h"
#include "ramdisk.h"
#include "report.h"
#include "scenario_run.h"
#include "session.h"
#include "topology.h"

char *scenario_run_tree_name(const struct scenario *scenario, unsigned boot)
{
    if (scenario->is_default) {
        return boot == 1 ? alloc_text("system.dtb") : alloc_printf("system-boot%u.dtb", boot);
    }
    return boot == 1 ? alloc_printf("system-%s.dtb", scenario->name)
                     : alloc_printf("system-%s-boot%u.dtb", scenario->name, boot);
}

static int write_file(const char *path, const void *data, size_t size,
                      struct harness_error *err)
{
    FILE *file = fopen(path, "wbe");
    bool written;

    if (file == NULL) {
        error_set(err, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    written = fwrite(data, 1, size, file) == size;
    if (fclose(file) != 0 || !written) {
        error_set(err, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The system tree of one boot, written to the work directory; its path in
 * *tree_path (free() it). */
static int write_system_tree(const struct boot_settings *settings,
                             const struct scenario *scenario, unsigned boot,
                             struct topology *topology, char **tree_path,
                             struct harness_error *err)
{
    void *tree = NULL;
    size_t tree_size = 0;
    char *name;
    int status;

    if (system_tree_build(settings->machine_tree, settings->machine_tree_size,
                          settings->tree_settings, topology, &tree, &tree_size, err) != 0) {
        return -1;
    }
    name = scenario_run_tree_name(scenario, boot);
    *tree_path = alloc_printf("%s/%s", settings->work_dir, name);
    free(name);
    status = write_file(*tree_path, tree, tree_size, err);
    if (status == 0) {
        text_list_add(settings->written_files, *tree_path);
    }
    free(tree);
    return status;
}

int scenario_run_write_ramdisks(const struct boot_settings *settings,
                                const struct scenario *scenario, struct topology *topology,
                                struct harness_error *err)
{
    for (size_t i = 0; i < topology->count; i++) {
        struct domain_config *domain = &topology->domains[i];

        if (domain->ramdisk_size == 0) {
            continue;
        }
        free(domain->ramdisk_path);
        domain->ramdisk_path = alloc_printf("%s/ramdisk-%s-d%u.img", settings->work_dir,
                                            scenario->name, domain->id);
        if (ramdisk_write(domain->ramdisk_path, (size_t)domain->ramdisk_size, domain->id,
                          err) != 0) {
            return -1;
        }
        /* Listed once per boot: removing a file twice does no harm. */
        text_list_add(settings->written_files, domain->ramdisk_path);
    }
    return 0;
}

/* The QEMU command of the next boot: its topology (from the results so
 * far), its system tree written.  Returns 0, or -1 with err set. */
static int prepare_boot(const struct boot_settings *settings, const struct scenario *scenario,
                        const struct scenario_results *results, struct text_list *argv,
                        struct harness_error *err)
{
    unsigned boot = results->boots + 1;
    unsigned *first_tests = alloc_zeroed(scenario->domain_count, sizeof(first_tests[0]));
    struct topology topology;
    char *tree_path = NULL;
    int status;

    /* The first boot passes no hvabi.start: every domain runs from test 1. */
    scenario_results_first_tests(results, first_tests);
    status = topology_from_scenario(&topology, scenario, settings->guest_path,
                                    boot == 1 ? NULL : first_tests, err);
    free(first_tests);
    if (status != 0) {
        return -1;
    }
    status = scenario_run_write_ramdisks(settings, scenario, &topology, err);
    if (status == 0) {
        status = write_system_tree(settings, scenario, boot, &topology, &tree_path, err);
    }
    if (status == 0) {
        qemu_boot_command(argv, settings->machine, settings->hypervisor, tree_path, &topology);
    }
    topology_free(&topology);
    free(tree_path);
    return status;
}

/* One boot: QEMU, the session, the merge.  Returns how the monitor ended,
 * or -1 with err set when QEMU could not be started. */
static int boot_once(const struct boot_settings *settings, const struct scenario *scenario,
                     struct scenario_results *results, const char *prefix,
                     struct harness_error *err)
{
    struct text_list argv = { NULL, 0, 0 };
    struct session_domain_settings *domains;
    struct child_process qemu;
    struct session session;
    enum monitor_end end;
    int status;

    if (prepare_boot(settings, scenario, results, &argv, err) != 0) {
        text_list_free(&argv);
        return -1;
    }
    if (settings->verbose) {
        fprintf(settings->report, "QEMU command: ");
        qemu_print_command(settings->report, &argv);
        fflush(settings->report);
    }
    status = child_start(&qemu, argv.items, &settings->signals->original, err);
    text_list_free(&argv);
    if (status != 0) {
        return -1;
    }

    domains = alloc_zeroed(results->domain_count, sizeof(domains[0]));
    scenario_results_session_settings(results, domains);
    session_init(&session, domains, results->domain_count, settings->deviations,
                 settings->report, settings->verbose, prefix, monotonic_ms());
    free(domains);
    end = monitor_run(&qemu, settings->signals, &session, &settings->limits, settings->raw_log);
    scenario_results_take_boot(results, &session);
    session_free(&session);
    return (int)end;
}

enum scenario_run_end scenario_run(const struct boot_settings *settings,
                                   const struct scenario *scenario,
                                   struct scenario_results *results, const char *prefix,
                                   struct harness_error *err)
{
    /* The default scenario prints nothing of its own: a run of it reads as
     * runs did before scenarios existed. */
    if (!scenario->is_default) {
        report_scenario_start(settings->report, scenario);
    }
    for (;;) {
        int end = boot_once(settings, scenario, results, prefix, err);

        if (end < 0) {
            return SCENARIO_RUN_ERROR;
        }
        if (end == MONITOR_HARNESS_STOPPED) {
            scenario_results_give_up(results, "not run: the harness was stopped");
            return SCENARIO_RUN_HARNESS_STOPPED;
        }
        switch (scenario_results_next(results, settings->max_restarts)) {
        case SCENARIO_COMPLETE:
            return SCENARIO_RUN_DONE;
        case SCENARIO_TOO_MANY_CRASHES:
            scenario_results_give_up(results, "not run: too many crashes");
            return SCENARIO_RUN_DONE;
        case SCENARIO_BOOT_AGAIN:
            report_boot_again(settings->report, prefix, results);
            break;
        }
    }
}
