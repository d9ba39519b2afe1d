/*
 * addresses.c - bad pointers for tests (see addresses.h).
 */
#include <libfdt.h>
#include <stdbool.h>
#include <string.h>

#include "guest/platform.h"
#include "runtime/aarch64/identity_map.h"
#include "tests/addresses.h"

/* Candidates near the top of the mapped space, where guests seldom have RAM. */
static const uint64_t candidates[] = {
    0x7ffffff000ULL, 0x7f00000000ULL, 0x6000000000ULL, 0x4000000000ULL,
};

static bool inside(uint64_t address, uint64_t base, uint64_t size)
{
    return address >= base && address - base < size;
}

/*
 * Is `address` within a "reg" range of a node at the root of the tree?  That
 * covers /memory and the devices.  The /hypervisor node's regions after the
 * first are "extended regions": address space the binding declares unused,
 * so they do not count.
 */
static bool in_use(const void *fdt, uint64_t address)
{
    int address_cells = fdt_address_cells(fdt, 0);
    int size_cells = fdt_size_cells(fdt, 0);
    int stride = address_cells + size_cells;
    int node;

    fdt_for_each_subnode(node, fdt, 0) {
        const char *name = fdt_get_name(fdt, node, NULL);
        bool hypervisor = name != NULL && strcmp(name, "hypervisor") == 0;
        const fdt32_t *cells = NULL;
        int len = 0;

        cells = fdt_getprop(fdt, node, "reg", &len);
        for (int i = 0; cells != NULL && stride > 0 && (i + 1) * stride * 4 <= len; i++) {
            uint64_t base = 0, size = 0;

            if (hypervisor && i > 0) {
                break;
            }
            for (int c = 0; c < address_cells; c++) {
                base = (base << 32) | fdt32_to_cpu(cells[i * stride + c]);
            }
            for (int c = 0; c < size_cells; c++) {
                size = (size << 32) | fdt32_to_cpu(cells[i * stride + address_cells + c]);
            }
            if (inside(address, base, size)) {
                return true;
            }
        }
    }
    return false;
}

uint64_t unbacked_guest_address(const struct guest_platform *platform)
{
    for (unsigned int i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
        if (!in_use(platform->fdt, candidates[i])) {
            return candidates[i];
        }
    }
    return 0;
}

uint64_t unmapped_virtual_address(void)
{
    return 1ULL << IDMAP_ADDRESS_BITS;
}
