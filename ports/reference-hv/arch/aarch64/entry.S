/*
 * entry.S - the hypervisor's entry point at EL2.
 *
 * QEMU (or a boot loader) enters the image at offset 0 (the image header
 * branches here) at EL2 with the MMU off and x0 = physical address of the
 * system device tree.  The hypervisor relocates itself, takes the boot
 * CPU's stack, clears BSS, installs its vectors and calls hv_main().
 */

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

    .section .bss.stack, "aw", %nobits
    .balign 16
boot_stack_bottom:
    .space  65536
    .global boot_stack_top
boot_stack_top:
