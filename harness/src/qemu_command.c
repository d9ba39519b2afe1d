/*
 * qemu_command.c - the QEMU command lines of a run (see qemu_command.h).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "qemu_command.h"

/*
 * In QEMU's "key=value,key=value" option syntax a comma inside a value is
 * written twice.  Paths go through this, since a user's directory may have
 * a comma in its name.
 */
static char *escape_option_value(const char *value)
{
    size_t commas = 0;
    char *escaped;
    char *out;

    for (const char *c = value; *c != '\0'; c++) {
        if (*c == ',') {
            commas++;
        }
    }
    escaped = alloc_zeroed(strlen(value) + commas + 1, 1);
    out = escaped;
    for (const char *c = value; *c != '\0'; c++) {
        *out++ = *c;
        if (*c == ',') {
            *out++ = ',';
        }
    }
    *out = '\0';
    return escaped;
}

/* -cpu, -m and -smp: common to both command lines. */
static void add_machine_options(struct text_list *argv, const struct qemu_machine *machine)
{
    text_list_add(argv, "-cpu");
    text_list_add(argv, machine->cpu);
    text_list_add(argv, "-m");
    text_list_addf(argv, "%uM", machine->memory_mib);
    text_list_add(argv, "-smp");
    text_list_addf(argv, "%u", machine->cpus);
    /* No network: the default NIC needs a boot ROM (Debian's ipxe-qemu)
     * that a minimal installation does not have, and no guest uses it. */
    text_list_add(argv, "-nic");
    text_list_add(argv, "none");
}

void qemu_dump_command(struct text_list *argv, const struct qemu_machine *machine,
                       const char *dtb_path)
{
    char *escaped_path = escape_option_value(dtb_path);

    text_list_add(argv, machine->qemu);
    text_list_add(argv, "-M");
    text_list_addf(argv, "%s,dumpdtb=%s", machine->machine, escaped_path);
    add_machine_options(argv, machine);
    text_list_add(argv, "-display");
    text_list_add(argv, "none");
    free(escaped_path);
}

void qemu_boot_command(struct text_list *argv, const struct qemu_machine *machine,
                       const char *hypervisor, const char *dtb_path,
                       const struct topology *topology)
{
    text_list_add(argv, machine->qemu);
    text_list_add(argv, "-M");
    text_list_add(argv, machine->machine);
    add_machine_options(argv, machine);
    text_list_add(argv, "-nographic");
    text_list_add(argv, "-no-reboot");
    text_list_add(argv, "-kernel");
    text_list_add(argv, hypervisor);
    text_list_add(argv, "-dtb");
    text_list_add(argv, dtb_path);
    for (size_t i = 0; i < topology->count; i++) {
        const struct domain_config *domain = &topology->domains[i];
        char *escaped_path = escape_option_value(domain->kernel_path);

        text_list_add(argv, "-device");
        text_list_addf(argv, "loader,file=%s,addr=0x%llx,force-raw=on", escaped_path,
                       (unsigned long long)domain->kernel_address);
        free(escaped_path);
        if (domain->ramdisk_size != 0 && domain->ramdisk_path != NULL) {
            escaped_path = escape_option_value(domain->ramdisk_path);
            text_list_add(argv, "-device");
            text_list_addf(argv, "loader,file=%s,addr=0x%llx,force-raw=on", escaped_path,
                           (unsigned long long)domain->ramdisk_address);
            free(escaped_path);
        }
    }
    if (machine->icount) {
        text_list_add(argv, "-icount");
        text_list_add(argv, "shift=0");
    }
}

/* True when word means the same to a shell without quotes. */
static bool is_shell_safe(const char *word)
{
    if (word[0] == '\0') {
        return false;
    }
    for (const char *c = word; *c != '\0'; c++) {
        if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   "-_=.,/:@+%",
                   *c) == NULL) {
            return false;
        }
    }
    return true;
}

void qemu_print_command(FILE *out, const struct text_list *argv)
{
    for (size_t i = 0; i < argv->count; i++) {
        const char *word = argv->items[i];

        if (i > 0) {
            fputc(' ', out);
        }
        if (is_shell_safe(word)) {
            fputs(word, out);
            continue;
        }
        /* Single quotes keep everything but a single quote, which is
         * written as '\'' (end the quotes, an escaped quote, start again). */
        fputc('\'', out);
        for (const char *c = word; *c != '\0'; c++) {
            if (*c == '\'') {
                fputs("'\\''", out);
            } else {
                fputc(*c, out);
            }
        }
        fputc('\'', out);
    }
    fputc('\n', out);
}
