/*
 * stage2.h - stage-2 translation (see stage2.c).
 */
#ifndef REFHV_ARCH_AARCH64_STAGE2_H
#define REFHV_ARCH_AARCH64_STAGE2_H

#include <stdint.h>

/* The VTCR_EL2 value every domain uses. */
uint64_t stage2_vtcr(void);

#endif /* REFHV_ARCH_AARCH64_STAGE2_H */
