/*
 * secondary.c - a secondary CPU between its start code and the core.
 */
#include "arch/aarch64/cpu.h"
#include "core/cpu.h"

__attribute__((noreturn)) void secondary_main(unsigned int index);

void secondary_main(unsigned int index)
{
    cpu_init_el2();
    cpu_secondary_main(index);
}
