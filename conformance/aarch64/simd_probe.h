/*
 * simd_probe.h - see simd_probe.S.
 */
#ifndef HVABI_CONFORMANCE_AARCH64_SIMD_PROBE_H
#define HVABI_CONFORMANCE_AARCH64_SIMD_PROBE_H

#define SIMD_PROBE_WORDS 66 /* V0..V31 (two words each), FPCR, FPSR */
#define SIMD_PROBE_FPCR 64
#define SIMD_PROBE_FPSR 65

#ifndef __ASSEMBLER__
#include <stdint.h>

void simd_probe(const uint64_t in[SIMD_PROBE_WORDS], uint64_t out[SIMD_PROBE_WORDS]);

/* Fills V0..V31 with `pattern` and sets bits of FPCR and FPSR (callee-saved
 * SIMD registers are not restored: for a vCPU that powers off afterwards). */
void simd_fill(uint64_t pattern);
#endif

#endif /* HVABI_CONFORMANCE_AARCH64_SIMD_PROBE_H */
