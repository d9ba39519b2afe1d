/*
 * domain_build.h - turn a domain's configuration into a domain ready to run.
 */
#ifndef REFHV_CORE_DOMAIN_BUILD_H
#define REFHV_CORE_DOMAIN_BUILD_H

#include "core/boot_config.h"
#include "core/domain.h"
#include "core/memory.h"

/*
 * Allocates and clears the domain's RAM, maps it at GUEST_RAM_BASE, loads
 * the kernel (an arm64 Image) and the domain's device tree, and prepares
 * vCPU 0 to enter the kernel.  Returns the domain, or NULL after reporting
 * why it cannot be built.
 */
struct domain *domain_build(const struct domain_config *cfg, struct memory_pool *pool);

#endif /* REFHV_CORE_DOMAIN_BUILD_H */
