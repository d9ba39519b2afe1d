/*
 * options.c - the command line (see options.h).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "options.h"

/* An option without a value: --verbose sets run->verbose. */
struct flag_option {
    const char *name;
    bool *field;
};

/* An option with a value, given as "--name VALUE" or "--name=VALUE";
 * either its field is set, or (an option that may be repeated) the value
 * is added to its list. */
struct value_option {
    const char *name;
    const char **field;
    struct option_values *list;
};

/* True when the first length characters of argument are name. */
static bool is_named(const char *argument, size_t length, const char *name)
{
    return strlen(name) == length && strncmp(argument, name, length) == 0;
}

static void set_defaults(struct command_line *command_line)
{
    memset(command_line, 0, sizeof(*command_line));
    command_line->command = COMMAND_RUN;
    command_line->run.port_name = "reference-hv";
    command_line->run.qemu = "qemu-system-aarch64";
    command_line->run.inactivity_seconds = OPTIONS_DEFAULT_INACTIVITY_SECONDS;
    command_line->run.max_restarts = OPTIONS_DEFAULT_MAX_RESTARTS;
}

/* A whole number from minimum to maximum; what names it in messages. */
static int parse_number(const char *option, const char *value, unsigned minimum,
                        unsigned maximum, const char *what, unsigned *number,
                        struct harness_error *err)
{
    char *end;
    unsigned long parsed;

    errno = 0;
    parsed = strtoul(value, &end, 10);
    if (value[0] < '0' || value[0] > '9' || *end != '\0' || errno != 0 || parsed < minimum ||
        parsed > maximum) {
        error_set(err, "option %s: '%s' is not a whole number of %s from %u to %u; see --help",
                  option, value, what, minimum, maximum);
        return -1;
    }
    *number = (unsigned)parsed;
    return 0;
}

/* The numbers of the command line, once every option has been seen. */
static int parse_numbers(struct run_options *run, const char *timeout_text,
                         const char *inactivity_text, const char *restarts_text,
                         struct harness_error *err)
{
    if (timeout_text != NULL) {
        if (parse_number("--timeout", timeout_text, 1, OPTIONS_MAX_TIMEOUT_SECONDS, "seconds",
                         &run->timeout_seconds, err) != 0) {
            return -1;
        }
        run->timeout_given = true;
    }
    if (inactivity_text != NULL &&
        parse_number("--inactivity", inactivity_text, 1, OPTIONS_MAX_TIMEOUT_SECONDS, "seconds",
                     &run->inactivity_seconds, err) != 0) {
        return -1;
    }
    if (restarts_text != NULL &&
        parse_number("--max-restarts", restarts_text, 0, OPTIONS_MAX_RESTARTS, "boots",
                     &run->max_restarts, err) != 0) {
        return -1;
    }
    return 0;
}

static int parse_run_options(int argc, char *const argv[], struct command_line *command_line,
                             struct harness_error *err)
{
    struct run_options *run = &command_line->run;
    const char *timeout_text = NULL;
    const char *inactivity_text = NULL;
    const char *restarts_text = NULL;
    const struct flag_option flags[] = {
        { "--expect-deviations", &run->expect_deviations },
        { "--verbose", &run->verbose },
        { "--icount", &run->icount },
        { "--list-scenarios", &run->list_scenarios },
    };
    const struct value_option values[] = {
        { "--port", &run->port_name, NULL },
        { "--port-file", &run->port_file, NULL },
        { "--guest", &run->guest, NULL },
        { "--timeout", &timeout_text, NULL },
        { "--junit", &run->junit_path, NULL },
        { "--ktap", &run->ktap_path, NULL },
        { "--log", &run->log_path, NULL },
        { "--qemu", &run->qemu, NULL },
        { "--keep-dir", &run->keep_dir, NULL },
        { "--inactivity", &inactivity_text, NULL },
        { "--max-restarts", &restarts_text, NULL },
        { "--scenario", NULL, &run->scenario_names },
        { "--scenario-file", NULL, &run->scenario_files },
        { "--system-tree", NULL, &run->system_trees },
        { "--system-tree-file", NULL, &run->system_tree_files },
    };
    bool port_given = false;

    /* Room for every argument: a list never holds more. */
    run->scenario_names.items = alloc_zeroed((size_t)argc, sizeof(run->scenario_names.items[0]));
    run->scenario_files.items = alloc_zeroed((size_t)argc, sizeof(run->scenario_files.items[0]));
    run->system_trees.items = alloc_zeroed((size_t)argc, sizeof(run->system_trees.items[0]));
    run->system_tree_files.items =
        alloc_zeroed((size_t)argc, sizeof(run->system_tree_files.items[0]));

    for (int i = 2; i < argc; i++) {
        const char *argument = argv[i];
        const char *equals = strncmp(argument, "--", 2) == 0 ? strchr(argument, '=') : NULL;
        size_t name_length = equals != NULL ? (size_t)(equals - argument) : strlen(argument);
        bool known = false;

        if (is_named(argument, name_length, "--help") || strcmp(argument, "-h") == 0) {
            command_line->command = COMMAND_HELP;
            return 0;
        }
        for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]) && !known; f++) {
            if (is_named(argument, name_length, flags[f].name)) {
                if (equals != NULL) {
                    error_set(err, "option %s takes no value; see --help", flags[f].name);
                    return -1;
                }
                *flags[f].field = true;
                known = true;
            }
        }
        for (size_t v = 0; v < sizeof(values) / sizeof(values[0]) && !known; v++) {
            const char *value;

            if (!is_named(argument, name_length, values[v].name)) {
                continue;
            }
            if (equals != NULL) {
                value = equals + 1;
            } else if (i + 1 < argc) {
                i++;
                value = argv[i];
            } else {
                value = NULL;
            }
            if (value == NULL || value[0] == '\0') {
                error_set(err, "option %s needs a value; see --help", values[v].name);
                return -1;
            }
            if (values[v].list != NULL) {
                values[v].list->items[values[v].list->count] = value;
                values[v].list->count++;
            } else {
                *values[v].field = value;
            }
            if (strcmp(values[v].name, "--port") == 0) {
                port_given = true;
            }
            known = true;
        }
        if (!known) {
            error_set(err, "unknown option '%s'; see --help", argument);
            return -1;
        }
    }

    if (port_given && run->port_file != NULL) {
        error_set(err, "options --port and --port-file exclude each other; see --help");
        return -1;
    }
    return parse_numbers(run, timeout_text, inactivity_text, restarts_text, err);
}

int options_parse(int argc, char *const argv[], struct command_line *command_line,
                  struct harness_error *err)
{
    set_defaults(command_line);
    if (argc < 2) {
        error_set(err, "no command given; see --help");
        return -1;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        command_line->command = COMMAND_HELP;
        return 0;
    }
    if (strcmp(argv[1], "run") != 0) {
        error_set(err, "unknown command '%s'; see --help", argv[1]);
        return -1;
    }
    return parse_run_options(argc, argv, command_line, err);
}

void options_free(struct command_line *command_line)
{
    free(command_line->run.scenario_names.items);
    free(command_line->run.scenario_files.items);
    free(command_line->run.system_trees.items);
    free(command_line->run.system_tree_files.items);
    command_line->run.system_trees = (struct option_values){ NULL, 0 };
    command_line->run.system_tree_files = (struct option_values){ NULL, 0 };
    command_line->run.scenario_names = (struct option_values){ NULL, 0 };
    command_line->run.scenario_files = (struct option_values){ NULL, 0 };
}
