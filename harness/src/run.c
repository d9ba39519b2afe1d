/*
 * run.c - the run command (see run.h).
 *
 * A run goes through four steps, each of which either succeeds or ends the
 * run with a message:
 *   1. read the port description and its deviations, and check that every
 *      file and program the run needs exists (errors: exit status 2);
 *   2. dump the machine's device tree with QEMU and build the system tree
 *      from it (errors: exit status 2);
 *   3. boot, and report each result as it arrives;
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
#include "machine_tree.h"
#include "monitor.h"
#include "port_config.h"
#include "qemu_command.h"
#include "report.h"
#include "run.h"
#include "session.h"
#include "signal_watch.h"
#include "system_tree.h"
#include "topology.h"
#include "verdict.h"

#define MACHINE_DTB_NAME "machine.dtb"
#define SYSTEM_DTB_NAME "system.dtb"

/* Everything a run holds, so that one function can release it all. */
struct run {
    const struct run_options *options;
    const struct harness_paths *paths;
    char *port_file;
    struct port_config port;
    bool port_loaded;
    struct deviation_list deviations;
    struct topology topology;
    struct qemu_machine machine;
    FILE *junit_file;
    FILE *ktap_file;
    FILE *log_file;
    char *work_dir;
    bool work_dir_is_temporary;
    char *machine_dtb_path;
    char *system_dtb_path;
    struct signal_watch signals;
    bool signals_started;
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
    run->system_dtb_path = alloc_printf("%s/%s", run->work_dir, SYSTEM_DTB_NAME);
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

/* The guest (--guest, or this build's conformance guest) and its domain. */
static int load_guest(struct run *run, struct harness_error *err)
{
    char *default_guest;
    int status;

    if (run->options->guest != NULL) {
        return topology_single_guest(&run->topology, run->options->guest, err);
    }
    default_guest = alloc_printf("%s/aarch64/conformance/conformance-guest.Image",
                                 run->paths->build_dir);
    if (is_regular_file(default_guest)) {
        status = topology_single_guest(&run->topology, default_guest, err);
    } else {
        error_set(err,
                  "the conformance guest %s does not exist; build it with "
                  "'cmake --build build', or run ./hvabi",
                  default_guest);
        status = -1;
    }
    free(default_guest);
    return status;
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

/* Step 1: the port, the guest, QEMU, the output files, the work directory. */
static int prepare(struct run *run, struct harness_error *err)
{
    const struct run_options *options = run->options;

    if (load_port(run, err) != 0 || load_guest(run, err) != 0 ||
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

static int write_file(const char *path, const void *data, size_t size,
                      struct harness_error *err)
{
    FILE *file = fopen(path, "wb");
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

/* Step 2: the machine's tree from QEMU, and the system tree built from it. */
static int build_system_tree(struct run *run, struct harness_error *err)
{
    struct system_tree_settings settings;
    void *machine_tree = NULL;
    size_t machine_size = 0;
    void *system_tree = NULL;
    size_t system_size = 0;
    int status;

    if (signal_watch_start(&run->signals, err) != 0) {
        return -1;
    }
    run->signals_started = true;

    status = machine_tree_dump(&run->machine, run->machine_dtb_path, &run->signals,
                               &machine_tree, &machine_size, err);
    if (status != 0) {
        return -1;
    }
    settings.bootargs_property = run->port.bootargs_property;
    settings.hypervisor_bootargs = run->port.hypervisor_bootargs;
    status = system_tree_build(machine_tree, machine_size, &settings, &run->topology,
                               &system_tree, &system_size, err);
    free(machine_tree);
    if (status == 0) {
        status = write_file(run->system_dtb_path, system_tree, system_size, err);
    }
    free(system_tree);
    return status;
}

static void write_ktap_file(FILE *file, const struct session *session)
{
    for (size_t d = 0; d < session->domain_count; d++) {
        const struct text_list *lines = &session->domains[d].ktap_lines;

        for (size_t i = 0; i < lines->count; i++) {
            fprintf(file, "%s\n", lines->items[i]);
        }
    }
}

/* Steps 3 and 4: boot, report, and work out the exit status. */
static enum exit_status boot_and_report(struct run *run, struct harness_error *err)
{
    const struct run_options *options = run->options;
    struct text_list argv = { NULL, 0, 0 };
    struct child_process qemu;
    struct monitor_settings limits;
    struct session session;
    struct verdict verdict;
    unsigned *domain_ids;
    int exit_status;

    qemu_boot_command(&argv, &run->machine, run->port.hypervisor, run->system_dtb_path,
                      &run->topology);
    printf("port %s: hypervisor %s, guest %s\n", run->port.name, run->port.hypervisor,
           run->topology.domains[0].kernel_path);
    if (options->verbose) {
        printf("QEMU command: ");
        qemu_print_command(stdout, &argv);
    }
    fflush(stdout);

    if (child_start(&qemu, argv.items, &run->signals.original, err) != 0) {
        text_list_free(&argv);
        return EXIT_STATUS_ERROR;
    }
    text_list_free(&argv);

    domain_ids = alloc_zeroed(run->topology.count, sizeof(domain_ids[0]));
    for (size_t i = 0; i < run->topology.count; i++) {
        domain_ids[i] = run->topology.domains[i].id;
    }
    session_init(&session, domain_ids, run->topology.count, &run->deviations, stdout,
                 options->verbose);
    free(domain_ids);

    limits.timeout_seconds =
        options->timeout_given ? options->timeout_seconds : run->port.timeout_seconds;
    limits.halts_when_domains_stop = run->port.halts_when_domains_stop;
    monitor_run(&qemu, &run->signals, &session, &limits, run->log_file);

    verdict_compute(&verdict, &session);
    report_end(stdout, &session, &verdict, &run->deviations, options->expect_deviations);
    if (run->junit_file != NULL) {
        junit_write(run->junit_file, run->port.name, &session, &verdict, &run->deviations);
    }
    if (run->ktap_file != NULL) {
        write_ktap_file(run->ktap_file, &session);
    }
    exit_status = verdict_exit_status(&verdict, &session, &run->deviations,
                                      options->expect_deviations);
    verdict_free(&verdict);
    session_free(&session);
    return exit_status == 0 ? EXIT_STATUS_PASSED : EXIT_STATUS_FAILED;
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

static void release(struct run *run)
{
    if (run->signals_started) {
        signal_watch_stop(&run->signals);
    }
    if (run->work_dir_is_temporary) {
        unlink(run->machine_dtb_path);
        unlink(run->system_dtb_path);
        rmdir(run->work_dir);
    }
    free(run->work_dir);
    free(run->machine_dtb_path);
    free(run->system_dtb_path);
    topology_free(&run->topology);
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

    if (prepare(&run, &err) == 0 && build_system_tree(&run, &err) == 0) {
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
