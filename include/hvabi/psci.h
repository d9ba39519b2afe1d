/*
 * hvabi/psci.h - the PSCI and SMCCC values guests use.
 *
 * Specification: spec/chapters/psci.rst.  The numbers are Arm's (PSCI,
 * DEN 0022; SMCCC, DEN 0028).
 */
#ifndef HVABI_PSCI_H
#define HVABI_PSCI_H

/* Function IDs, in W0 of HVC #0. */
#define HVABI_PSCI_VERSION              0x84000000
#define HVABI_PSCI_CPU_SUSPEND_32       0x84000001
#define HVABI_PSCI_CPU_SUSPEND_64       0xC4000001
#define HVABI_PSCI_CPU_OFF              0x84000002
#define HVABI_PSCI_CPU_ON_32            0x84000003
#define HVABI_PSCI_CPU_ON_64            0xC4000003
#define HVABI_PSCI_AFFINITY_INFO_32     0x84000004
#define HVABI_PSCI_AFFINITY_INFO_64     0xC4000004
#define HVABI_PSCI_MIGRATE_INFO_TYPE    0x84000006
#define HVABI_PSCI_SYSTEM_OFF           0x84000008
#define HVABI_PSCI_SYSTEM_RESET         0x84000009
#define HVABI_PSCI_FEATURES             0x8400000A
#define HVABI_SMCCC_VERSION             0x80000000
#define HVABI_SMCCC_ARCH_FEATURES       0x80000001

/* Return values, in W0 as a signed 32-bit value. */
#define HVABI_PSCI_SUCCESS              0
#define HVABI_PSCI_NOT_SUPPORTED        (-1)
#define HVABI_PSCI_INVALID_PARAMETERS   (-2)
#define HVABI_PSCI_DENIED               (-3)
#define HVABI_PSCI_ALREADY_ON           (-4)
#define HVABI_PSCI_INVALID_ADDRESS      (-9)

/* Results of AFFINITY_INFO, MIGRATE_INFO_TYPE and the version calls. */
#define HVABI_PSCI_AFFINITY_ON          0
#define HVABI_PSCI_AFFINITY_OFF         1
#define HVABI_PSCI_MIGRATE_NOT_REQUIRED 2
#define HVABI_PSCI_VERSION_1_1          0x00010001
#define HVABI_SMCCC_VERSION_1_1         0x00010001

#endif /* HVABI_PSCI_H */
