/*
 * main.c - hvabi-harness: boots a hypervisor port under QEMU with the hvabi
 * conformance guest and reports the results.  usage.txt says how to call it.
 */
#include <stdio.h>

#include "error.h"
#include "options.h"
#include "paths.h"
#include "run.h"
#include "usage_text.h"

int main(int argc, char *argv[])
{
    /* Compiled in by CMake: where this build's sources, outputs and
     * downloaded packages are. */
    const struct harness_paths paths = {
        .source_dir = HVABI_SOURCE_DIR,
        .build_dir = HVABI_BUILD_DIR,
        .cache_dir = HVABI_CACHE_DIR,
    };
    struct command_line command_line;
    struct harness_error err;
    enum exit_status status;

    if (options_parse(argc, argv, &command_line, &err) != 0) {
        fprintf(stderr, "hvabi-harness: %s\n", err.message);
        options_free(&command_line);
        return EXIT_STATUS_ERROR;
    }
    if (command_line.command == COMMAND_HELP) {
        fputs(usage_text, stdout);
        status = EXIT_STATUS_PASSED;
    } else {
        status = run_command(&command_line.run, &paths);
    }
    options_free(&command_line);
    return (int)status;
}
