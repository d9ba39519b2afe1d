/*
 * verdict.c - what a finished run adds up to (see verdict.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "verdict.h"

static void add_problem(struct verdict *verdict, char *label, char *message,
                        bool counts_as_failure)
{
    struct run_problem *problem;

    verdict->problems = alloc_resize(verdict->problems, verdict->problem_count + 1,
                                     sizeof(verdict->problems[0]));
    problem = &verdict->problems[verdict->problem_count];
    verdict->problem_count++;
    problem->label = label;
    problem->message = message;
    problem->counts_as_failure = counts_as_failure;
    if (counts_as_failure) {
        verdict->failed++;
    }
}

static void count_results(struct verdict *verdict, const struct ktap_stream *ktap)
{
    for (unsigned i = 0; i < ktap->planned; i++) {
        switch (ktap->results[i].outcome) {
        case KTAP_PASS:
            verdict->passed++;
            break;
        case KTAP_SKIP:
            verdict->skipped++;
            break;
        case KTAP_FAIL:
            verdict->failed++;
            break;
        case KTAP_NO_RESULT:
            verdict->failed++;
            verdict->missing++;
            break;
        }
    }
}

/* Adds a domain's problems.  Returns true when the domain stopped early in
 * a way the counts already show. */
static bool add_domain_problems(struct verdict *verdict, const struct domain_run *domain)
{
    const struct ktap_stream *ktap = &domain->ktap;
    unsigned missing = ktap_stream_missing(ktap);
    bool bailed_out = ktap->phase == KTAP_BAILED_OUT;

    for (size_t i = 0; i < ktap->problems.count; i++) {
        add_problem(verdict, alloc_printf("d%u KTAP", domain->id),
                    alloc_printf("d%u %s", domain->id, ktap->problems.items[i]), true);
    }
    if (!ktap->has_plan) {
        if (bailed_out) {
            add_problem(verdict, alloc_printf("d%u bail out", domain->id),
                        alloc_printf("d%u bailed out before its plan: Bail out! %s",
                                     domain->id, ktap->bail_out_reason),
                        true);
        } else if (ktap->phase == KTAP_BEFORE_HEADER) {
            add_problem(verdict, alloc_printf("d%u no output", domain->id),
                        alloc_printf("d%u printed no KTAP output (no 'KTAP version 1' line)",
                                     domain->id),
                        true);
        } else {
            add_problem(verdict, alloc_printf("d%u no plan", domain->id),
                        alloc_printf("d%u printed no KTAP plan", domain->id), true);
        }
        return true;
    }
    if (bailed_out) {
        add_problem(verdict, alloc_printf("d%u bail out", domain->id),
                    alloc_printf("d%u bailed out: Bail out! %s", domain->id,
                                 ktap->bail_out_reason),
                    missing == 0);
        return true;
    }
    return missing > 0;
}

void verdict_compute(struct verdict *verdict, const struct session *session)
{
    bool stops_shown = false;
    bool any_without_plan = false;

    memset(verdict, 0, sizeof(*verdict));
    for (size_t i = 0; i < session->domain_count; i++) {
        const struct domain_run *domain = &session->domains[i];

        count_results(verdict, &domain->ktap);
        if (add_domain_problems(verdict, domain)) {
            stops_shown = true;
        }
        if (!domain->ktap.has_plan) {
            any_without_plan = true;
        }
    }
    for (size_t i = 0; i < session->run_problems.count; i++) {
        add_problem(verdict, alloc_text("run"), alloc_text(session->run_problems.items[i]),
                    !stops_shown);
    }
    verdict->show_output_tail =
        verdict->missing > 0 || any_without_plan || session->run_problems.count > 0;
}

enum deviation_state verdict_deviation_state(const struct session *session,
                                             const struct deviation *deviation)
{
    enum deviation_state state = DEVIATION_TEST_NOT_RUN;

    /* The same test may run in several domains: one failure is enough to
     * observe the deviation; otherwise say the most telling thing. */
    for (size_t d = 0; d < session->domain_count; d++) {
        const struct ktap_stream *ktap = &session->domains[d].ktap;

        for (unsigned i = 0; i < ktap->planned; i++) {
            const struct ktap_result *result = &ktap->results[i];

            if (result->name == NULL || strcmp(result->name, deviation->test) != 0) {
                continue;
            }
            if (result->outcome == KTAP_FAIL) {
                return DEVIATION_OBSERVED;
            }
            if (result->outcome == KTAP_SKIP && state != DEVIATION_TEST_PASSED) {
                state = DEVIATION_TEST_SKIPPED;
            } else if (result->outcome == KTAP_PASS) {
                state = DEVIATION_TEST_PASSED;
            }
        }
    }
    return state;
}

unsigned verdict_unlisted_failures(const struct session *session,
                                   const struct deviation_list *deviations)
{
    unsigned count = 0;

    for (size_t d = 0; d < session->domain_count; d++) {
        const struct ktap_stream *ktap = &session->domains[d].ktap;

        for (unsigned i = 0; i < ktap->planned; i++) {
            const struct ktap_result *result = &ktap->results[i];

            if (result->outcome == KTAP_FAIL &&
                deviations_find_test(deviations, result->name) == NULL) {
                count++;
            }
        }
    }
    return count;
}

int verdict_exit_status(const struct verdict *verdict, const struct session *session,
                        const struct deviation_list *deviations, bool expect_deviations)
{
    if (verdict->problem_count > 0 || verdict->missing > 0) {
        return 1;
    }
    if (!expect_deviations) {
        return verdict->failed > 0 ? 1 : 0;
    }
    if (verdict_unlisted_failures(session, deviations) > 0) {
        return 1;
    }
    for (size_t i = 0; deviations != NULL && i < deviations->count; i++) {
        if (verdict_deviation_state(session, &deviations->items[i]) != DEVIATION_OBSERVED) {
            return 1;
        }
    }
    return 0;
}

void verdict_free(struct verdict *verdict)
{
    for (size_t i = 0; i < verdict->problem_count; i++) {
        free(verdict->problems[i].label);
        free(verdict->problems[i].message);
    }
    free(verdict->problems);
    memset(verdict, 0, sizeof(*verdict));
}
