/*
 * tree_check.c - the verdict on a boot of a system-tree test (see
 * tree_check.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "console.h"
#include "tree_check.h"

/* The system stop line of spec/chapters/safety.rst. */
#define SYSTEM_STOP_LINE "hvabi: system stopped:"

/* Characters that continue a node path (node names, unit addresses, '/'). */
static bool continues_path(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr(",._+-@/", c) != NULL);
}

/* Characters that continue a property name. */
static bool continues_property(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr(",._+?#-", c) != NULL);
}

/* Whether the word at word (length long, inside line) stands alone. */
static bool stands_alone(const char *line, const char *word, size_t length,
                         bool (*continues)(char))
{
    char after = word[length];

    if (word > line && continues(word[-1])) {
        return false;
    }
    if (after == '.') {
        /* A full stop ends a sentence unless a name goes on after it. */
        return !continues(word[length + 1]);
    }
    return after == '\0' || !continues(after);
}

static bool contains_word(const char *line, const char *word, bool (*continues)(char))
{
    size_t length = strlen(word);

    if (length == 0) {
        return false;
    }
    for (const char *at = strstr(line, word); at != NULL; at = strstr(at + 1, word)) {
        if (stands_alone(line, at, length, continues)) {
            return true;
        }
    }
    return false;
}

bool tree_line_names(const char *line, const char *path, const char *property)
{
    return contains_word(line, path, continues_path) &&
           (property == NULL || contains_word(line, property, continues_property));
}

void tree_check_init(struct tree_check *check, const struct tree_test *test, char **place_paths,
                     size_t domain_count)
{
    memset(check, 0, sizeof(*check));
    check->expect = test->expect;
    check->place_count = test->place_count;
    check->places = alloc_zeroed(test->place_count + 1, sizeof(check->places[0]));
    for (size_t i = 0; i < test->place_count; i++) {
        check->places[i].path = place_paths[i];
        check->places[i].property = test->places[i].property;
    }
    check->hypervisor_texts = &test->hypervisor_lines;
    check->hypervisor_text_seen = alloc_zeroed(test->hypervisor_lines.count + 1, sizeof(bool));
    check->domain_count = domain_count;
    check->domain_started = alloc_zeroed(domain_count + 1, sizeof(bool));
    check->domain_texts = test->domain_lines;
    check->domain_text_count = test->domain_line_count;
    check->domain_text_seen = alloc_zeroed(test->domain_line_count + 1, sizeof(bool));
}

static void take_hypervisor_line(struct tree_check *check, const char *line)
{
    line_tail_add(&check->hypervisor_tail, line);
    if (strstr(line, SYSTEM_STOP_LINE) != NULL) {
        check->stop_line_seen = true;
    }
    for (size_t i = 0; i < check->place_count; i++) {
        if (tree_line_names(line, check->places[i].path, check->places[i].property)) {
            if (check->naming_line == NULL) {
                check->naming_line = alloc_text(line);
            }
            check->naming_line_count++;
            break;
        }
    }
    for (size_t i = 0; i < check->hypervisor_texts->count; i++) {
        if (strstr(line, check->hypervisor_texts->items[i]) != NULL) {
            check->hypervisor_text_seen[i] = true;
        }
    }
}

void tree_check_take_line(struct tree_check *check, const char *line)
{
    unsigned id;
    const char *text;

    if (!console_split_domain_line(line, &id, &text)) {
        take_hypervisor_line(check, line);
        return;
    }
    if (check->first_domain_line == NULL) {
        check->first_domain_line = alloc_text(line);
    }
    check->domain_line_count++;
    if (id >= 1 && id <= check->domain_count) {
        check->domain_started[id - 1] = true;
        for (size_t i = 0; i < check->domain_text_count; i++) {
            if (check->domain_texts[i].domain + 1 == id &&
                strstr(text, check->domain_texts[i].text) != NULL) {
                check->domain_text_seen[i] = true;
            }
        }
    }
}

static bool all_true(const bool *flags, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!flags[i]) {
            return false;
        }
    }
    return true;
}

bool tree_check_decided(const struct tree_check *check)
{
    if (check->expect == TREE_EXPECT_REFUSED) {
        return check->domain_line_count > 0 || check->stop_line_seen;
    }
    return all_true(check->domain_started, check->domain_count) &&
           all_true(check->hypervisor_text_seen, check->hypervisor_texts->count) &&
           all_true(check->domain_text_seen, check->domain_text_count);
}

static void describe_place(const struct tree_check_place *place, struct text_list *diagnostics,
                           bool first)
{
    if (place->property != NULL) {
        text_list_addf(diagnostics, "%s the path %s and the property name %s", first ? "  " : "or",
                       place->path, place->property);
    } else {
        text_list_addf(diagnostics, "%s the path %s", first ? "  " : "or", place->path);
    }
}

static bool refused_verdict(const struct tree_check *check, struct text_list *diagnostics)
{
    bool passed = true;

    if (check->domain_line_count > 0) {
        text_list_addf(diagnostics,
                       "FAIL: a domain ran although the tree must be refused: %zu line(s) of "
                       "domain output, the first: %s",
                       check->domain_line_count, check->first_domain_line);
        passed = false;
    }
    if (check->naming_line_count == 0) {
        text_list_add(diagnostics, "FAIL: no line of the hypervisor's output names the fault:"
                                   " expected a line with");
        for (size_t i = 0; i < check->place_count; i++) {
            describe_place(&check->places[i], diagnostics, i == 0);
        }
        passed = false;
    } else {
        text_list_addf(diagnostics, "refusal: %s", check->naming_line);
    }
    return passed;
}

static bool accepted_verdict(const struct tree_check *check, struct text_list *diagnostics)
{
    bool passed = true;

    for (size_t i = 0; i < check->domain_count; i++) {
        if (!check->domain_started[i]) {
            text_list_addf(diagnostics, "FAIL: d%zu printed nothing: the tree must be accepted "
                                        "and every domain started",
                           i + 1);
            passed = false;
        }
    }
    for (size_t i = 0; i < check->hypervisor_texts->count; i++) {
        if (!check->hypervisor_text_seen[i]) {
            text_list_addf(diagnostics, "FAIL: no line of the hypervisor's output contains '%s'",
                           check->hypervisor_texts->items[i]);
            passed = false;
        }
    }
    for (size_t i = 0; i < check->domain_text_count; i++) {
        if (!check->domain_text_seen[i]) {
            text_list_addf(diagnostics, "FAIL: no line of d%zu contains '%s'",
                           check->domain_texts[i].domain + 1, check->domain_texts[i].text);
            passed = false;
        }
    }
    return passed;
}

bool tree_check_verdict(const struct tree_check *check, struct text_list *diagnostics)
{
    bool passed = check->expect == TREE_EXPECT_REFUSED ? refused_verdict(check, diagnostics)
                                                       : accepted_verdict(check, diagnostics);

    if (!passed) {
        size_t first = check->hypervisor_tail.count > TREE_CHECK_SHOWN_LINES
                           ? check->hypervisor_tail.count - TREE_CHECK_SHOWN_LINES
                           : 0;

        text_list_addf(diagnostics, "the hypervisor's last %zu lines:",
                       check->hypervisor_tail.count - first);
        for (size_t i = first; i < check->hypervisor_tail.count; i++) {
            text_list_addf(diagnostics, "| %s", line_tail_get(&check->hypervisor_tail, i));
        }
    }
    return passed;
}

void tree_check_free(struct tree_check *check)
{
    for (size_t i = 0; i < check->place_count; i++) {
        free(check->places[i].path);
    }
    free(check->places);
    free(check->hypervisor_text_seen);
    free(check->domain_started);
    free(check->domain_text_seen);
    free(check->naming_line);
    free(check->first_domain_line);
    line_tail_free(&check->hypervisor_tail);
    memset(check, 0, sizeof(*check));
}
