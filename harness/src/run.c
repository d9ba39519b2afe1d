/*
 * run.c - the run command (see run.h).
 *
 * A run goes through four steps, each of which either succeeds or ends the
 * run with a message:
 *   1. read the port description, its deviations and the scenarios, and
 *      check that every file and program the run needs exists (errors:
 *      exit status 2);
 *   2. dump the machine's device tree with QEMU (errors: exit status 2);
 *   3. boot each scenario, as often as its crashes need (scenario_run.h),
 *      and report each result as it arrives;
 *   4. report the end, write the requested files, and work out the exit
 *      status.
 * Whatever happens, QEMU is not left running and the temporary directory
 * is removed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "child_process.h"
#include "deviations.h"
#include "junit.h"
#include "ktap_writer.h"
#include "machine_tree.h"
#include "port_config.h"
#include "qemu_command.h"
#include "report.h"
#include "run.h"
#include "scenario_list.h"
#include "scenario_results.h"
#include "scenario_run.h"
#include "signal_watch.h"
#include "system_tree.h"
#include "tree_test_list.h"
#include "tree_test_run.h"
#include "verdict.h"

#define MACHINE_DTB_NAME "machine.dtb"

/* Where the scenarios are, below the source tree; and the scenario used
 * when there is none. */
#define SCENARIO_DIR "conformance/scenarios"
#define DEFAULT_SCENARIO_FILE "harness/default-scenario.conf"
/* Where the system-tree tests are (tree_test.h). */
#define TREE_TEST_DIR "conformance/system-trees"

/* Everything a run holds, so that one function can release it all. */
struct run {
    const struct run_options *options;
    const struct harness_paths *paths;
    char *port_file;
    struct port_config port;
    bool port_loaded;
    struct deviation_list deviations;
    struct scenario_list scenarios;
    struct tree_test_list tree_tests;
    char *guest_path;
    struct qemu_machine machine;
    FILE *junit_file;
    FILE *ktap_file;
    FILE *log_file;
    char *work_dir;
    bool work_dir_is_temporary;
    char *machine_dtb_path;
    struct text_list written_files; /* the system trees of the boots */
    void *machine_tree;
    size_t machine_tree_size;
    struct signal_watch signals;
    bool signals_started;
    struct run_results results;
};

static bool is_regular_file(const char *path)
{
    struct stat info;

    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* "reference-hv, xen": the ports found under ports/NAME/port.conf. */
static char *list_ports(const char *source_dir)
{
    char *ports_dir = alloc_printf("%s/ports", source_dir);
    struct dirent **entries = NULL;
    int count = scandir(ports_dir, &entries, NULL, alphasort);
    char *list = alloc_text("");

    for (int i = 0; i < count; i++) {
        char *conf = alloc_printf("%s/%s/port.conf", ports_dir, entries[i]->d_name);

        if (entries[i]->d_name[0] != '.' && is_regular_file(conf)) {
            char *longer = alloc_printf("%s%s%s", list, list[0] == '\0' ? "" : ", ",
                                        entries[i]->d_name);

            free(list);
            list = longer;
        }
        free(conf);
        free(entries[i]);
    }
    free(entries);
    free(ports_dir);
    if (list[0] == '\0') {
        free(list);
        list = alloc_text("(none found)");
    }
    return list;
}

/* Finds the port description: --port-file, or ports/NAME/port.conf. */
static int find_port_file(struct run *run, struct harness_error *err)
{
    const char *name = run->options->port_name;
    char *ports;

    if (run->options->port_file != NULL) {
        run->port_file = alloc_text(run->options->port_file);
        return 0;
    }
    ports = list_ports(run->paths->source_dir);
    /* A name is one directory below ports/, never a path out of it. */
    if (strchr(name, '/') != NULL || name[0] == '.') {
        error_set(err, "'%s' is not a port name (a directory of ports/); the ports are: %s",
                  name, ports);
        free(ports);
        return -1;
    }
    run->port_file = alloc_printf("%s/ports/%s/port.conf", run->paths->source_dir, name);
    if (!is_regular_file(run->port_file)) {
        error_set(err, "unknown port '%s' (no %s); the ports are: %s", name, run->port_file,
                  ports);
        free(ports);
        return -1;
    }
    free(ports);
    return 0;
}

static int open_output(const char *path, const char *what, FILE **file,
                       struct harness_error *err)
{
    if (path == NULL) {
        return 0;
    }
    /* "e": close on exec, so that QEMU does not inherit the file. */
    *file = fopen(path, "we");
    if (*file == NULL) {
        error_set(err, "cannot write the %s file %s: %s", what, path, strerror(errno));
        return -1;
    }
    return 0;
}

static int make_work_dir(struct run *run, struct harness_error *err)
{
    const char *keep_dir = run->options->keep_dir;

    if (keep_dir != NULL) {
        if (mkdir(keep_dir, 0777) != 0 && errno != EEXIST) {
            error_set(err, "cannot create --keep-dir %s: %s", keep_dir, strerror(errno));
            return -1;
        }
        run->work_dir = alloc_text(keep_dir);
    } else {
        const char *tmp = getenv("TMPDIR");

        run->work_dir = alloc_printf("%s/hvabi-harness.XXXXXX",
                                     tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
        if (mkdtemp(run->work_dir) == NULL) {
            error_set(err, "cannot create a temporary directory %s: %s", run->work_dir,
                      strerror(errno));
            free(run->work_dir);
            run->work_dir = NULL;
            return -1;
        }
        run->work_dir_is_temporary = true;
    }
    run->machine_dtb_path = alloc_printf("%s/%s", run->work_dir, MACHINE_DTB_NAME);
    return 0;
}

/* The port description, its deviations, and its hypervisor image. */
static int load_port(struct run *run, struct harness_error *err)
{
    if (find_port_file(run, err) != 0 ||
        port_config_load(run->port_file, run->paths, &run->port, err) != 0) {
        return -1;
    }
    run->port_loaded = true;
    if (run->port.deviations != NULL &&
        deviations_load(run->port.deviations, &run->deviations, err) != 0) {
        return -1;
    }
    if (!is_regular_file(run->port.hypervisor)) {
        error_set(err,
                  "%s:%u: the hypervisor image %s does not exist; build it with "
                  "'cmake --build build', or run ./hvabi, which builds and fetches what a "
                  "port needs",
                  run->port.file, run->port.hypervisor_line, run->port.hypervisor);
        return -1;
    }
    return 0;
}

/* The guest (--guest, or this build's conformance guest); every domain runs it. */
static int find_guest(struct run *run, struct harness_error *err)
{
    if (run->options->guest != NULL) {
        run->guest_path = alloc_text(run->options->guest);
    } else {
        run->guest_path = alloc_printf("%s/aarch64/conformance/conformance-guest.Image",
                                       run->paths->build_dir);
    }
    if (!is_regular_file(run->guest_path)) {
        error_set(err,
                  "the guest %s does not exist; build it with 'cmake --build build', or run "
                  "./hvabi",
                  run->guest_path);
        return -1;
    }
    return 0;
}

/*
 * The scenarios the command line selects (scenario_list.h): all of them
 * without a selection; none when it selects only system-tree tests.
 */
static int load_scenarios(struct run *run, struct harness_error *err)
{
    const struct run_options *options = run->options;
    struct scenario_selection selection = {
        .names = options->scenario_names.items,
        .name_count = options->scenario_names.count,
        .files = options->scenario_files.items,
        .file_count = options->scenario_files.count,
    };
    char *scenario_dir;
    char *default_file;
    int status;

    if ((options->system_trees.count != 0 || options->system_tree_files.count != 0) &&
        options->scenario_names.count == 0 && options->scenario_files.count == 0) {
        return 0;
    }
    scenario_dir = alloc_printf("%s/" SCENARIO_DIR, run->paths->source_dir);
    default_file = alloc_printf("%s/" DEFAULT_SCENARIO_FILE, run->paths->source_dir);
    status = scenario_list_load(&run->scenarios, scenario_dir, default_file, &selection, err);
    free(scenario_dir);
    free(default_file);
    return status;
}

/* The system-tree tests the command line selects (tree_test_list.h): all
 * of them without a selection; none when it selects only scenarios. */
static int load_tree_tests(struct run *run, struct harness_error *err)
{
    const struct run_options *options = run->options;
    struct tree_test_selection selection = {
        .names = options->system_trees.items,
        .name_count = options->system_trees.count,
        .files = options->system_tree_files.items,
        .file_count = options->system_tree_files.count,
    };
    char *dir;
    int status;

    if (selection.name_count == 0 && selection.file_count == 0 &&
        (options->scenario_names.count != 0 || options->scenario_files.count != 0)) {
        return 0;
    }
    dir = alloc_printf("%s/" TREE_TEST_DIR, run->paths->source_dir);
    status = tree_test_list_load(&run->tree_tests, dir, &selection, err);
    free(dir);
    return status;
}

/* Every scenario's domains must fit the port's machine. */
static int check_scenarios_fit(const struct run *run, struct harness_error *err)
{
    for (size_t i = 0; i < run->scenarios.count; i++) {
        if (scenario_check_memory(&run->scenarios.items[i], run->port.memory_mib, err) != 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < run->tree_tests.count; i++) {
        if (scenario_check_memory(&run->tree_tests.items[i].layout, run->port.memory_mib, err) !=
            0) {
            return -1;
        }
    }
    return 0;
}

/* The machine QEMU emulates, and QEMU itself. */
static int set_up_machine(struct run *run, struct harness_error *err)
{
    const struct run_options *options = run->options;

    if (!paths_program_exists(options->qemu)) {
        error_set(err,
                  "QEMU '%s' not found; install it (Debian: qemu-system-arm) or name it "
                  "with --qemu",
                  options->qemu);
        return -1;
    }
    run->machine.qemu = options->qemu;
    run->machine.machine = run->port.machine;
    run->machine.cpu = run->port.cpu;
    run->machine.memory_mib = run->port.memory_mib;
    /* -icount with more than one CPU hangs Xen at boot; counting wants one anyway. */
    run->machine.cpus = options->icount ? 1 : run->port.cpus;
    run->machine.icount = options->icount;
    return 0;
}

/* Step 1: the port, the scenarios, the guest, QEMU, the output files, the
 * work directory. */
static int prepare(struct run *run, struct harness_error *err)
{
    const struct run_options *options = run->options;

    if (load_port(run, err) != 0 || load_scenarios(run, err) != 0 ||
        load_tree_tests(run, err) != 0 || check_scenarios_fit(run, err) != 0 || find_guest(run, err) != 0 ||
        set_up_machine(run, err) != 0) {
        return -1;
    }
    if (open_output(options->junit_path, "JUnit", &run->junit_file, err) != 0 ||
        open_output(options->ktap_path, "KTAP", &run->ktap_file, err) != 0 ||
        open_output(options->log_path, "log", &run->log_file, err) != 0) {
        return -1;
    }
    return make_work_dir(run, err);
}

/* Step 2: the machine's tree from QEMU; every boot's system tree is built
 * from it. */
static int dump_machine_tree(struct run *run, struct harness_error *err)
{
    if (signal_watch_start(&run->signals, err) != 0) {
        return -1;
    }
    run->signals_started = true;
    return machine_tree_dump(&run->machine, run->machine_dtb_path, &run->signals,
                             &run->machine_tree, &run->machine_tree_size, err);
}

/* What every boot of the run shares. */
static void fill_boot_settings(struct run *run, struct boot_settings *settings,
                               struct system_tree_settings *tree_settings)
{
    const struct run_options *options = run->options;

    tree_settings->bootargs_property = run->port.bootargs_property;
    tree_settings->hypervisor_bootargs = run->port.hypervisor_bootargs;
    memset(settings, 0, sizeof(*settings));
    settings->machine = &run->machine;
    settings->hypervisor = run->port.hypervisor;
    settings->tree_settings = tree_settings;
    settings->machine_tree = run->machine_tree;
    settings->machine_tree_size = run->machine_tree_size;
    settings->guest_path = run->guest_path;
    settings->work_dir = run->work_dir;
    settings->written_files = &run->written_files;
    settings->signals = &run->signals;
    settings->limits.timeout_seconds =
        options->timeout_given ? options->timeout_seconds : run->port.timeout_seconds;
    settings->limits.inactivity_seconds = options->inactivity_seconds;
    settings->limits.halts_when_domains_stop = run->port.halts_when_domains_stop;
    settings->max_restarts = options->max_restarts;
    settings->deviations = &run->deviations;
    settings->report = stdout;
    settings->raw_log = run->log_file;
    settings->verbose = options->verbose;
}

/* Step 3: every scenario, in order, then every group of system-tree
 * tests.  Returns 0, or -1 with err set when a boot could not be made. */
static int boot_scenarios(struct run *run, struct harness_error *err)
{
    struct system_tree_settings tree_settings;
    struct boot_settings settings;
    struct run_results *results = &run->results;
    size_t scenario_count = run->scenarios.count;
    size_t total = scenario_count + run->tree_tests.count;

    fill_boot_settings(run, &settings, &tree_settings);
    results->scenarios = alloc_zeroed(total, sizeof(results->scenarios[0]));
    results->count = total;
    for (size_t i = 0; i < scenario_count; i++) {
        scenario_results_init(&results->scenarios[i], &run->scenarios.items[i]);
    }
    for (size_t i = 0; i < run->tree_tests.count; i++) {
        tree_test_results_init(&results->scenarios[scenario_count + i], &run->tree_tests.items[i]);
    }
    for (size_t i = 0; i < total; i++) {
        char *prefix = report_prefix(results, i);
        enum scenario_run_end end =
            i < scenario_count
                ? scenario_run(&settings, &run->scenarios.items[i], &results->scenarios[i],
                               prefix, err)
                : tree_test_run_group(&settings, &run->tree_tests.items[i - scenario_count],
                                      &results->scenarios[i], prefix, err);

        free(prefix);
        if (end == SCENARIO_RUN_ERROR) {
            return -1;
        }
        if (end == SCENARIO_RUN_HARNESS_STOPPED) {
            /* The scenarios not booted are no part of the results. */
            for (size_t later = i + 1; later < results->count; later++) {
                scenario_results_free(&results->scenarios[later]);
            }
            results->count = i + 1;
            break;
        }
    }
    return 0;
}

/* Step 4: the end of the report, the files, and the exit status. */
static enum exit_status report_results(struct run *run)
{
    const struct run_options *options = run->options;
    struct verdict verdict;
    int exit_status;

    verdict_compute(&verdict, &run->results);
    report_end(stdout, &run->results, &verdict, &run->deviations, options->expect_deviations);
    if (run->junit_file != NULL) {
        junit_write(run->junit_file, run->port.name, &run->results, &verdict,
                    &run->deviations);
    }
    if (run->ktap_file != NULL) {
        ktap_write_results(run->ktap_file, &run->results);
    }
    exit_status = verdict_exit_status(&verdict, &run->results, &run->deviations,
                                      options->expect_deviations);
    verdict_free(&verdict);
    return exit_status == 0 ? EXIT_STATUS_PASSED : EXIT_STATUS_FAILED;
}

static enum exit_status boot_and_report(struct run *run, struct harness_error *err)
{
    printf("port %s: hypervisor %s, guest %s\n", run->port.name, run->port.hypervisor,
           run->guest_path);
    fflush(stdout);
    if (boot_scenarios(run, err) != 0) {
        return EXIT_STATUS_ERROR;
    }
    return report_results(run);
}

/* Closes an output file; a failed write is an error of the run. */
static int close_output(FILE *file, const char *path, struct harness_error *err)
{
    bool failed;

    if (file == NULL) {
        return 0;
    }
    failed = ferror(file) != 0;
    if (fclose(file) != 0 || failed) {
        error_set(err, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* --list-scenarios: what a run with these options would boot. */
static enum exit_status list_scenarios(struct run *run, struct harness_error *err)
{
    if (load_scenarios(run, err) != 0 || load_tree_tests(run, err) != 0) {
        return EXIT_STATUS_ERROR;
    }
    scenario_list_print(stdout, &run->scenarios);
    tree_test_list_print(stdout, &run->tree_tests);
    return EXIT_STATUS_PASSED;
}

static void release(struct run *run)
{
    if (run->signals_started) {
        signal_watch_stop(&run->signals);
    }
    if (run->work_dir_is_temporary) {
        unlink(run->machine_dtb_path);
        for (size_t i = 0; i < run->written_files.count; i++) {
            unlink(run->written_files.items[i]);
        }
        rmdir(run->work_dir);
    }
    free(run->work_dir);
    free(run->machine_dtb_path);
    text_list_free(&run->written_files);
    free(run->machine_tree);
    free(run->guest_path);
    run_results_free(&run->results);
    scenario_list_free(&run->scenarios);
    tree_test_list_free(&run->tree_tests);
    deviations_free(&run->deviations);
    if (run->port_loaded) {
        port_config_free(&run->port);
    }
    free(run->port_file);
}

enum exit_status run_command(const struct run_options *options,
                             const struct harness_paths *paths)
{
    struct harness_error err;
    enum exit_status status = EXIT_STATUS_ERROR;
    struct run run;
    struct output_file {
        FILE *file;
        const char *path;
    } outputs[3];

    memset(&run, 0, sizeof(run));
    run.options = options;
    run.paths = paths;
    err.message[0] = '\0';

    if (options->list_scenarios) {
        status = list_scenarios(&run, &err);
    } else if (prepare(&run, &err) == 0 && dump_machine_tree(&run, &err) == 0) {
        status = boot_and_report(&run, &err);
    }
    if (status == EXIT_STATUS_ERROR) {
        fprintf(stderr, "hvabi-harness: %s\n", err.message);
    }
    outputs[0] = (struct output_file){ run.junit_file, options->junit_path };
    outputs[1] = (struct output_file){ run.ktap_file, options->ktap_path };
    outputs[2] = (struct output_file){ run.log_file, options->log_path };
    for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
        if (close_output(outputs[i].file, outputs[i].path, &err) != 0) {
            fprintf(stderr, "hvabi-harness: %s\n", err.message);
            status = EXIT_STATUS_ERROR;
        }
    }
    release(&run);
    return status;
}
