/*
 * console_io.c - the console_io hypercall: a domain writes to the system
 * console.
 *
 * Specification: spec/chapters/console_io.rst.  Output is collected per
 * domain and printed a line at a time with the domain's prefix, so lines
 * of different domains never interleave.  Only printable ASCII and tab are
 * kept: a guest must not be able to send control sequences to whoever reads
 * the console.
 */
#include "core/console.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"

#include <hvabi/console_io.h>
#include <hvabi/errno.h>

#define COPY_CHUNK 128

static void flush_line(struct domain *d)
{
    console_domain_line(d->id, d->console_line, d->console_length);
    d->console_length = 0;
}

/*
 * A full line is output only when one more character arrives for it
 * (hvabi~console-io-output-held-back~1): a line of exactly the buffer's
 * length whose newline comes next is then one line, not that line and an
 * empty one.
 */
static void put_char(struct domain *d, char c)
{
    if (c == '\n') {
        flush_line(d);
        return;
    }
    if ((c < 0x20 || c > 0x7e) && c != '\t') {
        return;
    }
    if (d->console_length == sizeof(d->console_line)) {
        flush_line(d);
    }
    d->console_line[d->console_length++] = c;
}

static int64_t console_write(struct vcpu *v, uint32_t count, uint64_t buffer)
{
    struct domain *d = v->domain;
    char chunk[COPY_CHUNK];
    uint64_t done = 0;

    while (done < count) {
        uint64_t n = count - done < COPY_CHUNK ? count - done : COPY_CHUNK;

        if (guest_copy_from(v, chunk, buffer + done, n) != 0) {
            return -HVABI_EFAULT;
        }
        spin_lock(&d->lock);
        for (uint64_t i = 0; i < n; i++) {
            put_char(d, chunk[i]);
        }
        spin_unlock(&d->lock);
        done += n;
    }
    return 0;
}

int64_t do_console_io(struct vcpu *v, uint32_t cmd, uint32_t count, uint64_t buffer)
{
    switch (cmd) {
    case HVABI_CONSOLEIO_WRITE:
        return console_write(v, count, buffer);
    default:
        return -HVABI_ENOSYS;
    }
}
