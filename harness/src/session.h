/*
 * session.h - what the harness knows about one boot while it reads the
 * serial output: each domain's KTAP stream, whether the domain is still
 * running, complete or crashed, and the last lines of output.
 *
 * Each line goes to session_take_line(), which hands a domain's lines to
 * that domain's KTAP parser and prints each result as it arrives.
 *
 * A domain that prints results (expect = results) has crashed when its
 * output stops before every result this boot expects of it is in: it
 * printed "Bail out!", it printed nothing for the inactivity limit
 * (session_check_inactivity()), or the boot ended (session_end_boot():
 * QEMU exited, the boot timed out).  It crashed in the test after its last
 * result; that test is reported at once as failed, with the last lines of
 * the domain's output and the hypervisor's lines among and after them.  A
 * domain that is expected to be stopped (expect = stopped) never crashes
 * and never completes: its results, if any, are not reported.
 *
 * A test may end with the stop of its own domain (stop_line.h): the domain
 * announces it with "# expect stop: <name> <cause>" and then acts.  The
 * hypervisor's domain stop line for it makes the domain DOMAIN_STOPPED, and
 * when the boot is over (session_finish_stops()) the test has its result:
 * passed when the stop line has the specified form and the announced
 * cause and the domain printed nothing later than SESSION_STOP_QUIET_MS
 * after it; failed otherwise.  (A hypervisor may write its stop line before
 * domain output it still holds, spec: safety.rst, so lines that follow the
 * stop line closely are not held against it.)  When
 * no stop line comes (the domain prints nothing for the inactivity limit,
 * or the boot ends) the test fails, under its announced name.  A result
 * line of the test itself (it noticed that it was not stopped) cancels the
 * announcement.
 *
 * A stop line for a domain that owes results and announced nothing ends
 * its run at once: it crashed, stopped by the hypervisor.
 */
#ifndef HARNESS_SESSION_H
#define HARNESS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "deviations.h"
#include "ktap.h"
#include "line_tail.h"
#include "text.h"

/* What a boot expects of a domain. */
struct session_domain_settings {
    unsigned id;          /* N of "(d<N>) " */
    bool expects_results; /* expect = results; otherwise expect = stopped */
    unsigned first_test;  /* the first test of this boot: 1, or the domain's hvabi.start */
};

enum domain_state {
    DOMAIN_RUNNING,  /* results are still to come (and always, for expect = stopped) */
    DOMAIN_COMPLETE, /* every result this boot expects of it is in */
    DOMAIN_CRASHED,  /* its output stopped before that */
    DOMAIN_STOPPED,  /* stopped in a test that announced its stop, or silent after it */
};

/* After this long, a line of a stopped domain shows that it still runs. */
#define SESSION_STOP_QUIET_MS 1000

/* A test that announced the stop of its domain (see above). */
struct stop_expectation {
    bool announced;     /* "# expect stop:" seen, for the test in progress */
    unsigned test;      /* its number */
    char *name;         /* the name it announced */
    char *cause;        /* the cause it announced */
    char *stop_line;    /* the hypervisor's stop line for the domain, when it came */
    int64_t stopped_at_ms; /* when it came */
    char *failure;      /* why the stop does not pass, or NULL */
    char *output_after; /* the first line the domain printed well after its stop line */
};

struct domain_run {
    unsigned id;
    bool expects_results;
    enum domain_state state;
    struct ktap_stream ktap;
    struct line_tail tail;           /* its last lines, numbered by place in the output */
    int64_t last_output_ms;          /* when it last printed a line (or the boot started) */
    char *crash_reason;              /* DOMAIN_CRASHED: "Bail out! ...", "no output for 15 s" */
    struct ktap_result crashed_test; /* DOMAIN_CRASHED: the test it crashed in, failed;
                                        number 0 when it crashed before its plan */
    struct text_list crash_context;  /* DOMAIN_CRASHED: its and the hypervisor's last lines */
    struct stop_expectation stop;
};

struct session {
    struct domain_run *domains;
    size_t domain_count;
    uint64_t line_count;              /* lines so far; numbers the lines of the tails */
    struct line_tail tail;            /* the last lines of the whole output */
    struct line_tail hypervisor_tail; /* the last lines that no domain of the boot printed */
    struct text_list run_problems;    /* how the boot ended, when that went wrong */
    const struct deviation_list *deviations;
    FILE *report;                     /* where results are printed as they arrive */
    bool echo_serial;                 /* --verbose: print every line too */
    const char *result_prefix;        /* before each reported result: "" or a scenario */
};

/* A session for a boot of the given domains, which starts at now_ms. */
void session_init(struct session *session, const struct session_domain_settings *domains,
                  size_t domain_count, const struct deviation_list *deviations, FILE *report,
                  bool echo_serial, const char *result_prefix, int64_t now_ms);

/* Takes one line of serial output (without its line end), which arrived
 * at now_ms. */
void session_take_line(struct session *session, const char *line, int64_t now_ms);

/*
 * Marks every running domain that owes results and has printed nothing
 * for limit_ms as crashed.  Returns when the next domain would reach the
 * limit (INT64_MAX when no domain is running).
 */
int64_t session_check_inactivity(struct session *session, int64_t now_ms, int64_t limit_ms);

/* The boot is over: every domain still running that owes results has
 * crashed, for the given reason. */
void session_end_boot(struct session *session, const char *reason);

/*
 * The boot is over and its output read: gives each test that ended with the
 * stop of its domain its result, reports it, and records it in the
 * domain's KTAP stream as if the domain had printed it.
 */
void session_finish_stops(struct session *session);

/* True once no domain that owes results is running. */
bool session_all_domains_finished(const struct session *session);

/* True when a domain has crashed in this boot. */
bool session_any_domain_crashed(const struct session *session);

/* Records, printf style, that the boot ended badly: a timeout, QEMU's exit
 * status, ... */
void session_add_run_problem(struct session *session, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

void session_free(struct session *session);

#endif
