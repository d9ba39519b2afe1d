/*
 * fake_qemu.c - stands in for qemu-system-aarch64 in the crash-recovery
 * test (crash_recovery.sh): no machine, only the console lines a
 * hypervisor and its domains would print.
 *
 *   fake-qemu -M <machine>,dumpdtb=PATH ...  writes a small machine tree to PATH
 *   fake-qemu ... -dtb PATH ...              "boots" the system tree PATH
 *
 * A boot plays each /chosen/domU<N> node in tree order as domain N, from
 * the boot arguments of its module: hvabi.role=ROLE and hvabi.start=FIRST
 * (1 when absent).  Every role has 5 tests, named "<role>_<n>":
 *   pass     every test passes
 *   crash    stops in tests 2 and 4 (a data abort), on every boot that
 *            runs them
 *   bail     prints "Bail out!" in test 3
 *   hang     stops in test 2, and the machine keeps running
 *   stopped  prints one line and no KTAP (expect = stopped)
 * The fake then exits with status 0, or, after a hang, sleeps until the
 * harness ends it.
 *
 * Before that it checks the tree as a hypervisor would, for the
 * system-tree tests (tree_tests.sh): a domain node without a memory
 * property is refused with a message that names it; one with the property
 * "fake,refuse-silently" is refused without naming anything; and each word
 * of /chosen xen,xen-bootargs that starts with "unknown-" is reported as
 * an unknown option.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#define TESTS_PER_ROLE 5u
#define TREE_BYTES 4096
#define MAX_TREE_BYTES (1024 * 1024)

static int write_machine_tree(const char *path)
{
    static char tree[TREE_BYTES];
    FILE *file;
    int node;

    if (fdt_create_empty_tree(tree, sizeof(tree)) != 0 ||
        fdt_setprop_u32(tree, 0, "#address-cells", 2) != 0 ||
        fdt_setprop_u32(tree, 0, "#size-cells", 2) != 0) {
        return 1;
    }
    node = fdt_add_subnode(tree, 0, "memory@40000000");
    if (node < 0 || fdt_setprop_string(tree, node, "device_type", "memory") != 0 ||
        fdt_setprop_u64(tree, node, "reg", 0x40000000) != 0 ||
        fdt_appendprop_u64(tree, node, "reg", 512u * 1024u * 1024u) != 0) {
        return 1;
    }
    node = fdt_add_subnode(tree, 0, "chosen");
    if (node < 0 || fdt_pack(tree) != 0) {
        return 1;
    }
    file = fopen(path, "wb");
    if (file == NULL) {
        return 1;
    }
    fwrite(tree, 1, fdt_totalsize(tree), file);
    return fclose(file) == 0 ? 0 : 1;
}

/* The value of "<key>=" in bootargs, copied to value; "" when absent. */
static void bootarg(const char *bootargs, const char *key, char *value, size_t size)
{
    size_t key_length = strlen(key);
    const char *at = bootargs;

    value[0] = '\0';
    while ((at = strstr(at, key)) != NULL) {
        if ((at == bootargs || at[-1] == ' ') && at[key_length] == '=') {
            size_t length = strcspn(at + key_length + 1, " ");

            if (length >= size) {
                length = size - 1;
            }
            memcpy(value, at + key_length + 1, length);
            value[length] = '\0';
            return;
        }
        at += key_length;
    }
}

/* Whether the role stops in test n (and how). */
static bool stops_in(const char *role, unsigned n)
{
    return (strcmp(role, "crash") == 0 && (n == 2 || n == 4)) ||
           (strcmp(role, "bail") == 0 && n == 3) || (strcmp(role, "hang") == 0 && n == 2);
}

/* Plays one domain; returns true when it hangs. */
static bool play_domain(unsigned id, const char *bootargs)
{
    char role[32];
    char start_text[16];
    unsigned first;

    bootarg(bootargs, "hvabi.role", role, sizeof(role));
    bootarg(bootargs, "hvabi.start", start_text, sizeof(start_text));
    first = start_text[0] != '\0' ? (unsigned)strtoul(start_text, NULL, 10) : 1;
    printf("(XEN) *** LOADING DOMU %u: %s ***\n", id, bootargs);
    if (strcmp(role, "stopped") == 0) {
        printf("(d%u) stopping now\n", id);
        return false;
    }
    printf("(d%u) KTAP version 1\n(d%u) # fake guest, role %s\n(d%u) 1..%u\n", id, id, role, id,
           TESTS_PER_ROLE);
    for (unsigned n = first; n <= TESTS_PER_ROLE; n++) {
        printf("(d%u) # verifies: hvabi~%s-%u~1\n", id, role, n);
        if (stops_in(role, n)) {
            if (strcmp(role, "bail") == 0) {
                printf("(d%u) Bail out! fake exception\n", id);
                return false;
            }
            printf("(d%u) # touching page %u\n(XEN) d%uv0 fake data abort\n", id, n, id);
            return strcmp(role, "hang") == 0;
        }
        printf("(d%u) ok %u %s_%u\n", id, n, role, n);
    }
    return false;
}

/* Reports the words of xen,xen-bootargs that start with "unknown-". */
static void report_unknown_options(const void *tree, int chosen)
{
    const char *bootargs = fdt_getprop(tree, chosen, "xen,xen-bootargs", NULL);
    const char *word = bootargs;

    while (word != NULL && *word != '\0') {
        size_t length = strcspn(word, " ");

        if (strncmp(word, "unknown-", 8) == 0) {
            printf("(XEN) parameter \"%.*s\" unknown!\n", (int)length, word);
        }
        word += length;
        word += strspn(word, " ");
    }
}

/* Checks the domain nodes; returns true when the tree is refused. */
static bool refuses(const void *tree, int chosen)
{
    int node;

    fdt_for_each_subnode(node, tree, chosen) {
        const char *name = fdt_get_name(tree, node, NULL);

        if (name == NULL || strncmp(name, "domU", 4) != 0) {
            continue;
        }
        if (fdt_getprop(tree, node, "fake,refuse-silently", NULL) != NULL) {
            printf("(XEN) Panic: something is wrong\n");
            return true;
        }
        if (fdt_getprop(tree, node, "memory", NULL) == NULL) {
            printf("(XEN) error: /chosen/%s: no property \"memory\"\n", name);
            printf("(XEN) hvabi: system stopped: configuration-error\n");
            return true;
        }
    }
    return false;
}

static int play_system_tree(const char *path)
{
    static char tree[MAX_TREE_BYTES];
    FILE *file = fopen(path, "rb");
    bool hangs = false;
    int chosen;
    int node;

    if (file == NULL || fread(tree, 1, sizeof(tree), file) == 0 ||
        fdt_check_header(tree) != 0) {
        fprintf(stderr, "fake-qemu: cannot read the tree %s\n", path);
        return 1;
    }
    fclose(file);
    printf("(XEN) fake Xen booting\n");
    chosen = fdt_path_offset(tree, "/chosen");
    report_unknown_options(tree, chosen);
    if (refuses(tree, chosen)) {
        return 0;
    }
    fdt_for_each_subnode(node, tree, chosen) {
        const char *name = fdt_get_name(tree, node, NULL);
        int module;

        if (name == NULL || strncmp(name, "domU", 4) != 0) {
            continue;
        }
        fdt_for_each_subnode(module, tree, node) {
            const char *bootargs = fdt_getprop(tree, module, "bootargs", NULL);

            if (bootargs != NULL) {
                hangs = play_domain((unsigned)strtoul(name + 4, NULL, 10), bootargs) || hangs;
            }
        }
    }
    fflush(stdout);
    while (hangs) {
        pause();
    }
    return 0;
}

int main(int argc, char *argv[])
{
    for (int i = 1; i + 1 < argc; i++) {
        const char *dump = strstr(argv[i + 1], "dumpdtb=");

        if (strcmp(argv[i], "-M") == 0 && dump != NULL) {
            return write_machine_tree(dump + strlen("dumpdtb="));
        }
        if (strcmp(argv[i], "-dtb") == 0) {
            return play_system_tree(argv[i + 1]);
        }
    }
    fprintf(stderr, "fake-qemu: neither -M ...,dumpdtb= nor -dtb\n");
    return 2;
}
