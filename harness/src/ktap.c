/*
 * ktap.c - a streaming parser for the KTAP output of one domain
 * (see ktap.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "ktap.h"

#define KTAP_HEADER "KTAP version 1"
#define KTAP_BAIL_OUT "Bail out!"
#define KTAP_VERIFIES "verifies:"

/* A result line taken apart; the strings point into the line. */
struct result_line {
    bool passed;           /* "ok" rather than "not ok" */
    unsigned number;
    const char *name;
    const char *directive; /* the text after " # ", or NULL */
};

void ktap_stream_init_at(struct ktap_stream *stream, unsigned first_number)
{
    memset(stream, 0, sizeof(*stream));
    stream->phase = KTAP_BEFORE_HEADER;
    stream->first_number = first_number > 0 ? first_number : 1;
    stream->next_number = stream->first_number;
}

void ktap_stream_init(struct ktap_stream *stream)
{
    ktap_stream_init_at(stream, 1);
}

bool ktap_stream_finished(const struct ktap_stream *stream)
{
    return stream->phase == KTAP_ALL_RESULTS_IN || stream->phase == KTAP_BAILED_OUT;
}

unsigned ktap_stream_expected(const struct ktap_stream *stream)
{
    if (!stream->has_plan || stream->first_number > stream->planned) {
        return 0;
    }
    return stream->planned - (stream->first_number - 1);
}

unsigned ktap_stream_missing(const struct ktap_stream *stream)
{
    return ktap_stream_expected(stream) - stream->results_in;
}

void ktap_stream_take_unfinished(struct ktap_stream *stream, struct ktap_result *result)
{
    result->verifies = stream->pending_verifies;
    stream->pending_verifies = NULL;
    text_list_move_all(&result->diagnostics, &stream->pending_diagnostics);
}

/* Records that line broke the rules, described printf style, and returns
 * the record: "KTAP line N: <what>: '<line>'". */
static const char *add_problem(struct ktap_stream *stream, const char *line, const char *format,
                               ...) __attribute__((format(printf, 3, 4)));

static const char *add_problem(struct ktap_stream *stream, const char *line, const char *format,
                               ...)
{
    va_list args;
    char *what;

    va_start(args, format);
    what = alloc_vprintf(format, args);
    va_end(args);
    text_list_addf(&stream->problems, "KTAP line %u: %s: '%s'", stream->line_number, what,
                   line);
    free(what);
    return stream->problems.items[stream->problems.count - 1];
}

/* Forgets the verifies tags and diagnostics waiting for a result that
 * turned out to be unusable, so that they do not stick to the next one. */
static void drop_pending(struct ktap_stream *stream)
{
    free(stream->pending_verifies);
    stream->pending_verifies = NULL;
    text_list_free(&stream->pending_diagnostics);
}

/* True when text is word followed by a blank or the end. */
static bool starts_with_word(const char *text, const char *word)
{
    size_t length = strlen(word);

    return strncmp(text, word, length) == 0 &&
           (text[length] == '\0' || text_is_blank(text[length]));
}

/*
 * Reads a decimal number of at most 9 digits (so that it fits in unsigned)
 * at the start of text.  Returns the number of digits read, 0 when there is
 * no such number.
 */
static size_t read_number(const char *text, unsigned *number)
{
    unsigned value = 0;
    size_t count = 0;

    while (text[count] >= '0' && text[count] <= '9') {
        if (count == 9) {
            return 0;
        }
        value = value * 10 + (unsigned)(text[count] - '0');
        count++;
    }
    *number = value;
    return count;
}

/*
 * "ok <number> <name>[ # <directive>]" or the same with "not ok".  text has
 * no trailing blanks and is changed: the name and the directive are cut
 * out of it.  Returns 1 for a result, 0 for a line that is no result at all,
 * -1 for a line that starts like a result but does not parse.
 */
static int parse_result_line(char *text, struct result_line *result)
{
    char *rest;
    char *name;
    char *hash;
    size_t digits;

    if (starts_with_word(text, "ok")) {
        result->passed = true;
        rest = text + strlen("ok");
    } else if (starts_with_word(text, "not ok")) {
        result->passed = false;
        rest = text + strlen("not ok");
    } else {
        return 0;
    }

    if (*rest != ' ') {
        return -1;
    }
    rest++;
    digits = read_number(rest, &result->number);
    if (digits == 0 || rest[digits] != ' ') {
        return -1;
    }

    /* The description; TAP producers may put "- " before it. */
    name = rest + digits + 1;
    if (text_starts_with(name, "- ")) {
        name += 2;
    }
    result->directive = NULL;
    hash = strstr(name, " # ");
    if (hash != NULL) {
        *hash = '\0';
        result->directive = text_trim(hash + 3);
    } else if (name[0] == '#') {
        return -1;
    }
    result->name = text_trim(name);
    if (result->name[0] == '\0') {
        return -1;
    }
    return 1;
}

/* "1..N", optionally followed by " # <comment>".  Returns 1 with *count
 * set, 0 for a line that is no plan, -1 for a line that starts like a plan
 * but does not parse. */
static int parse_plan_line(const char *text, unsigned *count)
{
    const char *rest;
    size_t digits;

    if (!text_starts_with(text, "1..")) {
        return 0;
    }
    rest = text + strlen("1..");
    digits = read_number(rest, count);
    if (digits == 0) {
        return -1;
    }
    rest += digits;
    if (*rest != '\0' && !text_starts_with(rest, " #")) {
        return -1;
    }
    return 1;
}

static void take_plan(struct ktap_stream *stream, const char *line, unsigned count,
                      struct ktap_feed *feed)
{
    if (stream->has_plan) {
        feed->problem = add_problem(stream, line, "a second plan");
        return;
    }
    if (count > KTAP_MAX_TESTS) {
        feed->problem = add_problem(stream, line, "a plan of more than %u tests", KTAP_MAX_TESTS);
        return;
    }
    stream->has_plan = true;
    stream->planned = count;
    stream->results = alloc_zeroed(count, sizeof(stream->results[0]));
    for (unsigned i = 0; i < count; i++) {
        stream->results[i].number = i + 1;
        stream->results[i].outcome = KTAP_NO_RESULT;
    }
    /* A resumed boot may start right after the last test: nothing to run.
     * Beyond that, the plan is not the one the earlier boots announced. */
    if (stream->first_number > count + 1) {
        feed->problem = add_problem(stream, line, "the plan 1..%u ends before test %u, the "
                                                  "first of this boot",
                                    count, stream->first_number);
    }
    stream->phase = ktap_stream_expected(stream) == 0 ? KTAP_ALL_RESULTS_IN : KTAP_TESTING;
}

/* Adds the directive of a result: SKIP makes it a skip, anything else
 * (TODO, XFAIL, ...) is kept as a diagnostic and changes nothing. */
static void take_directive(struct ktap_result *result, const char *directive)
{
    if (strncasecmp(directive, "SKIP", 4) == 0 &&
        (directive[4] == '\0' || text_is_blank(directive[4]))) {
        char *reason = alloc_text(directive + 4);

        result->outcome = KTAP_SKIP;
        result->skip_reason = alloc_text(text_trim(reason));
        free(reason);
        return;
    }
    text_list_add(&result->diagnostics, directive);
}

static void take_result(struct ktap_stream *stream, const char *line, char *text,
                        struct ktap_feed *feed)
{
    struct result_line parsed = { 0 };
    struct ktap_result *result;
    int status = parse_result_line(text, &parsed);

    if (status < 0) {
        feed->problem = add_problem(stream, line, "a result line that does not parse");
        drop_pending(stream);
        return;
    }
    if (!stream->has_plan) {
        feed->problem = add_problem(stream, line, "a result before the plan");
        drop_pending(stream);
        return;
    }
    if (parsed.number == 0 || parsed.number > stream->planned) {
        feed->problem = add_problem(stream, line, "test %u is outside the plan 1..%u",
                                    parsed.number, stream->planned);
        drop_pending(stream);
        return;
    }
    if (parsed.number < stream->first_number) {
        feed->problem = add_problem(stream, line,
                                    "test %u comes before test %u, the first of this boot",
                                    parsed.number, stream->first_number);
        drop_pending(stream);
        return;
    }
    result = &stream->results[parsed.number - 1];
    if (result->outcome != KTAP_NO_RESULT) {
        feed->problem = add_problem(stream, line, "a second result for test %u", parsed.number);
        drop_pending(stream);
        return;
    }
    if (parsed.number != stream->next_number) {
        /* Out of order, but in the plan and new: keep it, and say so. */
        feed->problem = add_problem(stream, line, "test %u where test %u was expected",
                                    parsed.number, stream->next_number);
    }

    result->outcome = parsed.passed ? KTAP_PASS : KTAP_FAIL;
    result->name = alloc_text(parsed.name);
    result->verifies = stream->pending_verifies;
    stream->pending_verifies = NULL;
    text_list_move_all(&result->diagnostics, &stream->pending_diagnostics);
    if (parsed.directive != NULL) {
        take_directive(result, parsed.directive);
    }

    stream->next_number = parsed.number + 1;
    stream->results_in++;
    if (stream->results_in == ktap_stream_expected(stream)) {
        stream->phase = KTAP_ALL_RESULTS_IN;
    }
    feed->result = result;
}

/* A "#" line: requirement tags for the next result, or a diagnostic. */
static void take_comment(struct ktap_stream *stream, const char *text)
{
    const char *comment = text + 1;

    if (*comment == ' ') {
        comment++;
    }
    if (stream->phase == KTAP_ALL_RESULTS_IN) {
        /* Nothing is in progress any more; the line is in the domain's log. */
        return;
    }
    if (text_starts_with(comment, KTAP_VERIFIES)) {
        char *tags = alloc_text(comment + strlen(KTAP_VERIFIES));
        const char *trimmed = text_trim(tags);

        if (stream->pending_verifies == NULL) {
            stream->pending_verifies = alloc_text(trimmed);
        } else if (trimmed[0] != '\0') {
            char *joined = alloc_printf("%s %s", stream->pending_verifies, trimmed);

            free(stream->pending_verifies);
            stream->pending_verifies = joined;
        }
        free(tags);
        return;
    }
    if (stream->has_plan) {
        text_list_add(&stream->pending_diagnostics, comment);
    } else {
        text_list_add(&stream->header_diagnostics, comment);
    }
}

/* Text that is no KTAP line: kept with the test in progress, so that it is
 * shown when that test fails. */
static void take_other_text(struct ktap_stream *stream, const char *text)
{
    if (stream->phase == KTAP_ALL_RESULTS_IN || text[0] == '\0') {
        return;
    }
    if (stream->has_plan) {
        text_list_add(&stream->pending_diagnostics, text);
    } else {
        text_list_add(&stream->header_diagnostics, text);
    }
}

static void take_bail_out(struct ktap_stream *stream, const char *line, const char *text,
                          struct ktap_feed *feed)
{
    char *reason = alloc_text(text + strlen(KTAP_BAIL_OUT));

    if (stream->phase == KTAP_ALL_RESULTS_IN) {
        feed->problem = add_problem(stream, line, "Bail out! after the last result");
        free(reason);
        return;
    }
    stream->bail_out_reason = alloc_text(text_trim(reason));
    free(reason);
    stream->phase = KTAP_BAILED_OUT;
    feed->bailed_out = true;
}

/* Removes trailing blanks in place. */
static void trim_end(char *text)
{
    size_t length = strlen(text);

    while (length > 0 && text_is_blank(text[length - 1])) {
        length--;
    }
    text[length] = '\0';
}

struct ktap_feed ktap_stream_feed(struct ktap_stream *stream, const char *line)
{
    struct ktap_feed feed = { NULL, NULL, false };
    char *text = alloc_text(line);
    unsigned plan_count = 0;
    int plan_status;

    trim_end(text);
    if (stream->phase == KTAP_BEFORE_HEADER) {
        if (strcmp(text, KTAP_HEADER) == 0) {
            stream->phase = KTAP_BEFORE_PLAN;
            stream->line_number = 1;
        }
        free(text);
        return feed;
    }

    stream->line_number++;
    if (stream->phase == KTAP_BAILED_OUT) {
        free(text);
        return feed;
    }

    plan_status = parse_plan_line(text, &plan_count);
    if (strcmp(text, KTAP_HEADER) == 0) {
        feed.problem = add_problem(stream, line, "a second KTAP header (did the domain restart?)");
    } else if (text_starts_with(text, KTAP_BAIL_OUT)) {
        take_bail_out(stream, line, text, &feed);
    } else if (plan_status > 0) {
        take_plan(stream, line, plan_count, &feed);
    } else if (plan_status < 0) {
        feed.problem = add_problem(stream, line, "a plan line that does not parse");
    } else if (starts_with_word(text, "ok") || starts_with_word(text, "not ok")) {
        take_result(stream, line, text, &feed);
    } else if (text[0] == '#') {
        take_comment(stream, text);
    } else {
        take_other_text(stream, text);
    }
    free(text);
    return feed;
}

void ktap_result_free(struct ktap_result *result)
{
    free(result->name);
    free(result->skip_reason);
    free(result->verifies);
    text_list_free(&result->diagnostics);
    memset(result, 0, sizeof(*result));
}

void ktap_stream_free(struct ktap_stream *stream)
{
    if (stream->results != NULL) {
        for (unsigned i = 0; i < stream->planned; i++) {
            ktap_result_free(&stream->results[i]);
        }
        free(stream->results);
    }
    free(stream->pending_verifies);
    text_list_free(&stream->pending_diagnostics);
    text_list_free(&stream->header_diagnostics);
    text_list_free(&stream->problems);
    free(stream->bail_out_reason);
    ktap_stream_init(stream);
}
