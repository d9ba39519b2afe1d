/*
 * fdt_reg.c - "reg" entries and integer properties (see fdt_reg.h).
 */
#include <libfdt.h>

#include "fdtutil/fdt_reg.h"

static uint64_t read_cells(const fdt32_t *cells, int count)
{
    uint64_t value = 0;

    for (int i = 0; i < count; i++) {
        value = (value << 32) | fdt32_to_cpu(cells[i]);
    }
    return value;
}

int fdt_reg_read(const void *fdt, int node, int index, uint64_t *base, uint64_t *size)
{
    int parent = fdt_parent_offset(fdt, node);
    int address_cells, size_cells, stride, len;
    const fdt32_t *cells;

    if (parent < 0) {
        return parent;
    }
    address_cells = fdt_address_cells(fdt, parent);
    size_cells = fdt_size_cells(fdt, parent);
    if (address_cells < 1 || address_cells > 2 || size_cells < 0 || size_cells > 2) {
        return -FDT_ERR_BADNCELLS;
    }
    cells = fdt_getprop(fdt, node, "reg", &len);
    if (cells == NULL) {
        return len;
    }
    stride = address_cells + size_cells;
    if (len % (stride * 4) != 0) {
        return -FDT_ERR_BADVALUE;
    }
    if (index < 0 || (index + 1) * stride * 4 > len) {
        return -FDT_ERR_NOTFOUND;
    }
    cells += index * stride;
    *base = read_cells(cells, address_cells);
    *size = read_cells(cells + address_cells, size_cells);
    return 0;
}

int fdt_read_uint(const void *fdt, int node, const char *name, int bytes, uint64_t *value)
{
    const fdt32_t *cells;
    int len;

    cells = fdt_getprop(fdt, node, name, &len);
    if (cells == NULL) {
        return len == -FDT_ERR_NOTFOUND ? -FDT_ERR_NOTFOUND : len;
    }
    if ((bytes != 4 && bytes != 8) || len != bytes) {
        return -FDT_ERR_BADVALUE;
    }
    *value = read_cells(cells, bytes / 4);
    return 0;
}
