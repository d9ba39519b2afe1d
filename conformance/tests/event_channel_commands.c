/*
 * event_channel_commands.c - rules that hold for every event_channel_op
 * command: reserved commands, bind_pirq, the FIFO commands without the
 * feature, unreadable and unwritable arguments, and which bytes of the
 * argument the hypervisor writes.
 *
 * Specification: spec/chapters/event_channel.rst, "The hypercall".
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/evtchn.h"
#include "support/guard_pages.h"
#include "support/readonly_page.h"
#include "support/shared_info.h"
#include "tests/addresses.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

/* A domain ID that names no domain in any scenario of the suite. */
#define NO_SUCH_DOMAIN 0x1234

/* The commands with an argument structure, and its size. */
struct command {
    uint32_t cmd;
    const char *name;
    uint32_t size;
};

static const struct command core_commands[] = {
    { HVABI_EVTCHNOP_BIND_INTERDOMAIN, "bind_interdomain",
      sizeof(struct hvabi_evtchn_bind_interdomain) },
    { HVABI_EVTCHNOP_BIND_VIRQ, "bind_virq", sizeof(struct hvabi_evtchn_bind_virq) },
    { HVABI_EVTCHNOP_CLOSE, "close", sizeof(struct hvabi_evtchn_close) },
    { HVABI_EVTCHNOP_SEND, "send", sizeof(struct hvabi_evtchn_send) },
    { HVABI_EVTCHNOP_STATUS, "status", sizeof(struct hvabi_evtchn_status) },
    { HVABI_EVTCHNOP_ALLOC_UNBOUND, "alloc_unbound", sizeof(struct hvabi_evtchn_alloc_unbound) },
    { HVABI_EVTCHNOP_BIND_IPI, "bind_ipi", sizeof(struct hvabi_evtchn_bind_ipi) },
    { HVABI_EVTCHNOP_BIND_VCPU, "bind_vcpu", sizeof(struct hvabi_evtchn_bind_vcpu) },
    { HVABI_EVTCHNOP_UNMASK, "unmask", sizeof(struct hvabi_evtchn_unmask) },
    { HVABI_EVTCHNOP_RESET, "reset", sizeof(struct hvabi_evtchn_reset) },
};

static const struct command fifo_commands[] = {
    { HVABI_EVTCHNOP_INIT_CONTROL, "init_control", sizeof(struct hvabi_evtchn_init_control) },
    { HVABI_EVTCHNOP_EXPAND_ARRAY, "expand_array", sizeof(struct hvabi_evtchn_expand_array) },
    { HVABI_EVTCHNOP_SET_PRIORITY, "set_priority", sizeof(struct hvabi_evtchn_set_priority) },
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void expect_no_port_opened(struct test_context *t, uint64_t before, const char *after)
{
    uint64_t now = evtchn_open_ports_low();

    expect(t, now == before, "after %s: ports 0-63 open before 0x%llx, now 0x%llx (a failed "
           "command opened or closed a port)", after, (unsigned long long)before,
           (unsigned long long)now);
}

/* Commands no version defines: -ENOSYS and nothing else. */
static void unknown_command(struct test_context *t)
{
    static const uint32_t commands[] = { 15, 16, 0x7fff, 0x7fffffff, 0xffffffff };
    uint32_t filler[8] = { 0 };
    uint64_t before = evtchn_open_ports_low();

    for (unsigned int i = 0; i < COUNT(commands); i++) {
        int64_t rc = evtchn_op(commands[i], (uint64_t)(uintptr_t)filler);

        expect(t, rc == -HVABI_ENOSYS, "event_channel_op command %u: expected -ENOSYS (-38), "
               "got %lld", (unsigned)commands[i], (long long)rc);
    }
    expect_no_port_opened(t, before, "the reserved commands");
}

/*
 * Command 14 is Xen's continuation of an interrupted reset, which the
 * specification makes reserved.  The argument would let a reset name this
 * domain; it must not be acted on.
 */
static void reset_continuation_reserved(struct test_context *t)
{
    struct hvabi_evtchn_reset arg = { .dom = HVABI_DOMID_SELF };
    uint32_t port = evtchn_open_ipi(t, 0, "a port that a reset would close");
    int64_t rc;

    if (port == 0) {
        return;
    }
    rc = evtchn_op(14, (uint64_t)(uintptr_t)&arg);
    expect_result(t, "event_channel_op command 14 (Xen's EVTCHNOP_reset_cont)", rc,
                  -HVABI_ENOSYS);
    evtchn_expect_state(t, port, HVABI_EVTCHNSTAT_IPI, NULL);
    evtchn_close(port);
}

static void bind_pirq_not_available(struct test_context *t)
{
    /* Xen's struct evtchn_bind_pirq: pirq, flags, port (out). */
    uint32_t arg[3] = { 1, 0, 0 };
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t before = evtchn_open_ports_low();

    expect_result(t, "EVTCHNOP_bind_pirq(pirq 1)",
                  evtchn_op(HVABI_EVTCHNOP_BIND_PIRQ, (uint64_t)(uintptr_t)arg), -HVABI_ENOSYS);
    /* Without reading arg: an unreadable one makes no difference. */
    expect_result(t, "EVTCHNOP_bind_pirq with arg at an unmapped virtual address",
                  evtchn_op(HVABI_EVTCHNOP_BIND_PIRQ, unmapped_virtual_address()), -HVABI_ENOSYS);
    if (unbacked != 0) {
        expect_result(t, "EVTCHNOP_bind_pirq with arg at a guest address with no memory",
                      evtchn_op(HVABI_EVTCHNOP_BIND_PIRQ, unbacked), -HVABI_ENOSYS);
    }
    expect_no_port_opened(t, before, "EVTCHNOP_bind_pirq");
}

static void fifo_commands_without_fifo(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t before = evtchn_open_ports_low();
    uint8_t zeroes[32] = { 0 };

    if (evtchn_fifo_offered(t)) {
        test_skip(t, "FIFO layout offered (evtchn-fifo): the rule is for hypervisors without it");
        return;
    }
    for (unsigned int i = 0; i < COUNT(fifo_commands); i++) {
        const struct command *c = &fifo_commands[i];
        int64_t rc = evtchn_op(c->cmd, (uint64_t)(uintptr_t)zeroes);

        expect(t, rc == -HVABI_ENOSYS, "EVTCHNOP_%s with a zeroed argument: expected -ENOSYS, "
               "got %lld", c->name, (long long)rc);
        rc = evtchn_op(c->cmd, unmapped_virtual_address());
        expect(t, rc == -HVABI_ENOSYS, "EVTCHNOP_%s with arg at an unmapped virtual address "
               "(not read): expected -ENOSYS, got %lld", c->name, (long long)rc);
        if (unbacked != 0) {
            rc = evtchn_op(c->cmd, unbacked);
            expect(t, rc == -HVABI_ENOSYS, "EVTCHNOP_%s with arg at a guest address with no "
                   "memory (not read): expected -ENOSYS, got %lld", c->name, (long long)rc);
        }
    }
    expect_no_port_opened(t, before, "the FIFO commands");
}

/*
 * Fills `bytes` (the readable start of a structure that the hypervisor
 * cannot read whole) with values that would fail another check of the
 * command if the hypervisor acted on them: the -EFAULT must come first.
 */
static uint32_t readable_prefix(uint32_t cmd, uint32_t *words)
{
    switch (cmd) {
    case HVABI_EVTCHNOP_BIND_INTERDOMAIN: /* remote_dom names no domain */
        words[0] = NO_SUCH_DOMAIN;
        words[1] = EVTCHN_PORT_HUGE;
        return 8;
    case HVABI_EVTCHNOP_BIND_VIRQ: /* virq out of range */
        words[0] = 100;
        words[1] = 0;
        return 8;
    case HVABI_EVTCHNOP_STATUS: /* dom names no domain, port out of range */
        words[0] = NO_SUCH_DOMAIN;
        words[1] = EVTCHN_PORT_HUGE;
        words[2] = 0;
        words[3] = 0;
        return 16;
    case HVABI_EVTCHNOP_ALLOC_UNBOUND: /* dom names no domain */
        words[0] = NO_SUCH_DOMAIN | ((uint32_t)HVABI_DOMID_SELF << 16);
        return 4;
    case HVABI_EVTCHNOP_BIND_IPI: /* no such vCPU */
        words[0] = 0xffff;
        return 4;
    case HVABI_EVTCHNOP_BIND_VCPU: /* port out of range */
        words[0] = EVTCHN_PORT_HUGE;
        return 4;
    case HVABI_EVTCHNOP_INIT_CONTROL: /* offset not aligned, no such vCPU */
        words[0] = 0;
        words[1] = 0;
        words[2] = 3;
        words[3] = 0xffff;
        return 16;
    case HVABI_EVTCHNOP_SET_PRIORITY: /* port out of range */
        words[0] = EVTCHN_PORT_HUGE;
        return 4;
    default: /* 4-byte and 8-byte aligned structures of one word: cannot straddle */
        return 0;
    }
}

static void check_unreadable(struct test_context *t, const struct command *c, uint64_t boundary,
                             uint64_t unbacked)
{
    int64_t rc = evtchn_op(c->cmd, unmapped_virtual_address());

    expect(t, rc == -HVABI_EFAULT, "EVTCHNOP_%s with arg at a virtual address outside the "
           "translation regime: expected -EFAULT, got %lld", c->name, (long long)rc);
    rc = evtchn_op(c->cmd, boundary);
    expect(t, rc == -HVABI_EFAULT, "EVTCHNOP_%s with arg at a virtual address with no stage 1 "
           "mapping: expected -EFAULT, got %lld", c->name, (long long)rc);
    if (unbacked != 0) {
        rc = evtchn_op(c->cmd, unbacked);
        expect(t, rc == -HVABI_EFAULT, "EVTCHNOP_%s with arg at a guest address with no "
               "memory: expected -EFAULT, got %lld", c->name, (long long)rc);
    }
}

static void check_straddling(struct test_context *t, const struct command *c, uint64_t boundary)
{
    uint32_t words[4];
    uint32_t readable = readable_prefix(c->cmd, words);
    int64_t rc;

    if (readable == 0) {
        return;
    }
    memcpy((void *)(uintptr_t)(boundary - readable), words, readable);
    rc = evtchn_op(c->cmd, boundary - readable);
    expect(t, rc == -HVABI_EFAULT, "EVTCHNOP_%s with the first %u of its %u bytes readable "
           "(and failing another check), the rest not mapped: expected -EFAULT, got %lld",
           c->name, (unsigned)readable, (unsigned)c->size, (long long)rc);
}

static void unreadable_argument(struct test_context *t)
{
    uint64_t boundary = guard_unmapped_boundary(t);
    uint64_t unbacked = unbacked_guest_address(t->platform);
    uint64_t before = evtchn_open_ports_low();

    if (boundary == 0) {
        return;
    }
    for (unsigned int i = 0; i < COUNT(core_commands); i++) {
        check_unreadable(t, &core_commands[i], boundary, unbacked);
        check_straddling(t, &core_commands[i], boundary);
    }
    if (evtchn_fifo_offered(t)) {
        for (unsigned int i = 0; i < COUNT(fifo_commands); i++) {
            check_unreadable(t, &fifo_commands[i], boundary, unbacked);
            check_straddling(t, &fifo_commands[i], boundary);
        }
    } else {
        test_note(t, "no FIFO layout: its commands are checked by "
                  "evtchn_fifo_commands_without_fifo");
    }
    expect_no_port_opened(t, before, "the unreadable arguments");
}

/*
 * Issues `cmd` with `arg` copied into a page that EL1 may read but not
 * write.  Returns the result, or 1 when the page could not be made.
 */
static int64_t op_on_readonly_copy(struct test_context *t, uint32_t cmd, const void *arg,
                                   uint32_t size)
{
    uint64_t page = readonly_page_map(t, arg, size);
    int64_t rc;

    if (page == 0) {
        return 1;
    }
    rc = evtchn_op(cmd, page);
    readonly_page_unmap(page);
    return rc;
}

/*
 * Each command that writes a result, with a structure EL1 may read but not
 * write.  The command may have taken effect (the specification allows it),
 * so each step cleans up after itself.
 */
static void unwritable_result(struct test_context *t)
{
    struct hvabi_evtchn_alloc_unbound alloc = { .dom = HVABI_DOMID_SELF,
                                                .remote_dom = HVABI_DOMID_SELF };
    struct hvabi_evtchn_bind_ipi ipi = { .vcpu = 0 };
    struct hvabi_evtchn_bind_virq virq = { .virq = HVABI_VIRQ_ARCH_0, .vcpu = 0 };
    struct hvabi_evtchn_bind_interdomain bind = { .remote_dom = HVABI_DOMID_SELF };
    struct hvabi_evtchn_status status;

    expect_result(t, "EVTCHNOP_alloc_unbound with a read-only argument",
                  op_on_readonly_copy(t, HVABI_EVTCHNOP_ALLOC_UNBOUND, &alloc, sizeof(alloc)),
                  -HVABI_EFAULT);
    evtchn_close_range(1, 63);
    expect_result(t, "EVTCHNOP_bind_ipi with a read-only argument",
                  op_on_readonly_copy(t, HVABI_EVTCHNOP_BIND_IPI, &ipi, sizeof(ipi)),
                  -HVABI_EFAULT);
    evtchn_close_range(1, 63);
    expect_result(t, "EVTCHNOP_bind_virq with a read-only argument",
                  op_on_readonly_copy(t, HVABI_EVTCHNOP_BIND_VIRQ, &virq, sizeof(virq)),
                  -HVABI_EFAULT);
    evtchn_close_range(1, 63);
    bind.remote_port = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port to bind to");
    if (bind.remote_port != 0) {
        expect_result(t, "EVTCHNOP_bind_interdomain with a read-only argument",
                      op_on_readonly_copy(t, HVABI_EVTCHNOP_BIND_INTERDOMAIN, &bind,
                                          sizeof(bind)),
                      -HVABI_EFAULT);
    }
    evtchn_close_range(1, 63);
    memset(&status, 0, sizeof(status));
    status.dom = HVABI_DOMID_SELF;
    status.port = 0;
    expect_result(t, "EVTCHNOP_status with a read-only argument",
                  op_on_readonly_copy(t, HVABI_EVTCHNOP_STATUS, &status, sizeof(status)),
                  -HVABI_EFAULT);
}

/* Checks that `size` bytes at `got` equal `want`, except the bytes of
 * [out_offset, out_offset + out_size). */
static void expect_unchanged(struct test_context *t, const char *what, const void *got,
                             const void *want, uint32_t size, uint32_t out_offset,
                             uint32_t out_size)
{
    const uint8_t *g = got;
    const uint8_t *w = want;

    for (uint32_t i = 0; i < size; i++) {
        if (i >= out_offset && i < out_offset + out_size) {
            continue;
        }
        if (!expect(t, g[i] == w[i], "%s: byte %u of the argument changed from 0x%02x to "
                    "0x%02x, which is not an out field", what, (unsigned)i, (unsigned)w[i],
                    (unsigned)g[i])) {
            return;
        }
    }
}

#define PATTERN 0xa5

static void result_fields_of_opening_commands(struct test_context *t)
{
    {
        struct hvabi_evtchn_alloc_unbound arg, before;

        memset(&arg, PATTERN, sizeof(arg));
        arg.dom = HVABI_DOMID_SELF;
        arg.remote_dom = HVABI_DOMID_SELF; /* recorded as the caller's ID, not written back */
        before = arg;
        expect_result(t, "EVTCHNOP_alloc_unbound", evtchn_op(HVABI_EVTCHNOP_ALLOC_UNBOUND,
                      (uint64_t)(uintptr_t)&arg), 0);
        expect_unchanged(t, "EVTCHNOP_alloc_unbound (success)", &arg, &before, sizeof(arg),
                         4, 4);
        arg = before;
        arg.dom = NO_SUCH_DOMAIN;
        before = arg;
        evtchn_op(HVABI_EVTCHNOP_ALLOC_UNBOUND, (uint64_t)(uintptr_t)&arg);
        expect_unchanged(t, "EVTCHNOP_alloc_unbound (failure)", &arg, &before, sizeof(arg), 0, 0);
    }
    {
        struct hvabi_evtchn_bind_interdomain arg, before;
        uint32_t unbound = evtchn_open_unbound(t, HVABI_DOMID_SELF, "the port to bind to");

        memset(&arg, PATTERN, sizeof(arg)); /* bytes 2 and 3 are padding */
        arg.remote_dom = HVABI_DOMID_SELF;
        arg.remote_port = unbound;
        before = arg;
        expect_result(t, "EVTCHNOP_bind_interdomain", evtchn_op(
                      HVABI_EVTCHNOP_BIND_INTERDOMAIN, (uint64_t)(uintptr_t)&arg), 0);
        expect_unchanged(t, "EVTCHNOP_bind_interdomain (success)", &arg, &before, sizeof(arg),
                         8, 4);
        arg = before; /* the port is no longer unbound: -EINVAL */
        evtchn_op(HVABI_EVTCHNOP_BIND_INTERDOMAIN, (uint64_t)(uintptr_t)&arg);
        expect_unchanged(t, "EVTCHNOP_bind_interdomain (failure)", &arg, &before, sizeof(arg),
                         0, 0);
    }
    {
        struct hvabi_evtchn_bind_virq arg, before;

        memset(&arg, PATTERN, sizeof(arg));
        arg.virq = HVABI_VIRQ_ARCH_3;
        arg.vcpu = 0;
        before = arg;
        expect_result(t, "EVTCHNOP_bind_virq", evtchn_op(HVABI_EVTCHNOP_BIND_VIRQ,
                      (uint64_t)(uintptr_t)&arg), 0);
        expect_unchanged(t, "EVTCHNOP_bind_virq (success)", &arg, &before, sizeof(arg), 8, 4);
        arg = before; /* bound already: -EEXIST */
        evtchn_op(HVABI_EVTCHNOP_BIND_VIRQ, (uint64_t)(uintptr_t)&arg);
        expect_unchanged(t, "EVTCHNOP_bind_virq (failure)", &arg, &before, sizeof(arg), 0, 0);
    }
    {
        struct hvabi_evtchn_bind_ipi arg, before;

        memset(&arg, PATTERN, sizeof(arg));
        arg.vcpu = 0;
        before = arg;
        expect_result(t, "EVTCHNOP_bind_ipi", evtchn_op(HVABI_EVTCHNOP_BIND_IPI,
                      (uint64_t)(uintptr_t)&arg), 0);
        expect_unchanged(t, "EVTCHNOP_bind_ipi (success)", &arg, &before, sizeof(arg), 4, 4);
        arg = before;
        arg.vcpu = 0xffff; /* no such vCPU: -ENOENT */
        before = arg;
        evtchn_op(HVABI_EVTCHNOP_BIND_IPI, (uint64_t)(uintptr_t)&arg);
        expect_unchanged(t, "EVTCHNOP_bind_ipi (failure)", &arg, &before, sizeof(arg), 0, 0);
    }
    evtchn_close_range(1, 63);
}

static void result_fields_of_other_commands(struct test_context *t)
{
    uint32_t port = evtchn_open_ipi(t, 0, "a port for the commands");
    struct hvabi_evtchn_status status, status_before;
    struct hvabi_evtchn_bind_vcpu bind_vcpu, bind_vcpu_before;
    uint32_t word, word_before;
    struct hvabi_evtchn_reset reset, reset_before;

    if (port == 0) {
        return;
    }
    memset(&status, PATTERN, sizeof(status)); /* bytes 2 and 3 are padding */
    status.dom = HVABI_DOMID_SELF;
    status.port = port;
    status_before = status;
    expect_result(t, "EVTCHNOP_status", evtchn_op(HVABI_EVTCHNOP_STATUS,
                  (uint64_t)(uintptr_t)&status), 0);
    expect_unchanged(t, "EVTCHNOP_status (success)", &status, &status_before, sizeof(status), 8,
                     16);
    status = status_before;
    status.port = EVTCHN_PORT_HUGE;
    status_before = status;
    evtchn_op(HVABI_EVTCHNOP_STATUS, (uint64_t)(uintptr_t)&status);
    expect_unchanged(t, "EVTCHNOP_status (failure)", &status, &status_before, sizeof(status), 0,
                     0);

    /* No out fields at all: nothing may change, whatever the result. */
    bind_vcpu = (struct hvabi_evtchn_bind_vcpu){ .port = port, .vcpu = 0 };
    bind_vcpu_before = bind_vcpu;
    evtchn_op(HVABI_EVTCHNOP_BIND_VCPU, (uint64_t)(uintptr_t)&bind_vcpu);
    expect_unchanged(t, "EVTCHNOP_bind_vcpu", &bind_vcpu, &bind_vcpu_before, sizeof(bind_vcpu),
                     0, 0);
    word = port;
    word_before = word;
    evtchn_op(HVABI_EVTCHNOP_SEND, (uint64_t)(uintptr_t)&word);
    expect_unchanged(t, "EVTCHNOP_send", &word, &word_before, sizeof(word), 0, 0);
    evtchn_op(HVABI_EVTCHNOP_UNMASK, (uint64_t)(uintptr_t)&word);
    expect_unchanged(t, "EVTCHNOP_unmask", &word, &word_before, sizeof(word), 0, 0);
    evtchn_op(HVABI_EVTCHNOP_CLOSE, (uint64_t)(uintptr_t)&word);
    expect_unchanged(t, "EVTCHNOP_close (success)", &word, &word_before, sizeof(word), 0, 0);
    evtchn_op(HVABI_EVTCHNOP_CLOSE, (uint64_t)(uintptr_t)&word);
    expect_unchanged(t, "EVTCHNOP_close (failure)", &word, &word_before, sizeof(word), 0, 0);
    reset.dom = NO_SUCH_DOMAIN;
    reset_before = reset;
    evtchn_op(HVABI_EVTCHNOP_RESET, (uint64_t)(uintptr_t)&reset);
    expect_unchanged(t, "EVTCHNOP_reset (failure)", &reset, &reset_before, sizeof(reset), 0, 0);
}

static void result_fields(struct test_context *t)
{
    result_fields_of_opening_commands(t);
    result_fields_of_other_commands(t);
    evtchn_close_range(1, 63);
}

const struct conformance_test event_channel_command_tests[] = {
    {
        .name = "evtchn_unknown_command",
        .verifies = "hvabi~evtchn-unknown-command~1",
        .run = unknown_command,
    },
    {
        .name = "evtchn_reset_continuation_reserved",
        .verifies = "hvabi~evtchn-unknown-command~1",
        .run = reset_continuation_reserved,
    },
    {
        .name = "evtchn_bind_pirq_not_available",
        .verifies = "hvabi~evtchn-bind-pirq~1",
        .run = bind_pirq_not_available,
    },
    {
        .name = "evtchn_fifo_commands_without_fifo",
        .verifies = "hvabi~evtchn-fifo-absent~1",
        .run = fifo_commands_without_fifo,
    },
    {
        .name = "evtchn_unreadable_argument",
        .verifies = "hvabi~evtchn-fault-read~1",
        .run = unreadable_argument,
    },
    {
        .name = "evtchn_unwritable_result",
        .verifies = "hvabi~evtchn-fault-write~1",
        .run = unwritable_result,
    },
    {
        .name = "evtchn_result_fields",
        .verifies = "hvabi~evtchn-result-fields~1",
        .run = result_fields,
    },
    { .name = NULL },
};
