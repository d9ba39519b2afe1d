/*
 * signal_watch.c - receives signals as events on a file descriptor
 * (see signal_watch.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "signal_watch.h"

int signal_watch_start(struct signal_watch *watch, struct harness_error *err)
{
    sigemptyset(&watch->watched);
    sigaddset(&watch->watched, SIGINT);
    sigaddset(&watch->watched, SIGTERM);
    sigaddset(&watch->watched, SIGHUP);
    sigaddset(&watch->watched, SIGCHLD);

    if (sigprocmask(SIG_BLOCK, &watch->watched, &watch->original) != 0) {
        error_set(err, "cannot block signals: %s", strerror(errno));
        return -1;
    }
    watch->fd = signalfd(-1, &watch->watched, SFD_NONBLOCK | SFD_CLOEXEC);
    if (watch->fd < 0) {
        error_set(err, "cannot create a signalfd: %s", strerror(errno));
        sigprocmask(SIG_SETMASK, &watch->original, NULL);
        return -1;
    }
    return 0;
}

int signal_watch_read(const struct signal_watch *watch)
{
    struct signalfd_siginfo info;
    ssize_t size = read(watch->fd, &info, sizeof(info));

    if (size != (ssize_t)sizeof(info)) {
        return 0;
    }
    return (int)info.ssi_signo;
}

void signal_watch_stop(struct signal_watch *watch)
{
    if (watch->fd >= 0) {
        close(watch->fd);
        watch->fd = -1;
    }
    sigprocmask(SIG_SETMASK, &watch->original, NULL);
}
