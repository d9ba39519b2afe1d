/*
 * hvm_op.c - the hvm_op hypercall: the parameters of a domain.
 *
 * Specification: spec/chapters/hvm_op.rst.  The tests of the main role act
 * on the calling domain itself; those that name another domain run in the
 * control scenario (conformance/scenarios/control.conf), in the domain that
 * is not a control domain (hvm_op_other_domain_tests) and in the control
 * domain (hvm_op_control_tests).  The harness builds every domain without
 * Xenstore (xen,enhanced = "no-xenstore").
 */
#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/domains.h"
#include "support/readonly_page.h"
#include "tests/addresses.h"

#include <hvabi/arch/aarch64/hypercall.h>
#include <hvabi/errno.h>
#include <hvabi/hvm_op.h>
#include <hvabi/hypercall.h>
#include <hvabi/types.h>

/* The five parameters a domain reads of itself, and all six. */
static const uint32_t readable[] = {
    HVABI_HVM_PARAM_CALLBACK_IRQ, HVABI_HVM_PARAM_STORE_PFN,   HVABI_HVM_PARAM_STORE_EVTCHN,
    HVABI_HVM_PARAM_CONSOLE_PFN,  HVABI_HVM_PARAM_CONSOLE_EVTCHN,
};
static const uint32_t specified[] = {
    HVABI_HVM_PARAM_CALLBACK_IRQ, HVABI_HVM_PARAM_STORE_PFN,      HVABI_HVM_PARAM_STORE_EVTCHN,
    HVABI_HVM_PARAM_CONSOLE_PFN,  HVABI_HVM_PARAM_CONSOLE_EVTCHN, HVABI_HVM_PARAM_MONITOR_RING_PFN,
};

/* Indexes that are not specified parameters: Xen's x86 ones, the limit
 * and beyond. */
static const uint32_t unknown[] = { 3, 16, 19, 27, 29, 38, HVABI_HVM_NR_PARAMS, 1000,
                                    0xffffffffU };

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static int64_t hvm_op(uint64_t op, const void *arg)
{
    return hvabi_hypercall2(HVABI_HYPERCALL_HVM_OP, op, (uint64_t)(uintptr_t)arg);
}

static int64_t get_param(uint16_t domid, uint32_t index, uint64_t *value)
{
    struct hvabi_hvm_param param;
    int64_t result;

    memset(&param, 0, sizeof(param));
    param.domid = domid;
    param.index = index;
    result = hvm_op(HVABI_HVMOP_GET_PARAM, &param);
    *value = param.value;
    return result;
}

static int64_t set_param(uint16_t domid, uint32_t index, uint64_t value)
{
    struct hvabi_hvm_param param;

    memset(&param, 0, sizeof(param));
    param.domid = domid;
    param.index = index;
    param.value = value;
    return hvm_op(HVABI_HVMOP_SET_PARAM, &param);
}

static void param_unreadable_argument(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform);

    for (uint64_t op = HVABI_HVMOP_SET_PARAM; op <= HVABI_HVMOP_GET_PARAM; op++) {
        expect(t, hvabi_hypercall2(HVABI_HYPERCALL_HVM_OP, op, unmapped_virtual_address()) ==
                      -HVABI_EFAULT,
               "hvm_op %llu with arg at an unmapped virtual address: expected %d",
               (unsigned long long)op, -HVABI_EFAULT);
        if (unbacked != 0) {
            expect(t, hvabi_hypercall2(HVABI_HYPERCALL_HVM_OP, op, unbacked) == -HVABI_EFAULT,
                   "hvm_op %llu with arg at a guest address without memory: expected %d",
                   (unsigned long long)op, -HVABI_EFAULT);
        }
    }
}

static void param_any_alignment(struct test_context *t)
{
    /* The structure at every offset from 0 to 7 of a buffer. */
    uint8_t buffer[sizeof(struct hvabi_hvm_param) + 8] __attribute__((aligned(8)));

    for (unsigned int offset = 0; offset < 8; offset++) {
        struct hvabi_hvm_param param;
        uint64_t expected = 0;
        int64_t result;

        expect_result(t, "HVMOP_get_param of STORE_EVTCHN, aligned",
                      get_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_STORE_EVTCHN, &expected), 0);
        memset(&param, 0, sizeof(param));
        param.domid = HVABI_DOMID_SELF;
        param.index = HVABI_HVM_PARAM_STORE_EVTCHN;
        param.value = 0xa5a5a5a5a5a5a5a5ULL;
        memset(buffer, 0, sizeof(buffer));
        memcpy(buffer + offset, &param, sizeof(param));
        result = hvm_op(HVABI_HVMOP_GET_PARAM, buffer + offset);
        memcpy(&param, buffer + offset, sizeof(param));
        expect(t, result == 0 && param.value == expected,
               "HVMOP_get_param with the structure at offset %u: expected 0 and value %llu, "
               "got %lld and %llu",
               offset, (unsigned long long)expected, (long long)result,
               (unsigned long long)param.value);
    }
}

static void param_self(struct test_context *t)
{
    uint16_t self = 0;

    if (!domains_self(t, &self)) {
        return;
    }
    for (unsigned int i = 0; i < COUNT(specified); i++) {
        uint64_t by_self = 0x1111;
        uint64_t by_id = 0x2222;
        int64_t result_self = get_param(HVABI_DOMID_SELF, specified[i], &by_self);
        int64_t result_id = get_param(self, specified[i], &by_id);

        expect(t, result_self == result_id && (result_self != 0 || by_self == by_id),
               "HVMOP_get_param of index %u: DOMID_SELF gives %lld (value %llu), the own ID "
               "d%u gives %lld (value %llu)",
               (unsigned)specified[i], (long long)result_self, (unsigned long long)by_self,
               (unsigned)self, (long long)result_id, (unsigned long long)by_id);
        expect(t, set_param(self, specified[i], 0) == -HVABI_EPERM,
               "HVMOP_set_param of index %u of the own ID: expected %d",
               (unsigned)specified[i], -HVABI_EPERM);
    }
    expect_result(t, "HVMOP_get_param of an unknown index of the own ID",
                  get_param(self, 3, &(uint64_t){ 0 }), -HVABI_EINVAL);
}

static void param_no_domain(struct test_context *t)
{
    for (unsigned int i = 0; i < domains_unused_id_count; i++) {
        uint16_t domid = domains_unused_ids[i];

        expect(t, get_param(domid, HVABI_HVM_PARAM_STORE_PFN, &(uint64_t){ 0 }) == -HVABI_ESRCH &&
                      set_param(domid, HVABI_HVM_PARAM_STORE_PFN, 0) == -HVABI_ESRCH,
               "HVMOP_get_param and HVMOP_set_param of domain 0x%x, which does not exist: "
               "expected %d",
               (unsigned)domid, -HVABI_ESRCH);
    }
}

static void param_unknown_index(struct test_context *t)
{
    for (unsigned int i = 0; i < COUNT(unknown); i++) {
        expect(t, get_param(HVABI_DOMID_SELF, unknown[i], &(uint64_t){ 0 }) == -HVABI_EINVAL,
               "HVMOP_get_param of index %u: expected %d", (unsigned)unknown[i], -HVABI_EINVAL);
        expect(t, set_param(HVABI_DOMID_SELF, unknown[i], 0) == -HVABI_EINVAL,
               "HVMOP_set_param of index %u: expected %d", (unsigned)unknown[i], -HVABI_EINVAL);
    }
}

static void param_pad_ignored(struct test_context *t)
{
    for (unsigned int i = 0; i < COUNT(readable); i++) {
        struct hvabi_hvm_param param;
        uint64_t expected = 0;
        int64_t result;

        expect_result(t, "HVMOP_get_param with pad 0",
                      get_param(HVABI_DOMID_SELF, readable[i], &expected), 0);
        memset(&param, 0, sizeof(param));
        param.domid = HVABI_DOMID_SELF;
        param.pad = 0xffff;
        param.index = readable[i];
        result = hvm_op(HVABI_HVMOP_GET_PARAM, &param);
        expect(t, result == 0 && param.value == expected,
               "HVMOP_get_param of index %u with pad 0xffff: expected 0 and value %llu, got "
               "%lld and %llu",
               (unsigned)readable[i], (unsigned long long)expected, (long long)result,
               (unsigned long long)param.value);
        memset(&param, 0, sizeof(param));
        param.domid = HVABI_DOMID_SELF;
        param.pad = 0x8001;
        param.index = readable[i];
        expect(t, hvm_op(HVABI_HVMOP_SET_PARAM, &param) == -HVABI_EPERM,
               "HVMOP_set_param of index %u with pad 0x8001: expected %d",
               (unsigned)readable[i], -HVABI_EPERM);
    }
}

static void get_param_reads(struct test_context *t)
{
    for (unsigned int i = 0; i < COUNT(readable); i++) {
        uint64_t value = 0;

        expect(t, get_param(HVABI_DOMID_SELF, readable[i], &value) == 0,
               "HVMOP_get_param of index %u of the calling domain: expected 0",
               (unsigned)readable[i]);
    }
}

static void get_param_writes_value_only(struct test_context *t)
{
    for (unsigned int i = 0; i < COUNT(readable); i++) {
        struct hvabi_hvm_param param;
        uint64_t expected = 0;
        uint8_t before[8];
        int64_t result;

        get_param(HVABI_DOMID_SELF, readable[i], &expected);
        param.domid = HVABI_DOMID_SELF;
        param.pad = 0x5aa5;
        param.index = readable[i];
        param.value = 0xdeadbeefcafef00dULL;
        memcpy(before, &param, sizeof(before));
        result = hvm_op(HVABI_HVMOP_GET_PARAM, &param);
        expect_result(t, "HVMOP_get_param", result, 0);
        expect(t, memcmp(before, &param, sizeof(before)) == 0,
               "HVMOP_get_param of index %u changed bytes 0 to 7 of its argument",
               (unsigned)readable[i]);
        expect(t, param.value == expected,
               "HVMOP_get_param of index %u wrote value 0x%llx over 0xdeadbeefcafef00d, another "
               "call gives 0x%llx",
               (unsigned)readable[i], (unsigned long long)param.value,
               (unsigned long long)expected);
    }
}

static void get_param_unwritable_result(struct test_context *t)
{
    struct hvabi_hvm_param param = {
        .domid = HVABI_DOMID_SELF, .pad = 0, .index = HVABI_HVM_PARAM_STORE_PFN, .value = 0,
    };
    uint64_t mapped = readonly_page_map(t, &param, sizeof(param));

    if (mapped == 0) {
        return;
    }
    expect_result(t, "HVMOP_get_param with the argument in read-only memory",
                  hvm_op(HVABI_HVMOP_GET_PARAM, (const void *)(uintptr_t)mapped), -HVABI_EFAULT);
    readonly_page_unmap(mapped);
}

static void get_param_monitor_denied(struct test_context *t)
{
    expect_result(t, "HVMOP_get_param of MONITOR_RING_PFN of the calling domain",
                  get_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_MONITOR_RING_PFN, &(uint64_t){ 0 }),
                  -HVABI_EPERM);
}

static void set_param_self_denied(struct test_context *t)
{
    for (unsigned int i = 0; i < COUNT(specified); i++) {
        uint64_t before = 0x1111;
        uint64_t after = 0x2222;
        int64_t read_before = get_param(HVABI_DOMID_SELF, specified[i], &before);

        expect(t, set_param(HVABI_DOMID_SELF, specified[i], 0x12345) == -HVABI_EPERM,
               "HVMOP_set_param of index %u of the calling domain: expected %d",
               (unsigned)specified[i], -HVABI_EPERM);
        if (read_before == 0) {
            get_param(HVABI_DOMID_SELF, specified[i], &after);
            expect(t, after == before, "index %u changed from 0x%llx to 0x%llx",
                   (unsigned)specified[i], (unsigned long long)before,
                   (unsigned long long)after);
        }
    }
}

/* The flags of CALLBACK_IRQ for the trigger type of a GIC interrupt
 * specifier (spec: hvm_op.rst, "The event interrupt"). */
static bool flags_of_trigger(uint32_t trigger, uint64_t *flags)
{
    switch (trigger) {
    case 1: *flags = 0x01; return true;
    case 2: *flags = 0x03; return true;
    case 4: *flags = 0x00; return true;
    case 8: *flags = 0x02; return true;
    default: return false;
    }
}

static void callback_irq_matches_tree(struct test_context *t)
{
    int node = fdt_path_offset(t->platform->fdt, "/hypervisor");
    const fdt32_t *cells = NULL;
    uint64_t value = 0;
    uint64_t flags = 0;
    uint64_t encoded;
    int length = 0;

    if (!expect_result(t, "HVMOP_get_param of CALLBACK_IRQ",
                       get_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_CALLBACK_IRQ, &value), 0) ||
        value == 0) {
        return;
    }
    if (node >= 0) {
        cells = fdt_getprop(t->platform->fdt, node, "interrupts", &length);
    }
    if (!expect(t, cells != NULL && length == 3 * (int)sizeof(fdt32_t) &&
                       fdt32_to_cpu(cells[0]) == 1 &&
                       flags_of_trigger(fdt32_to_cpu(cells[2]) & 0xf, &flags),
                "CALLBACK_IRQ is 0x%llx, but /hypervisor has no interrupts property of one "
                "PPI with a trigger type", (unsigned long long)value)) {
        return;
    }
    encoded = ((uint64_t)HVABI_HVM_CALLBACK_TYPE_PPI << HVABI_HVM_CALLBACK_TYPE_SHIFT) |
              (flags << HVABI_HVM_CALLBACK_PPI_FLAGS_SHIFT) | (16 + fdt32_to_cpu(cells[1]));
    expect(t, value == encoded,
           "CALLBACK_IRQ: expected 0 or 0x%llx (PPI %u of /hypervisor, trigger %u), got 0x%llx",
           (unsigned long long)encoded, (unsigned)fdt32_to_cpu(cells[1]),
           (unsigned)fdt32_to_cpu(cells[2]), (unsigned long long)value);
}

static void no_xenstore(struct test_context *t)
{
    uint64_t pfn = 0x1111;
    uint64_t port = 0x2222;

    expect_result(t, "HVMOP_get_param of STORE_PFN",
                  get_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_STORE_PFN, &pfn), 0);
    expect_result(t, "STORE_PFN", (int64_t)pfn, 0);
    expect_result(t, "HVMOP_get_param of STORE_EVTCHN",
                  get_param(HVABI_DOMID_SELF, HVABI_HVM_PARAM_STORE_EVTCHN, &port), 0);
    expect_result(t, "STORE_EVTCHN", (int64_t)port, 0);
}

static void guest_request_vm_event(struct test_context *t)
{
    int64_t with_null = hvabi_hypercall2(HVABI_HYPERCALL_HVM_OP, 24, 0);
    int64_t with_pointer;
    uint64_t dummy = 0;

    with_pointer = hvabi_hypercall2(HVABI_HYPERCALL_HVM_OP, 24, (uint64_t)(uintptr_t)&dummy);
    if (with_null == -HVABI_ENOSYS) {
        expect_result(t, "hvm_op 24 with a non-zero arg, after -ENOSYS for arg 0", with_pointer,
                      -HVABI_ENOSYS);
    } else {
        expect_result(t, "hvm_op 24 (HVMOP_guest_request_vm_event) with arg 0", with_null, 0);
        expect_result(t, "hvm_op 24 with a non-zero arg", with_pointer, -HVABI_EINVAL);
    }
}

static void unknown_command(struct test_context *t)
{
    static const uint64_t ops[] = {
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 22, 23, 25, 26, 1000, 0xffffffffULL,
        /* Bits [63:32] count: these are not 0, 1 or 24. */
        (1ULL << 32) | HVABI_HVMOP_GET_PARAM, (1ULL << 32) | HVABI_HVMOP_SET_PARAM,
        (1ULL << 63) | 24,
    };
    struct hvabi_hvm_param param = {
        .domid = HVABI_DOMID_SELF, .pad = 0, .index = HVABI_HVM_PARAM_STORE_PFN, .value = 0,
    };

    for (unsigned int i = 0; i < COUNT(ops); i++) {
        int64_t result = hvm_op(ops[i], &param);

        expect(t, result == -HVABI_ENOSYS, "hvm_op 0x%llx: expected %d, got %lld",
               (unsigned long long)ops[i], -HVABI_ENOSYS, (long long)result);
    }
}

const struct conformance_test hvm_op_tests[] = {
    {
        .name = "hvm_op_param_unreadable_argument",
        .verifies = "hvabi~hvm-op-param-fault~1 hvabi~aarch64-pointer-arguments~1",
        .run = param_unreadable_argument,
    },
    {
        .name = "hvm_op_param_any_alignment",
        .verifies = "hvabi~hvm-op-param-alignment~1",
        .run = param_any_alignment,
    },
    {
        .name = "hvm_op_param_self",
        .verifies = "hvabi~hvm-op-param-self~1 hvabi~types-domid-self~1",
        .run = param_self,
    },
    {
        .name = "hvm_op_param_no_domain",
        .verifies = "hvabi~hvm-op-param-no-domain~1",
        .run = param_no_domain,
    },
    {
        .name = "hvm_op_param_unknown_index",
        .verifies = "hvabi~hvm-op-param-unknown-index~1",
        .run = param_unknown_index,
    },
    {
        .name = "hvm_op_param_pad_ignored",
        .verifies = "hvabi~hvm-op-param-pad~1",
        .run = param_pad_ignored,
    },
    {
        .name = "hvm_op_get_param_reads",
        .verifies = "hvabi~hvm-op-get-param~1",
        .run = get_param_reads,
    },
    {
        .name = "hvm_op_get_param_writes_value_only",
        .verifies = "hvabi~hvm-op-get-param-write~1",
        .run = get_param_writes_value_only,
    },
    {
        .name = "hvm_op_get_param_unwritable_result",
        .verifies = "hvabi~hvm-op-get-param-fault~1",
        .run = get_param_unwritable_result,
    },
    {
        .name = "hvm_op_get_param_monitor_denied",
        .verifies = "hvabi~hvm-op-get-param-monitor~1",
        .run = get_param_monitor_denied,
    },
    {
        .name = "hvm_op_set_param_self_denied",
        .verifies = "hvabi~hvm-op-set-param-self~1",
        .run = set_param_self_denied,
    },
    {
        .name = "hvm_op_callback_irq_matches_tree",
        .verifies = "hvabi~hvm-op-callback-irq~1",
        .run = callback_irq_matches_tree,
    },
    {
        .name = "hvm_op_no_xenstore",
        .verifies = "hvabi~hvm-op-store-none~1",
        .run = no_xenstore,
    },
    {
        .name = "hvm_op_guest_request_vm_event",
        .verifies = "hvabi~hvm-op-guest-request-vm-event~1",
        .run = guest_request_vm_event,
    },
    {
        .name = "hvm_op_unknown_command",
        .verifies = "hvabi~hvm-op-unknown-command~1",
        .run = unknown_command,
    },
    { .name = NULL },
};

/* In a domain that is not a control domain, with a control domain "control". */

static void param_other_domain(struct test_context *t)
{
    uint16_t other = 0;

    if (!domains_peer(t, "control", &other)) {
        return;
    }
    for (unsigned int i = 0; i < COUNT(specified); i++) {
        uint64_t value = 0x77;

        expect(t, get_param(other, specified[i], &value) == -HVABI_EPERM && value == 0,
               "HVMOP_get_param of index %u of d%u: expected %d and value unchanged",
               (unsigned)specified[i], (unsigned)other, -HVABI_EPERM);
        expect(t, set_param(other, specified[i], 0x1234) == -HVABI_EPERM,
               "HVMOP_set_param of index %u of d%u: expected %d", (unsigned)specified[i],
               (unsigned)other, -HVABI_EPERM);
    }
}

/* HVMOP_get_param with its argument, `param`, in read-only memory. */
static void expect_get_in_readonly(struct test_context *t, const struct hvabi_hvm_param *param,
                                   const char *what, int64_t expected)
{
    uint64_t mapped = readonly_page_map(t, param, sizeof(*param));

    if (mapped == 0) {
        return;
    }
    expect(t, hvm_op(HVABI_HVMOP_GET_PARAM, (const void *)(uintptr_t)mapped) == expected,
           "%s with the argument in read-only memory: expected %lld", what,
           (long long)expected);
    readonly_page_unmap(mapped);
}

static void param_order(struct test_context *t)
{
    struct hvabi_hvm_param param;
    uint16_t other = 0;

    /* (1) unreadable argument: first, whatever it holds. */
    expect_result(t, "HVMOP_get_param with arg at an unmapped virtual address",
                  hvabi_hypercall2(HVABI_HYPERCALL_HVM_OP, HVABI_HVMOP_GET_PARAM,
                                   unmapped_virtual_address()),
                  -HVABI_EFAULT);
    /* (2) no such domain, before (4) the unknown index. */
    expect_result(t, "HVMOP_get_param of index 3 of a domain that does not exist",
                  get_param(domains_unused_ids[0], 3, &(uint64_t){ 0 }), -HVABI_ESRCH);
    /* (3) another domain, before (4) and (5). */
    if (domains_peer(t, "control", &other)) {
        expect_result(t, "HVMOP_get_param of index 3 of another domain",
                      get_param(other, 3, &(uint64_t){ 0 }), -HVABI_EPERM);
        expect_result(t, "HVMOP_set_param of index 3 of another domain",
                      set_param(other, 3, 0), -HVABI_EPERM);
    }
    /* (4) unknown index, before (6) the unwritable result; (5) a denied
     * index, before (6); (6) last. */
    memset(&param, 0, sizeof(param));
    param.domid = HVABI_DOMID_SELF;
    param.index = 3;
    expect_get_in_readonly(t, &param, "HVMOP_get_param of index 3", -HVABI_EINVAL);
    param.index = HVABI_HVM_PARAM_MONITOR_RING_PFN;
    expect_get_in_readonly(t, &param, "HVMOP_get_param of MONITOR_RING_PFN", -HVABI_EPERM);
    param.index = HVABI_HVM_PARAM_STORE_PFN;
    expect_get_in_readonly(t, &param, "HVMOP_get_param of STORE_PFN", -HVABI_EFAULT);
}

const struct conformance_test hvm_op_other_domain_tests[] = {
    {
        .name = "hvm_op_param_other_domain",
        .verifies = "hvabi~hvm-op-param-other-domain~1 hvabi~control-not-permitted~1",
        .run = param_other_domain,
    },
    {
        .name = "hvm_op_param_order",
        .verifies = "hvabi~hvm-op-param-order~1",
        .run = param_order,
    },
    { .name = NULL },
};

/* In the control domain, with a domain "target". */

static void control_params(struct test_context *t)
{
    uint16_t target = 0;
    uint64_t value = 0;

    if (!domains_peer(t, "target", &target)) {
        return;
    }
    for (unsigned int i = 0; i < COUNT(specified); i++) {
        value = 0x1111;
        expect(t, get_param(target, specified[i], &value) == 0,
               "HVMOP_get_param of index %u of d%u by a control domain: expected 0",
               (unsigned)specified[i], (unsigned)target);
    }
    /* The target has no Xenstore: STORE_PFN is 0 until it is set. */
    expect_result(t, "STORE_PFN of the target", get_param(target, HVABI_HVM_PARAM_STORE_PFN,
                                                          &value) == 0 ? (int64_t)value : -1,
                  0);
    for (unsigned int i = 1; i < COUNT(specified); i++) {
        uint64_t old = 0;
        uint64_t set = 0x5000 + i;

        get_param(target, specified[i], &old);
        expect(t, set_param(target, specified[i], set) == 0,
               "HVMOP_set_param of index %u of d%u by a control domain: expected 0",
               (unsigned)specified[i], (unsigned)target);
        value = 0;
        expect(t, get_param(target, specified[i], &value) == 0 && value == set,
               "index %u of d%u after HVMOP_set_param of 0x%llx: got 0x%llx",
               (unsigned)specified[i], (unsigned)target, (unsigned long long)set,
               (unsigned long long)value);
        set_param(target, specified[i], old);
    }
}

const struct conformance_test hvm_op_control_tests[] = {
    {
        .name = "hvm_op_control_params",
        .verifies = "hvabi~hvm-op-control-get-param~1 hvabi~hvm-op-control-set-param~1 "
                    "hvabi~control-permitted~1 hvabi~domain-binding-control~1",
        .run = control_params,
    },
    { .name = NULL },
};
