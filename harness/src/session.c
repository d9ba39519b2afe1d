/*
 * session.c - what the harness knows about one boot while it reads the
 * serial output (see session.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "console.h"
#include "report.h"
#include "session.h"
#include "stop_line.h"

void session_init(struct session *session, const struct session_domain_settings *domains,
                  size_t domain_count, const struct deviation_list *deviations, FILE *report,
                  bool echo_serial, const char *result_prefix, int64_t now_ms)
{
    memset(session, 0, sizeof(*session));
    session->domains = alloc_zeroed(domain_count, sizeof(session->domains[0]));
    session->domain_count = domain_count;
    for (size_t i = 0; i < domain_count; i++) {
        struct domain_run *domain = &session->domains[i];

        domain->id = domains[i].id;
        domain->expects_results = domains[i].expects_results;
        domain->state = DOMAIN_RUNNING;
        domain->last_output_ms = now_ms;
        ktap_stream_init_at(&domain->ktap, domains[i].first_test);
    }
    session->deviations = deviations;
    session->report = report;
    session->echo_serial = echo_serial;
    session->result_prefix = result_prefix;
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

/*
 * The lines shown with a crash: the domain's last lines, and the
 * hypervisor's lines from the first of those on, in the order they were
 * printed.  Without lines of the domain, the hypervisor's last lines.
 */
static void collect_crash_context(const struct session *session, struct domain_run *domain)
{
    const struct line_tail *own = &domain->tail;
    const struct line_tail *hypervisor = &session->hypervisor_tail;
    uint64_t since = own->count > 0 ? line_tail_number(own, 0) : 0;
    size_t d = 0;
    size_t h = 0;

    while (h < hypervisor->count && line_tail_number(hypervisor, h) < since) {
        h++;
    }
    while (d < own->count || h < hypervisor->count) {
        bool take_own = h == hypervisor->count ||
                        (d < own->count &&
                         line_tail_number(own, d) < line_tail_number(hypervisor, h));

        if (take_own) {
            text_list_add(&domain->crash_context, line_tail_get(own, d));
            d++;
        } else {
            text_list_add(&domain->crash_context, line_tail_get(hypervisor, h));
            h++;
        }
    }
}

/* The test a domain crashed in: the one after its last result, if the
 * plan has it and it has no result (a stream with results out of order
 * may point at one that has). */
static unsigned crashed_test_number(const struct ktap_stream *ktap)
{
    unsigned number = ktap->next_number;

    if (!ktap->has_plan || number == 0 || number > ktap->planned ||
        ktap->results[number - 1].outcome != KTAP_NO_RESULT) {
        return 0;
    }
    return number;
}

static void mark_crashed(struct session *session, struct domain_run *domain, const char *reason)
{
    unsigned number = crashed_test_number(&domain->ktap);

    domain->state = DOMAIN_CRASHED;
    domain->crash_reason = alloc_text(reason);
    collect_crash_context(session, domain);
    if (number == 0) {
        /* Before its plan, or after its last test: the end report says why. */
        return;
    }
    domain->crashed_test.number = number;
    domain->crashed_test.outcome = KTAP_FAIL;
    if (domain->stop.announced && domain->stop.test == number) {
        /* It said what it is called: deviations can name it. */
        domain->crashed_test.name = alloc_text(domain->stop.name);
    }
    ktap_stream_take_unfinished(&domain->ktap, &domain->crashed_test);
    report_crash(session->report, session->result_prefix, domain->id, &domain->crashed_test,
                 domain->crash_reason, &domain->crash_context);
}

static void forget_announcement(struct stop_expectation *stop)
{
    free(stop->name);
    free(stop->cause);
    stop->name = NULL;
    stop->cause = NULL;
    stop->announced = false;
    stop->test = 0;
}

/* A line of a domain whose test in progress may announce its stop. */
static void take_announcement(struct domain_run *domain, const char *text)
{
    char *name = NULL;
    char *cause = NULL;

    if (domain->ktap.phase != KTAP_TESTING || !stop_announcement_parse(text, &name, &cause)) {
        return;
    }
    forget_announcement(&domain->stop);
    domain->stop.announced = true;
    domain->stop.test = domain->ktap.next_number;
    domain->stop.name = name;
    domain->stop.cause = cause;
}

/* The domain announced its stop and will not print the stop line: it
 * stopped (or hung) without one. */
static void stop_without_line(struct domain_run *domain, const char *why)
{
    domain->state = DOMAIN_STOPPED;
    domain->stop.failure =
        alloc_printf("no stop line 'hvabi: d%u stopped: %s' from the hypervisor: %s",
                     domain->id, domain->stop.cause, why);
}

/* Hands a domain's line to its KTAP parser and reports what it brought. */
static void take_domain_line(struct session *session, struct domain_run *domain,
                             const char *text, int64_t now_ms)
{
    struct ktap_feed feed;

    if (!domain->expects_results) {
        /* Parsed only to notice a plan, which such a domain must not print. */
        (void)ktap_stream_feed(&domain->ktap, text);
        return;
    }
    if (domain->state == DOMAIN_CRASHED) {
        /* What it prints after it was given up is in the log, not in the results. */
        return;
    }
    if (domain->state == DOMAIN_STOPPED) {
        /* A stopped domain executes nothing: a line now is the failure of its test. */
        if (domain->stop.stop_line != NULL && domain->stop.output_after == NULL &&
            now_ms - domain->stop.stopped_at_ms >= SESSION_STOP_QUIET_MS) {
            domain->stop.output_after = alloc_printf(
                "%s' (%lld ms after it)", text, (long long)(now_ms - domain->stop.stopped_at_ms));
        }
        return;
    }
    feed = ktap_stream_feed(&domain->ktap, text);
    if (feed.problem != NULL) {
        report_ktap_problem(session->report, session->result_prefix, domain->id, feed.problem);
    }
    if (feed.result != NULL) {
        const struct deviation *deviation = NULL;

        if (feed.result->outcome == KTAP_FAIL) {
            deviation = deviations_find_test(session->deviations, feed.result->name);
        }
        report_result(session->report, session->result_prefix, domain->id, feed.result,
                      deviation);
        if (domain->stop.announced && feed.result->number == domain->stop.test) {
            /* The test saw that it was not stopped, and said so. */
            forget_announcement(&domain->stop);
        }
    }
    take_announcement(domain, text);
    if (feed.bailed_out) {
        char *reason = alloc_printf("Bail out! %s", domain->ktap.bail_out_reason);

        report_bail_out(session->report, session->result_prefix, domain->id,
                        domain->ktap.bail_out_reason);
        mark_crashed(session, domain, reason);
        free(reason);
    } else if (domain->state == DOMAIN_RUNNING && domain->ktap.phase == KTAP_ALL_RESULTS_IN) {
        domain->state = DOMAIN_COMPLETE;
    }
}

/* A hypervisor line that names a domain in a stop line. */
static void take_stop_line(struct session *session, const char *line, enum stop_line_kind kind,
                           const struct stop_line *stop, int64_t now_ms)
{
    struct domain_run *domain = find_domain(session, stop->domain);

    if (domain == NULL || !domain->expects_results || domain->state != DOMAIN_RUNNING) {
        return;
    }
    if (!domain->stop.announced) {
        char *reason = alloc_printf("stopped by the hypervisor: %s", line);

        mark_crashed(session, domain, reason);
        free(reason);
        return;
    }
    domain->state = DOMAIN_STOPPED;
    domain->stop.stop_line = alloc_text(line);
    domain->stop.stopped_at_ms = now_ms;
    if (kind == STOP_LINE_MALFORMED) {
        domain->stop.failure =
            alloc_printf("the stop line does not have the specified form: %s", stop->problem);
    } else if (strcmp(stop->cause, domain->stop.cause) != 0) {
        domain->stop.failure = alloc_printf("the hypervisor stopped d%u with cause '%s'; the "
                                            "test expected '%s'",
                                            domain->id, stop->cause, domain->stop.cause);
    }
}

void session_take_line(struct session *session, const char *line, int64_t now_ms)
{
    struct domain_run *domain = NULL;
    unsigned id;
    const char *text;

    session->line_count++;
    line_tail_add(&session->tail, line);
    if (session->echo_serial) {
        report_serial_line(session->report, line);
    }
    if (console_split_domain_line(line, &id, &text)) {
        domain = find_domain(session, id);
    }
    /* Output of a domain the boot did not start stays hypervisor output. */
    if (domain == NULL) {
        struct stop_line stop;
        enum stop_line_kind kind;

        line_tail_add_numbered(&session->hypervisor_tail, line, session->line_count);
        /* A domain's own text, whatever it says, is never its stop line. */
        kind = console_split_domain_line(line, &id, &text) ? STOP_LINE_NONE
                                                            : stop_line_parse(line, &stop);
        if (kind != STOP_LINE_NONE) {
            take_stop_line(session, line, kind, &stop, now_ms);
        }
        return;
    }
    line_tail_add_numbered(&domain->tail, line, session->line_count);
    domain->last_output_ms = now_ms;
    take_domain_line(session, domain, text, now_ms);
}

int64_t session_check_inactivity(struct session *session, int64_t now_ms, int64_t limit_ms)
{
    int64_t next_check = INT64_MAX;

    for (size_t i = 0; i < session->domain_count; i++) {
        struct domain_run *domain = &session->domains[i];
        int64_t limit_at = domain->last_output_ms + limit_ms;

        if (!domain->expects_results || domain->state != DOMAIN_RUNNING) {
            continue;
        }
        if (now_ms >= limit_at && domain->stop.announced) {
            char *why = alloc_printf("no output for %lld s", (long long)(limit_ms / 1000));

            stop_without_line(domain, why);
            free(why);
        } else if (now_ms >= limit_at) {
            char *reason = alloc_printf("no output for %lld s", (long long)(limit_ms / 1000));

            mark_crashed(session, domain, reason);
            free(reason);
        } else if (limit_at < next_check) {
            next_check = limit_at;
        }
    }
    return next_check;
}

void session_end_boot(struct session *session, const char *reason)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        struct domain_run *domain = &session->domains[i];

        if (domain->expects_results && domain->state == DOMAIN_RUNNING &&
            domain->stop.announced) {
            stop_without_line(domain, reason);
        } else if (domain->expects_results && domain->state == DOMAIN_RUNNING) {
            mark_crashed(session, domain, reason);
        }
    }
}

/* The result of the test that announced the stop of its stopped domain. */
static void finish_stop(struct session *session, struct domain_run *domain)
{
    struct stop_expectation *stop = &domain->stop;
    struct ktap_stream *ktap = &domain->ktap;
    struct ktap_result *result;
    const struct deviation *deviation = NULL;

    if (!ktap->has_plan || stop->test == 0 || stop->test > ktap->planned ||
        ktap->results[stop->test - 1].outcome != KTAP_NO_RESULT) {
        return;
    }
    result = &ktap->results[stop->test - 1];
    result->name = alloc_text(stop->name);
    ktap_stream_take_unfinished(ktap, result);
    if (stop->stop_line != NULL) {
        text_list_addf(&result->diagnostics, "stop line: %s", stop->stop_line);
    }
    if (stop->failure == NULL && stop->output_after != NULL) {
        stop->failure = alloc_printf("d%u still ran after its stop line: it printed '%s",
                                     domain->id, stop->output_after);
    }
    if (stop->failure != NULL) {
        text_list_addf(&result->diagnostics, "FAIL: %s", stop->failure);
        result->outcome = KTAP_FAIL;
        deviation = deviations_find_test(session->deviations, result->name);
    } else {
        result->outcome = KTAP_PASS;
    }
    ktap->results_in++;
    ktap->next_number = stop->test + 1;
    if (ktap->results_in == ktap_stream_expected(ktap)) {
        ktap->phase = KTAP_ALL_RESULTS_IN;
    }
    report_result(session->report, session->result_prefix, domain->id, result, deviation);
}

void session_finish_stops(struct session *session)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        struct domain_run *domain = &session->domains[i];

        if (domain->state == DOMAIN_STOPPED && domain->stop.announced) {
            finish_stop(session, domain);
        }
    }
}

bool session_all_domains_finished(const struct session *session)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        if (session->domains[i].expects_results &&
            session->domains[i].state == DOMAIN_RUNNING) {
            return false;
        }
    }
    return true;
}

bool session_any_domain_crashed(const struct session *session)
{
    for (size_t i = 0; i < session->domain_count; i++) {
        if (session->domains[i].state == DOMAIN_CRASHED) {
            return true;
        }
    }
    return false;
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
        struct domain_run *domain = &session->domains[i];

        ktap_stream_free(&domain->ktap);
        line_tail_free(&domain->tail);
        free(domain->crash_reason);
        ktap_result_free(&domain->crashed_test);
        text_list_free(&domain->crash_context);
        forget_announcement(&domain->stop);
        free(domain->stop.stop_line);
        free(domain->stop.failure);
        free(domain->stop.output_after);
    }
    free(session->domains);
    line_tail_free(&session->tail);
    line_tail_free(&session->hypervisor_tail);
    text_list_free(&session->run_problems);
    memset(session, 0, sizeof(*session));
}
