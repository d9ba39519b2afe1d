/*
 * entry.S - the hypervisor's entry point at EL2.
 *
 * QEMU (or a boot loader) enters the image at offset 0 (the image header
 * branches here) at EL2 with the MMU off and x0 = physical address of the
 * system device tree.  The hypervisor relocates itself, takes the boot
 * CPU's stack, clears BSS, installs its vectors and calls hv_main().
 */

#include "arch/aarch64/cpu_stack.h"
#include "core/config.h" /* MAX_CPUS; only its plain numbers are used here */

#define CURRENT_EL_EL2 (2 << 2)
#define CPTR_EL2_RES1 0x33ff /* RES1 bits; TFP = 0: do not trap SIMD/FP */

    .section .text.boot, "ax"
    .global image_entry
image_entry:
    mov     x19, x0

    /* Anywhere but EL2 there is nothing this image can do. */
    mrs     x0, CurrentEL
    cmp     x0, #CURRENT_EL_EL2
    b.ne    park

    adrp    x0, __image_start
    bl      runtime_relocate
    cbnz    x0, park

    /* libfdt, as built by Debian, uses SIMD registers. */
    mov     x0, #CPTR_EL2_RES1
    msr     cptr_el2, x0
    isb

    adrp    x0, boot_stack_top
    add     x0, x0, :lo12:boot_stack_top
    mov     sp, x0

    adrp    x0, __bss_start
    add     x0, x0, :lo12:__bss_start
    adrp    x1, __bss_end
    add     x1, x1, :lo12:__bss_end
1:  cmp     x0, x1
    b.hs    2f
    stp     xzr, xzr, [x0], #16
    b       1b
2:
    adrp    x0, hv_vectors
    add     x0, x0, :lo12:hv_vectors
    msr     vbar_el2, x0
    isb

    mov     x0, x19
    bl      hv_main

park:
    wfi
    b       park

/*
 * Entry of a secondary CPU, started by the boot CPU with PSCI CPU_ON:
 * EL2, MMU off, x0 = the CPU's index.  It turns its MMU on with the boot
 * CPU's tables (secondary_mmu, written back to memory before CPU_ON), takes
 * its stack and vectors, and continues in C.
 */
    .global secondary_entry
secondary_entry:
    mov     x19, x0

    adrp    x1, secondary_mmu
    add     x1, x1, :lo12:secondary_mmu
    ldp     x2, x3, [x1]                /* MAIR_EL2, TCR_EL2 */
    ldp     x4, x5, [x1, #16]           /* TTBR0_EL2, SCTLR_EL2 */
    msr     mair_el2, x2
    msr     tcr_el2, x3
    msr     ttbr0_el2, x4
    isb
    tlbi    alle2
    dsb     ish
    isb
    msr     sctlr_el2, x5
    isb

    mov     x0, #CPTR_EL2_RES1
    msr     cptr_el2, x0
    isb

    /* sp = cpu_stacks + (index + 1) * CPU_STACK_SIZE */
    adrp    x1, cpu_stacks
    add     x1, x1, :lo12:cpu_stacks
    add     x2, x19, #1
    mov     x3, #CPU_STACK_SIZE
    madd    x1, x2, x3, x1
    mov     sp, x1

    adrp    x0, hv_vectors
    add     x0, x0, :lo12:hv_vectors
    msr     vbar_el2, x0
    isb

    mov     x0, x19
    bl      secondary_main
    b       park

    .section .bss.stack, "aw", %nobits
    .balign 16
boot_stack_bottom:
    .space  65536
    .global boot_stack_top
boot_stack_top:

    /* One stack per CPU for running its vCPU (the boot CPU switches to its own). */
    .balign 16
    .global cpu_stacks
cpu_stacks:
    .space  CPU_STACK_SIZE * MAX_CPUS
