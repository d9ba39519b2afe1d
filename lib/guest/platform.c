/*
 * platform.c - device-tree discovery with libfdt (see platform.h).
 */
#include <libfdt.h>
#include <string.h>

#include "fdtutil/fdt_reg.h"
#include "guest/platform.h"

static void discover_hypervisor(const void *fdt, struct guest_platform *p)
{
    int node = fdt_path_offset(fdt, "/hypervisor");
    const fdt32_t *cells;
    int len;

    if (node < 0 || fdt_node_check_compatible(fdt, node, "xen,xen") != 0) {
        return;
    }
    p->has_hypervisor = true;
    if (fdt_reg_read(fdt, node, 0, &p->grant_window_base, &p->grant_window_size) != 0) {
        p->grant_window_base = 0;
        p->grant_window_size = 0;
    }
    p->event_intid = 0;
    cells = fdt_getprop(fdt, node, "interrupts", &len);
    /* GIC binding: <type number flags>, type 1 = PPI, whose INTID is 16 + number. */
    if (cells != NULL && len == 3 * (int)sizeof(fdt32_t) && fdt32_to_cpu(cells[0]) == 1 &&
        fdt32_to_cpu(cells[1]) < 16) {
        p->event_intid = 16 + fdt32_to_cpu(cells[1]);
    }
}

static void discover_uart(const void *fdt, struct guest_platform *p)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *path, *colon;
    int len, node;
    uint64_t size;

    if (chosen < 0) {
        return;
    }
    path = fdt_getprop(fdt, chosen, "stdout-path", &len);
    if (path == NULL || len < 1) {
        return;
    }
    /* "stdout-path" may carry options after a colon: "/pl011@9000000:115200". */
    colon = memchr(path, ':', (size_t)len);
    len = colon != NULL ? (int)(colon - path) : (int)strnlen(path, (size_t)len);
    if (path[0] != '/') {
        path = fdt_get_alias_namelen(fdt, path, len); /* "serial0" names an alias */
        if (path == NULL) {
            return;
        }
        len = (int)strlen(path);
    }
    node = fdt_path_offset_namelen(fdt, path, len);
    if (node < 0) {
        return;
    }
    if (fdt_node_check_compatible(fdt, node, "arm,pl011") != 0 &&
        fdt_node_check_compatible(fdt, node, "arm,sbsa-uart") != 0) {
        return;
    }
    if (fdt_reg_read(fdt, node, 0, &p->uart_base, &size) != 0) {
        p->uart_base = 0;
    }
}

static void discover_bootargs(const void *fdt, struct guest_platform *p)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *args;
    int len;

    p->bootargs[0] = '\0';
    if (chosen < 0) {
        return;
    }
    args = fdt_getprop(fdt, chosen, "bootargs", &len);
    if (args == NULL || len < 1) {
        return;
    }
    len = (int)strnlen(args, (size_t)len);
    if (len >= PLATFORM_BOOTARGS_MAX) {
        len = PLATFORM_BOOTARGS_MAX - 1;
    }
    memcpy(p->bootargs, args, (size_t)len);
    p->bootargs[len] = '\0';
}

int platform_discover(const void *fdt, struct guest_platform *p)
{
    int err;

    memset(p, 0, sizeof(*p));
    p->fdt = fdt;
    err = fdt_check_header(fdt);
    if (err != 0) {
        return err;
    }
    discover_hypervisor(fdt, p);
    discover_uart(fdt, p);
    discover_bootargs(fdt, p);
    return 0;
}

bool platform_bootarg(const struct guest_platform *p, const char *key, char *value,
                      unsigned int size)
{
    size_t key_len = strlen(key);
    const char *word = p->bootargs;

    while (*word != '\0') {
        const char *end = strchr(word, ' ');
        size_t word_len = end != NULL ? (size_t)(end - word) : strlen(word);

        if (word_len > key_len && strncmp(word, key, key_len) == 0 && word[key_len] == '=') {
            size_t n = word_len - key_len - 1;

            if (size == 0) {
                return true;
            }
            if (n >= size) {
                n = size - 1;
            }
            memcpy(value, word + key_len + 1, n);
            value[n] = '\0';
            return true;
        }
        word += word_len;
        while (*word == ' ') {
            word++;
        }
    }
    return false;
}
