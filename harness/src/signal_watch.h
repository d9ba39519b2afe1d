/*
 * signal_watch.h - receives SIGINT, SIGTERM, SIGHUP and SIGCHLD as events
 * on a file descriptor instead of as interruptions.
 *
 * The signals are blocked and read from a signalfd, so that the loop that
 * reads QEMU's output sees them in its poll(), and no handler or global
 * flag is needed.  When the harness is told to stop it can then end QEMU
 * and clean up before it exits.  Children get the original signal mask
 * back (see child_process.c).
 */
#ifndef HARNESS_SIGNAL_WATCH_H
#define HARNESS_SIGNAL_WATCH_H

#include <signal.h>

#include "error.h"

struct signal_watch {
    int fd;            /* readable when a watched signal is pending */
    sigset_t watched;
    sigset_t original; /* the mask before signal_watch_start() */
};

/* Returns 0, or -1 with err set. */
int signal_watch_start(struct signal_watch *watch, struct harness_error *err);

/* Reads one pending signal; returns its number, or 0 when none is pending. */
int signal_watch_read(const struct signal_watch *watch);

/* Closes the descriptor and restores the original signal mask. */
void signal_watch_stop(struct signal_watch *watch);

#endif
