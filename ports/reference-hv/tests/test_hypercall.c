/*
 * test_hypercall.c - hypercall dispatch (core/hypercall.h): the full 64-bit
 * number selects the handler; commands and counts are bits 31:0 of their
 * registers, except memory_op's command and hvm_op's operation, which are
 * taken whole.  Each handler is told apart by an answer only it gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/hypercall.h"
#include "tests/support/core_fixture.h"
#include "tests/support/guest_fixture.h"

#include <hvabi/errno.h>
#include <hvabi/event_channel.h>
#include <hvabi/hvm_op.h>
#include <hvabi/hypercall.h>
#include <hvabi/memory_op.h>
#include <hvabi/sched_op.h>
#include <hvabi/types.h>
#include <hvabi/vcpu_op.h>

static _Alignas(4096) uint8_t ram[2 * PAGE_SIZE];
static struct vcpu *v;

static int setup(void **state)
{
    (void)state;
    v = guest_fixture_create(ram, sizeof(ram));
    return 0;
}

static int64_t call(uint64_t number, uint64_t a0, uint64_t a1, uint64_t a2)
{
    const struct hypercall c = { .number = number, .args = { a0, a1, a2, 0xdead, 0xbeef } };

    return hypercall_dispatch(v, &c);
}

static void test_xen_version_is_dispatched(void **state)
{
    (void)state;
    assert_int_equal(call(HVABI_HYPERCALL_XEN_VERSION, 0, 0, 0), 0x40011);
}

static void test_every_bit_of_the_number_counts(void **state)
{
    static const uint64_t numbers[] = {
        (1ULL << 32) | HVABI_HYPERCALL_XEN_VERSION,
        (1ULL << 63) | HVABI_HYPERCALL_XEN_VERSION,
        (1ULL << 32) | HVABI_HYPERCALL_CONSOLE_IO,
        0xffffffff00000000ULL | HVABI_HYPERCALL_SCHED_OP,
    };
    const uint64_t text = guest_fixture_put(0, "x\n", 2);

    (void)state;
    for (unsigned int i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        assert_int_equal(call(numbers[i], 0, 2, text), -HVABI_ENOSYS);
    }
    expect_console("");
    assert_int_equal(v->domain->state, DOMAIN_RUNNING);
}

static void test_unassigned_numbers_fail_with_enosys_and_do_nothing(void **state)
{
    static const uint64_t numbers[] = { 0, 1, 16, 19, 63, 64, 0xfff, UINT32_MAX, UINT64_MAX };
    const uint64_t text = guest_fixture_put(0, "x\n", 2);

    (void)state;
    for (unsigned int i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        assert_int_equal(call(numbers[i], 0, 2, text), -HVABI_ENOSYS);
    }
    expect_console("");
    assert_int_equal(fake_arch.va_lookups, 0);
    assert_int_equal(v->domain->state, DOMAIN_RUNNING);
}

static void test_console_io_command_and_count_are_32_bits(void **state)
{
    const uint64_t text = guest_fixture_put(0, "hello\nworld", 11);

    (void)state;
    /* cmd 0 (CONSOLEIO_write) and count 6 under set upper halves; the buffer is a full pointer. */
    assert_int_equal(call(HVABI_HYPERCALL_CONSOLE_IO, 0xffffffff00000000ULL,
                          0xdeadbeef00000006ULL, text),
                     0);
    expect_console("(d1) hello\n");
}

static void test_sched_op_command_is_32_bits(void **state)
{
    const uint32_t reason = HVABI_SHUTDOWN_CRASH;
    const uint64_t request = guest_fixture_put(64, &reason, sizeof(reason));

    (void)state;
    assert_int_equal(call(HVABI_HYPERCALL_SCHED_OP, 0x8000000000000000ULL | HVABI_SCHEDOP_SHUTDOWN,
                          request, 0),
                     0);
    assert_int_equal(v->domain->state, DOMAIN_STOPPED);
    assert_int_equal(v->domain->shutdown_reason, HVABI_SHUTDOWN_CRASH);
    expect_console("(hv) hvabi: d1 stopped: shutdown crash\n");
}

static void test_xen_version_command_is_32_bits(void **state)
{
    (void)state;
    assert_int_equal(call(HVABI_HYPERCALL_XEN_VERSION, 0x1234567800000000ULL, 0, 0), 0x40011);
    assert_int_equal(call(HVABI_HYPERCALL_XEN_VERSION, 0x0000000100000001ULL, 0, 0),
                     -HVABI_ENOSYS);
}

static void test_event_channel_op_command_is_32_bits(void **state)
{
    (void)state;
    /* EVTCHNOP_status with no readable argument: -EFAULT, which an unknown command is not. */
    assert_int_equal(call(HVABI_HYPERCALL_EVENT_CHANNEL_OP,
                          0xffffffff00000000ULL | HVABI_EVTCHNOP_STATUS, 0, 0),
                     -HVABI_EFAULT);
    assert_int_equal(call(HVABI_HYPERCALL_EVENT_CHANNEL_OP, 99, 0, 0), -HVABI_ENOSYS);
}

static void test_vcpu_op_command_and_vcpu_are_32_bits(void **state)
{
    (void)state;
    /* The guest has one vCPU: vCPU 5 does not exist, vCPU 0 does (and arg 0 is unreadable). */
    assert_int_equal(call(HVABI_HYPERCALL_VCPU_OP, (1ULL << 32) | HVABI_VCPUOP_REGISTER_VCPU_INFO,
                          (1ULL << 32) | 5, 0),
                     -HVABI_ENOENT);
    assert_int_equal(call(HVABI_HYPERCALL_VCPU_OP, (1ULL << 32) | HVABI_VCPUOP_REGISTER_VCPU_INFO,
                          1ULL << 32, 0),
                     -HVABI_EFAULT);
}

static void test_memory_op_command_is_64_bits(void **state)
{
    const struct hvabi_memory_domain request = { .domid = HVABI_DOMID_SELF };
    const uint64_t arg = guest_fixture_put(128, &request, sizeof(request));

    (void)state;
    /* XENMEM_current_reservation: the guest's 2 pages of RAM. */
    assert_int_equal(call(HVABI_HYPERCALL_MEMORY_OP, HVABI_XENMEM_CURRENT_RESERVATION, arg, 0), 2);
    assert_int_equal(call(HVABI_HYPERCALL_MEMORY_OP,
                          (1ULL << 32) | HVABI_XENMEM_CURRENT_RESERVATION, arg, 0),
                     -HVABI_EINVAL);
}

static void test_hvm_op_operation_is_64_bits(void **state)
{
    const struct hvabi_hvm_param request = { .domid = HVABI_DOMID_SELF,
                                             .index = HVABI_HVM_PARAM_CALLBACK_IRQ };
    const uint64_t arg = guest_fixture_put(128, &request, sizeof(request));

    (void)state;
    assert_int_equal(call(HVABI_HYPERCALL_HVM_OP, HVABI_HVMOP_GET_PARAM, arg, 0), 0);
    assert_int_equal(call(HVABI_HYPERCALL_HVM_OP, (1ULL << 32) | HVABI_HVMOP_GET_PARAM, arg, 0),
                     -HVABI_ENOSYS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_xen_version_is_dispatched, setup),
        cmocka_unit_test_setup(test_every_bit_of_the_number_counts, setup),
        cmocka_unit_test_setup(test_unassigned_numbers_fail_with_enosys_and_do_nothing, setup),
        cmocka_unit_test_setup(test_console_io_command_and_count_are_32_bits, setup),
        cmocka_unit_test_setup(test_sched_op_command_is_32_bits, setup),
        cmocka_unit_test_setup(test_xen_version_command_is_32_bits, setup),
        cmocka_unit_test_setup(test_event_channel_op_command_is_32_bits, setup),
        cmocka_unit_test_setup(test_vcpu_op_command_and_vcpu_are_32_bits, setup),
        cmocka_unit_test_setup(test_memory_op_command_is_64_bits, setup),
        cmocka_unit_test_setup(test_hvm_op_operation_is_64_bits, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
