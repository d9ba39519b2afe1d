/*
 * child_events.h - waits for the next thing that happens to a run: output
 * from QEMU, the end of that output, or a signal telling the harness to
 * stop.
 *
 * Both loops that watch QEMU (the device-tree dump and the boot) are built
 * on child_events_wait(), so that both can be interrupted and both keep
 * their deadlines.
 */
#ifndef HARNESS_CHILD_EVENTS_H
#define HARNESS_CHILD_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "child_process.h"
#include "signal_watch.h"

enum child_event_kind {
    CHILD_EVENT_NOTHING,     /* the time ran out, or the child exited (it is then reaped) */
    CHILD_EVENT_OUTPUT,      /* bytes of output arrived */
    CHILD_EVENT_OUTPUT_END,  /* the output ended; child->output_fd is closed */
    CHILD_EVENT_STOP_SIGNAL, /* SIGINT, SIGTERM or SIGHUP arrived for the harness */
};

struct child_event {
    enum child_event_kind kind;
    size_t size;             /* CHILD_EVENT_OUTPUT: bytes in the buffer */
    int signal;              /* CHILD_EVENT_STOP_SIGNAL: which */
};

/* Milliseconds on a clock that only moves forward. */
int64_t monotonic_ms(void);

/* Waits up to timeout_ms (0: only looks) and reports one event.  Output is
 * read into buffer. */
struct child_event child_events_wait(struct child_process *child,
                                     const struct signal_watch *signals, int64_t timeout_ms,
                                     char *buffer, size_t buffer_size);

#endif
