/*
 * guest_fdt.h - the device tree a domain boots with.
 */
#ifndef REFHV_CORE_GUEST_FDT_H
#define REFHV_CORE_GUEST_FDT_H

#include <stddef.h>

#include "core/boot_config.h"
#include "core/domain.h"

/* Where the boot images other than the kernel are in the domain's memory. */
struct guest_boot_images {
    uint64_t ramdisk_ipa;  /* 0: no ramdisk */
    uint64_t ramdisk_size;
};

/*
 * Writes the domain's tree into `buffer` (spec/chapters/hypervisor_node.rst):
 * its memory, vCPUs, PSCI, GIC, timer, /chosen (bootargs, initrd) and, for a
 * domain with xen,enhanced = "no-xenstore", the /hypervisor node.  Returns 0
 * or a negative libfdt error (the buffer is too small).
 */
int guest_fdt_build(void *buffer, size_t size, const struct domain *d,
                    const struct domain_config *cfg, const struct guest_boot_images *images);

#endif /* REFHV_CORE_GUEST_FDT_H */
