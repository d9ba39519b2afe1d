/*
 * verdict.c - what a finished run adds up to (see verdict.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "verdict.h"

static void add_problem(struct verdict *verdict, size_t scenario, const char *label,
                        char *message, bool counts_as_failure)
{
    struct run_problem *problem;

    verdict->problems = alloc_resize(verdict->problems, verdict->problem_count + 1,
                                     sizeof(verdict->problems[0]));
    problem = &verdict->problems[verdict->problem_count];
    verdict->problem_count++;
    problem->scenario = scenario;
    problem->label = alloc_text(label);
    problem->message = message;
    problem->counts_as_failure = counts_as_failure;
    if (counts_as_failure) {
        verdict->scenarios[scenario].failed++;
    }
}

static void count_results(struct verdict_counts *counts, const struct domain_results *domain)
{
    for (unsigned i = 0; i < domain->planned; i++) {
        switch (domain->tests[i].result.outcome) {
        case KTAP_PASS:
            counts->passed++;
            break;
        case KTAP_SKIP:
            counts->skipped++;
            break;
        case KTAP_FAIL:
            counts->failed++;
            break;
        case KTAP_NO_RESULT:
            counts->failed++;
            counts->missing++;
            break;
        }
    }
}

/* True when a test or a missing plan already shows that a domain of the
 * scenario stopped early. */
static bool stop_is_shown(const struct scenario_results *scenario)
{
    for (size_t d = 0; d < scenario->domain_count; d++) {
        const struct domain_results *domain = &scenario->domains[d];

        if (!domain->expects_results) {
            continue;
        }
        if (domain->given_up || !domain->has_plan) {
            return true;
        }
        for (unsigned i = 0; i < domain->planned; i++) {
            if (domain->tests[i].crash_reason != NULL ||
                domain->tests[i].result.outcome == KTAP_NO_RESULT) {
                return true;
            }
        }
    }
    return false;
}

static bool any_domain_without_plan(const struct scenario_results *scenario)
{
    for (size_t d = 0; d < scenario->domain_count; d++) {
        if (scenario->domains[d].expects_results && !scenario->domains[d].has_plan) {
            return true;
        }
    }
    return false;
}

static void judge_scenario(struct verdict *verdict, size_t index,
                           const struct scenario_results *scenario)
{
    struct verdict_counts *counts = &verdict->scenarios[index];
    bool stop_shown = stop_is_shown(scenario);
    bool boot_problem_counted = false;

    for (size_t d = 0; d < scenario->domain_count; d++) {
        if (scenario->domains[d].expects_results) {
            count_results(counts, &scenario->domains[d]);
        }
    }
    for (size_t i = 0; i < scenario->problem_count; i++) {
        const struct scenario_problem *problem = &scenario->problems[i];
        bool counts_as_failure = problem->kind == PROBLEM_OF_DOMAIN || !stop_shown;

        add_problem(verdict, index, problem->label, alloc_text(problem->message),
                    counts_as_failure);
        if (problem->kind == PROBLEM_OF_BOOT && counts_as_failure) {
            boot_problem_counted = true;
        }
    }
    counts->show_output_tail =
        counts->missing > 0 || any_domain_without_plan(scenario) || boot_problem_counted;
}

/* True when the scenario reports a test called name in a domain before
 * domain_index, or in domain domain_index before test test_index. */
static bool name_seen_before(const struct scenario_results *scenario, size_t domain_index,
                             unsigned test_index, const char *name)
{
    for (size_t d = 0; d <= domain_index; d++) {
        const struct domain_results *domain = &scenario->domains[d];
        unsigned end = d == domain_index ? test_index : domain->planned;

        for (unsigned i = 0; i < end; i++) {
            const char *other = domain->tests[i].result.name;

            if (other != NULL && strcmp(other, name) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* Finds a domain of scenario that reports a test called name; NULL if none. */
static const struct domain_results *find_test_name(const struct scenario_results *scenario,
                                                   const char *name)
{
    for (size_t d = 0; d < scenario->domain_count; d++) {
        const struct domain_results *domain = &scenario->domains[d];

        if (name_seen_before(scenario, d, domain->planned, name)) {
            return domain;
        }
    }
    return NULL;
}

/* A test name that two scenarios report is an error of the scenario set:
 * results and deviations name tests, and could not tell them apart.  One
 * problem per name and later scenario. */
static void check_unique_names(struct verdict *verdict, const struct run_results *results)
{
    for (size_t s = 1; s < results->count; s++) {
        const struct scenario_results *scenario = &results->scenarios[s];

        for (size_t d = 0; d < scenario->domain_count; d++) {
            const struct domain_results *domain = &scenario->domains[d];

            for (unsigned i = 0; i < domain->planned; i++) {
                const char *name = domain->tests[i].result.name;

                if (name == NULL || name_seen_before(scenario, d, i, name)) {
                    continue;
                }
                for (size_t earlier = 0; earlier < s; earlier++) {
                    const struct scenario_results *other = &results->scenarios[earlier];
                    const struct domain_results *twin = find_test_name(other, name);

                    if (twin != NULL) {
                        add_problem(verdict, s, "duplicate test name",
                                    alloc_printf("test %s is reported by scenario %s (d%u) "
                                                 "and scenario %s (d%u); test names must be "
                                                 "unique across scenarios",
                                                 name, other->name, twin->id, scenario->name,
                                                 domain->id),
                                    true);
                        break;
                    }
                }
            }
        }
    }
}

void verdict_compute(struct verdict *verdict, const struct run_results *results)
{
    memset(verdict, 0, sizeof(*verdict));
    verdict->scenarios = alloc_zeroed(results->count, sizeof(verdict->scenarios[0]));
    verdict->scenario_count = results->count;
    for (size_t s = 0; s < results->count; s++) {
        judge_scenario(verdict, s, &results->scenarios[s]);
    }
    check_unique_names(verdict, results);
    for (size_t s = 0; s < results->count; s++) {
        const struct verdict_counts *counts = &verdict->scenarios[s];

        verdict->total.passed += counts->passed;
        verdict->total.failed += counts->failed;
        verdict->total.skipped += counts->skipped;
        verdict->total.missing += counts->missing;
        verdict->total.show_output_tail =
            verdict->total.show_output_tail || counts->show_output_tail;
    }
}

enum deviation_state verdict_deviation_state(const struct run_results *results,
                                             const struct deviation *deviation)
{
    enum deviation_state state = DEVIATION_TEST_NOT_RUN;

    /* The same test may run in several domains: one failure is enough to
     * observe the deviation; otherwise say the most telling thing. */
    for (size_t s = 0; s < results->count; s++) {
        const struct scenario_results *scenario = &results->scenarios[s];

        for (size_t d = 0; d < scenario->domain_count; d++) {
            const struct domain_results *domain = &scenario->domains[d];

            for (unsigned i = 0; i < domain->planned; i++) {
                const struct ktap_result *result = &domain->tests[i].result;

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
    }
    return state;
}

unsigned verdict_unlisted_failures(const struct run_results *results,
                                   const struct deviation_list *deviations)
{
    unsigned count = 0;

    for (size_t s = 0; s < results->count; s++) {
        const struct scenario_results *scenario = &results->scenarios[s];

        for (size_t d = 0; d < scenario->domain_count; d++) {
            const struct domain_results *domain = &scenario->domains[d];

            for (unsigned i = 0; i < domain->planned; i++) {
                const struct ktap_result *result = &domain->tests[i].result;

                /* A crashed test has no name, so no deviation can list it. */
                if (result->outcome == KTAP_FAIL &&
                    (result->name == NULL ||
                     deviations_find_test(deviations, result->name) == NULL)) {
                    count++;
                }
            }
        }
    }
    return count;
}

int verdict_exit_status(const struct verdict *verdict, const struct run_results *results,
                        const struct deviation_list *deviations, bool expect_deviations)
{
    if (verdict->problem_count > 0 || verdict->total.missing > 0) {
        return 1;
    }
    if (!expect_deviations) {
        return verdict->total.failed > 0 ? 1 : 0;
    }
    if (verdict_unlisted_failures(results, deviations) > 0) {
        return 1;
    }
    for (size_t i = 0; deviations != NULL && i < deviations->count; i++) {
        if (verdict_deviation_state(results, &deviations->items[i]) != DEVIATION_OBSERVED) {
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
    free(verdict->scenarios);
    memset(verdict, 0, sizeof(*verdict));
}
