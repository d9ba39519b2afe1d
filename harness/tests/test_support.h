/*
 * test_support.h - helpers shared by the tests that drive sessions and
 * scenario results.  Include it after <cmocka.h>.
 */
#ifndef HARNESS_TEST_SUPPORT_H
#define HARNESS_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "scenario_results.h"
#include "session.h"

/* The default scenario: one domain, main. */
static const char one_domain_scenario[] = "description = one domain\n"
                                          "order = 0\n"
                                          "[domain main]\n"
                                          "memory-mib = 64\n"
                                          "cpus = 1\n"
                                          "bootargs = hvabi.role=main\n";

/* Feeds text, line by line ('\n' ends a line), to the session, all of it
 * arriving at now_ms. */
static inline void feed_session_at(struct session *session, const char *text, int64_t now_ms)
{
    while (*text != '\0') {
        size_t length = strcspn(text, "\n");
        char line[1024];

        if (length >= sizeof(line)) {
            length = sizeof(line) - 1;
        }
        memcpy(line, text, length);
        line[length] = '\0';
        session_take_line(session, line, now_ms);
        text += length;
        if (*text == '\n') {
            text++;
        }
    }
}

static inline void feed_session(struct session *session, const char *text)
{
    feed_session_at(session, text, 0);
}

/* A scenario read from text, named name. */
static inline void read_scenario(struct scenario *scenario, const char *name, const char *text)
{
    FILE *file = fmemopen((void *)text, strlen(text), "r");
    struct harness_error err;

    assert_non_null(file);
    err.message[0] = '\0';
    if (scenario_read(file, "test.conf", name, scenario, &err) != 0) {
        fail_msg("%s", err.message);
    }
    fclose(file);
}

/*
 * One boot of a scenario, as scenario_run() makes it, with output instead
 * of QEMU: a session for the boot's domains, fed output, ended (domains
 * still running crash for end_reason, when it is not NULL), its announced
 * stops finished, and merged into results.  boot_problem, when not NULL, is how the boot ended.
 */
static inline void boot_with_output(struct scenario_results *results,
                                    const struct deviation_list *deviations, FILE *report,
                                    const char *output, const char *end_reason,
                                    const char *boot_problem)
{
    struct session_domain_settings settings[8];
    struct session session;

    assert_true(results->domain_count <= 8);
    scenario_results_session_settings(results, settings);
    session_init(&session, settings, results->domain_count, deviations, report, false, "", 0);
    feed_session(&session, output);
    if (boot_problem != NULL) {
        session_add_run_problem(&session, "%s", boot_problem);
    }
    if (end_reason != NULL) {
        session_end_boot(&session, end_reason);
    }
    session_finish_stops(&session);
    scenario_results_take_boot(results, &session);
    session_free(&session);
}

/*
 * The results of a run of the default scenario that booted once with
 * output (see boot_with_output()), in *results (run_results_free() them).
 * A domain that stopped early is given up at once, as with
 * --max-restarts 0.
 */
static inline void run_once(struct run_results *results, const struct deviation_list *deviations,
                            const char *output, const char *boot_problem)
{
    struct scenario scenario;
    FILE *report = fopen("/dev/null", "w");

    assert_non_null(report);
    read_scenario(&scenario, "default", one_domain_scenario);
    scenario.is_default = true;
    results->scenarios = calloc(1, sizeof(results->scenarios[0]));
    assert_non_null(results->scenarios);
    results->count = 1;
    scenario_results_init(&results->scenarios[0], &scenario);
    boot_with_output(&results->scenarios[0], deviations, report, output,
                     "the boot did not end within 5 s", boot_problem);
    scenario_results_give_up(&results->scenarios[0], "not run: too many crashes");
    scenario_free(&scenario);
    fclose(report);
}

#endif
