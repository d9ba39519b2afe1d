/*
 * entry_checks.c - compare recorded entry states with the spec (see
 * entry_checks.h).
 */
#include "support/entry_checks.h"

#define CURRENT_EL_EL1 (1ULL << 2)
#define SCTLR_M   (1ULL << 0)
#define SCTLR_C   (1ULL << 2)
#define SCTLR_E0E (1ULL << 24)
#define SCTLR_EE  (1ULL << 25)

static const char *const sysreg_names[ENTRY_STATE_SYSREG_COUNT] = { ENTRY_STATE_SYSREG_NAMES };

void entry_check_el1h(struct test_context *t, const struct entry_state *s, const char *who)
{
    expect(t, s->recorded == 1, "%s: the entry state was not recorded", who);
    expect(t, s->current_el == CURRENT_EL_EL1, "%s: CurrentEL: expected EL1 (0x4), got 0x%llx",
           who, (unsigned long long)s->current_el);
    expect(t, s->spsel == 1, "%s: SPSel: expected 1 (SP_EL1, EL1h), got %llu", who,
           (unsigned long long)s->spsel);
}

void entry_check_registers_zero(struct test_context *t, const struct entry_state *s,
                                const char *who)
{
    for (unsigned int r = 1; r <= 29; r++) {
        expect(t, s->x[r] == 0, "%s: X%u: expected 0, got 0x%llx", who, r,
               (unsigned long long)s->x[r]);
    }
    if (s->x30_nonzero != 0) {
        expect(t, false, "%s: X30: expected 0, found a value other than 0", who);
    } else {
        expect(t, s->x[30] == 0, "%s: X30: expected 0, got 0x%llx", who,
               (unsigned long long)s->x[30]);
    }
    expect(t, s->sp_el1 == 0, "%s: SP_EL1: expected 0, got 0x%llx", who,
           (unsigned long long)s->sp_el1);
    expect(t, s->sp_el0 == 0, "%s: SP_EL0: expected 0, got 0x%llx", who,
           (unsigned long long)s->sp_el0);
}

void entry_check_pstate(struct test_context *t, const struct entry_state *s, const char *who)
{
    uint64_t pstate = entry_state_pstate(s);

    expect(t, pstate == ENTRY_PSTATE,
           "%s: PSTATE (SPSR form, readable fields): expected 0x%x, got 0x%llx (NZCV 0x%llx, "
           "DAIF 0x%llx)", who, ENTRY_PSTATE, (unsigned long long)pstate,
           (unsigned long long)s->nzcv, (unsigned long long)s->daif);
}

void entry_check_sctlr(struct test_context *t, const struct entry_state *s, const char *who)
{
    const uint64_t fixed = SCTLR_M | SCTLR_C | SCTLR_EE | SCTLR_E0E;

    expect(t, (s->sctlr_el1 & fixed) == 0,
           "%s: SCTLR_EL1 = 0x%llx: expected M (0), C (2), E0E (24) and EE (25) clear", who,
           (unsigned long long)s->sctlr_el1);
}

void entry_check_sysregs_zero(struct test_context *t, const struct entry_state *s,
                              const char *who)
{
    for (unsigned int i = 0; i < ENTRY_STATE_SYSREG_COUNT; i++) {
        expect(t, s->sysregs[i] == 0, "%s: %s: expected 0, got 0x%llx", who, sysreg_names[i],
               (unsigned long long)s->sysregs[i]);
    }
}

void entry_check_simd_zero(struct test_context *t, const struct entry_state *s, const char *who)
{
    for (unsigned int v = 0; v < 32; v++) {
        expect(t, s->v[v][0] == 0 && s->v[v][1] == 0,
               "%s: V%u: expected 0, got 0x%016llx%016llx", who, v,
               (unsigned long long)s->v[v][1], (unsigned long long)s->v[v][0]);
    }
    expect(t, s->fpcr == 0, "%s: FPCR: expected 0, got 0x%llx", who, (unsigned long long)s->fpcr);
    expect(t, s->fpsr == 0, "%s: FPSR: expected 0, got 0x%llx", who, (unsigned long long)s->fpsr);
}
