/*
 * fdt_reg.h - read "reg" entries and integer properties with libfdt.
 *
 * libfdt returns raw big-endian cells; every component that reads a device
 * tree needs them as numbers, with the cell counts of the node's parent.
 * Used by the guest library, the reference hypervisor and the harness.
 */
#ifndef HVABI_FDTUTIL_FDT_REG_H
#define HVABI_FDTUTIL_FDT_REG_H

#include <stdint.h>

/*
 * Reads entry `index` of the "reg" property of `node`, using the parent's
 * #address-cells and #size-cells (1 or 2 address cells, 0 to 2 size cells).
 * Returns 0, -FDT_ERR_NOTFOUND when there is no such entry, or another
 * negative libfdt error when the property or the cell counts are malformed.
 */
int fdt_reg_read(const void *fdt, int node, int index, uint64_t *base, uint64_t *size);

/*
 * Reads a property that holds one 32-bit or one 64-bit big-endian integer.
 * `bytes` is 4 or 8: the property must be exactly that long.  Returns 0,
 * -FDT_ERR_NOTFOUND when absent, or -FDT_ERR_BADVALUE when its length is wrong.
 */
int fdt_read_uint(const void *fdt, int node, const char *name, int bytes, uint64_t *value);

#endif /* HVABI_FDTUTIL_FDT_REG_H */
