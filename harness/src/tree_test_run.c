/*
 * tree_test_run.c - boots the system-tree tests of a group (see
 * tree_test_run.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "alloc.h"
#include "child_events.h"
#include "child_process.h"
#include "line_splitter.h"
#include "qemu_command.h"
#include "report.h"
#include "system_tree.h"
#include "topology.h"
#include "tree_check.h"
#include "tree_fault.h"
#include "tree_test_run.h"

/* How long to read what is left of the output once QEMU has been ended. */
#define DRAIN_MS 1000

void tree_test_results_init(struct scenario_results *results, const struct tree_test_group *group)
{
    struct domain_results *domain;

    memset(results, 0, sizeof(*results));
    results->name = alloc_text(group->layout.name);
    results->domains = alloc_zeroed(1, sizeof(results->domains[0]));
    results->domain_count = 1;
    domain = &results->domains[0];
    domain->id = 0;
    domain->name = alloc_text(TREE_TEST_DOMAIN_NAME);
    domain->expects_results = true;
    domain->has_plan = true;
    domain->planned = (unsigned)group->count;
    domain->tests = alloc_zeroed(group->count, sizeof(domain->tests[0]));
    for (size_t i = 0; i < group->count; i++) {
        domain->tests[i].result.number = (unsigned)i + 1;
        domain->tests[i].result.outcome = KTAP_NO_RESULT;
    }
    domain->next_first_test = (unsigned)group->count + 1;
}

/* How one boot went. */
struct tree_boot {
    struct tree_check check;
    struct text_list notes;  /* how it ended */
    bool harness_stopped;
};

static void take_lines(struct line_splitter *lines, struct tree_check *check, FILE *raw_log,
                       const char *data, size_t size, bool at_end, bool verbose, FILE *report)
{
    const char *line;

    if (size > 0) {
        if (raw_log != NULL) {
            fwrite(data, 1, size, raw_log);
            fflush(raw_log);
        }
        line_splitter_push(lines, data, size);
    }
    while ((line = line_splitter_next(lines, at_end)) != NULL) {
        if (verbose) {
            report_serial_line(report, line);
        }
        tree_check_take_line(check, line);
    }
}

/* Watches one booted machine until the boot is over (tree_test_run.h). */
static void watch(const struct boot_settings *settings, struct child_process *qemu,
                  struct tree_boot *boot)
{
    static char buffer[4096];
    struct line_splitter lines;
    int64_t start = monotonic_ms();
    int64_t deadline = start + (int64_t)settings->limits.timeout_seconds * 1000;
    int64_t inactivity_ms = (int64_t)settings->limits.inactivity_seconds * 1000;
    int64_t last_output = start;
    int64_t settle_at = INT64_MAX;
    bool exited = false;

    line_splitter_init(&lines);
    for (;;) {
        int64_t now = monotonic_ms();
        int64_t wake = deadline;
        struct child_event event;

        if (settle_at == INT64_MAX && tree_check_decided(&boot->check)) {
            settle_at = now + (int64_t)TREE_TEST_SETTLE_SECONDS * 1000;
        }
        if (qemu->output_fd < 0 && qemu->reaped) {
            exited = true;
            break;
        }
        if (now >= settle_at) {
            break;
        }
        if (now >= deadline) {
            text_list_addf(&boot->notes, "the boot did not end within %u s (timeout)",
                           settings->limits.timeout_seconds);
            break;
        }
        if (now - last_output >= inactivity_ms) {
            text_list_addf(&boot->notes, "ended after %lld s without output",
                           (long long)(inactivity_ms / 1000));
            break;
        }
        wake = settle_at < wake ? settle_at : wake;
        wake = last_output + inactivity_ms < wake ? last_output + inactivity_ms : wake;
        event = child_events_wait(qemu, settings->signals, wake - now, buffer, sizeof(buffer));
        if (event.kind == CHILD_EVENT_STOP_SIGNAL) {
            boot->harness_stopped = true;
            break;
        }
        if (event.kind == CHILD_EVENT_OUTPUT) {
            last_output = monotonic_ms();
            take_lines(&lines, &boot->check, settings->raw_log, buffer, event.size, false,
                       settings->verbose, settings->report);
        } else if (event.kind == CHILD_EVENT_OUTPUT_END) {
            take_lines(&lines, &boot->check, settings->raw_log, NULL, 0, true, settings->verbose,
                       settings->report);
        }
    }

    child_terminate(qemu);
    {
        int64_t until = monotonic_ms() + DRAIN_MS;

        while (qemu->output_fd >= 0 && monotonic_ms() < until) {
            struct child_event event = child_events_wait(qemu, settings->signals,
                                                         until - monotonic_ms(), buffer,
                                                         sizeof(buffer));

            if (event.kind == CHILD_EVENT_OUTPUT) {
                take_lines(&lines, &boot->check, settings->raw_log, buffer, event.size, false,
                           settings->verbose, settings->report);
            } else if (event.kind == CHILD_EVENT_STOP_SIGNAL) {
                break;
            }
        }
    }
    take_lines(&lines, &boot->check, settings->raw_log, NULL, 0, true, settings->verbose,
               settings->report);
    child_close_output(qemu);
    line_splitter_free(&lines);
    if (exited) {
        char status[128];

        child_describe_status(qemu->wait_status, status, sizeof(status));
        text_list_addf(&boot->notes, "QEMU %s", status);
    }
}

/* The paths of the test's "names" places; NULL entries after an error. */
static char **place_paths(const struct tree_test *test, const struct tree_fault_context *context,
                          struct harness_error *err)
{
    char **paths = alloc_zeroed(test->place_count + 1, sizeof(paths[0]));

    for (size_t i = 0; i < test->place_count; i++) {
        paths[i] = tree_reference_path(test->places[i].node, context, err);
        if (paths[i] == NULL) {
            for (size_t j = 0; j < i; j++) {
                free(paths[j]);
            }
            free(paths);
            return NULL;
        }
    }
    return paths;
}

/*
 * Builds the tree of one test with its faults and writes it.  Returns 0
 * with its path in *tree_path, or -1 with err set: a fault that cannot be
 * applied is a failure of the test, not of the run.
 */
static int write_test_tree(const struct boot_settings *settings,
                           const struct tree_test_group *group, const struct tree_test *test,
                           struct topology *topology, struct tree_fault_context *context,
                           char **tree_path, struct harness_error *err)
{
    void *tree = NULL;
    void *changed = NULL;
    size_t tree_size = 0;
    size_t changed_size = 0;
    uint64_t ram_base;
    FILE *file;
    bool written;

    if (scenario_run_write_ramdisks(settings, &group->layout, topology, err) != 0 ||
        system_tree_read_ram(settings->machine_tree, &ram_base, &context->ram_size, err) != 0 ||
        system_tree_build(settings->machine_tree, settings->machine_tree_size,
                          settings->tree_settings, topology, &tree, &tree_size, err) != 0) {
        return -1;
    }
    if (tree_faults_apply(tree, test, context, &changed, &changed_size, err) != 0) {
        free(tree);
        return -1;
    }
    free(tree);
    *tree_path = alloc_printf("%s/tree-%s-%s.dtb", settings->work_dir, group->layout.name,
                              test->name);
    file = fopen(*tree_path, "wbe");
    written = file != NULL && fwrite(changed, 1, changed_size, file) == changed_size;
    if (file != NULL && fclose(file) != 0) {
        written = false;
    }
    free(changed);
    if (!written) {
        error_set(err, "cannot write %s", *tree_path);
        free(*tree_path);
        *tree_path = NULL;
        return -1;
    }
    text_list_add(settings->written_files, *tree_path);
    return 0;
}

/* Fills the result of a test that could not be booted. */
static void fail_unbooted(struct ktap_result *result, const char *why)
{
    result->outcome = KTAP_FAIL;
    text_list_addf(&result->diagnostics, "FAIL: %s", why);
}

/* One test: its tree, its boot, its verdict in result.  Returns -1 with
 * err set when QEMU could not be started, 1 after a stop signal, else 0. */
static int run_test(const struct boot_settings *settings, const struct tree_test_group *group,
                    const struct tree_test *test, struct ktap_result *result,
                    struct harness_error *err)
{
    struct tree_fault_context context = { .layout = &group->layout };
    struct text_list argv = { NULL, 0, 0 };
    struct topology topology;
    struct child_process qemu;
    struct tree_boot boot;
    struct harness_error test_err;
    char *tree_path = NULL;
    char **paths;
    int status = 0;

    result->name = alloc_text(test->name);
    result->verifies = alloc_text(test->verifies);
    if (topology_from_scenario(&topology, &group->layout, settings->guest_path, NULL, err) != 0) {
        return -1;
    }
    context.topology = &topology;
    if (write_test_tree(settings, group, test, &topology, &context, &tree_path, &test_err) != 0) {
        fail_unbooted(result, test_err.message);
        topology_free(&topology);
        return 0;
    }
    paths = place_paths(test, &context, &test_err);
    if (paths == NULL) {
        fail_unbooted(result, test_err.message);
        topology_free(&topology);
        free(tree_path);
        return 0;
    }

    qemu_boot_command(&argv, settings->machine, settings->hypervisor, tree_path, &topology);
    if (settings->verbose) {
        fprintf(settings->report, "QEMU command: ");
        qemu_print_command(settings->report, &argv);
        fflush(settings->report);
    }
    memset(&boot, 0, sizeof(boot));
    tree_check_init(&boot.check, test, paths, topology.count);
    free(paths); /* the check owns the strings */
    if (child_start(&qemu, argv.items, &settings->signals->original, err) != 0) {
        status = -1;
    } else {
        watch(settings, &qemu, &boot);
        result->outcome = tree_check_verdict(&boot.check, &result->diagnostics) ? KTAP_PASS
                                                                                : KTAP_FAIL;
        for (size_t i = 0; i < boot.notes.count; i++) {
            text_list_addf(&result->diagnostics, "boot: %s", boot.notes.items[i]);
        }
        status = boot.harness_stopped ? 1 : 0;
    }
    tree_check_free(&boot.check);
    text_list_free(&boot.notes);
    text_list_free(&argv);
    topology_free(&topology);
    free(tree_path);
    return status;
}

enum scenario_run_end tree_test_run_group(const struct boot_settings *settings,
                                          const struct tree_test_group *group,
                                          struct scenario_results *results, const char *prefix,
                                          struct harness_error *err)
{
    struct domain_results *domain = &results->domains[0];

    report_tree_tests_start(settings->report, group->layout.name, group->count,
                            group->layout.description);
    for (size_t i = 0; i < group->count; i++) {
        struct ktap_result *result = &domain->tests[i].result;
        int status = run_test(settings, group, &group->tests[i], result, err);

        if (status < 0) {
            return SCENARIO_RUN_ERROR;
        }
        results->boots++;
        if (status > 0) {
            ktap_result_free(result);
            result->number = (unsigned)i + 1;
            result->outcome = KTAP_NO_RESULT;
            scenario_results_give_up(results, "not run: the harness was stopped");
            return SCENARIO_RUN_HARNESS_STOPPED;
        }
        report_result(settings->report, prefix, domain->id, result,
                      result->outcome == KTAP_FAIL
                          ? deviations_find_test(settings->deviations, result->name)
                          : NULL);
    }
    return SCENARIO_RUN_DONE;
}
