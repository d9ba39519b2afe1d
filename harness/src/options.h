/*
 * options.h - the command line: "hvabi-harness run [options]" or
 * "hvabi-harness --help".  usage.txt describes every option.
 */
#ifndef HARNESS_OPTIONS_H
#define HARNESS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* The longest --timeout and --inactivity: a week. */
#define OPTIONS_MAX_TIMEOUT_SECONDS (7u * 24u * 3600u)

#define OPTIONS_DEFAULT_INACTIVITY_SECONDS 15u
#define OPTIONS_DEFAULT_MAX_RESTARTS 8u
#define OPTIONS_MAX_RESTARTS 1000u

enum harness_command {
    COMMAND_HELP,
    COMMAND_RUN,
};

/* The values of an option that may be given several times; they point
 * into argv. */
struct option_values {
    const char **items;
    size_t count;
};

/* The strings point into argv. */
struct run_options {
    const char *port_name;    /* --port; "reference-hv" by default */
    const char *port_file;    /* --port-file, or NULL */
    const char *guest;        /* --guest, or NULL for this build's guest */
    bool timeout_given;
    unsigned timeout_seconds; /* --timeout, when timeout_given */
    const char *junit_path;   /* --junit, or NULL */
    const char *ktap_path;    /* --ktap, or NULL */
    const char *log_path;     /* --log, or NULL */
    bool expect_deviations;
    bool verbose;
    const char *qemu;         /* --qemu; "qemu-system-aarch64" by default */
    bool icount;
    const char *keep_dir;     /* --keep-dir, or NULL */
    struct option_values scenario_names; /* --scenario, in the order given */
    struct option_values scenario_files; /* --scenario-file, in the order given */
    struct option_values system_trees;   /* --system-tree, in the order given */
    struct option_values system_tree_files; /* --system-tree-file, in the order given */
    bool list_scenarios;
    unsigned inactivity_seconds; /* --inactivity */
    unsigned max_restarts;       /* --max-restarts */
};

struct command_line {
    enum harness_command command;
    struct run_options run;
};

/*
 * Parses argv.  Returns 0, or -1 with err set to one line that names the
 * bad argument and ends "; see --help".
 */
int options_parse(int argc, char *const argv[], struct command_line *command_line,
                  struct harness_error *err);

/* Frees what options_parse() allocated (also after it failed). */
void options_free(struct command_line *command_line);

#endif
