/*
 * test_tree_test.c - the system-tree tests: reading their files, applying
 * their faults to a built system tree, and judging a boot's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "system_tree.h"
#include "topology.h"
#include "tree_check.h"
#include "tree_fault.h"
#include "tree_test.h"

#define TREE_SIZE 4096

#define LAYOUT                                                                                     \
    "description = d\norder = 5\n"                                                  /* 1-2 */     \
    "[domain main]\nmemory-mib = 32\ncpus = 1\nramdisk-kib = 4\nbootargs = b\n"     /* 3-7 */     \
    "[domain peer]\nmemory-mib = 16\ncpus = 1\nbootargs = p\n"                      /* 8-11 */    \
    "[static-evtchn]\nmain-port = 10\npeer-port = 11\n"                             /* 12-14 */

static int read_text(const char *text, struct tree_test_group *group, struct harness_error *err)
{
    FILE *file = fmemopen((void *)text, strlen(text), "r");
    int status;

    assert_non_null(file);
    status = tree_test_group_read(file, "t.conf", "t", group, err);
    fclose(file);
    return status;
}

static void expect_error(const char *text, const char *expected)
{
    struct tree_test_group group;
    struct harness_error err;

    err.message[0] = '\0';
    assert_int_equal(read_text(text, &group, &err), -1);
    assert_string_equal(err.message, expected);
}

static void test_read_group(void **state)
{
    struct tree_test_group group;
    struct harness_error err;
    const struct tree_test *test;

    (void)state;
    assert_int_equal(read_text(LAYOUT
                               "[test one]\n"                                      /* 15 */
                               "verifies = hvabi~a~1 hvabi~b~1\n"
                               "delete-property = @main memory\n"
                               "set-property = @main/kernel bootargs \"x\", \"y\"\n"
                               "set-property = @main empty\n"
                               "set-cell = @main/ramdisk reg 3 0\n"                /* 20 */
                               "append-string = /chosen xen,xen-bootargs a b=c\n"
                               "copy-property = @main/ramdisk reg @peer/module@1\n"
                               "add-node = @peer/module@1\n"
                               "delete-node = @peer/evtchn@b\n"
                               "expect = refused\n"                                /* 25 */
                               "names = @main memory\n"
                               "names = /chosen\n"
                               "[test two]\n"
                               "verifies = hvabi~c~1\n"
                               "expect = accepted\n"                               /* 30 */
                               "hypervisor-prints = unknown option\n"
                               "domain-prints = peer boot arguments: (none)\n",
                               &group, &err),
                     0);
    assert_string_equal(group.layout.name, "t");
    assert_int_equal(group.layout.order, 5);
    assert_int_equal(group.layout.domain_count, 2);
    assert_int_equal(group.layout.domains[0].ramdisk_kib, 4);
    assert_int_equal(group.layout.channel_count, 1);
    assert_int_equal(group.count, 2);

    test = &group.tests[0];
    assert_string_equal(test->name, "one");
    assert_int_equal(test->line, 15);
    assert_string_equal(test->verifies, "hvabi~a~1 hvabi~b~1");
    assert_int_equal(test->expect, TREE_EXPECT_REFUSED);
    assert_int_equal(test->fault_count, 8);
    assert_int_equal(test->faults[0].kind, TREE_FAULT_DELETE_PROPERTY);
    assert_string_equal(test->faults[0].node, "@main");
    assert_string_equal(test->faults[0].property, "memory");
    assert_null(test->faults[0].argument);
    assert_int_equal(test->faults[1].kind, TREE_FAULT_SET_PROPERTY);
    assert_string_equal(test->faults[1].argument, "\"x\", \"y\"");
    assert_string_equal(test->faults[2].argument, "");
    assert_int_equal(test->faults[3].kind, TREE_FAULT_SET_CELL);
    assert_string_equal(test->faults[3].argument, "3 0");
    assert_int_equal(test->faults[3].line, 20);
    assert_int_equal(test->faults[4].kind, TREE_FAULT_APPEND_STRING);
    assert_string_equal(test->faults[4].argument, "a b=c");
    assert_int_equal(test->faults[5].kind, TREE_FAULT_COPY_PROPERTY);
    assert_string_equal(test->faults[5].argument, "@peer/module@1");
    assert_int_equal(test->faults[6].kind, TREE_FAULT_ADD_NODE);
    assert_null(test->faults[6].property);
    assert_int_equal(test->faults[7].kind, TREE_FAULT_DELETE_NODE);
    assert_int_equal(test->place_count, 2);
    assert_string_equal(test->places[0].node, "@main");
    assert_string_equal(test->places[0].property, "memory");
    assert_null(test->places[1].property);

    test = &group.tests[1];
    assert_int_equal(test->expect, TREE_EXPECT_ACCEPTED);
    assert_int_equal(test->fault_count, 0);
    assert_int_equal(test->hypervisor_lines.count, 1);
    assert_string_equal(test->hypervisor_lines.items[0], "unknown option");
    assert_int_equal(test->domain_line_count, 1);
    assert_int_equal(test->domain_lines[0].domain, 1);
    assert_string_equal(test->domain_lines[0].text, "boot arguments: (none)");
    tree_test_group_free(&group);
}

static void test_read_errors(void **state)
{
    (void)state;
    expect_error(LAYOUT, "t.conf: no [test NAME] section");
    expect_error(LAYOUT "[test Bad-Name]\n",
                 "t.conf:15: 'Bad-Name' is not a test name: lower-case letters, digits and '_', "
                 "starting with a letter");
    expect_error(LAYOUT "[test one]\nexpect = refused\n", "t.conf:15: [test one] has no 'verifies' key");
    expect_error(LAYOUT "[test one]\nverifies = hvabi~a~1\n",
                 "t.conf:15: [test one] has no 'expect' key");
    expect_error(LAYOUT "[test one]\nverifies = hvabi~a~1\nexpect = maybe\n",
                 "t.conf:17: expect must be 'refused' or 'accepted', found 'maybe'");
    expect_error(LAYOUT "[test one]\nverifies = hvabi~a~1\nexpect = refused\nnames = @main\n",
                 "t.conf:15: [test one] expects the tree refused, so it needs a fault and a "
                 "'names' line");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = accepted\nnames = @main\n",
                 "t.conf:15: [test one]: names is for expect = refused");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = refused\ndelete-node = @main\n"
                        "names = @main\nhypervisor-prints = x\n",
                 "t.conf:15: [test one]: hypervisor-prints and domain-prints are for expect = "
                 "accepted");
    expect_error(LAYOUT "[test one]\nverifies = x\nfrobnicate = 1\n",
                 "t.conf:17: unknown key 'frobnicate' in [test one]; the keys are verifies, "
                 "expect, names, hypervisor-prints, domain-prints and the faults "
                 "delete-property, set-property, set-cell, append-string, copy-property, "
                 "add-node and delete-node");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = refused\ndelete-property = @main\n",
                 "t.conf:18: delete-property takes <node> <property>");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = refused\nadd-node = @main/a b\n",
                 "t.conf:18: add-node takes <node>");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = refused\n"
                        "delete-node = @nobody\nnames = @main\n",
                 "t.conf:18: '@nobody' names a domain that the file does not have");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = refused\n"
                        "delete-node = chosen\nnames = @main\n",
                 "t.conf:18: 'chosen' is not a node: a path (/...) or @<domain>[/...]");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = refused\n"
                        "delete-node = @peer/ramdisk\nnames = @main\n",
                 "t.conf:18: '@peer/ramdisk': domain peer has no ramdisk (ramdisk-kib)");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = accepted\n"
                        "domain-prints = nobody hello\n",
                 "t.conf:18: domain-prints names domain 'nobody', which the file does not have");
    expect_error(LAYOUT "[test one]\nverifies = x\nexpect = accepted\n[test one]\n",
                 "t.conf:18: duplicate test name 'one' (first on line 15)");
    expect_error(LAYOUT "[test one]\nverifies = x\nverifies = y\n",
                 "t.conf:17: duplicate key 'verifies' (first set on line 16)");
    expect_error(LAYOUT "[other]\n",
                 "t.conf:15: unknown section '[other]'; the sections are [domain NAME], "
                 "[static-evtchn] and [test NAME]");
}

/* A machine tree like QEMU's: RAM at 1 GiB, /chosen. */
static void make_machine_tree(void *tree, uint64_t ram_size)
{
    int node;

    assert_int_equal(fdt_create_empty_tree(tree, TREE_SIZE), 0);
    assert_int_equal(fdt_setprop_u32(tree, 0, "#address-cells", 2), 0);
    assert_int_equal(fdt_setprop_u32(tree, 0, "#size-cells", 2), 0);
    node = fdt_add_subnode(tree, 0, "memory@40000000");
    assert_true(node >= 0);
    assert_int_equal(fdt_setprop_string(tree, node, "device_type", "memory"), 0);
    assert_int_equal(fdt_setprop_u64(tree, node, "reg", 0x40000000), 0);
    assert_int_equal(fdt_appendprop_u64(tree, node, "reg", ram_size), 0);
    node = fdt_add_subnode(tree, 0, "chosen");
    assert_true(node >= 0);
    assert_int_equal(fdt_pack(tree), 0);
}

static const struct system_tree_settings settings = {
    .bootargs_property = "xen,xen-bootargs",
    .hypervisor_bootargs = "console=dtuart",
};

/* The group of LAYOUT with one test made of `faults`, its topology and tree. */
struct fixture {
    struct tree_test_group group;
    struct topology topology;
    struct tree_fault_context context;
    void *tree;
    size_t tree_size;
    void *changed;
    size_t changed_size;
};

static void set_up(struct fixture *f, const char *faults)
{
    static char machine[TREE_SIZE];
    struct harness_error err;
    char *text = malloc(strlen(LAYOUT) + strlen(faults) + 128);

    memset(f, 0, sizeof(*f));
    sprintf(text, LAYOUT "[test t]\nverifies = x\nexpect = accepted\n%s", faults);
    assert_int_equal(read_text(text, &f->group, &err), 0);
    free(text);
    make_machine_tree(machine, 0x40000000);
    topology_add_domain(&f->topology, 1, 32768, 1, "b", "guest.Image", 4096);
    f->topology.domains[0].ramdisk_size = 4096;
    topology_add_domain(&f->topology, 2, 16384, 1, "p", "guest.Image", 4096);
    topology_add_channel(&f->topology, 0, 10, 1, 11);
    assert_int_equal(system_tree_build(machine, fdt_totalsize(machine), &settings, &f->topology,
                                       &f->tree, &f->tree_size, &err),
                     0);
    f->context.layout = &f->group.layout;
    f->context.topology = &f->topology;
    f->context.ram_size = 0x40000000;
}

static void tear_down(struct fixture *f)
{
    free(f->tree);
    free(f->changed);
    topology_free(&f->topology);
    tree_test_group_free(&f->group);
}

static int apply(struct fixture *f, struct harness_error *err)
{
    return tree_faults_apply(f->tree, &f->group.tests[0], &f->context, &f->changed,
                             &f->changed_size, err);
}

static const void *property(const void *tree, const char *path, const char *name, int *length)
{
    int node = fdt_path_offset(tree, path);

    assert_true(node >= 0);
    return fdt_getprop(tree, node, name, length);
}

static void test_references(void **state)
{
    struct fixture f;
    struct harness_error err;
    char *path;

    (void)state;
    set_up(&f, "");
    /* Kernels from the middle of RAM (0x60000000), then the ramdisk. */
    path = tree_reference_path("@main/kernel", &f.context, &err);
    assert_string_equal(path, "/chosen/domU1/module@60000000");
    free(path);
    path = tree_reference_path("@main/ramdisk", &f.context, &err);
    assert_string_equal(path, "/chosen/domU1/module@60400000");
    free(path);
    path = tree_reference_path("@peer", &f.context, &err);
    assert_string_equal(path, "/chosen/domU2");
    free(path);
    path = tree_reference_path("@peer/evtchn@b", &f.context, &err);
    assert_string_equal(path, "/chosen/domU2/evtchn@b");
    free(path);
    path = tree_reference_path("/chosen", &f.context, &err);
    assert_string_equal(path, "/chosen");
    free(path);
    assert_null(tree_reference_path("@peer/ramdisk", &f.context, &err));
    assert_string_equal(err.message, "'@peer/ramdisk': the domain has no ramdisk");
    tear_down(&f);
}

static void expect_parsed(struct fixture *f, const char *text, const void *bytes, size_t size)
{
    struct harness_error err;
    uint8_t *value = NULL;
    size_t value_size = 0;

    err.message[0] = '\0';
    assert_int_equal(tree_value_parse(text, f->tree, &f->context, &value, &value_size, &err), 0);
    assert_int_equal(value_size, size);
    if (size > 0) {
        assert_memory_equal(value, bytes, size);
    }
    free(value);
}

static void expect_bad_value(struct fixture *f, const char *text, const char *message)
{
    struct harness_error err;
    uint8_t *value = NULL;
    size_t value_size = 0;

    assert_int_equal(tree_value_parse(text, f->tree, &f->context, &value, &value_size, &err), -1);
    assert_null(value);
    assert_string_equal(err.message, message);
}

static void test_values(void **state)
{
    static const uint8_t cells[] = { 0, 0, 0, 1, 0, 0, 0, 0x20, 0xff, 0xff, 0xff, 0xff };
    static const uint8_t percent[] = { 0, 0, 0, 0, 0, 0x09, 0x99, 0x98 }; /* 629144 KiB */
    struct fixture f;
    uint8_t phandle[4];
    uint32_t peer_phandle;
    int node;

    (void)state;
    set_up(&f, "");
    expect_parsed(&f, "", NULL, 0);
    expect_parsed(&f, "<1 0x20 4294967295>", cells, sizeof(cells));
    expect_parsed(&f, "\"a\", \"bc\"", "a\0bc", 5);
    expect_parsed(&f, "\"\"", "", 1);
    expect_parsed(&f, "[41 00 ff]", "A\0\xff", 3);
    expect_parsed(&f, "filler(4)", "xxx", 4);
    /* 60 % of 1 GiB in KiB, rounded down to a multiple of 4. */
    expect_parsed(&f, "ram-percent(60)", percent, sizeof(percent));
    node = fdt_path_offset(f.tree, "/chosen/domU2/evtchn@b");
    assert_true(node >= 0);
    peer_phandle = fdt_get_phandle(f.tree, node);
    assert_true(peer_phandle != 0);
    phandle[0] = (uint8_t)(peer_phandle >> 24);
    phandle[1] = (uint8_t)(peer_phandle >> 16);
    phandle[2] = (uint8_t)(peer_phandle >> 8);
    phandle[3] = (uint8_t)peer_phandle;
    expect_parsed(&f, "<phandle(@peer/evtchn@b)>", phandle, 4);

    expect_bad_value(&f, "<0x100000000>",
                     "'0x100000000' is not a 32-bit cell: a number or phandle(<node>)");
    expect_bad_value(&f, "<phandle(@peer)>", "/chosen/domU2: the node has no phandle");
    expect_bad_value(&f, "[4]", "'4' is not a byte: two hexadecimal digits");
    expect_bad_value(&f, "\"a\" \"b\"", "'\"a\" \"b\"' is not a list of \"strings\" separated by "
                                        "commas");
    expect_bad_value(&f, "filler(0)", "'filler(0)' is not a value: <cells>, \"strings\", [bytes], "
                                      "filler(N) or ram-percent(P)");
    expect_bad_value(&f, "memory", "'memory' is not a value: <cells>, \"strings\", [bytes], "
                                   "filler(N) or ram-percent(P)");
    tear_down(&f);
}

static void test_apply_faults(void **state)
{
    struct fixture f;
    struct harness_error err;
    const fdt32_t *cells;
    const char *text;
    int length;

    (void)state;
    set_up(&f, "delete-property = @main memory\n"
               "set-property = @main cpus <0 1>\n"
               "set-property = @main empty\n"
               "set-cell = @main/ramdisk reg 3 0\n"
               "append-string = /chosen xen,xen-bootargs unknown=1\n"
               "append-string = /chosen other ok\n"
               "add-node = @peer/module@1\n"
               "copy-property = @main/ramdisk reg @peer/module@1\n"
               "delete-node = @peer/evtchn@b\n");
    assert_int_equal(apply(&f, &err), 0);
    assert_int_equal(fdt_check_full(f.changed, f.changed_size), 0);
    assert_null(property(f.changed, "/chosen/domU1", "memory", &length));
    cells = property(f.changed, "/chosen/domU1", "cpus", &length);
    assert_int_equal(length, 8);
    assert_int_equal(fdt32_to_cpu(cells[1]), 1);
    assert_non_null(property(f.changed, "/chosen/domU1", "empty", &length));
    assert_int_equal(length, 0);
    cells = property(f.changed, "/chosen/domU1/module@60400000", "reg", &length);
    assert_int_equal(length, 16);
    assert_int_equal(fdt32_to_cpu(cells[1]), 0x60400000);
    assert_int_equal(fdt32_to_cpu(cells[3]), 0);
    text = property(f.changed, "/chosen", "xen,xen-bootargs", &length);
    assert_string_equal(text, "console=dtuart unknown=1");
    text = property(f.changed, "/chosen", "other", &length);
    assert_string_equal(text, "ok");
    cells = property(f.changed, "/chosen/domU2/module@1", "reg", &length);
    assert_int_equal(length, 16);
    assert_int_equal(fdt32_to_cpu(cells[3]), 0);
    assert_true(fdt_path_offset(f.changed, "/chosen/domU2/evtchn@b") < 0);
    /* The rest is as built. */
    assert_true(fdt_path_offset(f.changed, "/chosen/domU1/evtchn@a") >= 0);
    tear_down(&f);
}

static void expect_fault_error(const char *faults, const char *message)
{
    struct fixture f;
    struct harness_error err;

    set_up(&f, faults);
    assert_int_equal(apply(&f, &err), -1);
    assert_null(f.changed);
    assert_string_equal(err.message, message);
    tear_down(&f);
}

static void test_fault_errors(void **state)
{
    (void)state;
    expect_fault_error("delete-property = @main nothing\n",
                       "line 18: the fault cannot be applied: /chosen/domU1: cannot delete "
                       "nothing: FDT_ERR_NOTFOUND");
    expect_fault_error("delete-node = @main/nothing\n",
                       "line 18: the fault cannot be applied: /chosen/domU1/nothing: "
                       "FDT_ERR_NOTFOUND");
    expect_fault_error("set-cell = @main cpus 1 0\n",
                       "line 18: the fault cannot be applied: /chosen/domU1: property cpus has "
                       "no cell 1");
    expect_fault_error("set-cell = @main cpus 0\n",
                       "line 18: the fault cannot be applied: set-cell needs a cell index, then "
                       "the cell: '0'");
    expect_fault_error("append-string = @main memory x\n",
                       "line 18: the fault cannot be applied: /chosen/domU1: property memory is "
                       "not one string");
    expect_fault_error("add-node = @main/a/b\n",
                       "line 18: the fault cannot be applied: /chosen/domU1/a: FDT_ERR_NOTFOUND");
    expect_fault_error("copy-property = @main nothing @peer\n",
                       "line 18: the fault cannot be applied: /chosen/domU1: no property nothing "
                       "to copy");
}

/* A check of a test read from text, with its places resolved for the fixture. */
static void check_lines(const char *test_text, const char *lines, bool passes,
                        const char *first_diagnostic)
{
    struct fixture f;
    struct tree_check check;
    struct text_list diagnostics = { NULL, 0, 0 };
    struct harness_error err;
    char **paths;
    const char *line = lines;

    set_up(&f, "");
    tree_test_group_free(&f.group);
    {
        char *text = malloc(strlen(LAYOUT) + strlen(test_text) + 1);

        sprintf(text, LAYOUT "%s", test_text);
        assert_int_equal(read_text(text, &f.group, &err), 0);
        free(text);
    }
    f.context.layout = &f.group.layout;
    paths = calloc(f.group.tests[0].place_count + 1, sizeof(paths[0]));
    for (size_t i = 0; i < f.group.tests[0].place_count; i++) {
        paths[i] = tree_reference_path(f.group.tests[0].places[i].node, &f.context, &err);
    }
    tree_check_init(&check, &f.group.tests[0], paths, 2);
    free(paths);
    while (*line != '\0') {
        size_t length = strcspn(line, "\n");
        char one[512];

        memcpy(one, line, length);
        one[length] = '\0';
        tree_check_take_line(&check, one);
        line += length + (line[length] == '\n');
    }
    assert_int_equal(tree_check_verdict(&check, &diagnostics), passes);
    if (first_diagnostic[0] == '\0') {
        assert_int_equal(diagnostics.count, 0);
    } else {
        assert_true(diagnostics.count > 0);
        assert_string_equal(diagnostics.items[0], first_diagnostic);
    }
    text_list_free(&diagnostics);
    tree_check_free(&check);
    tear_down(&f);
}

#define REFUSED_TEST                                                                               \
    "[test t]\nverifies = x\nexpect = refused\ndelete-property = @main memory\n"                  \
    "names = @main memory\nnames = @peer\n"

static void test_refused_verdict(void **state)
{
    (void)state;
    check_lines(REFUSED_TEST, "(XEN) booting\n(hv) error: /chosen/domU1: property \"memory\" is bad\n",
                true, "refusal: (hv) error: /chosen/domU1: property \"memory\" is bad");
    /* The second place: a node alone. */
    check_lines(REFUSED_TEST, "no domain from /chosen/domU2.\n", true,
                "refusal: no domain from /chosen/domU2.");
    /* The node without the property; the property of another node. */
    check_lines(REFUSED_TEST, "/chosen/domU1 is bad\nmemory is bad\n", false,
                "FAIL: no line of the hypervisor's output names the fault: expected a line with");
    /* Not whole words. */
    check_lines(REFUSED_TEST, "/chosen/domU1: memoryx\n/chosen/domU20 is bad\n"
                              "/chosen/domU2/module@1 is bad\n/chosen/domU2.x\n",
                false,
                "FAIL: no line of the hypervisor's output names the fault: expected a line with");
    /* A domain that prints fails the test, even with the right message. */
    check_lines(REFUSED_TEST, "/chosen/domU1: memory\n(d2) KTAP version 1\n", false,
                "FAIL: a domain ran although the tree must be refused: 1 line(s) of domain "
                "output, the first: (d2) KTAP version 1");
}

#define ACCEPTED_TEST                                                                              \
    "[test t]\nverifies = x\nexpect = accepted\n"                                                 \
    "hypervisor-prints = parameter \"xyz\" unknown\ndomain-prints = peer boot arguments: (none)\n"

static void test_accepted_verdict(void **state)
{
    (void)state;
    check_lines(ACCEPTED_TEST,
                "(XEN) parameter \"xyz\" unknown!\n(d1) KTAP version 1\n"
                "(d2) boot arguments: (none)\n",
                true, "");
    check_lines(ACCEPTED_TEST, "(XEN) parameter \"xyz\" unknown!\n(d2) boot arguments: (none)\n",
                false, "FAIL: d1 printed nothing: the tree must be accepted and every domain "
                       "started");
    check_lines(ACCEPTED_TEST, "(d1) parameter \"xyz\" unknown\n(d2) boot arguments: x\n", false,
                "FAIL: no line of the hypervisor's output contains 'parameter \"xyz\" unknown'");
}

static void test_decided(void **state)
{
    struct fixture f;
    struct tree_check check;
    char *paths[2];

    (void)state;
    set_up(&f, "");
    f.group.tests[0].expect = TREE_EXPECT_REFUSED;
    paths[0] = strdup("/chosen/domU1");
    paths[1] = NULL;
    f.group.tests[0].place_count = 0;
    tree_check_init(&check, &f.group.tests[0], paths, 2);
    free(paths[0]);
    assert_false(tree_check_decided(&check));
    tree_check_take_line(&check, "(hv) error: something");
    assert_false(tree_check_decided(&check));
    tree_check_take_line(&check, "(hv) hvabi: system stopped: configuration-error");
    assert_true(tree_check_decided(&check));
    tree_check_free(&check);

    f.group.tests[0].expect = TREE_EXPECT_ACCEPTED;
    tree_check_init(&check, &f.group.tests[0], NULL, 2);
    tree_check_take_line(&check, "(d1) KTAP version 1");
    assert_false(tree_check_decided(&check));
    tree_check_take_line(&check, "(d2) KTAP version 1");
    assert_true(tree_check_decided(&check));
    tree_check_free(&check);
    tear_down(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_group),   cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_references),   cmocka_unit_test(test_values),
        cmocka_unit_test(test_apply_faults), cmocka_unit_test(test_fault_errors),
        cmocka_unit_test(test_refused_verdict), cmocka_unit_test(test_accepted_verdict),
        cmocka_unit_test(test_decided),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
