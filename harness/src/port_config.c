/*
 * port_config.c - reads a port description (see port_config.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "config_file.h"
#include "paths.h"
#include "port_config.h"

enum port_key {
    PORT_NAME,
    PORT_DESCRIPTION,
    PORT_HYPERVISOR,
    PORT_BOOTARGS_PROPERTY,
    PORT_HYPERVISOR_BOOTARGS,
    PORT_MACHINE,
    PORT_CPU,
    PORT_MEMORY_MIB,
    PORT_CPUS,
    PORT_TIMEOUT,
    PORT_HALTS_WHEN_DOMAINS_STOP,
    PORT_DEVIATIONS,
    PORT_KEY_COUNT,
};

static const char *const port_key_names[PORT_KEY_COUNT] = {
    [PORT_NAME] = "name",
    [PORT_DESCRIPTION] = "description",
    [PORT_HYPERVISOR] = "hypervisor",
    [PORT_BOOTARGS_PROPERTY] = "bootargs-property",
    [PORT_HYPERVISOR_BOOTARGS] = "hypervisor-bootargs",
    [PORT_MACHINE] = "machine",
    [PORT_CPU] = "cpu",
    [PORT_MEMORY_MIB] = "memory-mib",
    [PORT_CPUS] = "cpus",
    [PORT_TIMEOUT] = "timeout",
    [PORT_HALTS_WHEN_DOMAINS_STOP] = "halts-when-domains-stop",
    [PORT_DEVIATIONS] = "deviations",
};

/* Upper limits that keep the numbers meaningful for QEMU and for time arithmetic. */
#define PORT_MAX_MEMORY_MIB (1024u * 1024u)
#define PORT_MAX_CPUS 512u
#define PORT_MAX_TIMEOUT_SECONDS (7u * 24u * 3600u)

/* The state of one read: the file's name and directory, and the line each
 * key was seen on (0: not seen). */
struct port_reader {
    const char *file_name;
    char *directory;
    const struct harness_paths *paths;
    unsigned seen_on_line[PORT_KEY_COUNT];
};

static int find_key(const char *key)
{
    for (int i = 0; i < PORT_KEY_COUNT; i++) {
        if (strcmp(key, port_key_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static int parse_number(const struct port_reader *reader, const struct config_line *line,
                        unsigned maximum, unsigned *number, struct harness_error *err)
{
    char *end;
    unsigned long value;

    errno = 0;
    value = strtoul(line->value, &end, 10);
    if (line->value[0] < '0' || line->value[0] > '9' || *end != '\0' || errno != 0 ||
        value == 0 || value > maximum) {
        error_set(err, "%s:%u: %s must be a whole number from 1 to %u, found '%s'",
                  reader->file_name, line->number, line->key, maximum, line->value);
        return -1;
    }
    *number = (unsigned)value;
    return 0;
}

static int parse_yes_no(const struct port_reader *reader, const struct config_line *line,
                        bool *answer, struct harness_error *err)
{
    if (strcmp(line->value, "yes") == 0) {
        *answer = true;
        return 0;
    }
    if (strcmp(line->value, "no") == 0) {
        *answer = false;
        return 0;
    }
    error_set(err, "%s:%u: %s must be 'yes' or 'no', found '%s'", reader->file_name,
              line->number, line->key, line->value);
    return -1;
}

/* A text value, with the placeholders replaced; required values must not be empty. */
static int take_text(const struct port_reader *reader, const struct config_line *line,
                     bool required, char **member, struct harness_error *err)
{
    if (required && line->value[0] == '\0') {
        error_set(err, "%s:%u: %s must not be empty", reader->file_name, line->number,
                  line->key);
        return -1;
    }
    free(*member);
    *member = paths_expand(line->value, reader->paths);
    return 0;
}

/* A path value: placeholders replaced, and taken from the port file's
 * directory when relative. */
static int take_path(const struct port_reader *reader, const struct config_line *line,
                     char **member, struct harness_error *err)
{
    char *expanded;

    if (line->value[0] == '\0') {
        error_set(err, "%s:%u: %s must not be empty", reader->file_name, line->number,
                  line->key);
        return -1;
    }
    expanded = paths_expand(line->value, reader->paths);
    free(*member);
    *member = paths_resolve(reader->directory, expanded);
    free(expanded);
    return 0;
}

/* Stores one "key = value" line in port. */
static int take_entry(struct port_reader *reader, const struct config_line *line,
                      struct port_config *port, struct harness_error *err)
{
    int key = find_key(line->key);

    if (key < 0) {
        error_set(err, "%s:%u: unknown key '%s'", reader->file_name, line->number, line->key);
        return -1;
    }
    if (reader->seen_on_line[key] != 0) {
        error_set(err, "%s:%u: duplicate key '%s' (first set on line %u)", reader->file_name,
                  line->number, line->key, reader->seen_on_line[key]);
        return -1;
    }
    reader->seen_on_line[key] = line->number;

    switch ((enum port_key)key) {
    case PORT_NAME:
        return take_text(reader, line, true, &port->name, err);
    case PORT_DESCRIPTION:
        return take_text(reader, line, false, &port->description, err);
    case PORT_HYPERVISOR:
        port->hypervisor_line = line->number;
        return take_path(reader, line, &port->hypervisor, err);
    case PORT_BOOTARGS_PROPERTY:
        return take_text(reader, line, true, &port->bootargs_property, err);
    case PORT_HYPERVISOR_BOOTARGS:
        return take_text(reader, line, false, &port->hypervisor_bootargs, err);
    case PORT_MACHINE:
        return take_text(reader, line, true, &port->machine, err);
    case PORT_CPU:
        return take_text(reader, line, true, &port->cpu, err);
    case PORT_MEMORY_MIB:
        return parse_number(reader, line, PORT_MAX_MEMORY_MIB, &port->memory_mib, err);
    case PORT_CPUS:
        return parse_number(reader, line, PORT_MAX_CPUS, &port->cpus, err);
    case PORT_TIMEOUT:
        return parse_number(reader, line, PORT_MAX_TIMEOUT_SECONDS, &port->timeout_seconds,
                            err);
    case PORT_HALTS_WHEN_DOMAINS_STOP:
        return parse_yes_no(reader, line, &port->halts_when_domains_stop, err);
    case PORT_DEVIATIONS:
        port->deviations_line = line->number;
        /* "none" (the default) and an empty value both mean: no deviations file. */
        if (line->value[0] == '\0' || strcmp(line->value, "none") == 0) {
            free(port->deviations);
            port->deviations = NULL;
            return 0;
        }
        return take_path(reader, line, &port->deviations, err);
    case PORT_KEY_COUNT:
        break;
    }
    return 0;
}

static void set_defaults(struct port_config *port, const char *file_name)
{
    memset(port, 0, sizeof(*port));
    port->file = alloc_text(file_name);
    port->description = alloc_text("");
    port->bootargs_property = alloc_text("bootargs");
    port->hypervisor_bootargs = alloc_text("");
    port->machine = alloc_text("virt,virtualization=on,gic-version=3");
    port->cpu = alloc_text("cortex-a57");
    port->memory_mib = 1024;
    port->cpus = 2;
    port->timeout_seconds = 300;
    port->halts_when_domains_stop = true;
    port->deviations = NULL;
}

int port_config_read(FILE *file, const char *file_name, const struct harness_paths *paths,
                     struct port_config *port, struct harness_error *err)
{
    struct port_reader reader;
    struct config_reader lines;
    struct config_line line;
    int status;

    memset(&reader, 0, sizeof(reader));
    reader.file_name = file_name;
    reader.directory = paths_directory_of(file_name);
    reader.paths = paths;
    set_defaults(port, file_name);
    config_reader_init(&lines, file, file_name, false);

    while ((status = config_reader_next(&lines, &line, err)) > 0) {
        if (take_entry(&reader, &line, port, err) != 0) {
            status = -1;
            break;
        }
    }
    if (status == 0 && reader.seen_on_line[PORT_NAME] == 0) {
        error_set(err, "%s: no 'name' key; every port needs a name", file_name);
        status = -1;
    }
    if (status == 0 && reader.seen_on_line[PORT_HYPERVISOR] == 0) {
        error_set(err, "%s: no 'hypervisor' key; it names the image QEMU boots", file_name);
        status = -1;
    }

    config_reader_free(&lines);
    free(reader.directory);
    if (status != 0) {
        port_config_free(port);
        return -1;
    }
    return 0;
}

int port_config_load(const char *file_name, const struct harness_paths *paths,
                     struct port_config *port, struct harness_error *err)
{
    FILE *file = fopen(file_name, "r");
    int status;

    if (file == NULL) {
        error_set(err, "cannot open port description %s: %s", file_name, strerror(errno));
        return -1;
    }
    status = port_config_read(file, file_name, paths, port, err);
    fclose(file);
    return status;
}

void port_config_free(struct port_config *port)
{
    free(port->file);
    free(port->name);
    free(port->description);
    free(port->hypervisor);
    free(port->bootargs_property);
    free(port->hypervisor_bootargs);
    free(port->machine);
    free(port->cpu);
    free(port->deviations);
    memset(port, 0, sizeof(*port));
}
