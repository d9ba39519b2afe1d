/*
 * entry_checks.h - compare a recorded entry state (lib/guest/aarch64/
 * entry_state.h) with what spec/chapters/guest_entry.rst requires of vCPU
 * 0 at domain start and of a vCPU started with PSCI CPU_ON.
 *
 * Each function records a failed expectation per register that differs,
 * naming `who` ("vCPU 0", "vCPU 1 (second start)", ...).
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_ENTRY_CHECKS_H
#define HVABI_CONFORMANCE_SUPPORT_ENTRY_CHECKS_H

#include "framework/test.h"
#include "guest/aarch64/entry_state.h"

#define ENTRY_PSTATE 0x3c5 /* EL1h, D, A, I and F masked (SPSR form) */

/* EL1h in AArch64 (hvabi~guest-entry-el1h~1). */
void entry_check_el1h(struct test_context *t, const struct entry_state *s, const char *who);

/* X1 to X30, SP_EL0 and SP_EL1 are 0 (hvabi~guest-entry-registers-zero~1). */
void entry_check_registers_zero(struct test_context *t, const struct entry_state *s,
                                const char *who);

/* PSTATE is 0x3C5 (hvabi~guest-entry-pstate~1). */
void entry_check_pstate(struct test_context *t, const struct entry_state *s, const char *who);

/* SCTLR_EL1.M, C, EE and E0E are 0 (hvabi~guest-entry-sctlr~1). */
void entry_check_sctlr(struct test_context *t, const struct entry_state *s, const char *who);

/* The listed EL1 system registers are 0 (hvabi~guest-entry-sysregs-zero~1). */
void entry_check_sysregs_zero(struct test_context *t, const struct entry_state *s,
                              const char *who);

/* V0 to V31, FPCR and FPSR are 0 (hvabi~guest-entry-simd-zero~1). */
void entry_check_simd_zero(struct test_context *t, const struct entry_state *s, const char *who);

#endif /* HVABI_CONFORMANCE_SUPPORT_ENTRY_CHECKS_H */
