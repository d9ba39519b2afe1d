/*
 * ktap.h - a streaming parser for the KTAP output of one domain.
 *
 * The conformance guest prints, after any boot noise:
 *
 *     KTAP version 1
 *     1..N
 *     # verifies: <requirement tags>      (belongs to the next result)
 *     # <diagnostic>                      (belongs to the test in progress)
 *     ok 1 <name>
 *     not ok 2 <name>
 *     ok 3 <name> # SKIP <reason>
 *     Bail out! <reason>                  (ends the stream: a failure)
 *
 * Lines are fed one at a time as they arrive, so that each result can be
 * reported at once.
 *
 * A boot that resumes after a crash runs the tests from a given number on
 * (the guest's hvabi.start): the guest still prints the whole plan 1..N,
 * but its first result is that number, and only the tests from there on
 * are expected.  Anything that breaks these rules (a result before the
 * plan, a number out of order or repeated, a second plan, a result line
 * that does not parse) is recorded as a problem, never ignored: a problem
 * makes the run fail.
 */
#ifndef HARNESS_KTAP_H
#define HARNESS_KTAP_H

#include <stdbool.h>

#include "text.h"

/* A larger plan is refused: no guest has that many tests, and the plan
 * decides how much memory the results take. */
#define KTAP_MAX_TESTS 10000u

enum ktap_outcome {
    KTAP_NO_RESULT = 0, /* the plan announced the test; no result came */
    KTAP_PASS,
    KTAP_FAIL,
    KTAP_SKIP,
};

struct ktap_result {
    unsigned number;
    enum ktap_outcome outcome;
    char *name;                   /* NULL while there is no result */
    char *skip_reason;            /* with KTAP_SKIP; may be "" */
    char *verifies;               /* requirement tags, space separated, or NULL */
    struct text_list diagnostics; /* the test's "# " lines, without the "# " */
};

enum ktap_phase {
    KTAP_BEFORE_HEADER, /* boot noise, until "KTAP version 1" */
    KTAP_BEFORE_PLAN,
    KTAP_TESTING,       /* the plan is known and results are coming */
    KTAP_ALL_RESULTS_IN,
    KTAP_BAILED_OUT,
};

struct ktap_stream {
    enum ktap_phase phase;
    unsigned line_number;         /* of the last line fed; the header is line 1 */
    bool has_plan;
    unsigned planned;
    unsigned first_number;        /* the first test this stream runs (1, or hvabi.start) */
    unsigned next_number;         /* the number the next result should carry */
    unsigned results_in;
    struct ktap_result *results;  /* results[n - 1] is test n */
    char *pending_verifies;       /* tags for the next result */
    struct text_list pending_diagnostics;
    struct text_list header_diagnostics; /* "# " lines before the plan */
    struct text_list problems;    /* "KTAP line N: what: 'line'" */
    char *bail_out_reason;        /* set once the stream bailed out */
};

/* What one line brought. */
struct ktap_feed {
    const struct ktap_result *result; /* a result arrived */
    const char *problem;              /* the line broke the rules */
    bool bailed_out;                  /* the line was "Bail out!" */
};

/* A stream whose first result is test 1. */
void ktap_stream_init(struct ktap_stream *stream);

/* A stream whose first result is test first_number (1 or more); results
 * before it are problems. */
void ktap_stream_init_at(struct ktap_stream *stream, unsigned first_number);

/* Takes one line (without its line end). */
struct ktap_feed ktap_stream_feed(struct ktap_stream *stream, const char *line);

/* True once every expected result is in, or the stream bailed out. */
bool ktap_stream_finished(const struct ktap_stream *stream);

/* The number of tests this stream expects: first_number to the end of
 * the plan (0 without a plan). */
unsigned ktap_stream_expected(const struct ktap_stream *stream);

/* The number of expected tests without a result. */
unsigned ktap_stream_missing(const struct ktap_stream *stream);

/*
 * Moves what the stream holds for the test in progress (the "# verifies:"
 * tags and the lines since the last result) into result, whose verifies
 * must be NULL and whose diagnostics empty: the record of a test that
 * never reported because the domain crashed in it.
 */
void ktap_stream_take_unfinished(struct ktap_stream *stream, struct ktap_result *result);

/* Frees the strings of a result and zeroes it. */
void ktap_result_free(struct ktap_result *result);

void ktap_stream_free(struct ktap_stream *stream);

#endif
