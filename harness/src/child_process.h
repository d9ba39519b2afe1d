/*
 * child_process.h - runs QEMU as a child process whose output the harness
 * reads, and makes sure it ends.
 *
 * The child runs in a process group of its own, so that a terminal's ^C
 * reaches only the harness, and the harness ends the child and anything it
 * started with one kill().  Its standard input is /dev/null; standard
 * output and standard error go into one pipe.  The child is also set to be
 * killed by the kernel if the harness dies, whatever the reason, so no
 * QEMU is ever left running.
 */
#ifndef HARNESS_CHILD_PROCESS_H
#define HARNESS_CHILD_PROCESS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/* Seconds between SIGTERM and SIGKILL when the harness ends a child. */
#define CHILD_TERMINATE_GRACE_SECONDS 3

struct child_process {
    pid_t pid;       /* also the ID of its process group */
    int output_fd;   /* read end of the output pipe; -1 once closed */
    bool reaped;
    int wait_status; /* from waitpid(), once reaped */
};

/*
 * Starts argv[0] (looked up in PATH when it has no '/') with arguments argv,
 * and child_signal_mask as its signal mask.  Returns 0, or -1 with err set
 * when the program cannot be started (err then says why, e.g. "No such
 * file or directory").
 */
int child_start(struct child_process *child, char *const argv[],
                const sigset_t *child_signal_mask, struct harness_error *err);

/* Reaps the child if it has exited; returns child->reaped. */
bool child_reap_if_exited(struct child_process *child);

/* Ends the child: SIGTERM to its process group, SIGKILL after
 * CHILD_TERMINATE_GRACE_SECONDS, and reaps it.  Does nothing when it is
 * already reaped. */
void child_terminate(struct child_process *child);

void child_close_output(struct child_process *child);

/* Describes a wait status: "exited with status 1", "was killed by signal 9
 * (Killed)". */
void child_describe_status(int wait_status, char *text, size_t size);

#endif
