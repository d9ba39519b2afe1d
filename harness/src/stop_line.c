/*
 * stop_line.c - the domain stop line and the stop announcement
 * (see stop_line.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "stop_line.h"
#include "text.h"

#define STOPPED_WORD " stopped: "
#define SHUTDOWN_WORD "shutdown "

/* The names of the shutdown reasons (spec: sched_op.rst). */
static const char *const shutdown_reasons[] = {
    "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
};

/* The causes other than shutdown that stop a single domain. */
static const char *const other_causes[] = { "guest-fault", "hardware-error" };

bool stop_line_is_cause(const char *cause)
{
    if (text_starts_with(cause, SHUTDOWN_WORD)) {
        const char *reason = cause + strlen(SHUTDOWN_WORD);

        for (size_t i = 0; i < sizeof(shutdown_reasons) / sizeof(shutdown_reasons[0]); i++) {
            if (strcmp(reason, shutdown_reasons[i]) == 0) {
                return true;
            }
        }
        return false;
    }
    for (size_t i = 0; i < sizeof(other_causes) / sizeof(other_causes[0]); i++) {
        if (strcmp(cause, other_causes[i]) == 0) {
            return true;
        }
    }
    return false;
}

static enum stop_line_kind malformed(struct stop_line *stop, const char *problem)
{
    snprintf(stop->problem, sizeof(stop->problem), "%s", problem);
    return STOP_LINE_MALFORMED;
}

enum stop_line_kind stop_line_parse(const char *line, struct stop_line *stop)
{
    const char *mark = strstr(line, STOP_LINE_MARK);
    const char *digits;
    const char *cause;
    size_t cause_length;
    unsigned long id = 0;
    size_t count = 0;

    memset(stop, 0, sizeof(*stop));
    /* The first mark followed by a digit: "hvabi: domain ..." is no stop line. */
    while (mark != NULL && !(mark[strlen(STOP_LINE_MARK)] >= '0' &&
                             mark[strlen(STOP_LINE_MARK)] <= '9')) {
        mark = strstr(mark + 1, STOP_LINE_MARK);
    }
    if (mark == NULL) {
        return STOP_LINE_NONE;
    }
    digits = mark + strlen(STOP_LINE_MARK);
    while (digits[count] >= '0' && digits[count] <= '9') {
        if (count < 9) {
            id = id * 10 + (unsigned long)(digits[count] - '0');
        }
        count++;
    }
    stop->domain = (unsigned)id;
    if (count > 9) {
        return malformed(stop, "the domain ID has more than 9 digits");
    }
    if (count > 1 && digits[0] == '0') {
        return malformed(stop, "the domain ID has a leading zero");
    }
    if (!text_starts_with(digits + count, STOPPED_WORD)) {
        return malformed(stop, "the domain ID is not followed by \" stopped: \"");
    }
    cause = digits + count + strlen(STOPPED_WORD);
    cause_length = strcspn(cause, ":");
    if (cause[cause_length] == ':' && cause[cause_length + 1] != ' ') {
        return malformed(stop, "the cause is followed by a colon without a blank");
    }
    if (cause_length >= sizeof(stop->cause)) {
        return malformed(stop, "the cause is not one of the causes of a domain stop");
    }
    memcpy(stop->cause, cause, cause_length);
    stop->cause[cause_length] = '\0';
    if (!stop_line_is_cause(stop->cause)) {
        stop->cause[0] = '\0';
        return malformed(stop, "the cause is not one of the causes of a domain stop");
    }
    return STOP_LINE_VALID;
}

bool stop_announcement_parse(const char *text, char **name, char **cause)
{
    const char *rest;
    size_t name_length;
    char *trimmed_cause;

    if (!text_starts_with(text, "# " STOP_ANNOUNCEMENT)) {
        return false;
    }
    rest = text + strlen("# " STOP_ANNOUNCEMENT);
    while (text_is_blank(*rest)) {
        rest++;
    }
    name_length = 0;
    while (rest[name_length] != '\0' && !text_is_blank(rest[name_length])) {
        name_length++;
    }
    if (name_length == 0) {
        return false;
    }
    trimmed_cause = alloc_text(rest + name_length);
    if (text_trim(trimmed_cause)[0] == '\0') {
        free(trimmed_cause);
        return false;
    }
    *name = alloc_text_n(rest, name_length);
    *cause = alloc_text(text_trim(trimmed_cause));
    free(trimmed_cause);
    return true;
}
