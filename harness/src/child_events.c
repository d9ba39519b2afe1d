/*
 * child_events.c - waits for the next thing that happens to a run
 * (see child_events.h).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "child_events.h"

int64_t monotonic_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Reads the pending signals: reaps the child on SIGCHLD, and returns the
 * first stop signal, or 0. */
static int read_signals(struct child_process *child, const struct signal_watch *signals)
{
    int stop_signal = 0;
    int signal_number;

    while ((signal_number = signal_watch_read(signals)) != 0) {
        if (signal_number == SIGCHLD) {
            child_reap_if_exited(child);
        } else if (stop_signal == 0) {
            stop_signal = signal_number;
        }
    }
    return stop_signal;
}

struct child_event child_events_wait(struct child_process *child,
                                     const struct signal_watch *signals, int64_t timeout_ms,
                                     char *buffer, size_t buffer_size)
{
    struct child_event event = { CHILD_EVENT_NOTHING, 0, 0 };
    struct pollfd fds[2];
    nfds_t fd_count = 1;
    int ready;

    fds[0].fd = signals->fd;
    fds[0].events = POLLIN;
    fds[0].revents = 0;
    if (child->output_fd >= 0) {
        fds[1].fd = child->output_fd;
        fds[1].events = POLLIN;
        fds[1].revents = 0;
        fd_count = 2;
    }
    if (timeout_ms < 0) {
        timeout_ms = 0;
    }
    if (timeout_ms > 60000) {
        timeout_ms = 60000; /* the caller loops and checks its deadlines again */
    }

    ready = poll(fds, fd_count, (int)timeout_ms);
    if (ready <= 0) {
        /* Time ran out, or EINTR: the caller looks at its deadlines again. */
        child_reap_if_exited(child);
        return event;
    }
    if (fds[0].revents != 0) {
        event.signal = read_signals(child, signals);
        if (event.signal != 0) {
            event.kind = CHILD_EVENT_STOP_SIGNAL;
            return event;
        }
    }
    if (fd_count == 2 && fds[1].revents != 0) {
        ssize_t size = read(child->output_fd, buffer, buffer_size);

        if (size > 0) {
            event.kind = CHILD_EVENT_OUTPUT;
            event.size = (size_t)size;
        } else if (size == 0 || (errno != EINTR && errno != EAGAIN)) {
            child_close_output(child);
            event.kind = CHILD_EVENT_OUTPUT_END;
        }
    }
    return event;
}
