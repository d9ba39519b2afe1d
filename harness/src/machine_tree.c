/*
 * machine_tree.c - gets the device tree of the machine QEMU emulates
 * (see machine_tree.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "alloc.h"
#include "child_events.h"
#include "child_process.h"
#include "line_splitter.h"
#include "line_tail.h"
#include "machine_tree.h"
#include "text.h"

int machine_tree_read_file(const char *path, size_t max_bytes, void **data, size_t *size,
                           struct harness_error *err)
{
    FILE *file = fopen(path, "rb");
    struct stat info;
    char *bytes;

    if (file == NULL) {
        error_set(err, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
        error_set(err, "%s is not a regular file", path);
        fclose(file);
        return -1;
    }
    if (info.st_size <= 0 || (uint64_t)info.st_size > max_bytes) {
        error_set(err, "%s has %lld bytes; expected 1 to %zu", path, (long long)info.st_size,
                  max_bytes);
        fclose(file);
        return -1;
    }
    bytes = alloc_zeroed((size_t)info.st_size, 1);
    if (fread(bytes, 1, (size_t)info.st_size, file) != (size_t)info.st_size) {
        error_set(err, "cannot read %s: %s", path, ferror(file) ? strerror(errno) : "short read");
        free(bytes);
        fclose(file);
        return -1;
    }
    fclose(file);
    *data = bytes;
    *size = (size_t)info.st_size;
    return 0;
}

/* Appends QEMU's last lines of output to a message. */
static void append_output(struct harness_error *err, const struct line_tail *output)
{
    size_t used = strlen(err->message);

    for (size_t i = 0; i < output->count && used < sizeof(err->message); i++) {
        int written = snprintf(err->message + used, sizeof(err->message) - used, "\n  | %s",
                               line_tail_get(output, i));

        if (written < 0) {
            break;
        }
        used += (size_t)written;
    }
}

/* Reads QEMU's output into output until QEMU has exited.  Returns 0, or -1
 * with err set when the time runs out or the harness is told to stop. */
static int wait_for_qemu(struct child_process *qemu, const struct signal_watch *signals,
                         struct line_tail *output, struct harness_error *err)
{
    int64_t deadline = monotonic_ms() + MACHINE_TREE_DUMP_SECONDS * 1000;
    struct line_splitter lines;
    char buffer[1024];
    const char *line;
    int status = 0;

    line_splitter_init(&lines);
    while (qemu->output_fd >= 0 || !qemu->reaped) {
        struct child_event event;

        if (monotonic_ms() >= deadline) {
            error_set(err, "QEMU did not dump the machine's device tree within %d s",
                      MACHINE_TREE_DUMP_SECONDS);
            status = -1;
            break;
        }
        event = child_events_wait(qemu, signals, deadline - monotonic_ms(), buffer,
                                  sizeof(buffer));
        if (event.kind == CHILD_EVENT_STOP_SIGNAL) {
            error_set(err, "stopped by signal %d (%s) while QEMU dumped the device tree",
                      event.signal, strsignal(event.signal));
            status = -1;
            break;
        }
        if (event.kind == CHILD_EVENT_OUTPUT) {
            line_splitter_push(&lines, buffer, event.size);
        }
        while ((line = line_splitter_next(&lines, qemu->output_fd < 0)) != NULL) {
            line_tail_add(output, line);
        }
    }
    child_terminate(qemu);
    child_close_output(qemu);
    line_splitter_free(&lines);
    return status;
}

int machine_tree_dump(const struct qemu_machine *machine, const char *dtb_path,
                      const struct signal_watch *signals, void **tree, size_t *tree_size,
                      struct harness_error *err)
{
    struct text_list argv = { NULL, 0, 0 };
    struct child_process qemu;
    struct line_tail output;
    int status;

    memset(&output, 0, sizeof(output));
    qemu_dump_command(&argv, machine, dtb_path);
    status = child_start(&qemu, argv.items, &signals->original, err);
    if (status == 0) {
        status = wait_for_qemu(&qemu, signals, &output, err);
    }
    if (status == 0 &&
        !(WIFEXITED(qemu.wait_status) && WEXITSTATUS(qemu.wait_status) == 0)) {
        char description[128];

        child_describe_status(qemu.wait_status, description, sizeof(description));
        error_set(err, "QEMU %s while dumping the machine's device tree (machine '%s'):",
                  description, machine->machine);
        append_output(err, &output);
        status = -1;
    }
    if (status == 0) {
        status = machine_tree_read_file(dtb_path, MACHINE_TREE_MAX_BYTES, tree, tree_size, err);
    }
    line_tail_free(&output);
    text_list_free(&argv);
    return status;
}
