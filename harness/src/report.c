/*
 * report.c - what the harness prints on the terminal (see report.h).
 *
 * Each line is flushed at once: the user watches a run that takes minutes,
 * and output that waits in a buffer is lost if the harness is killed.
 */
#include "report.h"

/* Indentation of the lines under a result: past "FAIL d1  3 ". */
#define DETAIL_INDENT "     "

static void print_result_head(FILE *out, const char *tag, unsigned domain, unsigned number)
{
    fprintf(out, "%-4s d%u %2u ", tag, domain, number);
}

void report_result(FILE *out, unsigned domain, const struct ktap_result *result,
                   const struct deviation *deviation)
{
    switch (result->outcome) {
    case KTAP_PASS:
        print_result_head(out, "ok", domain, result->number);
        fprintf(out, "%s\n", result->name);
        break;
    case KTAP_SKIP:
        print_result_head(out, "skip", domain, result->number);
        fprintf(out, "%s: %s\n", result->name, result->skip_reason);
        break;
    case KTAP_FAIL:
        print_result_head(out, "FAIL", domain, result->number);
        fprintf(out, "%s\n", result->name);
        for (size_t i = 0; i < result->diagnostics.count; i++) {
            fprintf(out, DETAIL_INDENT "# %s\n", result->diagnostics.items[i]);
        }
        if (deviation != NULL) {
            fprintf(out, DETAIL_INDENT "deviation %s: %s\n", deviation->id, deviation->observed);
        }
        break;
    case KTAP_NO_RESULT:
        print_result_head(out, "FAIL", domain, result->number);
        fprintf(out, "test %u: no result (the domain stopped or hung)\n", result->number);
        break;
    }
    fflush(out);
}

void report_ktap_problem(FILE *out, unsigned domain, const char *problem)
{
    fprintf(out, "PROBLEM d%u %s\n", domain, problem);
    fflush(out);
}

void report_bail_out(FILE *out, unsigned domain, const char *reason)
{
    fprintf(out, "BAIL d%u Bail out! %s\n", domain, reason);
    fflush(out);
}

void report_serial_line(FILE *out, const char *line)
{
    fprintf(out, "| %s\n", line);
    fflush(out);
}

static void report_missing(FILE *out, const struct session *session)
{
    for (size_t d = 0; d < session->domain_count; d++) {
        const struct ktap_stream *ktap = &session->domains[d].ktap;

        for (unsigned i = 0; i < ktap->planned; i++) {
            if (ktap->results[i].outcome == KTAP_NO_RESULT) {
                report_result(out, session->domains[d].id, &ktap->results[i], NULL);
            }
        }
    }
}

static void report_tail(FILE *out, const struct session *session)
{
    fprintf(out, "Last %zu lines of the serial output:\n", session->tail.count);
    for (size_t i = 0; i < session->tail.count; i++) {
        fprintf(out, "  | %s\n", line_tail_get(&session->tail, i));
    }
}

/* With --expect-deviations: the failures no deviation lists, and the
 * deviations that this run did not observe. */
static void report_deviation_check(FILE *out, const struct session *session,
                                   const struct deviation_list *deviations)
{
    for (size_t d = 0; d < session->domain_count; d++) {
        const struct ktap_stream *ktap = &session->domains[d].ktap;

        for (unsigned i = 0; i < ktap->planned; i++) {
            const struct ktap_result *result = &ktap->results[i];

            if (result->outcome == KTAP_FAIL &&
                deviations_find_test(deviations, result->name) == NULL) {
                fprintf(out, "unexpected failure d%u %u %s: no deviation lists it\n",
                        session->domains[d].id, result->number, result->name);
            }
        }
    }
    for (size_t i = 0; deviations != NULL && i < deviations->count; i++) {
        const struct deviation *deviation = &deviations->items[i];

        switch (verdict_deviation_state(session, deviation)) {
        case DEVIATION_OBSERVED:
            break;
        case DEVIATION_TEST_PASSED:
            fprintf(out, "stale deviation %s: test %s passed; remove the entry\n",
                    deviation->id, deviation->test);
            break;
        case DEVIATION_TEST_SKIPPED:
            fprintf(out, "deviation %s not observed: test %s was skipped\n", deviation->id,
                    deviation->test);
            break;
        case DEVIATION_TEST_NOT_RUN:
            fprintf(out, "deviation %s not observed: test %s reported no result\n",
                    deviation->id, deviation->test);
            break;
        }
    }
}

void report_summary(FILE *out, const struct verdict *verdict)
{
    fprintf(out, "%u passed, %u failed, %u skipped\n", verdict->passed, verdict->failed,
            verdict->skipped);
    fflush(out);
}

void report_end(FILE *out, const struct session *session, const struct verdict *verdict,
                const struct deviation_list *deviations, bool expect_deviations)
{
    report_missing(out, session);
    if (verdict->problem_count > 0) {
        fprintf(out, "Problems:\n");
        for (size_t i = 0; i < verdict->problem_count; i++) {
            fprintf(out, "  %s\n", verdict->problems[i].message);
        }
    }
    if (verdict->show_output_tail) {
        report_tail(out, session);
    }
    if (expect_deviations) {
        report_deviation_check(out, session, deviations);
    }
    report_summary(out, verdict);
}
