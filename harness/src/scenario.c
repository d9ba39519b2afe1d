/*
 * scenario.c - a scenario as a whole: loading its file (the reading is
 * scenario_read.c), what it asks of the machine, and freeing it
 * (see scenario.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int scenario_load(const char *file_name, const char *name, struct scenario *scenario,
                  struct harness_error *err)
{
    FILE *file = fopen(file_name, "r");
    int status;

    if (file == NULL) {
        error_set(err, "cannot open scenario %s: %s", file_name, strerror(errno));
        return -1;
    }
    status = scenario_read(file, file_name, name, scenario, err);
    fclose(file);
    return status;
}

unsigned long long scenario_memory_mib(const struct scenario *scenario)
{
    unsigned long long total = 0;

    for (size_t i = 0; i < scenario->domain_count; i++) {
        total += scenario->domains[i].memory_mib;
    }
    return total;
}

int scenario_check_memory(const struct scenario *scenario, unsigned machine_mib,
                          struct harness_error *err)
{
    unsigned long long total = scenario_memory_mib(scenario);

    if (total >= machine_mib) {
        error_set(err,
                  "%s: the domains of scenario %s have %llu MiB of memory together; the "
                  "machine has %u MiB (memory-mib of the port), and the hypervisor needs "
                  "some of it too",
                  scenario->file, scenario->name, total, machine_mib);
        return -1;
    }
    return 0;
}

size_t scenario_result_domain_count(const struct scenario *scenario)
{
    size_t count = 0;

    for (size_t i = 0; i < scenario->domain_count; i++) {
        if (scenario->domains[i].expect == DOMAIN_EXPECT_RESULTS) {
            count++;
        }
    }
    return count;
}

void scenario_free(struct scenario *scenario)
{
    for (size_t i = 0; i < scenario->domain_count; i++) {
        free(scenario->domains[i].name);
        free(scenario->domains[i].bootargs);
    }
    free(scenario->domains);
    free(scenario->channels);
    free(scenario->file);
    free(scenario->name);
    free(scenario->description);
    memset(scenario, 0, sizeof(*scenario));
}
