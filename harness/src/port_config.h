/*
 * port_config.h - the description of a port (port.conf): which hypervisor
 * image QEMU boots, on which machine, and how the run ends.
 */
#ifndef HARNESS_PORT_CONFIG_H
#define HARNESS_PORT_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "paths.h"

struct port_config {
    char *file;                /* the port.conf this came from */
    char *name;
    char *description;
    char *hypervisor;          /* the image QEMU boots with -kernel */
    unsigned hypervisor_line;  /* where port.conf names it, for messages */
    char *bootargs_property;   /* the /chosen property for hypervisor_bootargs */
    char *hypervisor_bootargs; /* "" when the hypervisor gets none */
    char *machine;             /* QEMU -M */
    char *cpu;                 /* QEMU -cpu */
    unsigned memory_mib;
    unsigned cpus;
    unsigned timeout_seconds;
    bool halts_when_domains_stop;
    char *deviations;          /* the deviations file, or NULL for none */
    unsigned deviations_line;
};

/*
 * Reads a port description from file, named file_name in messages; relative
 * paths in it are taken from file_name's directory.  Returns 0, or -1 with
 * err set ("FILE:LINE: ...").  On error *port holds nothing to free.
 */
int port_config_read(FILE *file, const char *file_name, const struct harness_paths *paths,
                     struct port_config *port, struct harness_error *err);

/* port_config_read() on the file at file_name. */
int port_config_load(const char *file_name, const struct harness_paths *paths,
                     struct port_config *port, struct harness_error *err);

void port_config_free(struct port_config *port);

#endif
