/*
 * system_tree.h - a valid system device tree, built with libfdt, for the
 * boot configuration tests; each test changes what it is about.
 *
 *   / (#address-cells = #size-cells = 2)
 *     memory@40000000   RAM, 1 GiB at 1 GiB
 *     cpus              cpu@0 (reg 0), cpu@1 (reg 1)
 *     intc@8000000      "arm,gic-v3": distributor and one redistributor region
 *     psci              "arm,psci-1.0", method "smc"
 *     pl011@9000000     "arm,pl011"
 *     chosen            stdout-path "/pl011@9000000"
 *       domU1           "xen,domain", memory <0 65536> (64 MiB), cpus <1>
 *         module@49000000   "multiboot,kernel", "multiboot,module",
 *                           64 KiB at 0x49000000, bootargs "hvabi.role=main"
 *
 * Nodes and properties a test adds with libfdt come before their siblings:
 * fdt_add_subnode() and fdt_setprop() insert, they do not append.
 *
 * Include it after <cmocka.h>.
 */
#ifndef REFHV_TESTS_SYSTEM_TREE_H
#define REFHV_TESTS_SYSTEM_TREE_H

#include <stdint.h>

/* The size of the buffer of a tree, which is also its fdt_totalsize(). */
#define SYSTEM_TREE_SIZE 16384

#define SYSTEM_TREE_RAM_BASE      0x40000000ULL
#define SYSTEM_TREE_RAM_SIZE      0x40000000ULL
#define SYSTEM_TREE_GICD_BASE     0x08000000ULL
#define SYSTEM_TREE_GICD_SIZE     0x00010000ULL
#define SYSTEM_TREE_GICR_BASE     0x080a0000ULL
#define SYSTEM_TREE_GICR_SIZE     0x00f60000ULL
#define SYSTEM_TREE_UART_BASE     0x09000000ULL
#define SYSTEM_TREE_KERNEL_BASE   0x49000000ULL
#define SYSTEM_TREE_KERNEL_SIZE   0x00010000ULL
#define SYSTEM_TREE_DOMAIN_KIB    65536ULL
#define SYSTEM_TREE_BOOTARGS      "hvabi.role=main"

/* Builds the tree above into `tree`, a buffer of SYSTEM_TREE_SIZE bytes. */
void system_tree_build(void *tree);

/*
 * Adds /chosen/<name>, a domain like domU1 with its kernel at `kernel_base`.
 * libfdt adds a node as the first child of its parent, so the new domain
 * comes before the others in the tree (and gets the lower domain ID).
 */
void system_tree_add_domain(void *tree, const char *name, uint64_t kernel_base);

/* The offset of the node at `path`; fails the test if there is none. */
int system_tree_node(const void *tree, const char *path);

/* Sets a property to one 64-bit cell pair <hi lo>, or a "reg" of one <base size> entry. */
void system_tree_set_u64(void *tree, const char *path, const char *name, uint64_t value);
void system_tree_set_reg(void *tree, const char *path, uint64_t base, uint64_t size);

#endif /* REFHV_TESTS_SYSTEM_TREE_H */
