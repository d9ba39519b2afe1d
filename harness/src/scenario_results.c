/*
 * scenario_results.c - the results of a scenario over all its boots
 * (see scenario_results.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "scenario_results.h"

void scenario_results_init(struct scenario_results *results, const struct scenario *scenario)
{
    memset(results, 0, sizeof(*results));
    results->name = alloc_text(scenario->name);
    results->is_default = scenario->is_default;
    results->domains = alloc_zeroed(scenario->domain_count, sizeof(results->domains[0]));
    results->domain_count = scenario->domain_count;
    for (size_t i = 0; i < scenario->domain_count; i++) {
        struct domain_results *domain = &results->domains[i];

        domain->id = (unsigned)i + 1;
        domain->name = alloc_text(scenario->domains[i].name);
        domain->expects_results = scenario->domains[i].expect == DOMAIN_EXPECT_RESULTS;
        domain->next_first_test = 1;
    }
}

void scenario_results_session_settings(const struct scenario_results *results,
                                       struct session_domain_settings *settings)
{
    for (size_t i = 0; i < results->domain_count; i++) {
        const struct domain_results *domain = &results->domains[i];

        settings[i].id = domain->id;
        settings[i].expects_results = domain->expects_results;
        settings[i].first_test = domain->expects_results ? domain->next_first_test : 1;
    }
}

void scenario_results_first_tests(const struct scenario_results *results, unsigned *first_tests)
{
    for (size_t i = 0; i < results->domain_count; i++) {
        const struct domain_results *domain = &results->domains[i];

        first_tests[i] = domain->expects_results ? domain->next_first_test : 1;
    }
}

const char *domain_results_label(unsigned id, char *buffer, size_t size)
{
    if (id == DOMAIN_RESULTS_TREE_ID) {
        snprintf(buffer, size, "tree");
    } else {
        snprintf(buffer, size, "d%u", id);
    }
    return buffer;
}

const char *domain_results_not_run_reason(const struct domain_results *domain)
{
    return domain->not_run_reason != NULL ? domain->not_run_reason : SCENARIO_RESULTS_NO_RESULT;
}

/* Adds a problem, its message printf style. */
static void add_problem(struct scenario_results *results, enum problem_kind kind,
                        const char *label, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void add_problem(struct scenario_results *results, enum problem_kind kind,
                        const char *label, const char *format, ...)
{
    struct scenario_problem *problem;
    va_list args;

    results->problems = alloc_resize(results->problems, results->problem_count + 1,
                                     sizeof(results->problems[0]));
    problem = &results->problems[results->problem_count];
    results->problem_count++;
    problem->kind = kind;
    problem->label = alloc_text(label);
    va_start(args, format);
    problem->message = alloc_vprintf(format, args);
    va_end(args);
}

/* "boot 2: " for the problems of a boot after the first; "" for the first,
 * so that a scenario that boots once reads as before scenarios existed. */
static char *boot_prefix(const struct scenario_results *results)
{
    return results->boots > 1 ? alloc_printf("boot %u: ", results->boots) : alloc_text("");
}

/* A domain that printed no plan in this boot: why, as a problem. */
static void add_no_plan_problem(struct scenario_results *results, const struct domain_run *run,
                                const char *prefix)
{
    const struct ktap_stream *ktap = &run->ktap;
    char label[64];

    if (ktap->phase == KTAP_BAILED_OUT) {
        snprintf(label, sizeof(label), "d%u bail out", run->id);
        add_problem(results, PROBLEM_OF_DOMAIN, label,
                    "%sd%u bailed out before its plan: Bail out! %s", prefix, run->id,
                    ktap->bail_out_reason);
    } else if (ktap->phase == KTAP_BEFORE_HEADER) {
        snprintf(label, sizeof(label), "d%u no output", run->id);
        add_problem(results, PROBLEM_OF_DOMAIN, label,
                    "%sd%u printed no KTAP output (no 'KTAP version 1' line)", prefix, run->id);
    } else {
        snprintf(label, sizeof(label), "d%u no plan", run->id);
        add_problem(results, PROBLEM_OF_DOMAIN, label, "%sd%u printed no KTAP plan", prefix,
                    run->id);
    }
}

/* The first plan of a domain is the plan of every boot. */
static int take_plan(struct scenario_results *results, struct domain_results *domain,
                     struct domain_run *run, const char *prefix)
{
    char label[64];

    if (!domain->has_plan) {
        domain->has_plan = true;
        domain->planned = run->ktap.planned;
        domain->tests = alloc_zeroed(domain->planned, sizeof(domain->tests[0]));
        for (unsigned i = 0; i < domain->planned; i++) {
            domain->tests[i].result.number = i + 1;
            domain->tests[i].result.outcome = KTAP_NO_RESULT;
        }
        text_list_move_all(&domain->header_diagnostics, &run->ktap.header_diagnostics);
        return 0;
    }
    if (run->ktap.planned != domain->planned) {
        snprintf(label, sizeof(label), "d%u plan", run->id);
        add_problem(results, PROBLEM_OF_DOMAIN, label,
                    "%sd%u changed its plan from 1..%u to 1..%u", prefix, run->id,
                    domain->planned, run->ktap.planned);
        return -1;
    }
    return 0;
}

/* Moves the results of this boot, and the test it crashed in, into the
 * domain's records; sets where the next boot starts. */
static void take_results(struct domain_results *domain, struct domain_run *run)
{
    struct ktap_stream *ktap = &run->ktap;
    unsigned crashed = run->state == DOMAIN_CRASHED ? run->crashed_test.number : 0;

    for (unsigned n = ktap->first_number; n <= ktap->planned; n++) {
        struct test_record *record = &domain->tests[n - 1];

        /* The stream refuses results before its first test, so a test
         * never has a result from two boots. */
        if (ktap->results[n - 1].outcome != KTAP_NO_RESULT &&
            record->result.outcome == KTAP_NO_RESULT) {
            record->result = ktap->results[n - 1];
            memset(&ktap->results[n - 1], 0, sizeof(ktap->results[n - 1]));
        }
    }
    if (crashed != 0) {
        struct test_record *record = &domain->tests[crashed - 1];

        ktap_result_free(&record->result);
        record->result = run->crashed_test;
        memset(&run->crashed_test, 0, sizeof(run->crashed_test));
        record->crash_reason = alloc_text(run->crash_reason);
        text_list_move_all(&record->context, &run->crash_context);
        domain->crashed_in = crashed;
        domain->next_first_test = crashed + 1;
    } else if (run->state == DOMAIN_STOPPED && run->stop.test != 0) {
        /* Its result is in with the others (session_finish_stops()). */
        domain->stopped_in = run->stop.test;
        domain->next_first_test = run->stop.test + 1;
    } else {
        /* Complete; or stopped after its last test with results out of
         * order (the stream's problems say so): nothing left to resume. */
        domain->next_first_test = domain->planned + 1;
    }
}

static void take_domain_boot(struct scenario_results *results, struct domain_results *domain,
                             struct domain_run *run, const char *prefix)
{
    char label[64];

    domain->crashed_in = 0;
    domain->stopped_in = 0;
    snprintf(label, sizeof(label), "d%u KTAP", run->id);
    for (size_t i = 0; i < run->ktap.problems.count; i++) {
        add_problem(results, PROBLEM_OF_DOMAIN, label, "%sd%u %s", prefix, run->id,
                    run->ktap.problems.items[i]);
    }
    if (!domain->expects_results) {
        if (run->ktap.has_plan) {
            snprintf(label, sizeof(label), "d%u plan", run->id);
            add_problem(results, PROBLEM_OF_DOMAIN, label,
                        "%sd%u printed a KTAP plan, but it is expected to be stopped "
                        "(expect = stopped)",
                        prefix, run->id);
        }
        text_list_free(&domain->output);
        for (size_t i = 0; i < run->tail.count; i++) {
            text_list_add(&domain->output, line_tail_get(&run->tail, i));
        }
        return;
    }
    if (!run->ktap.has_plan) {
        add_no_plan_problem(results, run, prefix);
        domain->given_up = true;
        return;
    }
    if (take_plan(results, domain, run, prefix) != 0) {
        domain->given_up = true;
        return;
    }
    take_results(domain, run);
}

void scenario_results_take_boot(struct scenario_results *results, struct session *session)
{
    char *prefix;

    results->boots++;
    prefix = boot_prefix(results);
    for (size_t i = 0; i < results->domain_count && i < session->domain_count; i++) {
        take_domain_boot(results, &results->domains[i], &session->domains[i], prefix);
    }
    for (size_t i = 0; i < session->run_problems.count; i++) {
        add_problem(results, PROBLEM_OF_BOOT, "run", "%s%s", prefix,
                    session->run_problems.items[i]);
    }
    text_list_free(&results->tail);
    for (size_t i = 0; i < session->tail.count; i++) {
        text_list_add(&results->tail, line_tail_get(&session->tail, i));
    }
    free(prefix);
}

bool scenario_results_needs_boot(const struct scenario_results *results)
{
    for (size_t i = 0; i < results->domain_count; i++) {
        const struct domain_results *domain = &results->domains[i];

        if (domain->expects_results && domain->has_plan && !domain->given_up &&
            (domain->crashed_in != 0 || domain->stopped_in != 0) &&
            domain->next_first_test <= domain->planned) {
            return true;
        }
    }
    return false;
}

enum scenario_next scenario_results_next(const struct scenario_results *results,
                                         unsigned max_restarts)
{
    if (!scenario_results_needs_boot(results)) {
        return SCENARIO_COMPLETE;
    }
    /* The first boot is no restart. */
    if (results->boots > max_restarts) {
        return SCENARIO_TOO_MANY_CRASHES;
    }
    return SCENARIO_BOOT_AGAIN;
}

void scenario_results_give_up(struct scenario_results *results, const char *reason)
{
    for (size_t i = 0; i < results->domain_count; i++) {
        struct domain_results *domain = &results->domains[i];
        bool any_left = false;

        for (unsigned n = 0; n < domain->planned; n++) {
            any_left = any_left || domain->tests[n].result.outcome == KTAP_NO_RESULT;
        }
        if (any_left && domain->not_run_reason == NULL) {
            domain->not_run_reason = alloc_text(reason);
        }
    }
}

static void free_domain(struct domain_results *domain)
{
    for (unsigned n = 0; n < domain->planned; n++) {
        ktap_result_free(&domain->tests[n].result);
        free(domain->tests[n].crash_reason);
        text_list_free(&domain->tests[n].context);
    }
    free(domain->tests);
    free(domain->name);
    text_list_free(&domain->header_diagnostics);
    free(domain->not_run_reason);
    text_list_free(&domain->output);
}

void scenario_results_free(struct scenario_results *results)
{
    for (size_t i = 0; i < results->domain_count; i++) {
        free_domain(&results->domains[i]);
    }
    free(results->domains);
    for (size_t i = 0; i < results->problem_count; i++) {
        free(results->problems[i].label);
        free(results->problems[i].message);
    }
    free(results->problems);
    free(results->name);
    text_list_free(&results->tail);
    memset(results, 0, sizeof(*results));
}

void run_results_free(struct run_results *results)
{
    for (size_t i = 0; i < results->count; i++) {
        scenario_results_free(&results->scenarios[i]);
    }
    free(results->scenarios);
    memset(results, 0, sizeof(*results));
}
