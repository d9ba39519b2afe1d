/*
 * tree_fault.c - node references, values and faults of the system-tree
 * tests (see tree_fault.h).
 *
 * libfdt invalidates node offsets whenever the tree changes, so each step
 * looks its nodes up again by path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "alloc.h"
#include "text.h"
#include "tree_fault.h"

/* Room for what one fault adds, on top of its text. */
#define SPACE_PER_FAULT 512u
#define MAX_FILLER_BYTES (1024u * 1024u)

/* The index of the domain a reference "@<domain>..." names, or -1. */
static int referenced_domain(const char *reference, const struct scenario *layout,
                             const char **rest)
{
    const char *end = reference + 1;

    while (*end != '\0' && *end != '/') {
        end++;
    }
    *rest = end;
    for (size_t i = 0; i < layout->domain_count; i++) {
        const char *name = layout->domains[i].name;

        if (strlen(name) == (size_t)(end - reference - 1) &&
            strncmp(name, reference + 1, (size_t)(end - reference - 1)) == 0) {
            return (int)i;
        }
    }
    return -1;
}

int tree_reference_check(const char *reference, const struct scenario *layout,
                         const char *file_name, unsigned line, struct harness_error *err)
{
    const char *rest;
    int domain;

    if (reference[0] == '/') {
        return 0;
    }
    if (reference[0] != '@') {
        error_set(err, "%s:%u: '%s' is not a node: a path (/...) or @<domain>[/...]", file_name,
                  line, reference);
        return -1;
    }
    domain = referenced_domain(reference, layout, &rest);
    if (domain < 0) {
        error_set(err, "%s:%u: '%s' names a domain that the file does not have", file_name, line,
                  reference);
        return -1;
    }
    if (strcmp(rest, "/ramdisk") == 0 && layout->domains[domain].ramdisk_kib == 0) {
        error_set(err, "%s:%u: '%s': domain %s has no ramdisk (ramdisk-kib)", file_name, line,
                  reference, layout->domains[domain].name);
        return -1;
    }
    if (strcmp(rest, "/") == 0 || strstr(rest, "//") != NULL) {
        error_set(err, "%s:%u: '%s' is not a node path", file_name, line, reference);
        return -1;
    }
    return 0;
}

char *tree_reference_path(const char *reference, const struct tree_fault_context *context,
                          struct harness_error *err)
{
    const struct domain_config *domain;
    const char *rest;
    int index;

    if (reference[0] == '/') {
        return alloc_text(reference);
    }
    index = reference[0] == '@' ? referenced_domain(reference, context->layout, &rest) : -1;
    if (index < 0 || (size_t)index >= context->topology->count) {
        error_set(err, "'%s' names no domain of the tree", reference);
        return NULL;
    }
    domain = &context->topology->domains[index];
    if (strcmp(rest, "/kernel") == 0) {
        return alloc_printf("/chosen/domU%u/module@%llx", domain->id,
                            (unsigned long long)domain->kernel_address);
    }
    if (strcmp(rest, "/ramdisk") == 0) {
        if (domain->ramdisk_size == 0) {
            error_set(err, "'%s': the domain has no ramdisk", reference);
            return NULL;
        }
        return alloc_printf("/chosen/domU%u/module@%llx", domain->id,
                            (unsigned long long)domain->ramdisk_address);
    }
    return alloc_printf("/chosen/domU%u%s", domain->id, rest);
}

/* Appends size bytes to a growing value. */
static void append_bytes(uint8_t **bytes, size_t *length, const void *data, size_t size)
{
    *bytes = alloc_resize(*bytes, *length + size + 1, 1);
    memcpy(*bytes + *length, data, size);
    *length += size;
}

/* A cell: a number, or phandle(<node>) of a node of fdt. */
static int parse_cell(const char *word, const void *fdt, const struct tree_fault_context *context,
                      uint32_t *cell, struct harness_error *err)
{
    char *end;
    unsigned long long value;

    if (text_starts_with(word, "phandle(") && word[strlen(word) - 1] == ')') {
        char *reference = alloc_text_n(word + 8, strlen(word) - 9);
        char *path = tree_reference_path(reference, context, err);
        int node = path != NULL ? fdt_path_offset(fdt, path) : -1;

        free(reference);
        if (path == NULL) {
            return -1;
        }
        *cell = node >= 0 ? fdt_get_phandle(fdt, node) : 0;
        if (*cell == 0) {
            error_set(err, "%s: %s", path, node >= 0 ? "the node has no phandle" :
                                                        fdt_strerror(node));
            free(path);
            return -1;
        }
        free(path);
        return 0;
    }
    errno = 0;
    value = strtoull(word, &end, 0);
    if (word[0] < '0' || word[0] > '9' || *end != '\0' || errno != 0 || value > 0xffffffffULL) {
        error_set(err, "'%s' is not a 32-bit cell: a number or phandle(<node>)", word);
        return -1;
    }
    *cell = (uint32_t)value;
    return 0;
}

static int parse_cells(const char *text, const void *fdt, const struct tree_fault_context *context,
                       uint8_t **bytes, size_t *length, struct harness_error *err)
{
    char *inside = alloc_text_n(text + 1, strlen(text) - 2);
    char *save = NULL;
    int status = 0;

    for (char *word = strtok_r(inside, " \t", &save); word != NULL && status == 0;
         word = strtok_r(NULL, " \t", &save)) {
        uint32_t cell;

        status = parse_cell(word, fdt, context, &cell, err);
        if (status == 0) {
            fdt32_t big = cpu_to_fdt32(cell);

            append_bytes(bytes, length, &big, sizeof(big));
        }
    }
    free(inside);
    return status;
}

static int parse_bytes(const char *text, uint8_t **bytes, size_t *length,
                       struct harness_error *err)
{
    char *inside = alloc_text_n(text + 1, strlen(text) - 2);
    char *save = NULL;
    int status = 0;

    for (char *word = strtok_r(inside, " \t", &save); word != NULL && status == 0;
         word = strtok_r(NULL, " \t", &save)) {
        char *end;
        unsigned long value = strtoul(word, &end, 16);

        if (*end != '\0' || strlen(word) != 2 || value > 0xff) {
            error_set(err, "'%s' is not a byte: two hexadecimal digits", word);
            status = -1;
        } else {
            uint8_t byte = (uint8_t)value;

            append_bytes(bytes, length, &byte, 1);
        }
    }
    free(inside);
    return status;
}

/* "a", "b": each string with its NUL. */
static int parse_strings(const char *text, uint8_t **bytes, size_t *length,
                         struct harness_error *err)
{
    const char *c = text;

    for (;;) {
        const char *close;

        if (*c != '"' || (close = strchr(c + 1, '"')) == NULL) {
            error_set(err, "'%s' is not a list of \"strings\" separated by commas", text);
            return -1;
        }
        append_bytes(bytes, length, c + 1, (size_t)(close - c - 1));
        append_bytes(bytes, length, "", 1);
        c = close + 1;
        while (text_is_blank(*c)) {
            c++;
        }
        if (*c == '\0') {
            return 0;
        }
        if (*c != ',') {
            error_set(err, "'%s' is not a list of \"strings\" separated by commas", text);
            return -1;
        }
        c++;
        while (text_is_blank(*c)) {
            c++;
        }
    }
}

/* "name(N)": N, or -1 when text is not that form. */
static long long function_argument(const char *text, const char *name)
{
    size_t name_length = strlen(name);
    char *end;
    long long value;

    if (strncmp(text, name, name_length) != 0 || text[name_length] != '(' ||
        text[strlen(text) - 1] != ')') {
        return -1;
    }
    errno = 0;
    value = strtoll(text + name_length + 1, &end, 10);
    if (end != text + strlen(text) - 1 || errno != 0 || value < 0) {
        return -1;
    }
    return value;
}

int tree_value_parse(const char *text, const void *fdt, const struct tree_fault_context *context,
                     uint8_t **bytes, size_t *size, struct harness_error *err)
{
    size_t length = strlen(text);
    long long filler = function_argument(text, "filler");
    long long percent = function_argument(text, "ram-percent");
    int status = 0;

    *bytes = alloc_zeroed(1, 1);
    *size = 0;
    if (length == 0) {
        return 0;
    }
    if (text[0] == '<' && text[length - 1] == '>') {
        status = parse_cells(text, fdt, context, bytes, size, err);
    } else if (text[0] == '[' && text[length - 1] == ']') {
        status = parse_bytes(text, bytes, size, err);
    } else if (text[0] == '"') {
        status = parse_strings(text, bytes, size, err);
    } else if (filler >= 1 && filler <= (long long)MAX_FILLER_BYTES) {
        *bytes = alloc_resize(*bytes, (size_t)filler, 1);
        memset(*bytes, 'x', (size_t)filler - 1);
        (*bytes)[filler - 1] = '\0';
        *size = (size_t)filler;
    } else if (percent >= 1 && percent <= 1000) {
        uint64_t kib = context->ram_size / 1024 * (uint64_t)percent / 100 / 4 * 4;
        fdt64_t big = cpu_to_fdt64(kib);

        append_bytes(bytes, size, &big, sizeof(big));
    } else {
        error_set(err,
                  "'%s' is not a value: <cells>, \"strings\", [bytes], filler(N) or "
                  "ram-percent(P)",
                  text);
        status = -1;
    }
    if (status != 0) {
        free(*bytes);
        *bytes = NULL;
    }
    return status;
}

/* The node at path, or a negative libfdt error with err set. */
static int find_node(const void *fdt, const char *path, struct harness_error *err)
{
    int node = fdt_path_offset(fdt, path);

    if (node < 0) {
        error_set(err, "%s: %s", path, fdt_strerror(node));
    }
    return node;
}

static int set_cell(void *fdt, const char *path, const struct tree_fault *fault,
                    const struct tree_fault_context *context, struct harness_error *err)
{
    const char *rest = fault->argument;
    char *end;
    unsigned long index = strtoul(rest, &end, 10);
    const void *old;
    uint8_t *copy;
    uint32_t cell;
    fdt32_t big;
    int node = find_node(fdt, path, err);
    int length;
    int status;

    if (node < 0) {
        return -1;
    }
    if (end == rest || !text_is_blank(*end)) {
        error_set(err, "set-cell needs a cell index, then the cell: '%s'", fault->argument);
        return -1;
    }
    while (text_is_blank(*end)) {
        end++;
    }
    if (parse_cell(end, fdt, context, &cell, err) != 0) {
        return -1;
    }
    old = fdt_getprop(fdt, node, fault->property, &length);
    if (old == NULL || (unsigned long)length < (index + 1) * 4) {
        error_set(err, "%s: property %s has no cell %lu", path, fault->property, index);
        return -1;
    }
    copy = alloc_zeroed((size_t)length, 1);
    memcpy(copy, old, (size_t)length);
    big = cpu_to_fdt32(cell);
    memcpy(copy + index * 4, &big, sizeof(big));
    status = fdt_setprop(fdt, node, fault->property, copy, length);
    free(copy);
    if (status != 0) {
        error_set(err, "%s: cannot set %s: %s", path, fault->property, fdt_strerror(status));
        return -1;
    }
    return 0;
}

static int append_string(void *fdt, const char *path, const struct tree_fault *fault,
                         struct harness_error *err)
{
    int node = find_node(fdt, path, err);
    const char *old;
    char *value;
    int length;
    int status;

    if (node < 0) {
        return -1;
    }
    old = fdt_getprop(fdt, node, fault->property, &length);
    if (old != NULL && (length < 1 || old[length - 1] != '\0' || strlen(old) != (size_t)length - 1)) {
        error_set(err, "%s: property %s is not one string", path, fault->property);
        return -1;
    }
    value = old != NULL && old[0] != '\0' ? alloc_printf("%s %s", old, fault->argument)
                                          : alloc_text(fault->argument);
    status = fdt_setprop_string(fdt, node, fault->property, value);
    free(value);
    if (status != 0) {
        error_set(err, "%s: cannot set %s: %s", path, fault->property, fdt_strerror(status));
        return -1;
    }
    return 0;
}

static int copy_property(void *fdt, const char *path, const struct tree_fault *fault,
                         const struct tree_fault_context *context, struct harness_error *err)
{
    char *target_path = tree_reference_path(fault->argument, context, err);
    int node = find_node(fdt, path, err);
    const void *value;
    uint8_t *copy;
    int length;
    int target;
    int status;

    if (target_path == NULL || node < 0) {
        free(target_path);
        return -1;
    }
    value = fdt_getprop(fdt, node, fault->property, &length);
    if (value == NULL) {
        error_set(err, "%s: no property %s to copy", path, fault->property);
        free(target_path);
        return -1;
    }
    /* The value moves when the tree changes: copy it out first. */
    copy = alloc_zeroed((size_t)length + 1, 1);
    memcpy(copy, value, (size_t)length);
    target = find_node(fdt, target_path, err);
    status = target < 0 ? -1 : fdt_setprop(fdt, target, fault->property, copy, length);
    if (target >= 0 && status != 0) {
        error_set(err, "%s: cannot set %s: %s", target_path, fault->property,
                  fdt_strerror(status));
    }
    free(copy);
    free(target_path);
    return status == 0 ? 0 : -1;
}

static int add_node(void *fdt, const char *path, struct harness_error *err)
{
    const char *slash = strrchr(path, '/');
    char *parent_path = slash == path ? alloc_text("/") : alloc_text_n(path, (size_t)(slash - path));
    int parent = find_node(fdt, parent_path, err);
    int node;

    free(parent_path);
    if (parent < 0) {
        return -1;
    }
    node = fdt_add_subnode(fdt, parent, slash + 1);
    if (node < 0) {
        error_set(err, "%s: cannot add the node: %s", path, fdt_strerror(node));
        return -1;
    }
    return 0;
}

static int apply_one(void *fdt, const struct tree_fault *fault,
                     const struct tree_fault_context *context, struct harness_error *err)
{
    char *path = tree_reference_path(fault->node, context, err);
    int status = -1;
    int node;

    if (path == NULL) {
        return -1;
    }
    switch (fault->kind) {
    case TREE_FAULT_DELETE_PROPERTY:
        node = find_node(fdt, path, err);
        status = node < 0 ? -1 : fdt_delprop(fdt, node, fault->property);
        if (node >= 0 && status != 0) {
            error_set(err, "%s: cannot delete %s: %s", path, fault->property,
                      fdt_strerror(status));
            status = -1;
        }
        break;
    case TREE_FAULT_SET_PROPERTY: {
        uint8_t *bytes = NULL;
        size_t size = 0;

        node = find_node(fdt, path, err);
        if (node >= 0 && tree_value_parse(fault->argument, fdt, context, &bytes, &size, err) == 0) {
            node = fdt_path_offset(fdt, path);
            status = fdt_setprop(fdt, node, fault->property, bytes, (int)size);
            if (status != 0) {
                error_set(err, "%s: cannot set %s: %s", path, fault->property,
                          fdt_strerror(status));
                status = -1;
            }
        }
        free(bytes);
        break;
    }
    case TREE_FAULT_SET_CELL:
        status = set_cell(fdt, path, fault, context, err);
        break;
    case TREE_FAULT_APPEND_STRING:
        status = append_string(fdt, path, fault, err);
        break;
    case TREE_FAULT_COPY_PROPERTY:
        status = copy_property(fdt, path, fault, context, err);
        break;
    case TREE_FAULT_ADD_NODE:
        status = add_node(fdt, path, err);
        break;
    case TREE_FAULT_DELETE_NODE:
        node = find_node(fdt, path, err);
        status = node < 0 ? -1 : fdt_del_node(fdt, node);
        if (node >= 0 && status != 0) {
            error_set(err, "%s: cannot delete the node: %s", path, fdt_strerror(status));
            status = -1;
        }
        break;
    }
    free(path);
    return status;
}

/* Room for the test's faults: their texts, a filler's bytes, and some. */
static size_t space_for(const struct tree_test *test)
{
    size_t space = 4096;

    for (size_t i = 0; i < test->fault_count; i++) {
        const struct tree_fault *fault = &test->faults[i];
        long long filler = fault->argument != NULL ? function_argument(fault->argument, "filler")
                                                   : -1;

        space += SPACE_PER_FAULT + strlen(fault->node);
        space += fault->property != NULL ? strlen(fault->property) : 0;
        space += fault->argument != NULL ? strlen(fault->argument) : 0;
        space += filler > 0 ? (size_t)filler : 0;
    }
    return space;
}

int tree_faults_apply(const void *tree, const struct tree_test *test,
                      const struct tree_fault_context *context, void **changed,
                      size_t *changed_size, struct harness_error *err)
{
    size_t space = fdt_totalsize(tree) + space_for(test);
    void *buffer = alloc_zeroed(space, 1);
    int status = fdt_open_into(tree, buffer, (int)space);

    if (status != 0) {
        error_set(err, "cannot open the system tree for the faults: %s", fdt_strerror(status));
        free(buffer);
        return -1;
    }
    for (size_t i = 0; i < test->fault_count; i++) {
        struct harness_error fault_err;

        if (apply_one(buffer, &test->faults[i], context, &fault_err) != 0) {
            error_set(err, "line %u: the fault cannot be applied: %s", test->faults[i].line,
                      fault_err.message);
            free(buffer);
            return -1;
        }
    }
    status = fdt_pack(buffer);
    if (status != 0) {
        error_set(err, "cannot pack the changed system tree: %s", fdt_strerror(status));
        free(buffer);
        return -1;
    }
    *changed = buffer;
    *changed_size = fdt_totalsize(buffer);
    return 0;
}
