/*
 * options.c - the command line (see options.h).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

/* An option without a value: --verbose sets run->verbose. */
struct flag_option {
    const char *name;
    bool *field;
};

/* An option with a value, given as "--name VALUE" or "--name=VALUE". */
struct value_option {
    const char *name;
    const char **field;
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
}

static int parse_timeout(const char *value, unsigned *seconds, struct harness_error *err)
{
    char *end;
    unsigned long number;

    errno = 0;
    number = strtoul(value, &end, 10);
    if (value[0] < '0' || value[0] > '9' || *end != '\0' || errno != 0 || number == 0 ||
        number > OPTIONS_MAX_TIMEOUT_SECONDS) {
        error_set(err,
                  "option --timeout: '%s' is not a whole number of seconds from 1 to %u; "
                  "see --help",
                  value, OPTIONS_MAX_TIMEOUT_SECONDS);
        return -1;
    }
    *seconds = (unsigned)number;
    return 0;
}

static int parse_run_options(int argc, char *const argv[], struct command_line *command_line,
                             struct harness_error *err)
{
    struct run_options *run = &command_line->run;
    const char *timeout_text = NULL;
    const struct flag_option flags[] = {
        { "--expect-deviations", &run->expect_deviations },
        { "--verbose", &run->verbose },
        { "--icount", &run->icount },
    };
    const struct value_option values[] = {
        { "--port", &run->port_name },  { "--port-file", &run->port_file },
        { "--guest", &run->guest },     { "--timeout", &timeout_text },
        { "--junit", &run->junit_path }, { "--ktap", &run->ktap_path },
        { "--log", &run->log_path },    { "--qemu", &run->qemu },
        { "--keep-dir", &run->keep_dir },
    };
    bool port_given = false;

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
            *values[v].field = value;
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
    if (timeout_text != NULL) {
        if (parse_timeout(timeout_text, &run->timeout_seconds, err) != 0) {
            return -1;
        }
        run->timeout_given = true;
    }
    return 0;
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
