/*
 * junit.c - writes a run's results as JUnit XML (see junit.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "junit.h"

/*
 * The length of the UTF-8 sequence at text that XML 1.0 can carry, or 0
 * when it is malformed, overlong, a surrogate, beyond U+10FFFF, or a
 * character XML forbids (U+FFFE, U+FFFF).  ASCII is handled by the caller.
 */
static size_t valid_utf8_length(const unsigned char *text)
{
    uint32_t code;
    size_t length;

    if (text[0] >= 0xc2 && text[0] <= 0xdf) {
        length = 2;
        code = text[0] & 0x1fu;
    } else if (text[0] >= 0xe0 && text[0] <= 0xef) {
        length = 3;
        code = text[0] & 0x0fu;
    } else if (text[0] >= 0xf0 && text[0] <= 0xf4) {
        length = 4;
        code = text[0] & 0x07u;
    } else {
        return 0;
    }
    for (size_t i = 1; i < length; i++) {
        /* A NUL ends the string here, and fails this test too. */
        if ((text[i] & 0xc0u) != 0x80u) {
            return 0;
        }
        code = (code << 6) | (text[i] & 0x3fu);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) ||
        code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code == 0xfffe ||
        code == 0xffff) {
        return 0;
    }
    return length;
}

void junit_write_escaped(FILE *out, const char *text, bool in_attribute)
{
    const unsigned char *c = (const unsigned char *)text;

    while (*c != '\0') {
        size_t length;

        switch (*c) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&apos;", out);
            break;
        case '\n':
            fputs(in_attribute ? "&#10;" : "\n", out);
            break;
        case '\r':
            fputs("&#13;", out);
            break;
        case '\t':
            fputs(in_attribute ? "&#9;" : "\t", out);
            break;
        default:
            if (*c < 0x20) {
                fputc('?', out);
            } else if (*c < 0x80) {
                fputc(*c, out);
            } else {
                length = valid_utf8_length(c);
                if (length == 0) {
                    fputc('?', out);
                } else {
                    fwrite(c, 1, length, out);
                    c += length - 1;
                }
            }
            break;
        }
        c++;
    }
}

static void write_attribute(FILE *out, const char *name, const char *value)
{
    fprintf(out, " %s=\"", name);
    junit_write_escaped(out, value, true);
    fputc('"', out);
}

static void write_property(FILE *out, const char *name, const char *value)
{
    fputs("        <property", out);
    write_attribute(out, "name", name);
    write_attribute(out, "value", value);
    fputs("/>\n", out);
}

/* <failure message="message">text</failure> */
static void write_failure(FILE *out, const char *message, const struct text_list *lines)
{
    fputs("      <failure", out);
    write_attribute(out, "message", message);
    fputc('>', out);
    for (size_t i = 0; i < lines->count; i++) {
        junit_write_escaped(out, lines->items[i], false);
        fputc('\n', out);
    }
    fputs("</failure>\n", out);
}

/* The failure message of a failed test: its first "FAIL:" diagnostic, or
 * its first diagnostic, or "not ok". */
static const char *failure_message(const struct ktap_result *result)
{
    for (size_t i = 0; i < result->diagnostics.count; i++) {
        if (text_starts_with(result->diagnostics.items[i], "FAIL:")) {
            return result->diagnostics.items[i];
        }
    }
    return result->diagnostics.count > 0 ? result->diagnostics.items[0] : "not ok";
}

static void write_test_case_head(FILE *out, const char *classname, const char *name)
{
    fputs("    <testcase", out);
    write_attribute(out, "classname", classname);
    write_attribute(out, "name", name);
    fputs(">\n", out);
}

static void write_properties(FILE *out, const struct ktap_result *result,
                             const struct deviation *deviation)
{
    if (result->verifies == NULL && deviation == NULL) {
        return;
    }
    fputs("      <properties>\n", out);
    if (result->verifies != NULL) {
        write_property(out, "verifies", result->verifies);
    }
    if (deviation != NULL) {
        write_property(out, "deviation", deviation->id);
    }
    fputs("      </properties>\n", out);
}

/* A planned test without a result: named by its number, failed with why,
 * and the scenario's last lines of output. */
static void write_missing(FILE *out, const char *classname, unsigned number, const char *reason,
                          const struct scenario_results *scenario)
{
    char name[32];

    snprintf(name, sizeof(name), "test %u", number);
    write_test_case_head(out, classname, name);
    write_failure(out, reason, &scenario->tail);
    fputs("    </testcase>\n", out);
}

/* The test a domain crashed in: its tags, and the lines before the crash. */
static void write_crash(FILE *out, const char *classname, const struct test_record *record)
{
    const struct ktap_result *result = &record->result;
    struct text_list lines = { NULL, 0, 0 };
    char *message = alloc_printf("crashed: %s", record->crash_reason);
    char number_name[32];

    snprintf(number_name, sizeof(number_name), "test %u", result->number);
    write_test_case_head(out, classname, result->name != NULL ? result->name : number_name);
    write_properties(out, result, NULL);
    for (size_t i = 0; i < result->diagnostics.count; i++) {
        text_list_add(&lines, result->diagnostics.items[i]);
    }
    for (size_t i = 0; i < record->context.count; i++) {
        text_list_add(&lines, record->context.items[i]);
    }
    write_failure(out, message, &lines);
    fputs("    </testcase>\n", out);
    text_list_free(&lines);
    free(message);
}

static void write_result(FILE *out, const char *classname, const struct ktap_result *result,
                         const struct deviation *deviation)
{
    write_test_case_head(out, classname, result->name);
    write_properties(out, result, deviation);
    if (result->outcome == KTAP_FAIL) {
        write_failure(out, failure_message(result), &result->diagnostics);
    } else if (result->outcome == KTAP_SKIP) {
        fputs("      <skipped", out);
        write_attribute(out, "message", result->skip_reason);
        fputs("/>\n", out);
    }
    fputs("    </testcase>\n", out);
}

static void write_problem(FILE *out, const char *classname, const struct run_problem *problem)
{
    struct text_list no_lines = { NULL, 0, 0 };

    write_test_case_head(out, classname, problem->label);
    write_failure(out, problem->message, &no_lines);
    fputs("    </testcase>\n", out);
}

static void write_domain(FILE *out, const char *suite_name, const struct scenario_results *scenario,
                         const struct domain_results *domain,
                         const struct deviation_list *deviations)
{
    char label[16];
    char *classname = alloc_printf("%s.%s", suite_name,
                                   domain_results_label(domain->id, label, sizeof(label)));
    const char *not_run_reason = domain_results_not_run_reason(domain);

    for (unsigned i = 0; i < domain->planned; i++) {
        const struct test_record *record = &domain->tests[i];
        const struct ktap_result *result = &record->result;
        const struct deviation *deviation = NULL;

        if (result->outcome == KTAP_NO_RESULT) {
            write_missing(out, classname, i + 1, not_run_reason, scenario);
        } else if (record->crash_reason != NULL) {
            write_crash(out, classname, record);
        } else {
            if (result->outcome == KTAP_FAIL) {
                deviation = deviations_find_test(deviations, result->name);
            }
            write_result(out, classname, result, deviation);
        }
    }
    free(classname);
}

/* The output of the domains expected to be stopped, as the suite's <system-out>. */
static void write_stopped_output(FILE *out, const struct scenario_results *scenario)
{
    bool any = false;

    for (size_t d = 0; d < scenario->domain_count; d++) {
        const struct domain_results *domain = &scenario->domains[d];
        char *heading;

        if (domain->expects_results || domain->output.count == 0) {
            continue;
        }
        if (!any) {
            fputs("    <system-out>", out);
            any = true;
        }
        heading = alloc_printf("d%u (%s, expected to be stopped):\n", domain->id, domain->name);
        junit_write_escaped(out, heading, false);
        free(heading);
        for (size_t i = 0; i < domain->output.count; i++) {
            junit_write_escaped(out, domain->output.items[i], false);
            fputc('\n', out);
        }
    }
    if (any) {
        fputs("</system-out>\n", out);
    }
}

static void write_suite(FILE *out, const char *port_name, const struct verdict *verdict,
                        size_t index, const struct scenario_results *scenario,
                        const struct deviation_list *deviations)
{
    unsigned tests = 0;
    unsigned failures = 0;
    unsigned skipped = 0;
    /* The default scenario alone keeps the suite name of runs before scenarios. */
    char *suite_name = scenario->is_default
                           ? alloc_printf("hvabi.%s", port_name)
                           : alloc_printf("hvabi.%s.%s", port_name, scenario->name);
    char *classname;

    for (size_t i = 0; i < verdict->problem_count; i++) {
        if (verdict->problems[i].scenario == index) {
            tests++;
            failures++;
        }
    }
    for (size_t d = 0; d < scenario->domain_count; d++) {
        const struct domain_results *domain = &scenario->domains[d];

        for (unsigned i = 0; i < domain->planned; i++) {
            enum ktap_outcome outcome = domain->tests[i].result.outcome;

            tests++;
            if (outcome == KTAP_FAIL || outcome == KTAP_NO_RESULT) {
                failures++;
            } else if (outcome == KTAP_SKIP) {
                skipped++;
            }
        }
    }

    fputs("  <testsuite", out);
    write_attribute(out, "name", suite_name);
    fprintf(out, " tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n", tests,
            failures, skipped);
    for (size_t d = 0; d < scenario->domain_count; d++) {
        write_domain(out, suite_name, scenario, &scenario->domains[d], deviations);
    }
    classname = alloc_printf("%s.run", suite_name);
    for (size_t i = 0; i < verdict->problem_count; i++) {
        if (verdict->problems[i].scenario == index) {
            write_problem(out, classname, &verdict->problems[i]);
        }
    }
    free(classname);
    write_stopped_output(out, scenario);
    fputs("  </testsuite>\n", out);
    free(suite_name);
}

void junit_write(FILE *out, const char *port_name, const struct run_results *results,
                 const struct verdict *verdict, const struct deviation_list *deviations)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fputs("<testsuites>\n", out);
    for (size_t s = 0; s < results->count; s++) {
        write_suite(out, port_name, verdict, s, &results->scenarios[s], deviations);
    }
    fputs("</testsuites>\n", out);
}
