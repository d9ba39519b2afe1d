/*
 * child_process.c - runs QEMU as a child process (see child_process.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child_process.h"

/*
 * Runs in the child between fork() and exec: sets up the process group,
 * the death signal, the standard streams and the signal mask, then execs.
 * On failure it writes errno to report_fd and exits.
 */
static void become_child(char *const argv[], const sigset_t *signal_mask, pid_t parent,
                         int output_fd, int report_fd)
{
    int null_fd;
    int error_number;

    setpgid(0, 0);
    /* If the harness dies, the kernel kills this child.  A harness that
     * died before this call is caught by the PID check. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        error_number = errno;
        goto failed;
    }
    if (getppid() != parent) {
        error_number = ESRCH;
        goto failed;
    }
    null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 ||
        dup2(output_fd, STDOUT_FILENO) < 0 || dup2(output_fd, STDERR_FILENO) < 0) {
        error_number = errno;
        goto failed;
    }
    sigprocmask(SIG_SETMASK, signal_mask, NULL);
    execvp(argv[0], argv);
    error_number = errno;

failed:
    if (write(report_fd, &error_number, sizeof(error_number)) < 0) {
        /* The parent then sees end-of-file and the exit status 127. */
    }
    _exit(127);
}

int child_start(struct child_process *child, char *const argv[],
                const sigset_t *child_signal_mask, struct harness_error *err)
{
    int output_pipe[2];
    int report_pipe[2];
    pid_t parent = getpid();
    pid_t pid;
    int error_number = 0;
    ssize_t size;

    child->pid = -1;
    child->output_fd = -1;
    child->reaped = false;
    child->wait_status = 0;

    /* The report pipe closes on a successful exec: reading it then gives
     * end-of-file, and an errno otherwise. */
    if (pipe2(output_pipe, O_CLOEXEC) != 0) {
        error_set(err, "cannot create a pipe for %s: %s", argv[0], strerror(errno));
        return -1;
    }
    if (pipe2(report_pipe, O_CLOEXEC) != 0) {
        error_set(err, "cannot create a pipe for %s: %s", argv[0], strerror(errno));
        close(output_pipe[0]);
        close(output_pipe[1]);
        return -1;
    }

    pid = fork();
    if (pid < 0) {
        error_set(err, "cannot start %s: fork: %s", argv[0], strerror(errno));
        close(output_pipe[0]);
        close(output_pipe[1]);
        close(report_pipe[0]);
        close(report_pipe[1]);
        return -1;
    }
    if (pid == 0) {
        close(output_pipe[0]);
        close(report_pipe[0]);
        become_child(argv, child_signal_mask, parent, output_pipe[1], report_pipe[1]);
    }

    /* Also from this side, so that the group exists before anyone signals it. */
    setpgid(pid, pid);
    close(output_pipe[1]);
    close(report_pipe[1]);
    do {
        size = read(report_pipe[0], &error_number, sizeof(error_number));
    } while (size < 0 && errno == EINTR);
    close(report_pipe[0]);

    child->pid = pid;
    child->output_fd = output_pipe[0];
    if (size > 0) {
        while (waitpid(pid, &child->wait_status, 0) < 0 && errno == EINTR) {
        }
        child->reaped = true;
        child_close_output(child);
        error_set(err, "cannot run %s: %s", argv[0], strerror(error_number));
        return -1;
    }
    return 0;
}

bool child_reap_if_exited(struct child_process *child)
{
    if (!child->reaped && child->pid > 0 &&
        waitpid(child->pid, &child->wait_status, WNOHANG) == child->pid) {
        child->reaped = true;
    }
    return child->reaped;
}

static void sleep_milliseconds(long milliseconds)
{
    struct timespec pause = { milliseconds / 1000, (milliseconds % 1000) * 1000000L };

    nanosleep(&pause, NULL);
}

void child_terminate(struct child_process *child)
{
    const long step_ms = 20;

    if (child->pid <= 0 || child_reap_if_exited(child)) {
        return;
    }
    kill(-child->pid, SIGTERM);
    for (long waited = 0; waited < CHILD_TERMINATE_GRACE_SECONDS * 1000L; waited += step_ms) {
        if (child_reap_if_exited(child)) {
            return;
        }
        sleep_milliseconds(step_ms);
    }
    kill(-child->pid, SIGKILL);
    while (waitpid(child->pid, &child->wait_status, 0) < 0 && errno == EINTR) {
    }
    child->reaped = true;
}

void child_close_output(struct child_process *child)
{
    if (child->output_fd >= 0) {
        close(child->output_fd);
        child->output_fd = -1;
    }
}

void child_describe_status(int wait_status, char *text, size_t size)
{
    if (WIFEXITED(wait_status)) {
        snprintf(text, size, "exited with status %d", WEXITSTATUS(wait_status));
    } else if (WIFSIGNALED(wait_status)) {
        snprintf(text, size, "was killed by signal %d (%s)", WTERMSIG(wait_status),
                 strsignal(WTERMSIG(wait_status)));
    } else {
        snprintf(text, size, "ended with wait status 0x%x", (unsigned)wait_status);
    }
}
