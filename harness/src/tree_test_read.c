/*
 * tree_test_read.c - reads a file of system-tree tests (see tree_test.h).
 *
 * The layout is read by the scenario reader; the [test NAME] sections come
 * here through its extension hook.  Node references are checked once the
 * whole file is read, since the domains they name may come later.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "config_file.h"
#include "tree_fault.h"
#include "tree_test.h"

struct group_reader {
    struct tree_test_group *group;
    unsigned verifies_line;
    unsigned expect_line;
};

static struct tree_test *current_test(struct group_reader *reader)
{
    return &reader->group->tests[reader->group->count - 1];
}

/* Test names are reported like the guest's: lower-case letters, digits and '_'. */
static bool is_test_name(const char *name)
{
    if (name[0] < 'a' || name[0] > 'z' || strlen(name) > 96) {
        return false;
    }
    for (const char *c = name; *c != '\0'; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) {
            return false;
        }
    }
    return true;
}

static int start_test(void *context, const char *file_name, const struct config_line *header,
                      const char *name, struct harness_error *err)
{
    struct group_reader *reader = context;
    struct tree_test_group *group = reader->group;
    struct tree_test *test;

    if (!is_test_name(name)) {
        error_set(err,
                  "%s:%u: '%s' is not a test name: lower-case letters, digits and '_', starting "
                  "with a letter",
                  file_name, header->number, name);
        return -1;
    }
    for (size_t i = 0; i < group->count; i++) {
        if (strcmp(group->tests[i].name, name) == 0) {
            error_set(err, "%s:%u: duplicate test name '%s' (first on line %u)", file_name,
                      header->number, name, group->tests[i].line);
            return -1;
        }
    }
    group->tests = alloc_resize(group->tests, group->count + 1, sizeof(group->tests[0]));
    test = &group->tests[group->count];
    group->count++;
    memset(test, 0, sizeof(*test));
    test->name = alloc_text(name);
    test->line = header->number;
    reader->verifies_line = 0;
    reader->expect_line = 0;
    return 0;
}

/* Splits off the first word of *rest (blanks separate words); NULL when
 * there is none.  *rest then points past the blanks after it. */
static char *take_word(const char **rest)
{
    const char *start = *rest;
    const char *end;
    char *word;

    while (text_is_blank(*start)) {
        start++;
    }
    if (*start == '\0') {
        return NULL;
    }
    end = start;
    while (*end != '\0' && !text_is_blank(*end)) {
        end++;
    }
    word = alloc_text_n(start, (size_t)(end - start));
    while (text_is_blank(*end)) {
        end++;
    }
    *rest = end;
    return word;
}

struct fault_key {
    const char *key;
    enum tree_fault_kind kind;
    bool has_property;
    bool has_argument;       /* a last part, the rest of the line */
    bool argument_optional;  /* set-property: an empty property has none */
    const char *form;        /* for messages */
};

static const struct fault_key fault_keys[] = {
    { "delete-property", TREE_FAULT_DELETE_PROPERTY, true, false, false, "<node> <property>" },
    { "set-property", TREE_FAULT_SET_PROPERTY, true, true, true, "<node> <property> [<value>]" },
    { "set-cell", TREE_FAULT_SET_CELL, true, true, false, "<node> <property> <index> <cell>" },
    { "append-string", TREE_FAULT_APPEND_STRING, true, true, false, "<node> <property> <text>" },
    { "copy-property", TREE_FAULT_COPY_PROPERTY, true, true, false,
      "<node> <property> <to node>" },
    { "add-node", TREE_FAULT_ADD_NODE, false, false, false, "<node>" },
    { "delete-node", TREE_FAULT_DELETE_NODE, false, false, false, "<node>" },
};

static int take_fault(struct tree_test *test, const struct fault_key *key, const char *file_name,
                      const struct config_line *line, struct harness_error *err)
{
    const char *rest = line->value;
    struct tree_fault fault;

    memset(&fault, 0, sizeof(fault));
    fault.kind = key->kind;
    fault.line = line->number;
    fault.node = take_word(&rest);
    if (fault.node != NULL && key->has_property) {
        fault.property = take_word(&rest);
    }
    if (key->has_argument && (rest[0] != '\0' || key->argument_optional)) {
        fault.argument = alloc_text(rest);
        rest = "";
    }
    if (fault.node == NULL || (key->has_property && fault.property == NULL) ||
        (key->has_argument && fault.argument == NULL) || rest[0] != '\0') {
        error_set(err, "%s:%u: %s takes %s", file_name, line->number, key->key, key->form);
        free(fault.node);
        free(fault.property);
        free(fault.argument);
        return -1;
    }
    test->faults = alloc_resize(test->faults, test->fault_count + 1, sizeof(test->faults[0]));
    test->faults[test->fault_count] = fault;
    test->fault_count++;
    return 0;
}

static int take_place(struct tree_test *test, const char *file_name,
                      const struct config_line *line, struct harness_error *err)
{
    const char *rest = line->value;
    struct tree_place place;

    place.line = line->number;
    place.node = take_word(&rest);
    place.property = place.node != NULL ? take_word(&rest) : NULL;
    if (place.node == NULL || rest[0] != '\0') {
        error_set(err, "%s:%u: names takes <node> [<property>]", file_name, line->number);
        free(place.node);
        free(place.property);
        return -1;
    }
    test->places = alloc_resize(test->places, test->place_count + 1, sizeof(test->places[0]));
    test->places[test->place_count] = place;
    test->place_count++;
    return 0;
}

/* domain-prints = <domain> <text>; the domain is found once the file is read. */
static int take_domain_line(struct tree_test *test, const char *file_name,
                            const struct config_line *line, struct harness_error *err)
{
    const char *rest = line->value;
    char *domain = take_word(&rest);
    struct tree_domain_line *entry;

    if (domain == NULL || rest[0] == '\0') {
        error_set(err, "%s:%u: domain-prints takes <domain> <text>", file_name, line->number);
        free(domain);
        return -1;
    }
    test->domain_lines = alloc_resize(test->domain_lines, test->domain_line_count + 1,
                                      sizeof(test->domain_lines[0]));
    entry = &test->domain_lines[test->domain_line_count];
    test->domain_line_count++;
    /* The domain's name goes first in the text until it is resolved. */
    entry->domain = 0;
    entry->text = alloc_printf("%s %s", domain, rest);
    entry->line = line->number;
    free(domain);
    return 0;
}

static int take_entry(void *context, const char *file_name, const struct config_line *line,
                      struct harness_error *err)
{
    struct group_reader *reader = context;
    struct tree_test *test = current_test(reader);

    for (size_t i = 0; i < sizeof(fault_keys) / sizeof(fault_keys[0]); i++) {
        if (strcmp(line->key, fault_keys[i].key) == 0) {
            return take_fault(test, &fault_keys[i], file_name, line, err);
        }
    }
    if (strcmp(line->key, "verifies") == 0 || strcmp(line->key, "expect") == 0) {
        bool is_verifies = line->key[0] == 'v';
        unsigned *seen = is_verifies ? &reader->verifies_line : &reader->expect_line;

        if (*seen != 0) {
            error_set(err, "%s:%u: duplicate key '%s' (first set on line %u)", file_name,
                      line->number, line->key, *seen);
            return -1;
        }
        *seen = line->number;
        if (is_verifies) {
            if (line->value[0] == '\0') {
                error_set(err, "%s:%u: verifies must name at least one requirement", file_name,
                          line->number);
                return -1;
            }
            test->verifies = alloc_text(line->value);
        } else if (strcmp(line->value, "refused") == 0) {
            test->expect = TREE_EXPECT_REFUSED;
        } else if (strcmp(line->value, "accepted") == 0) {
            test->expect = TREE_EXPECT_ACCEPTED;
        } else {
            error_set(err, "%s:%u: expect must be 'refused' or 'accepted', found '%s'", file_name,
                      line->number, line->value);
            return -1;
        }
        return 0;
    }
    if (strcmp(line->key, "names") == 0) {
        return take_place(test, file_name, line, err);
    }
    if (strcmp(line->key, "hypervisor-prints") == 0) {
        if (line->value[0] == '\0') {
            error_set(err, "%s:%u: hypervisor-prints needs a text", file_name, line->number);
            return -1;
        }
        text_list_add(&test->hypervisor_lines, line->value);
        return 0;
    }
    if (strcmp(line->key, "domain-prints") == 0) {
        return take_domain_line(test, file_name, line, err);
    }
    error_set(err,
              "%s:%u: unknown key '%s' in [test %s]; the keys are verifies, expect, names, "
              "hypervisor-prints, domain-prints and the faults delete-property, set-property, "
              "set-cell, append-string, copy-property, add-node and delete-node",
              file_name, line->number, line->key, test->name);
    return -1;
}

/* The checks of a test that its own lines allow. */
static int finish_test(void *context, const char *file_name, struct harness_error *err)
{
    struct group_reader *reader = context;
    struct tree_test *test = current_test(reader);

    if (reader->verifies_line == 0 || reader->expect_line == 0) {
        error_set(err, "%s:%u: [test %s] has no '%s' key", file_name, test->line, test->name,
                  reader->verifies_line == 0 ? "verifies" : "expect");
        return -1;
    }
    if (test->expect == TREE_EXPECT_REFUSED) {
        if (test->fault_count == 0 || test->place_count == 0) {
            error_set(err,
                      "%s:%u: [test %s] expects the tree refused, so it needs a fault and a "
                      "'names' line",
                      file_name, test->line, test->name);
            return -1;
        }
        if (test->hypervisor_lines.count != 0 || test->domain_line_count != 0) {
            error_set(err,
                      "%s:%u: [test %s]: hypervisor-prints and domain-prints are for expect = "
                      "accepted",
                      file_name, test->line, test->name);
            return -1;
        }
    } else if (test->place_count != 0) {
        error_set(err, "%s:%u: [test %s]: names is for expect = refused", file_name, test->line,
                  test->name);
        return -1;
    }
    return 0;
}

/* Checks every node reference and domain name, now that the layout is known. */
static int resolve_names(struct tree_test_group *group, const char *file_name,
                         struct harness_error *err)
{
    for (size_t t = 0; t < group->count; t++) {
        struct tree_test *test = &group->tests[t];

        for (size_t i = 0; i < test->fault_count; i++) {
            const struct tree_fault *fault = &test->faults[i];

            if (tree_reference_check(fault->node, &group->layout, file_name, fault->line, err) !=
                    0 ||
                (fault->kind == TREE_FAULT_COPY_PROPERTY &&
                 tree_reference_check(fault->argument, &group->layout, file_name, fault->line,
                                      err) != 0)) {
                return -1;
            }
        }
        for (size_t i = 0; i < test->place_count; i++) {
            if (tree_reference_check(test->places[i].node, &group->layout, file_name,
                                     test->places[i].line, err) != 0) {
                return -1;
            }
        }
        for (size_t i = 0; i < test->domain_line_count; i++) {
            struct tree_domain_line *entry = &test->domain_lines[i];
            const char *blank = strchr(entry->text, ' ');
            size_t length = (size_t)(blank - entry->text);
            bool found = false;

            for (size_t d = 0; d < group->layout.domain_count && !found; d++) {
                if (strlen(group->layout.domains[d].name) == length &&
                    strncmp(group->layout.domains[d].name, entry->text, length) == 0) {
                    entry->domain = d;
                    found = true;
                }
            }
            if (!found) {
                error_set(err, "%s:%u: domain-prints names domain '%.*s', which the file does "
                               "not have",
                          file_name, entry->line, (int)length, entry->text);
                return -1;
            }
            memmove(entry->text, blank + 1, strlen(blank + 1) + 1);
        }
    }
    return 0;
}

int tree_test_group_read(FILE *file, const char *file_name, const char *name,
                         struct tree_test_group *group, struct harness_error *err)
{
    struct group_reader reader = { .group = group };
    struct scenario_extension extension = {
        .section = TREE_TEST_SECTION,
        .context = &reader,
        .start = start_test,
        .entry = take_entry,
        .finish = finish_test,
    };

    memset(group, 0, sizeof(*group));
    if (scenario_read_extended(file, file_name, name, &group->layout, &extension, err) != 0) {
        /* The layout is freed by the reader; the tests read so far are not. */
        struct scenario empty;

        memset(&empty, 0, sizeof(empty));
        group->layout = empty;
        tree_test_group_free(group);
        return -1;
    }
    if (group->count == 0) {
        error_set(err, "%s: no [test NAME] section", file_name);
        tree_test_group_free(group);
        return -1;
    }
    if (resolve_names(group, file_name, err) != 0) {
        tree_test_group_free(group);
        return -1;
    }
    return 0;
}

int tree_test_group_load(const char *file_name, const char *name, struct tree_test_group *group,
                         struct harness_error *err)
{
    FILE *file = fopen(file_name, "re");
    int status;

    if (file == NULL) {
        error_set(err, "cannot read %s: %s", file_name, strerror(errno));
        return -1;
    }
    status = tree_test_group_read(file, file_name, name, group, err);
    fclose(file);
    return status;
}

void tree_test_group_free(struct tree_test_group *group)
{
    for (size_t t = 0; t < group->count; t++) {
        struct tree_test *test = &group->tests[t];

        free(test->name);
        free(test->verifies);
        for (size_t i = 0; i < test->fault_count; i++) {
            free(test->faults[i].node);
            free(test->faults[i].property);
            free(test->faults[i].argument);
        }
        free(test->faults);
        for (size_t i = 0; i < test->place_count; i++) {
            free(test->places[i].node);
            free(test->places[i].property);
        }
        free(test->places);
        text_list_free(&test->hypervisor_lines);
        for (size_t i = 0; i < test->domain_line_count; i++) {
            free(test->domain_lines[i].text);
        }
        free(test->domain_lines);
    }
    free(group->tests);
    if (group->layout.file != NULL) {
        scenario_free(&group->layout);
    }
    memset(group, 0, sizeof(*group));
}
