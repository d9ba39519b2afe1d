/*
 * start.S - entry of a guest image at EL1.
 *
 * The loader enters at offset 0 (the image header branches here) with the
 * MMU and data cache off, interrupts masked and x0 = guest-physical address
 * of the device tree.  The image first records the registers as it found
 * them in guest_entry_state (entry_state.h), and which words of its BSS
 * were not zero; then it relocates itself, takes a stack, clears BSS,
 * installs its exception vectors and calls guest_start(device_tree).
 */

#include "guest/aarch64/entry_state.h"

#define CPACR_FPEN_NO_TRAP (3 << 20)
#define CURRENT_EL_EL1 (1 << 2)

/* Stores x0..x29 at x30, the entry_state of vCPU 0. */
    .macro record_x0_x29
    stp     x0, x1, [x30, #0]
    stp     x2, x3, [x30, #16]
    stp     x4, x5, [x30, #32]
    stp     x6, x7, [x30, #48]
    stp     x8, x9, [x30, #64]
    stp     x10, x11, [x30, #80]
    stp     x12, x13, [x30, #96]
    stp     x14, x15, [x30, #112]
    stp     x16, x17, [x30, #128]
    stp     x18, x19, [x30, #144]
    stp     x20, x21, [x30, #160]
    stp     x22, x23, [x30, #176]
    stp     x24, x25, [x30, #192]
    stp     x26, x27, [x30, #208]
    stp     x28, x29, [x30, #224]
    .endm

    .section .text.boot, "ax"
    .global image_entry
image_entry:
    /*
     * Record the entry state.  X30 becomes the pointer to the record, so
     * whether it was 0 is decided by the branch taken (entry_state.h).
     */
    cbnz    x30, 1f
    adrp    x30, guest_entry_state
    add     x30, x30, :lo12:guest_entry_state
    record_x0_x29
    str     xzr, [x30, #(ENTRY_STATE_X + 30 * 8)]
    mov     x1, #0
    b       2f
1:  adrp    x30, guest_entry_state
    add     x30, x30, :lo12:guest_entry_state
    record_x0_x29
    mov     x1, #1
2:  str     x1, [x30, #ENTRY_STATE_X30_NONZERO]
    mov     x9, x30
    entry_state_record_rest x9
    adrp    x1, __image_start
    add     x1, x1, :lo12:__image_start
    str     x1, [x9, #ENTRY_STATE_IMAGE_START]

    /* BSS must read as zero at entry (hvabi~guest-entry-memory-zero~1). */
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __image_end
    add     x2, x2, :lo12:__image_end
    mov     x3, #0
    mov     x4, #0
3:  cmp     x1, x2
    b.hs    5f
    ldr     x5, [x1], #8
    cbz     x5, 3b
    add     x3, x3, #1
    cbnz    x4, 3b
    sub     x4, x1, #8
    b       3b
5:  str     x3, [x9, #ENTRY_STATE_BSS_NONZERO]
    str     x4, [x9, #ENTRY_STATE_BSS_FIRST]
    mov     x1, #1
    str     x1, [x9, #ENTRY_STATE_RECORDED]

    ldr     x19, [x9, #ENTRY_STATE_X]   /* keep the device tree address */

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

    /* In .data, not BSS: BSS is cleared after the record is written. */
    .section .data.entry_state, "aw"
    .balign 16
    .global guest_entry_state
guest_entry_state:
    .space  ENTRY_STATE_SIZE
