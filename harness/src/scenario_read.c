/*
 * scenario_read.c - reads a scenario file (see scenario.h).
 *
 * The file is read section by section: the keys before the first section
 * header, each [domain NAME], each [static-evtchn].  A section is checked
 * for its required keys when the next one starts (or the file ends); the
 * domain names of the static event channels are resolved at the end, so
 * that a channel may be written before the domains it links.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "config_file.h"
#include "scenario.h"
#include "text.h"

#define DOMAIN_SECTION "domain"
#define STATIC_EVTCHN_SECTION "static-evtchn"
#define PORT_KEY_SUFFIX "-port"

enum section {
    SECTION_TOP,           /* before the first section header */
    SECTION_DOMAIN,
    SECTION_STATIC_EVTCHN,
    SECTION_EXTENSION,     /* a section of the extension (scenario_extension) */
};

struct key_spec {
    const char *name;
    bool required;
};

enum top_key { TOP_DESCRIPTION, TOP_ORDER, TOP_KEY_COUNT };
enum domain_key {
    DOMAIN_MEMORY,
    DOMAIN_CPUS,
    DOMAIN_EXPECT,
    DOMAIN_CAPABILITIES,
    DOMAIN_BOOTARGS,
    DOMAIN_RAMDISK,
    DOMAIN_KEY_COUNT
};

static const struct key_spec top_keys[TOP_KEY_COUNT] = {
    [TOP_DESCRIPTION] = { "description", true },
    [TOP_ORDER] = { "order", true },
};

static const struct key_spec domain_keys[DOMAIN_KEY_COUNT] = {
    [DOMAIN_MEMORY] = { "memory-mib", true },
    [DOMAIN_CPUS] = { "cpus", true },
    [DOMAIN_EXPECT] = { "expect", false },
    [DOMAIN_CAPABILITIES] = { "capabilities", false },
    [DOMAIN_BOOTARGS] = { "bootargs", true },
    [DOMAIN_RAMDISK] = { "ramdisk-kib", false },
};

/* One array records where the keys of the current section were seen. */
_Static_assert((int)DOMAIN_KEY_COUNT >= (int)TOP_KEY_COUNT, "seen_on_line holds every section's keys");

/* Names that the harness's own boot arguments use: a domain called so
 * would give the guest "hvabi.domain=<id>" twice with different meanings. */
static const char *const reserved_names[] = { "domain", "role", "start", "cpus" };

/* The state of one read. */
struct scenario_reader {
    const char *file_name;
    struct scenario *scenario;
    enum section section;
    unsigned section_line;
    unsigned seen_on_line[DOMAIN_KEY_COUNT]; /* of the current section; 0: not seen */
    char **end_names;     /* the domain name of each channel end, 2 per channel */
    size_t end_name_count;
    const struct scenario_extension *extension; /* or NULL */
};

/* The names of the bits of "capabilities", as the key takes them. */
static const struct {
    const char *name;
    unsigned bit;
} capability_names[] = {
    { "control", SCENARIO_CAPS_CONTROL },
    { "hardware", SCENARIO_CAPS_HARDWARE },
    { "xenstore", SCENARIO_CAPS_XENSTORE },
};

static int parse_number(const struct scenario_reader *reader, const struct config_line *line,
                        unsigned minimum, unsigned maximum, unsigned *number,
                        struct harness_error *err)
{
    char *end;
    unsigned long value;

    errno = 0;
    value = strtoul(line->value, &end, 10);
    if (line->value[0] < '0' || line->value[0] > '9' || *end != '\0' || errno != 0 ||
        value < minimum || value > maximum) {
        error_set(err, "%s:%u: %s must be a whole number from %u to %u, found '%s'",
                  reader->file_name, line->number, line->key, minimum, maximum, line->value);
        return -1;
    }
    *number = (unsigned)value;
    return 0;
}

/* Lower-case letters, digits and '_', starting with a letter: the name
 * goes into boot arguments (hvabi.<name>=<id>) and keys (<name>-port). */
static bool is_domain_name(const char *name)
{
    size_t length = strlen(name);

    if (length == 0 || length > SCENARIO_MAX_NAME_LENGTH || name[0] < 'a' || name[0] > 'z') {
        return false;
    }
    for (size_t i = 0; i < length; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

/* "capabilities = <name> ...": the bits the names stand for, each at most once. */
static int parse_capabilities(const struct scenario_reader *reader,
                              const struct config_line *line, unsigned *capabilities,
                              struct harness_error *err)
{
    char *words = alloc_text(line->value);
    char *save = NULL;
    unsigned bits = 0;
    int status = 0;

    for (char *word = strtok_r(words, " \t", &save); word != NULL && status == 0;
         word = strtok_r(NULL, " \t", &save)) {
        size_t i = 0;

        while (i < sizeof(capability_names) / sizeof(capability_names[0]) &&
               strcmp(word, capability_names[i].name) != 0) {
            i++;
        }
        if (i == sizeof(capability_names) / sizeof(capability_names[0])) {
            error_set(err,
                      "%s:%u: unknown capability '%s'; the capabilities are control, "
                      "hardware and xenstore",
                      reader->file_name, line->number, word);
            status = -1;
        } else if ((bits & capability_names[i].bit) != 0) {
            error_set(err, "%s:%u: capability '%s' is listed twice", reader->file_name,
                      line->number, word);
            status = -1;
        } else {
            bits |= capability_names[i].bit;
        }
    }
    if (status == 0 && bits == 0) {
        error_set(err, "%s:%u: capabilities needs at least one of control, hardware and xenstore",
                  reader->file_name, line->number);
        status = -1;
    }
    free(words);
    if (status == 0) {
        *capabilities = bits;
    }
    return status;
}

static struct scenario_domain *current_domain(const struct scenario_reader *reader)
{
    return &reader->scenario->domains[reader->scenario->domain_count - 1];
}

static struct scenario_channel *current_channel(const struct scenario_reader *reader)
{
    return &reader->scenario->channels[reader->scenario->channel_count - 1];
}

/* Checks that the section that ends now has its required keys. */
static int finish_section(const struct scenario_reader *reader, struct harness_error *err)
{
    const struct key_spec *keys = NULL;
    size_t key_count = 0;

    switch (reader->section) {
    case SECTION_TOP:
        keys = top_keys;
        key_count = TOP_KEY_COUNT;
        break;
    case SECTION_DOMAIN:
        keys = domain_keys;
        key_count = DOMAIN_KEY_COUNT;
        break;
    case SECTION_STATIC_EVTCHN: {
        size_t ends = reader->end_name_count - 2 * (reader->scenario->channel_count - 1);

        if (ends != 2) {
            error_set(err,
                      "%s:%u: [static-evtchn] has %zu '<domain>-port' line%s; a channel "
                      "needs exactly two",
                      reader->file_name, reader->section_line, ends, ends == 1 ? "" : "s");
            return -1;
        }
        return 0;
    }
    case SECTION_EXTENSION:
        return reader->extension->finish(reader->extension->context, reader->file_name, err);
    }
    for (size_t i = 0; i < key_count; i++) {
        if (keys[i].required && reader->seen_on_line[i] == 0) {
            if (reader->section == SECTION_TOP) {
                error_set(err, "%s: no '%s' key before the first section", reader->file_name,
                          keys[i].name);
            } else {
                error_set(err, "%s:%u: [domain %s] has no '%s' key", reader->file_name,
                          reader->section_line, current_domain(reader)->name, keys[i].name);
            }
            return -1;
        }
    }
    return 0;
}

static int start_domain(struct scenario_reader *reader, const struct config_line *line,
                        const char *name, struct harness_error *err)
{
    struct scenario *scenario = reader->scenario;
    struct scenario_domain *domain;

    if (!is_domain_name(name)) {
        error_set(err,
                  "%s:%u: '%s' is not a domain name: lower-case letters, digits and '_', "
                  "starting with a letter, at most %u characters",
                  reader->file_name, line->number, name, SCENARIO_MAX_NAME_LENGTH);
        return -1;
    }
    for (size_t i = 0; i < sizeof(reserved_names) / sizeof(reserved_names[0]); i++) {
        if (strcmp(name, reserved_names[i]) == 0) {
            error_set(err,
                      "%s:%u: a domain cannot be called '%s': the harness passes "
                      "hvabi.%s= itself",
                      reader->file_name, line->number, name, name);
            return -1;
        }
    }
    for (size_t i = 0; i < scenario->domain_count; i++) {
        if (strcmp(scenario->domains[i].name, name) == 0) {
            error_set(err, "%s:%u: duplicate domain name '%s' (first on line %u)",
                      reader->file_name, line->number, name, scenario->domains[i].line);
            return -1;
        }
    }
    if (scenario->domain_count == SCENARIO_MAX_DOMAINS) {
        error_set(err, "%s:%u: more than %u domains", reader->file_name, line->number,
                  SCENARIO_MAX_DOMAINS);
        return -1;
    }
    scenario->domains = alloc_resize(scenario->domains, scenario->domain_count + 1,
                                     sizeof(scenario->domains[0]));
    domain = &scenario->domains[scenario->domain_count];
    scenario->domain_count++;
    memset(domain, 0, sizeof(*domain));
    domain->name = alloc_text(name);
    domain->expect = DOMAIN_EXPECT_RESULTS;
    domain->bootargs = alloc_text("");
    domain->line = line->number;
    return 0;
}

static void start_channel(struct scenario_reader *reader, const struct config_line *line)
{
    struct scenario *scenario = reader->scenario;
    struct scenario_channel *channel;

    scenario->channels = alloc_resize(scenario->channels, scenario->channel_count + 1,
                                      sizeof(scenario->channels[0]));
    channel = &scenario->channels[scenario->channel_count];
    scenario->channel_count++;
    memset(channel, 0, sizeof(*channel));
    channel->line = line->number;
}

/* A section header: ends the section before and starts a new one. */
static int take_section(struct scenario_reader *reader, const struct config_line *line,
                        struct harness_error *err)
{
    const char *header = line->key;

    if (finish_section(reader, err) != 0) {
        return -1;
    }
    memset(reader->seen_on_line, 0, sizeof(reader->seen_on_line));
    reader->section_line = line->number;

    if (strcmp(header, STATIC_EVTCHN_SECTION) == 0) {
        reader->section = SECTION_STATIC_EVTCHN;
        start_channel(reader, line);
        return 0;
    }
    if (reader->extension != NULL && text_starts_with(header, reader->extension->section) &&
        text_is_blank(header[strlen(reader->extension->section)])) {
        char *name = alloc_text(header + strlen(reader->extension->section));
        int status = reader->extension->start(reader->extension->context, reader->file_name,
                                              line, text_trim(name), err);

        free(name);
        reader->section = SECTION_EXTENSION;
        return status;
    }
    if (text_starts_with(header, DOMAIN_SECTION) &&
        text_is_blank(header[strlen(DOMAIN_SECTION)])) {
        char *name = alloc_text(header + strlen(DOMAIN_SECTION));
        int status = start_domain(reader, line, text_trim(name), err);

        free(name);
        reader->section = SECTION_DOMAIN;
        return status;
    }
    error_set(err,
              "%s:%u: unknown section '[%s]'; the sections are [domain NAME]%s[static-evtchn]%s%s%s",
              reader->file_name, line->number, header, reader->extension != NULL ? ", " : " and ",
              reader->extension != NULL ? " and [" : "",
              reader->extension != NULL ? reader->extension->section : "",
              reader->extension != NULL ? " NAME]" : "");
    return -1;
}

/* Finds key in keys; records where it was seen.  Returns its index, or -1
 * with err set for an unknown or repeated key. */
static int find_key(struct scenario_reader *reader, const struct config_line *line,
                    const struct key_spec *keys, size_t key_count, struct harness_error *err)
{
    for (size_t i = 0; i < key_count; i++) {
        if (strcmp(line->key, keys[i].name) != 0) {
            continue;
        }
        if (reader->seen_on_line[i] != 0) {
            error_set(err, "%s:%u: duplicate key '%s' (first set on line %u)",
                      reader->file_name, line->number, line->key, reader->seen_on_line[i]);
            return -1;
        }
        reader->seen_on_line[i] = line->number;
        return (int)i;
    }
    error_set(err, "%s:%u: unknown key '%s'%s", reader->file_name, line->number, line->key,
              reader->section == SECTION_TOP ? " (before the first section)" : "");
    return -1;
}

static int take_top_entry(struct scenario_reader *reader, const struct config_line *line,
                          struct harness_error *err)
{
    struct scenario *scenario = reader->scenario;

    switch (find_key(reader, line, top_keys, TOP_KEY_COUNT, err)) {
    case TOP_DESCRIPTION:
        if (line->value[0] == '\0') {
            error_set(err, "%s:%u: description must not be empty", reader->file_name,
                      line->number);
            return -1;
        }
        free(scenario->description);
        scenario->description = alloc_text(line->value);
        return 0;
    case TOP_ORDER:
        return parse_number(reader, line, 0, SCENARIO_MAX_ORDER, &scenario->order, err);
    default:
        return -1;
    }
}

static int take_domain_entry(struct scenario_reader *reader, const struct config_line *line,
                             struct harness_error *err)
{
    struct scenario_domain *domain = current_domain(reader);

    switch (find_key(reader, line, domain_keys, DOMAIN_KEY_COUNT, err)) {
    case DOMAIN_MEMORY:
        return parse_number(reader, line, SCENARIO_MIN_MEMORY_MIB, SCENARIO_MAX_MEMORY_MIB,
                            &domain->memory_mib, err);
    case DOMAIN_CPUS:
        return parse_number(reader, line, 1, SCENARIO_MAX_CPUS, &domain->cpus, err);
    case DOMAIN_EXPECT:
        if (strcmp(line->value, "results") == 0) {
            domain->expect = DOMAIN_EXPECT_RESULTS;
        } else if (strcmp(line->value, "stopped") == 0) {
            domain->expect = DOMAIN_EXPECT_STOPPED;
        } else {
            error_set(err, "%s:%u: expect must be 'results' or 'stopped', found '%s'",
                      reader->file_name, line->number, line->value);
            return -1;
        }
        return 0;
    case DOMAIN_CAPABILITIES:
        return parse_capabilities(reader, line, &domain->capabilities, err);
    case DOMAIN_BOOTARGS:
        free(domain->bootargs);
        domain->bootargs = alloc_text(line->value);
        return 0;
    case DOMAIN_RAMDISK:
        return parse_number(reader, line, 1, SCENARIO_MAX_RAMDISK_KIB, &domain->ramdisk_kib, err);
    default:
        return -1;
    }
}

/* "<domain>-port = <port>" in a [static-evtchn] section. */
static int take_channel_entry(struct scenario_reader *reader, const struct config_line *line,
                              struct harness_error *err)
{
    struct scenario_channel *channel = current_channel(reader);
    size_t first_end = 2 * (reader->scenario->channel_count - 1);
    size_t ends = reader->end_name_count - first_end;
    size_t key_length = strlen(line->key);
    size_t suffix_length = strlen(PORT_KEY_SUFFIX);
    char *name;

    if (key_length <= suffix_length ||
        strcmp(line->key + key_length - suffix_length, PORT_KEY_SUFFIX) != 0) {
        error_set(err, "%s:%u: unknown key '%s'; [static-evtchn] takes '<domain>-port' keys",
                  reader->file_name, line->number, line->key);
        return -1;
    }
    name = alloc_text_n(line->key, key_length - suffix_length);
    if (ends == 1 && strcmp(reader->end_names[first_end], name) == 0) {
        error_set(err, "%s:%u: duplicate key '%s' (first set on line %u)", reader->file_name,
                  line->number, line->key, channel->ends[0].line);
        free(name);
        return -1;
    }
    if (ends == 2) {
        error_set(err,
                  "%s:%u: a third end for the channel of line %u; a channel has exactly two "
                  "(start another [static-evtchn] for another channel)",
                  reader->file_name, line->number, channel->line);
        free(name);
        return -1;
    }
    reader->end_names = alloc_resize(reader->end_names, reader->end_name_count + 1,
                                     sizeof(reader->end_names[0]));
    reader->end_names[reader->end_name_count] = name;
    reader->end_name_count++;
    channel->ends[ends].line = line->number;
    return parse_number(reader, line, 1, SCENARIO_MAX_PORT, &channel->ends[ends].port, err);
}

static int find_domain(const struct scenario *scenario, const char *name, size_t *index)
{
    for (size_t i = 0; i < scenario->domain_count; i++) {
        if (strcmp(scenario->domains[i].name, name) == 0) {
            *index = i;
            return 0;
        }
    }
    return -1;
}

/* Gives each channel end its domain, and checks that no port of a domain
 * is used twice. */
static int resolve_channels(const struct scenario_reader *reader, struct harness_error *err)
{
    struct scenario *scenario = reader->scenario;

    for (size_t c = 0; c < scenario->channel_count; c++) {
        for (size_t e = 0; e < 2; e++) {
            struct scenario_channel_end *end = &scenario->channels[c].ends[e];
            const char *name = reader->end_names[2 * c + e];

            if (find_domain(scenario, name, &end->domain) != 0) {
                error_set(err, "%s:%u: [static-evtchn] names domain '%s', which this "
                               "scenario does not have",
                          reader->file_name, end->line, name);
                return -1;
            }
        }
    }
    for (size_t c = 0; c < scenario->channel_count; c++) {
        for (size_t e = 0; e < 2; e++) {
            const struct scenario_channel_end *end = &scenario->channels[c].ends[e];

            /* Every end before this one: the earlier channels, and the
             * other end of this channel when it comes first. */
            for (size_t k = 0; k < 2 * c + e; k++) {
                const struct scenario_channel_end *other = &scenario->channels[k / 2].ends[k % 2];

                if (other->domain == end->domain && other->port == end->port) {
                    error_set(err,
                              "%s:%u: port %u of domain %s is used twice (also on line %u)",
                              reader->file_name, end->line, end->port,
                              scenario->domains[end->domain].name, other->line);
                    return -1;
                }
            }
        }
    }
    return 0;
}

/* The checks of the whole file, once it has been read. */
static int finish_file(const struct scenario_reader *reader, struct harness_error *err)
{
    const struct scenario *scenario = reader->scenario;

    if (finish_section(reader, err) != 0) {
        return -1;
    }
    if (scenario->domain_count == 0) {
        error_set(err, "%s: no [domain NAME] section; a scenario needs at least one domain",
                  reader->file_name);
        return -1;
    }
    if (scenario_result_domain_count(scenario) == 0) {
        error_set(err,
                  "%s: every domain has expect = stopped; at least one must print results",
                  reader->file_name);
        return -1;
    }
    return resolve_channels(reader, err);
}

static int take_line(struct scenario_reader *reader, const struct config_line *line,
                     struct harness_error *err)
{
    if (line->kind == CONFIG_LINE_SECTION) {
        return take_section(reader, line, err);
    }
    switch (reader->section) {
    case SECTION_TOP:
        return take_top_entry(reader, line, err);
    case SECTION_DOMAIN:
        return take_domain_entry(reader, line, err);
    case SECTION_STATIC_EVTCHN:
        return take_channel_entry(reader, line, err);
    case SECTION_EXTENSION:
        return reader->extension->entry(reader->extension->context, reader->file_name, line, err);
    }
    return -1;
}

int scenario_read(FILE *file, const char *file_name, const char *name, struct scenario *scenario,
                  struct harness_error *err)
{
    return scenario_read_extended(file, file_name, name, scenario, NULL, err);
}

int scenario_read_extended(FILE *file, const char *file_name, const char *name,
                           struct scenario *scenario, const struct scenario_extension *extension,
                           struct harness_error *err)
{
    struct scenario_reader reader;
    struct config_reader lines;
    struct config_line line;
    int status;

    memset(scenario, 0, sizeof(*scenario));
    scenario->file = alloc_text(file_name);
    scenario->name = alloc_text(name);
    scenario->description = alloc_text("");
    memset(&reader, 0, sizeof(reader));
    reader.file_name = file_name;
    reader.scenario = scenario;
    reader.section = SECTION_TOP;
    reader.extension = extension;
    config_reader_init(&lines, file, file_name, true);

    while ((status = config_reader_next(&lines, &line, err)) > 0) {
        if (take_line(&reader, &line, err) != 0) {
            status = -1;
            break;
        }
    }
    if (status == 0 && finish_file(&reader, err) != 0) {
        status = -1;
    }

    config_reader_free(&lines);
    for (size_t i = 0; i < reader.end_name_count; i++) {
        free(reader.end_names[i]);
    }
    free(reader.end_names);
    if (status != 0) {
        scenario_free(scenario);
        return -1;
    }
    return 0;
}
