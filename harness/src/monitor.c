/*
 * monitor.c - watches a booted machine until the boot is over
 * (see monitor.h).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "alloc.h"
#include "child_events.h"
#include "line_splitter.h"
#include "monitor.h"

/* How long to read what is left of the output once QEMU has been ended. */
#define MONITOR_DRAIN_MS 1000

struct monitor_state {
    struct child_process *qemu;
    const struct signal_watch *signals;
    struct session *session;
    FILE *raw_log;
    struct line_splitter lines;
    char buffer[4096];
};

/* Hands the complete lines (all of them, at the end) to the session. */
static void take_output(struct monitor_state *state, const char *data, size_t size,
                        bool at_end)
{
    const char *line;

    if (size > 0) {
        if (state->raw_log != NULL) {
            fwrite(data, 1, size, state->raw_log);
            fflush(state->raw_log);
        }
        line_splitter_push(&state->lines, data, size);
    }
    while ((line = line_splitter_next(&state->lines, at_end)) != NULL) {
        session_take_line(state->session, line, monotonic_ms());
    }
}

/* After QEMU has been ended: reads the lines it wrote on its way out. */
static void drain_output(struct monitor_state *state)
{
    int64_t until = monotonic_ms() + MONITOR_DRAIN_MS;

    while (state->qemu->output_fd >= 0 && monotonic_ms() < until) {
        struct child_event event = child_events_wait(state->qemu, state->signals,
                                                     until - monotonic_ms(), state->buffer,
                                                     sizeof(state->buffer));

        if (event.kind == CHILD_EVENT_OUTPUT) {
            take_output(state, state->buffer, event.size, false);
        } else if (event.kind == CHILD_EVENT_STOP_SIGNAL) {
            break;
        }
    }
    take_output(state, NULL, 0, true);
    child_close_output(state->qemu);
}

/* How long to wait once no domain that owes results is running. */
static int64_t finish_wait_ms(const struct session *session,
                              const struct monitor_settings *settings)
{
    bool waits_for_halt =
        settings->halts_when_domains_stop && !session_any_domain_crashed(session);

    return (int64_t)(waits_for_halt ? MONITOR_HALT_SECONDS : MONITOR_SETTLE_SECONDS) * 1000;
}

static int64_t earliest(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

enum monitor_end monitor_run(struct child_process *qemu, const struct signal_watch *signals,
                             struct session *session, const struct monitor_settings *settings,
                             FILE *raw_log)
{
    struct monitor_state state;
    int64_t deadline = monotonic_ms() + (int64_t)settings->timeout_seconds * 1000;
    int64_t inactivity_ms = (int64_t)settings->inactivity_seconds * 1000;
    int64_t finish_at = INT64_MAX; /* set once no domain that owes results runs */
    bool qemu_exited_by_itself = false;
    bool timed_out = false;
    bool harness_stopped = false;

    memset(&state, 0, sizeof(state));
    state.qemu = qemu;
    state.signals = signals;
    state.session = session;
    state.raw_log = raw_log;
    line_splitter_init(&state.lines);

    for (;;) {
        int64_t now = monotonic_ms();
        int64_t next_check = session_check_inactivity(session, now, inactivity_ms);
        struct child_event event;

        if (finish_at == INT64_MAX && session_all_domains_finished(session)) {
            finish_at = now + finish_wait_ms(session, settings);
        }
        if (qemu->output_fd < 0 && qemu->reaped) {
            qemu_exited_by_itself = true;
            break;
        }
        /* Once no domain runs, the timeout only shortens the wait for the
         * end: the results are all in. */
        if (finish_at != INT64_MAX && (now >= finish_at || now >= deadline)) {
            if (settings->halts_when_domains_stop && !session_any_domain_crashed(session)) {
                session_add_run_problem(session, "the machine did not halt after the last "
                                                 "domain stopped");
            }
            break;
        }
        if (now >= deadline) {
            session_add_run_problem(session, "timeout: the boot did not end within %u s",
                                    settings->timeout_seconds);
            timed_out = true;
            break;
        }

        event = child_events_wait(qemu, signals,
                                  earliest(earliest(deadline, finish_at), next_check) - now,
                                  state.buffer, sizeof(state.buffer));
        if (event.kind == CHILD_EVENT_STOP_SIGNAL) {
            session_add_run_problem(session, "the harness was stopped by signal %d (%s)",
                                    event.signal, strsignal(event.signal));
            harness_stopped = true;
            break;
        }
        if (event.kind == CHILD_EVENT_OUTPUT) {
            take_output(&state, state.buffer, event.size, false);
        } else if (event.kind == CHILD_EVENT_OUTPUT_END) {
            take_output(&state, NULL, 0, true);
        }
    }

    child_terminate(qemu);
    drain_output(&state);
    if (qemu_exited_by_itself) {
        char status[128];
        char *reason;

        child_describe_status(qemu->wait_status, status, sizeof(status));
        if (!(WIFEXITED(qemu->wait_status) && WEXITSTATUS(qemu->wait_status) == 0)) {
            session_add_run_problem(session, "QEMU %s", status);
        } else if (!session_all_domains_finished(session)) {
            session_add_run_problem(session, "QEMU %s before every domain had finished",
                                    status);
        }
        reason = alloc_printf("QEMU %s", status);
        session_end_boot(session, reason);
        free(reason);
    } else if (timed_out) {
        char *reason = alloc_printf("the boot did not end within %u s (--timeout)",
                                    settings->timeout_seconds);

        session_end_boot(session, reason);
        free(reason);
    }
    session_finish_stops(session);
    line_splitter_free(&state.lines);
    return harness_stopped ? MONITOR_HARNESS_STOPPED : MONITOR_BOOT_ENDED;
}
