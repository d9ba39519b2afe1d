/*
 * secondary.c - a secondary CPU between its start code and the core.
 */
#include "arch/aarch64/cpu.h"
#include "arch/aarch64/interrupts.h"
#include "core/cpu.h"

__attribute__((noreturn)) void secondary_main(unsigned int index);

void secondary_main(unsigned int index)
{
    cpu_init_el2();
    if (interrupts_init_cpu() != 0) {
        /* Not marked online: the boot CPU reports it and starts no domain. */
        for (;;) {
            __asm__ volatile("wfe");
        }
    }
    cpu_secondary_main(index);
}
