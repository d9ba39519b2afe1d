/*
 * guest_fdt.h - the device tree a domain boots with.
 */
#ifndef REFHV_CORE_GUEST_FDT_H
#define REFHV_CORE_GUEST_FDT_H

#include <stddef.h>

#include "core/boot_config.h"
#include "core/domain.h"

/*
 * Writes the domain's tree into `buffer`: its memory, its vCPUs, PSCI,
 * /chosen/bootargs and, for an "enhanced" domain, the /hypervisor node.
 * Returns 0 or a negative libfdt error (the buffer is too small).
 */
int guest_fdt_build(void *buffer, size_t size, const struct domain *d,
                    const struct domain_config *cfg);

#endif /* REFHV_CORE_GUEST_FDT_H */
