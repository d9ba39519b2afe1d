/*
 * tree_check.h - what a boot of a system-tree test showed, and the verdict
 * on it (tree_test.h).
 *
 * Lines of serial output are fed one at a time.  A line "(d<N>) ..." is
 * output of domain N (console.h); every other line is the hypervisor's.
 * The refusal must be one line of the hypervisor's output that contains
 * the full path of a node at fault and, when the fault is in a property,
 * the property's name (spec: domain_binding.rst,
 * hvabi~domain-binding-refuse-message~1).  A path or a name counts only as
 * a whole word: not followed (or preceded) by a character that could
 * continue it, so "/chosen/domU1" is not found in "/chosen/domU10" and
 * "cpus" not in "#cpus-x"; a '.' that ends a sentence does not continue it.
 */
#ifndef HARNESS_TREE_CHECK_H
#define HARNESS_TREE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "line_tail.h"
#include "text.h"
#include "tree_test.h"

/* The hypervisor's last lines shown with a failed test. */
#define TREE_CHECK_SHOWN_LINES 8u

/* A place resolved to a path (tree_fault.h). */
struct tree_check_place {
    char *path;
    const char *property; /* or NULL */
};

struct tree_check {
    enum tree_expect expect;
    struct tree_check_place *places;  /* refused */
    size_t place_count;
    const struct text_list *hypervisor_texts;      /* accepted */
    bool *hypervisor_text_seen;
    size_t domain_count;               /* the domains of the layout: d1 .. d<count> */
    bool *domain_started;              /* printed any line */
    const struct tree_domain_line *domain_texts;   /* accepted */
    size_t domain_text_count;
    bool *domain_text_seen;
    /* What the boot showed. */
    size_t naming_line_count;          /* hypervisor lines that name a place */
    char *naming_line;                 /* the first of them */
    bool stop_line_seen;               /* "hvabi: system stopped: ..." */
    size_t domain_line_count;          /* lines of any domain (d1 and up) */
    char *first_domain_line;
    struct line_tail hypervisor_tail;  /* its last lines, for diagnostics */
};

/* A check for test; the places are resolved to paths (the check keeps
 * them) and the domains are d1 .. d<domain_count>. */
void tree_check_init(struct tree_check *check, const struct tree_test *test, char **place_paths,
                     size_t domain_count);

void tree_check_take_line(struct tree_check *check, const char *line);

/* True once the boot can end early: refused: a domain printed or the
 * system stop line came; accepted: every expectation is met. */
bool tree_check_decided(const struct tree_check *check);

/* The verdict: true when the test passed.  Each reason it failed, and the
 * lines that explain it, go to diagnostics. */
bool tree_check_verdict(const struct tree_check *check, struct text_list *diagnostics);

void tree_check_free(struct tree_check *check);

/* True when line names path (and property, when not NULL) as described above. */
bool tree_line_names(const char *line, const char *path, const char *property);

#endif
