/*
 * session.h - what the harness knows about a run while it reads the serial
 * output: each domain's KTAP stream, the last lines of output, and how the
 * run ended.
 *
 * Each line goes to session_take_line(), which hands a domain's lines to
 * that domain's KTAP parser and prints each result as it arrives.
 */
#ifndef HARNESS_SESSION_H
#define HARNESS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "deviations.h"
#include "ktap.h"
#include "line_tail.h"
#include "text.h"

struct domain_run {
    unsigned id;                 /* N of "(d<N>) " */
    struct ktap_stream ktap;
    struct text_list ktap_lines; /* the domain's output from "KTAP version 1" on */
};

struct session {
    struct domain_run *domains;
    size_t domain_count;
    struct line_tail tail;         /* the last lines of the whole output */
    struct text_list run_problems; /* how the run ended, when that went wrong */
    const struct deviation_list *deviations;
    FILE *report;                  /* where results are printed as they arrive */
    bool echo_serial;              /* --verbose: print every line too */
};

/* A session for the domains with the given IDs. */
void session_init(struct session *session, const unsigned *domain_ids, size_t domain_count,
                  const struct deviation_list *deviations, FILE *report, bool echo_serial);

/* Takes one line of serial output (without its line end). */
void session_take_line(struct session *session, const char *line);

/* True once every domain's KTAP stream is finished (see ktap_stream_finished()). */
bool session_all_domains_finished(const struct session *session);

/* Records, printf style, that the run ended badly: a timeout, QEMU's exit
 * status, ... */
void session_add_run_problem(struct session *session, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

void session_free(struct session *session);

#endif
