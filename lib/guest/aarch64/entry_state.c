/*
 * entry_state.c - the recorded entry state (see entry_state.h).
 */
#include <stddef.h>

#include "guest/aarch64/entry_state.h"

/* The assembly writes the record at these offsets. */
_Static_assert(offsetof(struct entry_state, x30_nonzero) == ENTRY_STATE_X30_NONZERO, "layout");
_Static_assert(offsetof(struct entry_state, sp_el1) == ENTRY_STATE_SP_EL1, "layout");
_Static_assert(offsetof(struct entry_state, nzcv) == ENTRY_STATE_NZCV, "layout");
_Static_assert(offsetof(struct entry_state, spsel) == ENTRY_STATE_SPSEL, "layout");
_Static_assert(offsetof(struct entry_state, ssbs) == ENTRY_STATE_SSBS, "layout");
_Static_assert(offsetof(struct entry_state, sctlr_el1) == ENTRY_STATE_SCTLR, "layout");
_Static_assert(offsetof(struct entry_state, sysregs) == ENTRY_STATE_SYSREGS, "layout");
_Static_assert(offsetof(struct entry_state, mpidr_el1) == ENTRY_STATE_MPIDR, "layout");
_Static_assert(offsetof(struct entry_state, fpcr) == ENTRY_STATE_FPCR, "layout");
_Static_assert(offsetof(struct entry_state, v) == ENTRY_STATE_V, "layout");
_Static_assert(offsetof(struct entry_state, image_start) == ENTRY_STATE_IMAGE_START, "layout");
_Static_assert(offsetof(struct entry_state, bss_nonzero) == ENTRY_STATE_BSS_NONZERO, "layout");
_Static_assert(offsetof(struct entry_state, recorded) == ENTRY_STATE_RECORDED, "layout");
_Static_assert(sizeof(struct entry_state) == ENTRY_STATE_SIZE, "layout");

uint64_t entry_state_pstate(const struct entry_state *state)
{
    /* CurrentEL holds the EL in bits [3:2], as M[3:2] does; M[0] is SPSel. */
    return state->nzcv | state->daif | state->pan | state->uao | state->dit | state->ssbs |
           (state->current_el & 0xc) | (state->spsel & 1);
}
