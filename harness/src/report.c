/*
 * report.c - what the harness prints on the terminal (see report.h).
 *
 * Each line is flushed at once: the user watches a run that takes minutes,
 * and output that waits in a buffer is lost if the harness is killed.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "report.h"

/* Indentation of the lines under a result: past "FAIL d1  3 ". */
#define DETAIL_INDENT "     "

char *report_prefix(const struct run_results *results, size_t index)
{
    size_t width = 0;

    if (results->count <= 1) {
        return alloc_text("");
    }
    for (size_t i = 0; i < results->count; i++) {
        size_t length = strlen(results->scenarios[i].name);

        width = length > width ? length : width;
    }
    return alloc_printf("%-*s ", (int)width, results->scenarios[index].name);
}

static void print_result_head(FILE *out, const char *prefix, const char *tag, unsigned domain,
                              unsigned number)
{
    char label[16];

    fprintf(out, "%s%-4s %s %2u ", prefix, tag, domain_results_label(domain, label, sizeof(label)),
            number);
}

/* A line under a result, indented past the prefix and the head. */
static void print_detail(FILE *out, const char *prefix, const char *marker, const char *text)
{
    fprintf(out, "%*s" DETAIL_INDENT "%s%s\n", (int)strlen(prefix), "", marker, text);
}

void report_result(FILE *out, const char *prefix, unsigned domain,
                   const struct ktap_result *result, const struct deviation *deviation)
{
    switch (result->outcome) {
    case KTAP_PASS:
        print_result_head(out, prefix, "ok", domain, result->number);
        fprintf(out, "%s\n", result->name);
        break;
    case KTAP_SKIP:
        print_result_head(out, prefix, "skip", domain, result->number);
        fprintf(out, "%s: %s\n", result->name, result->skip_reason);
        break;
    case KTAP_FAIL:
        print_result_head(out, prefix, "FAIL", domain, result->number);
        fprintf(out, "%s\n", result->name);
        for (size_t i = 0; i < result->diagnostics.count; i++) {
            print_detail(out, prefix, "# ", result->diagnostics.items[i]);
        }
        if (deviation != NULL) {
            fprintf(out, "%*s" DETAIL_INDENT "deviation %s: %s\n", (int)strlen(prefix), "",
                    deviation->id, deviation->observed);
        }
        break;
    case KTAP_NO_RESULT:
        print_result_head(out, prefix, "FAIL", domain, result->number);
        fprintf(out, "test %u: " SCENARIO_RESULTS_NO_RESULT "\n", result->number);
        break;
    }
    fflush(out);
}

void report_crash(FILE *out, const char *prefix, unsigned domain, const struct ktap_result *test,
                  const char *reason, const struct text_list *context)
{
    print_result_head(out, prefix, "FAIL", domain, test->number);
    if (test->name != NULL) {
        /* A test that announced its stop said what it is called. */
        fprintf(out, "%s: crashed: %s\n", test->name, reason);
    } else {
        fprintf(out, "test %u: crashed: %s\n", test->number, reason);
    }
    for (size_t i = 0; i < test->diagnostics.count; i++) {
        print_detail(out, prefix, "# ", test->diagnostics.items[i]);
    }
    for (size_t i = 0; i < context->count; i++) {
        print_detail(out, prefix, "| ", context->items[i]);
    }
    fflush(out);
}

void report_ktap_problem(FILE *out, const char *prefix, unsigned domain, const char *problem)
{
    fprintf(out, "%sPROBLEM d%u %s\n", prefix, domain, problem);
    fflush(out);
}

void report_bail_out(FILE *out, const char *prefix, unsigned domain, const char *reason)
{
    fprintf(out, "%sBAIL d%u Bail out! %s\n", prefix, domain, reason);
    fflush(out);
}

void report_serial_line(FILE *out, const char *line)
{
    fprintf(out, "| %s\n", line);
    fflush(out);
}

void report_scenario_start(FILE *out, const struct scenario *scenario)
{
    fprintf(out, "scenario %s (%zu domain%s): %s\n", scenario->name, scenario->domain_count,
            scenario->domain_count == 1 ? "" : "s", scenario->description);
    fflush(out);
}

void report_tree_tests_start(FILE *out, const char *name, size_t count, const char *description)
{
    fprintf(out, "system-tree tests %s (%zu test%s): %s\n", name, count, count == 1 ? "" : "s",
            description);
    fflush(out);
}

/* The domains the next boot resumes: they crashed in a test before their last. */
static bool resumes(const struct domain_results *domain)
{
    return domain->expects_results && !domain->given_up &&
           (domain->crashed_in != 0 || domain->stopped_in != 0) &&
           domain->next_first_test <= domain->planned;
}

void report_boot_again(FILE *out, const char *prefix, const struct scenario_results *results)
{
    size_t count = 0;
    const char *separator = "";

    fputs(prefix, out);
    for (size_t i = 0; i < results->domain_count; i++) {
        const struct domain_results *domain = &results->domains[i];

        if (resumes(domain) && domain->crashed_in != 0) {
            fprintf(out, "%sd%u crashed in test %u", count == 0 ? "" : ", ", domain->id,
                    domain->crashed_in);
            count++;
        } else if (resumes(domain)) {
            fprintf(out, "%sd%u stopped in test %u", count == 0 ? "" : ", ", domain->id,
                    domain->stopped_in);
            count++;
        }
    }
    fputs("; booting again from ", out);
    for (size_t i = 0; i < results->domain_count; i++) {
        const struct domain_results *domain = &results->domains[i];

        if (!resumes(domain)) {
            continue;
        }
        fprintf(out, "%stest %u", separator, domain->next_first_test);
        if (count > 1) {
            fprintf(out, " (d%u)", domain->id);
        }
        separator = ", ";
    }
    fputc('\n', out);
    fflush(out);
}

static void report_missing(FILE *out, const char *prefix, const struct scenario_results *results)
{
    for (size_t d = 0; d < results->domain_count; d++) {
        const struct domain_results *domain = &results->domains[d];
        const char *reason = domain_results_not_run_reason(domain);

        for (unsigned i = 0; i < domain->planned; i++) {
            if (domain->tests[i].result.outcome == KTAP_NO_RESULT) {
                print_result_head(out, prefix, "FAIL", domain->id, i + 1);
                fprintf(out, "test %u: %s\n", i + 1, reason);
            }
        }
    }
}

static void report_tail(FILE *out, const struct run_results *results, size_t index)
{
    const struct scenario_results *scenario = &results->scenarios[index];

    fprintf(out, "Last %zu lines of the serial output", scenario->tail.count);
    if (results->count > 1) {
        fprintf(out, " of scenario %s", scenario->name);
    }
    fprintf(out, ":\n");
    for (size_t i = 0; i < scenario->tail.count; i++) {
        fprintf(out, "  | %s\n", scenario->tail.items[i]);
    }
}

/* The output of the domains that are expected to be stopped: context for
 * the failures of their scenario. */
static void report_stopped_domains(FILE *out, const struct scenario_results *scenario)
{
    for (size_t d = 0; d < scenario->domain_count; d++) {
        const struct domain_results *domain = &scenario->domains[d];

        if (domain->expects_results || domain->output.count == 0) {
            continue;
        }
        fprintf(out, "Last %zu lines of d%u (%s, expected to be stopped) in scenario %s:\n",
                domain->output.count, domain->id, domain->name, scenario->name);
        for (size_t i = 0; i < domain->output.count; i++) {
            fprintf(out, "  | %s\n", domain->output.items[i]);
        }
    }
}

/* With --expect-deviations: the failures no deviation lists, and the
 * deviations that this run did not observe. */
static void report_deviation_check(FILE *out, const struct run_results *results,
                                   const struct deviation_list *deviations)
{
    for (size_t s = 0; s < results->count; s++) {
        const struct scenario_results *scenario = &results->scenarios[s];
        char *prefix = report_prefix(results, s);

        for (size_t d = 0; d < scenario->domain_count; d++) {
            const struct domain_results *domain = &scenario->domains[d];

            for (unsigned i = 0; i < domain->planned; i++) {
                const struct ktap_result *result = &domain->tests[i].result;

                if (result->outcome == KTAP_FAIL && result->name == NULL) {
                    fprintf(out, "%sunexpected failure d%u %u: it crashed\n", prefix,
                            domain->id, result->number);
                } else if (result->outcome == KTAP_FAIL &&
                           deviations_find_test(deviations, result->name) == NULL) {
                    char label[16];

                    fprintf(out, "%sunexpected failure %s %u %s: no deviation lists it\n",
                            prefix, domain_results_label(domain->id, label, sizeof(label)),
                            result->number, result->name);
                }
            }
        }
        free(prefix);
    }
    for (size_t i = 0; deviations != NULL && i < deviations->count; i++) {
        const struct deviation *deviation = &deviations->items[i];

        switch (verdict_deviation_state(results, deviation)) {
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
    fprintf(out, "%u passed, %u failed, %u skipped\n", verdict->total.passed,
            verdict->total.failed, verdict->total.skipped);
    fflush(out);
}

void report_end(FILE *out, const struct run_results *results, const struct verdict *verdict,
                const struct deviation_list *deviations, bool expect_deviations)
{
    for (size_t s = 0; s < results->count; s++) {
        char *prefix = report_prefix(results, s);

        report_missing(out, prefix, &results->scenarios[s]);
        free(prefix);
    }
    if (verdict->problem_count > 0) {
        fprintf(out, "Problems:\n");
        for (size_t i = 0; i < verdict->problem_count; i++) {
            char *prefix = report_prefix(results, verdict->problems[i].scenario);

            fprintf(out, "  %s%s\n", prefix, verdict->problems[i].message);
            free(prefix);
        }
    }
    for (size_t s = 0; s < results->count; s++) {
        if (verdict->scenarios[s].show_output_tail) {
            report_tail(out, results, s);
        }
        if (verdict->scenarios[s].failed > 0) {
            report_stopped_domains(out, &results->scenarios[s]);
        }
    }
    if (expect_deviations) {
        report_deviation_check(out, results, deviations);
    }
    report_summary(out, verdict);
}
