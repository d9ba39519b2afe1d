/*
 * tree_test.h - system-tree tests: boots of the hypervisor with a system
 * device tree that has one fault, and what the hypervisor must do with it.
 *
 * The tests of one file conformance/system-trees/NAME.conf share a domain
 * layout, written as in a scenario (scenario.h: description, order,
 * [domain NAME], [static-evtchn]); each "[test NAME]" section is one test:
 *
 *     [test domain_binding_memory_missing]
 *     verifies = hvabi~domain-binding-memory~1 ...   (requirement tags)
 *     delete-property = @main memory                 (faults, applied in order)
 *     expect = refused                               (or accepted)
 *     names = @main memory                           (refused: where the fault is)
 *
 * For each test the harness builds the tree of the layout exactly as for a
 * scenario (system_tree.h), applies the faults (tree_fault.h) and boots it.
 *
 *   expect = refused   The hypervisor must refuse the tree
 *                      (spec: domain_binding.rst): no domain may print
 *                      anything, and one line of the hypervisor's own
 *                      output must name one of the "names" places: a
 *                      node's full path and, when given, the name of a
 *                      property of it (tree_check.h).  At least one fault
 *                      and one "names" line are required.
 *   expect = accepted  Every domain must start (print a line of its own),
 *                      the hypervisor must print each "hypervisor-prints"
 *                      text in a line of its own output, and each domain
 *                      of a "domain-prints = <domain> <text>" line must
 *                      print a line that contains the text.
 *
 * Node references in faults and "names" (tree_fault.h): an absolute path,
 * "@<domain>" (its domain node), "@<domain>/kernel" and
 * "@<domain>/ramdisk" (its module nodes), or "@<domain>/<child path>".
 *
 * A test's name is reported like a conformance test's, with its tags; the
 * traceability gate reads them from these files (spec/_ext/hvabi_trace.py).
 */
#ifndef HARNESS_TREE_TEST_H
#define HARNESS_TREE_TEST_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "scenario.h"
#include "text.h"

#define TREE_TEST_SECTION "test"

enum tree_fault_kind {
    TREE_FAULT_DELETE_PROPERTY, /* delete-property = <node> <property> */
    TREE_FAULT_SET_PROPERTY,    /* set-property = <node> <property> [<value>] */
    TREE_FAULT_SET_CELL,        /* set-cell = <node> <property> <index> <cell> */
    TREE_FAULT_APPEND_STRING,   /* append-string = <node> <property> <text> */
    TREE_FAULT_COPY_PROPERTY,   /* copy-property = <node> <property> <to node> */
    TREE_FAULT_ADD_NODE,        /* add-node = <node> */
    TREE_FAULT_DELETE_NODE,     /* delete-node = <node> */
};

/* One change to the tree.  The words are split at blanks; the last one
 * (a value, a text) is the rest of the line. */
struct tree_fault {
    enum tree_fault_kind kind;
    char *node;
    char *property; /* NULL for add-node and delete-node */
    char *argument; /* set-property: the value ("" for an empty property);
                       set-cell: "<index> <cell>"; append-string: the text;
                       copy-property: the node to copy to; else NULL */
    unsigned line;
};

/* A place that a refusal may name: a node, and a property of it or NULL. */
struct tree_place {
    char *node;
    char *property;
    unsigned line;
};

/* domain-prints = <domain> <text>. */
struct tree_domain_line {
    size_t domain; /* index in the layout's domains */
    char *text;
    unsigned line;
};

enum tree_expect {
    TREE_EXPECT_REFUSED,
    TREE_EXPECT_ACCEPTED,
};

struct tree_test {
    char *name;
    char *verifies;
    unsigned line;     /* of its [test NAME] header */
    enum tree_expect expect;
    struct tree_fault *faults;
    size_t fault_count;
    struct tree_place *places;      /* refused: any one of them */
    size_t place_count;
    struct text_list hypervisor_lines; /* accepted: each of them */
    struct tree_domain_line *domain_lines;
    size_t domain_line_count;
};

struct tree_test_group {
    struct scenario layout; /* its name is the file's name without ".conf" */
    struct tree_test *tests;
    size_t count;
};

/*
 * Reads a group from file, named file_name in messages.  Returns 0, or -1
 * with err set ("FILE:LINE: ..."); on error *group holds nothing to free.
 */
int tree_test_group_read(FILE *file, const char *file_name, const char *name,
                         struct tree_test_group *group, struct harness_error *err);

/* tree_test_group_read() on the file at file_name. */
int tree_test_group_load(const char *file_name, const char *name, struct tree_test_group *group,
                         struct harness_error *err);

void tree_test_group_free(struct tree_test_group *group);

#endif
