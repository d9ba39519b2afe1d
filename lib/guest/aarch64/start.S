/*
 * start.S - entry of a guest image at EL1.
 *
 * The loader enters at offset 0 (the image header branches here) with the
 * MMU and data cache off, interrupts masked and x0 = guest-physical address
 * of the device tree.  The image relocates itself, takes a stack, clears
 * BSS, installs its exception vectors and calls guest_start(device_tree).
 */

#define CPACR_FPEN_NO_TRAP (3 << 20)
#define CURRENT_EL_EL1 (1 << 2)

    .section .text.boot, "ax"
    .global image_entry
image_entry:
    mov     x19, x0                     /* keep the device tree address */

    /*
     * A guest image runs at EL1 only.  Entered at any other level (for
     * instance by QEMU without a hypervisor) there is no one to report to.
     */
    mrs     x0, CurrentEL
    cmp     x0, #CURRENT_EL_EL1
    b.ne    park

    adrp    x0, __image_start
    bl      runtime_relocate
    cbnz    x0, park

    /* libfdt, as built by Debian, uses SIMD registers: do not trap them. */
    mov     x0, #CPACR_FPEN_NO_TRAP
    msr     cpacr_el1, x0
    isb

    adrp    x0, guest_stack_top
    add     x0, x0, :lo12:guest_stack_top
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
    adrp    x0, guest_vectors
    add     x0, x0, :lo12:guest_vectors
    msr     vbar_el1, x0
    isb

    mov     x0, x19
    bl      guest_start

park:
    wfi
    b       park

    .section .bss.stack, "aw", %nobits
    .balign 16
    .global guest_stack_bottom
guest_stack_bottom:
    .space  32768
guest_stack_top:
