/*
 * domain_config.h - read and check the domain nodes of the system tree.
 *
 * Specification: spec/chapters/domain_binding.rst.  Every rule of that
 * chapter is checked here, before any domain is built; each violation is
 * reported with the full path of the node and the name of the property.
 */
#ifndef REFHV_CORE_DOMAIN_CONFIG_H
#define REFHV_CORE_DOMAIN_CONFIG_H

#include "core/boot_config.h"

/*
 * Fills cfg->domains and cfg->static_evtchns from the /chosen nodes with
 * compatible "xen,domain".  Returns the number of problems reported.
 */
unsigned int domain_config_read(struct boot_config *cfg);

#endif /* REFHV_CORE_DOMAIN_CONFIG_H */
