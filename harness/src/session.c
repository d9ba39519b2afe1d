/*
 * session.c - what the harness knows about a run while it reads the serial
 * output (see session.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "console.h"
#include "report.h"
#include "session.h"

void session_init(struct session *session, const unsigned *domain_ids, size_t domain_count,
                  const struct deviation_list *deviations, FILE *report, bool echo_serial)
{
    memset(session, 0, sizeof(*session));
    session->domains = alloc_zeroed(domain_count, sizeof(session->domains[0]));
    session->domain_count = domain_count;
    for (size_t i = 0; i < domain_count; i++) {
        session->domains[i].id = domain_ids[i];
        ktap_stream_init(&session->domains[i].ktap);
    }
    session->deviations = deviations;
    session->report = report;
    session->echo_serial = echo_serial;
}

static struct domain_run *find_domain(struct session *session, unsigned id)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        if (session->domains[i].id == id) {
            return &session->domains[i];
        }
    }
    return NULL;
}

/* Hands a domain's line to its KTAP parser and reports what it brought. */
static void take_domain_line(struct session *session, struct domain_run *domain,
                             const char *text)
{
    struct ktap_feed feed = ktap_stream_feed(&domain->ktap, text);

    if (domain->ktap.phase != KTAP_BEFORE_HEADER) {
        text_list_add(&domain->ktap_lines, text);
    }
    if (feed.problem != NULL) {
        report_ktap_problem(session->report, domain->id, feed.problem);
    }
    if (feed.result != NULL) {
        const struct deviation *deviation = NULL;

        if (feed.result->outcome == KTAP_FAIL) {
            deviation = deviations_find_test(session->deviations, feed.result->name);
        }
        report_result(session->report, domain->id, feed.result, deviation);
    }
    if (feed.bailed_out) {
        report_bail_out(session->report, domain->id, domain->ktap.bail_out_reason);
    }
}

void session_take_line(struct session *session, const char *line)
{
    unsigned id;
    const char *text;

    line_tail_add(&session->tail, line);
    if (session->echo_serial) {
        report_serial_line(session->report, line);
    }
    /* Output of a domain the run did not start stays hypervisor output. */
    if (console_split_domain_line(line, &id, &text)) {
        struct domain_run *domain = find_domain(session, id);

        if (domain != NULL) {
            take_domain_line(session, domain, text);
        }
    }
}

bool session_all_domains_finished(const struct session *session)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        if (!ktap_stream_finished(&session->domains[i].ktap)) {
            return false;
        }
    }
    return true;
}

void session_add_run_problem(struct session *session, const char *format, ...)
{
    char problem[1024];
    va_list args;

    va_start(args, format);
    vsnprintf(problem, sizeof(problem), format, args);
    va_end(args);
    text_list_add(&session->run_problems, problem);
}

void session_free(struct session *session)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        ktap_stream_free(&session->domains[i].ktap);
        text_list_free(&session->domains[i].ktap_lines);
    }
    free(session->domains);
    line_tail_free(&session->tail);
    text_list_free(&session->run_problems);
    memset(session, 0, sizeof(*session));
}
