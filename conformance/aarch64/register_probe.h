/*
 * register_probe.h - see register_probe.S.
 */
#ifndef HVABI_CONFORMANCE_AARCH64_REGISTER_PROBE_H
#define HVABI_CONFORMANCE_AARCH64_REGISTER_PROBE_H

#define REGISTER_PROBE_WORDS 34 /* x0..x30, SP after, SP before, padding */
#define REGISTER_PROBE_SP_AFTER 31
#define REGISTER_PROBE_SP_BEFORE 32
#define REGISTER_PROBE_PATTERN 0xa5a5000000000000ULL

#ifndef __ASSEMBLER__
#include <stdint.h>

void register_probe(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS]);
void smccc_probe_hvc(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS]);
void smccc_probe_smc(const uint64_t in[6], uint64_t out[REGISTER_PROBE_WORDS]);

/* The address of register_probe's HVC #0xEA1 instruction. */
extern const char register_probe_call[];
#endif

#endif /* HVABI_CONFORMANCE_AARCH64_REGISTER_PROBE_H */
