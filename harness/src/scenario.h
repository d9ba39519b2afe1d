/*
 * scenario.h - one scenario: one boot of the machine with a set of domains,
 * described by a file of conformance/scenarios/ in the line format of
 * config_file.h.  The file's name without ".conf" is the scenario's name;
 * scenario names, domain names and the roles of the guest are written in
 * lower case with underscores, like the tests' names.  An example:
 *
 *     description = two domains: interdomain event channels
 *     order = 20                  (scenarios run in ascending order, then by name)
 *
 *     [domain main]               (domain IDs are 1, 2, ... in file order)
 *     memory-mib = 64
 *     cpus = 1
 *     expect = results            (optional; or "stopped")
 *     bootargs = hvabi.role=main  (the harness appends hvabi.domain=<id> ...)
 *
 *     [static-evtchn]             (an event channel bound before the domains start)
 *     main-port = 10              (exactly two "<domain>-port = <local port>" lines)
 *     peer-port = 10
 *
 * Every key is required except expect, capabilities and ramdisk-kib.  A
 * domain with expect = results prints a complete KTAP run; one with
 * expect = stopped is expected to be stopped by the hypervisor (or to shut
 * down) and prints no KTAP plan.
 *
 * capabilities lists, separated by blanks, the names of the bits the
 * harness sets in the "capabilities" property of the domain's node
 * (spec: domain_binding.rst): control (bit 0), hardware (bit 1) and
 * xenstore (bit 2).  Without the key the node has no such property.
 *
 * ramdisk-kib = N gives the domain a ramdisk module of N KiB, whose content
 * the harness makes (ramdisk.h); without the key the domain has none.
 */
#ifndef HARNESS_SCENARIO_H
#define HARNESS_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* Limits that keep a scenario meaningful: a domain needs some memory to
 * boot; ports are those of the 2-level event channel ABI (port 0 is never
 * a channel); the domain count stays far below the console's domain IDs. */
#define SCENARIO_MIN_MEMORY_MIB 8u
#define SCENARIO_MAX_MEMORY_MIB (1024u * 1024u)
#define SCENARIO_MAX_CPUS 128u
#define SCENARIO_MAX_DOMAINS 64u
#define SCENARIO_MAX_PORT 4095u
#define SCENARIO_MAX_ORDER 1000000u
#define SCENARIO_MAX_NAME_LENGTH 32u
#define SCENARIO_MAX_RAMDISK_KIB (64u * 1024u)

/* Bits of the "capabilities" property of a domain node. */
#define SCENARIO_CAPS_CONTROL 0x1u
#define SCENARIO_CAPS_HARDWARE 0x2u
#define SCENARIO_CAPS_XENSTORE 0x4u

enum domain_expect {
    DOMAIN_EXPECT_RESULTS, /* prints a complete KTAP run */
    DOMAIN_EXPECT_STOPPED, /* stopped by the hypervisor; prints no KTAP plan */
};

struct scenario_domain {
    char *name;       /* [domain NAME] */
    unsigned memory_mib;
    unsigned cpus;
    enum domain_expect expect;
    unsigned capabilities; /* SCENARIO_CAPS_*; 0: no "capabilities" property */
    unsigned ramdisk_kib; /* 0: no ramdisk module */
    char *bootargs;   /* as written; see topology_bootargs() for what the guest gets */
    unsigned line;    /* of the [domain NAME] header, for messages */
};

/* One end of a static event channel: a local port of a domain. */
struct scenario_channel_end {
    size_t domain;    /* index in scenario->domains */
    unsigned port;
    unsigned line;    /* of "<name>-port = <port>" */
};

struct scenario_channel {
    struct scenario_channel_end ends[2];
    unsigned line;    /* of the [static-evtchn] header */
};

struct scenario {
    char *file;
    char *name;       /* the file's name without ".conf"; "default" for the default */
    bool is_default;  /* the harness's default scenario (harness/default-scenario.conf) */
    char *description;
    unsigned order;
    struct scenario_domain *domains;
    size_t domain_count;
    struct scenario_channel *channels;
    size_t channel_count;
};

/*
 * Reads a scenario from file, named file_name in messages, and calls it
 * name.  Returns 0, or -1 with err set ("FILE:LINE: ..."); on error
 * *scenario holds nothing to free.
 */
int scenario_read(FILE *file, const char *file_name, const char *name, struct scenario *scenario,
                  struct harness_error *err);

/*
 * Sections of another kind of file that shares the scenario's format (the
 * system-tree tests, tree_test.h): each "[<section> NAME]" of the file goes
 * to these functions, which return 0, or -1 with err set.  The scenario's
 * own sections and keys are read as usual around them.
 */
struct config_line;
struct scenario_extension {
    const char *section;  /* the header word, e.g. "test" */
    void *context;
    int (*start)(void *context, const char *file_name, const struct config_line *header,
                 const char *name, struct harness_error *err);
    int (*entry)(void *context, const char *file_name, const struct config_line *line,
                 struct harness_error *err);
    int (*finish)(void *context, const char *file_name, struct harness_error *err);
};

/* scenario_read(), with the extension's sections (NULL: none). */
int scenario_read_extended(FILE *file, const char *file_name, const char *name,
                           struct scenario *scenario, const struct scenario_extension *extension,
                           struct harness_error *err);

/* scenario_read() on the file at file_name. */
int scenario_load(const char *file_name, const char *name, struct scenario *scenario,
                  struct harness_error *err);

/* The memory of all domains together, in MiB. */
unsigned long long scenario_memory_mib(const struct scenario *scenario);

/*
 * Checks that the domains fit the machine: together they must have less
 * memory than the machine's machine_mib, since the hypervisor needs some
 * too (how much is the port's business).  Returns 0, or -1 with err set.
 */
int scenario_check_memory(const struct scenario *scenario, unsigned machine_mib,
                          struct harness_error *err);

/* The number of domains with expect = results. */
size_t scenario_result_domain_count(const struct scenario *scenario);

void scenario_free(struct scenario *scenario);

#endif
