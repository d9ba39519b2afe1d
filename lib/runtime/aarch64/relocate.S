/*
 * relocate.S - apply an image's own dynamic relocations.
 *
 * The images are linked as position-independent executables at address 0
 * because the loader chooses where they run.  The only dynamic relocations
 * such an image can have are R_AARCH64_RELATIVE (the build checks this):
 * "store base + addend at base + offset".  This runs before the stack and
 * BSS are set up, so it uses only x0..x5 and no memory but the image.
 *
 * uint64_t runtime_relocate(uint64_t base)
 *   returns 0, or the type of the first relocation that is not RELATIVE.
 */

#define R_AARCH64_RELATIVE 1027

    .section .text.boot, "ax"
    .global runtime_relocate
runtime_relocate:
    adrp    x1, __rela_start
    add     x1, x1, :lo12:__rela_start
    adrp    x2, __rela_end
    add     x2, x2, :lo12:__rela_end
1:  cmp     x1, x2
    b.hs    2f
    ldp     x3, x4, [x1], #16       /* r_offset, r_info */
    ldr     x5, [x1], #8            /* r_addend */
    cmp     w4, #R_AARCH64_RELATIVE
    b.ne    3f
    add     x5, x5, x0
    str     x5, [x3, x0]
    b       1b
2:  mov     x0, #0
    ret
3:  and     x0, x4, #0xffffffff
    ret
