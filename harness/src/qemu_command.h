/*
 * qemu_command.h - the QEMU command lines of a run: one that dumps the
 * machine's device tree, and one that boots the hypervisor.
 */
#ifndef HARNESS_QEMU_COMMAND_H
#define HARNESS_QEMU_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

#include "text.h"
#include "topology.h"

/* The machine QEMU emulates: the same for both command lines, so that the
 * dumped tree describes the machine that boots. */
struct qemu_machine {
    const char *qemu;    /* the program */
    const char *machine; /* -M */
    const char *cpu;     /* -cpu */
    unsigned memory_mib; /* -m */
    unsigned cpus;       /* -smp */
    bool icount;         /* -icount shift=0: one instruction per nanosecond */
};

/* QEMU -M <machine>,dumpdtb=<dtb_path> -cpu .. -m .. -smp .. */
void qemu_dump_command(struct text_list *argv, const struct qemu_machine *machine,
                       const char *dtb_path);

/* QEMU ... -nographic -no-reboot -kernel <hypervisor> -dtb <dtb_path>
 * -device loader,... for each domain's kernel [-icount shift=0] */
void qemu_boot_command(struct text_list *argv, const struct qemu_machine *machine,
                       const char *hypervisor, const char *dtb_path,
                       const struct topology *topology);

/* Prints argv as one line a POSIX shell would run as the same command. */
void qemu_print_command(FILE *out, const struct text_list *argv);

#endif
