/*
 * stop_line.h - the hypervisor's domain stop line, and a domain's
 * announcement that a test ends with its stop.
 *
 * A conforming hypervisor writes one line on its own console each time it
 * stops a domain (spec: safety.rst, "Diagnostics"):
 *
 *     <prefix>hvabi: d<ID> stopped: <cause>[: <further text>]
 *
 * where <prefix> is whatever the hypervisor puts before all of its own
 * lines, <ID> is the domain ID in decimal without leading zeros, and
 * <cause> is "shutdown <reason>" (reason poweroff, reboot, suspend, crash,
 * watchdog or soft_reset), "guest-fault" or "hardware-error".
 *
 * A test that is meant to end with the stop of its own domain says so
 * before it acts, in a KTAP diagnostic line of its domain:
 *
 *     # expect stop: <test name> <cause>
 *
 * The harness then takes the hypervisor's stop line of that domain as the
 * test's result (session.h).
 */
#ifndef HARNESS_STOP_LINE_H
#define HARNESS_STOP_LINE_H

#include <stdbool.h>

/* What the domain stop line contains, from "hvabi: d" on. */
#define STOP_LINE_MARK "hvabi: d"

/* The diagnostic a domain prints to announce its stop, after "# ". */
#define STOP_ANNOUNCEMENT "expect stop:"

enum stop_line_kind {
    STOP_LINE_NONE,      /* no "hvabi: d<digits>" in the line */
    STOP_LINE_VALID,     /* a domain stop line of the specified form */
    STOP_LINE_MALFORMED, /* "hvabi: d<ID>" followed by something else */
};

struct stop_line {
    unsigned domain;     /* with VALID and MALFORMED */
    char cause[32];      /* with VALID: "shutdown poweroff", "guest-fault", ... */
    char problem[128];   /* with MALFORMED: what is wrong */
};

/* Looks for a domain stop line in a line of the hypervisor's output. */
enum stop_line_kind stop_line_parse(const char *line, struct stop_line *stop);

/* True when cause is one of the causes a domain stop line may give. */
bool stop_line_is_cause(const char *cause);

/*
 * For the text of a domain's KTAP line (without the "(d<N>) " prefix):
 * when it is "# expect stop: <name> <cause>", a test name (one word) and a
 * non-empty cause, returns true with the name and the cause (blanks around
 * it removed) as new strings in *name and *cause (free() them).  The cause
 * is not checked here: a cause no stop line can give fails the test.
 */
bool stop_announcement_parse(const char *text, char **name, char **cause);

#endif
