/*
 * ktap_writer.c - writes the merged results of a run as KTAP
 * (see ktap_writer.h).
 */
#include "ktap_writer.h"

static void write_test(FILE *out, const struct domain_results *domain,
                       const struct test_record *record)
{
    const struct ktap_result *result = &record->result;

    if (result->verifies != NULL) {
        fprintf(out, "# verifies: %s\n", result->verifies);
    }
    for (size_t i = 0; i < result->diagnostics.count; i++) {
        fprintf(out, "# %s\n", result->diagnostics.items[i]);
    }
    switch (result->outcome) {
    case KTAP_PASS:
        fprintf(out, "ok %u %s\n", result->number, result->name);
        break;
    case KTAP_SKIP:
        fprintf(out, "ok %u %s # SKIP %s\n", result->number, result->name, result->skip_reason);
        break;
    case KTAP_FAIL:
        if (record->crash_reason != NULL) {
            fprintf(out, "# crashed: %s\n", record->crash_reason);
        }
        if (result->name != NULL) {
            fprintf(out, "not ok %u %s\n", result->number, result->name);
        } else {
            fprintf(out, "not ok %u test %u\n", result->number, result->number);
        }
        break;
    case KTAP_NO_RESULT:
        fprintf(out, "# %s\n", domain_results_not_run_reason(domain));
        fprintf(out, "not ok %u test %u\n", result->number, result->number);
        break;
    }
}

static void write_domain(FILE *out, const struct scenario_results *scenario,
                         const struct domain_results *domain)
{
    fprintf(out, "KTAP version 1\n");
    if (!scenario->is_default) {
        char label[16];

        fprintf(out, "# scenario %s, %s (%s)\n", scenario->name,
                domain_results_label(domain->id, label, sizeof(label)), domain->name);
    }
    for (size_t i = 0; i < domain->header_diagnostics.count; i++) {
        fprintf(out, "# %s\n", domain->header_diagnostics.items[i]);
    }
    fprintf(out, "1..%u\n", domain->planned);
    for (unsigned i = 0; i < domain->planned; i++) {
        write_test(out, domain, &domain->tests[i]);
    }
}

void ktap_write_results(FILE *out, const struct run_results *results)
{
    for (size_t s = 0; s < results->count; s++) {
        const struct scenario_results *scenario = &results->scenarios[s];

        for (size_t d = 0; d < scenario->domain_count; d++) {
            const struct domain_results *domain = &scenario->domains[d];

            /* A domain without a plan has no KTAP to write; the problems say why. */
            if (domain->expects_results && domain->has_plan) {
                write_domain(out, scenario, domain);
            }
        }
    }
}
