/*
 * test_vgic.c - the virtual GICv3 (core/vgic.h): the distributor and
 * redistributor registers a guest reads and writes, raising private
 * interrupts, and SGIs between the vCPUs of a domain.
 *
 * The domain has 2 vCPUs on CPUs 0 and 1; vCPU 0 is the one that traps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/host/fake_arch.h"
#include "core/cpu.h"
#include "core/vgic.h"
#include "tests/support/core_fixture.h"

/* Frames of the redistributor of vCPU n. */
#define RD_BASE(n)  (VGIC_REDIST_BASE + (n) * VGIC_REDIST_STRIDE)
#define SGI_BASE(n) (RD_BASE(n) + 0x10000)

/* Register offsets (GICv3 architecture specification). */
#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IIDR       0x0008
#define GICD_ISENABLER1 0x0104
#define GICD_PIDR2      0xffe8
#define GICR_CTLR       0x0000
#define GICR_IIDR       0x0004
#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define GICR_PIDR2      0xffe8
#define GICR_IGROUPR0   0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0   0x0200
#define GICR_ICPENDR0   0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR 0x0400
#define GICR_ICFGR0     0x0c00
#define GICR_ICFGR1     0x0c04

static struct domain *d;
static struct vcpu *v0, *v1;

static int setup(void **state)
{
    (void)state;
    core_fixture_reset();
    core_fixture_cpus(2);
    d = core_fixture_domain("guest", 2);
    assert_int_equal(cpus_place_vcpus(1), 0);
    core_fixture_start(d);
    d->vcpus[1].state = VCPU_RUNNING;
    v0 = &d->vcpus[0];
    v1 = &d->vcpus[1];
    fake_arch.current_vcpu = v0;
    return 0;
}

/* A read by vCPU 0 that the vGIC must emulate. */
static uint64_t read_reg(uint64_t ipa, unsigned int size)
{
    uint64_t value = 0xdeadbeefdeadbeefULL;

    assert_true(vgic_mmio_access(v0, ipa, false, size, &value));
    return value;
}

static void write_reg(uint64_t ipa, unsigned int size, uint64_t value)
{
    assert_true(vgic_mmio_access(v0, ipa, true, size, &value));
}

/* ---- Distributor ---- */

static void test_distributor_id_and_type(void **state)
{
    (void)state;
    /* 32 INTIDs (no SPIs), 10 INTID bits; GICv3; no implementer code. */
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_TYPER, 4), 9U << 19);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_PIDR2, 4), 0x30);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_IIDR, 4), 0);
    /* No SPIs: their registers read as zero. */
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_ISENABLER1, 4), 0);
}

static void test_distributor_ctlr_keeps_only_the_enables(void **state)
{
    (void)state;
    /* ARE and DS always read as 1. */
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_CTLR, 4), 0x50);
    write_reg(VGIC_DIST_BASE + GICD_CTLR, 4, 0x3);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_CTLR, 4), 0x53);
    write_reg(VGIC_DIST_BASE + GICD_CTLR, 4, 0xfffffffe);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_CTLR, 4), 0x52);
    /* Other sizes: read as zero, writes ignored. */
    write_reg(VGIC_DIST_BASE + GICD_CTLR, 1, 0x1);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_CTLR, 4), 0x52);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_CTLR, 8), 0);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_TYPER, 2), 0);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_IIDR, 8), 0);
    assert_int_equal(read_reg(VGIC_DIST_BASE + GICD_PIDR2, 1), 0);
}

static void test_addresses_outside_the_gic(void **state)
{
    static const uint64_t outside[] = {
        0,
        VGIC_DIST_BASE - 4,
        VGIC_DIST_BASE + VGIC_DIST_SIZE,
        VGIC_REDIST_BASE - 4,
        RD_BASE(2), /* the domain has 2 vCPUs: no third redistributor */
        RD_BASE(2) + GICR_TYPER,
        GUEST_RAM_BASE,
    };
    uint64_t value = 0x1234;

    (void)state;
    for (unsigned int i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
        assert_false(vgic_mmio_access(v0, outside[i], false, 4, &value));
        assert_false(vgic_mmio_access(v0, outside[i], true, 4, &value));
    }
    assert_int_equal(value, 0x1234);
    /* The last word of each region is inside. */
    assert_true(vgic_mmio_access(v0, VGIC_DIST_BASE + VGIC_DIST_SIZE - 4, false, 4, &value));
    assert_true(vgic_mmio_access(v0, RD_BASE(2) - 4, false, 4, &value));
}

/* ---- Redistributor: RD_base frame ---- */

static void test_redistributor_typer_names_the_vcpu_and_the_last(void **state)
{
    (void)state;
    /* Affinity (Aff0 = vCPU) in 63:32, processor number in 23:8, Last in bit 4. */
    assert_int_equal(read_reg(RD_BASE(0) + GICR_TYPER, 8), 0);
    assert_int_equal(read_reg(RD_BASE(1) + GICR_TYPER, 8), 0x100000110ULL);
    assert_int_equal(read_reg(RD_BASE(1) + GICR_TYPER, 4), 0x110);
    assert_int_equal(read_reg(RD_BASE(1) + GICR_TYPER + 4, 4), 0x1);
    assert_int_equal(read_reg(RD_BASE(1) + GICR_TYPER, 2), 0);
    assert_int_equal(read_reg(RD_BASE(1) + GICR_TYPER + 4, 8), 0);
}

static void test_redistributor_id_registers(void **state)
{
    (void)state;
    assert_int_equal(read_reg(RD_BASE(0) + GICR_PIDR2, 4), 0x30);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_IIDR, 4), 0);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_CTLR, 4), 0);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_PIDR2, 8), 0);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_IIDR, 2), 0);
}

static void test_waker_wakes_and_sleeps(void **state)
{
    (void)state;
    /* Asleep at reset: ProcessorSleep and ChildrenAsleep. */
    assert_int_equal(read_reg(RD_BASE(0) + GICR_WAKER, 4), 0x6);
    write_reg(RD_BASE(0) + GICR_WAKER, 4, 0);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_WAKER, 4), 0);
    assert_int_equal(read_reg(RD_BASE(1) + GICR_WAKER, 4), 0x6);
    write_reg(RD_BASE(0) + GICR_WAKER, 4, 0x2);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_WAKER, 4), 0x6);
    /* Only 32-bit accesses. */
    write_reg(RD_BASE(0) + GICR_WAKER, 1, 0);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_WAKER, 4), 0x6);
    assert_int_equal(read_reg(RD_BASE(0) + GICR_WAKER, 8), 0);
}

static void test_writes_to_another_vcpus_redistributor_kick_its_cpu(void **state)
{
    (void)state;
    write_reg(RD_BASE(0) + GICR_WAKER, 4, 0);
    assert_int_equal(fake_arch.kicks[0], 0);
    write_reg(RD_BASE(1) + GICR_WAKER, 4, 0);
    write_reg(SGI_BASE(1) + GICR_ISENABLER0, 4, 0x1);
    assert_int_equal(fake_arch.kicks[1], 2);
    (void)read_reg(RD_BASE(1) + GICR_WAKER, 4);
    assert_int_equal(fake_arch.kicks[1], 2);
    assert_int_equal(fake_arch.kicks[0], 0);
}

/* ---- Redistributor: SGI_base frame ---- */

static void test_igroupr0_is_a_plain_register(void **state)
{
    (void)state;
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IGROUPR0, 4), 0);
    write_reg(SGI_BASE(0) + GICR_IGROUPR0, 4, 0xffff0001);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IGROUPR0, 4), 0xffff0001);
    write_reg(SGI_BASE(0) + GICR_IGROUPR0, 4, 0x80000000);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IGROUPR0, 4), 0x80000000);
    assert_true(v0->vgic.irq[31].group1);
    assert_false(v0->vgic.irq[0].group1);
}

/* Checks a set/clear register pair on the flag of 32 interrupts. */
static void check_set_clear_pair(uint64_t set, uint64_t clear, bool *(*flag)(unsigned int))
{
    write_reg(SGI_BASE(0) + set, 4, 0x80010003);
    assert_int_equal(read_reg(SGI_BASE(0) + set, 4), 0x80010003);
    assert_int_equal(read_reg(SGI_BASE(0) + clear, 4), 0x80010003);
    assert_true(*flag(31));
    assert_true(*flag(16));
    assert_false(*flag(2));
    /* Writing 0 bits changes nothing; a 1 sets or clears. */
    write_reg(SGI_BASE(0) + set, 4, 0x4);
    assert_int_equal(read_reg(SGI_BASE(0) + set, 4), 0x80010007);
    write_reg(SGI_BASE(0) + clear, 4, 0x80000001);
    assert_int_equal(read_reg(SGI_BASE(0) + set, 4), 0x00010006);
    assert_false(*flag(31));
    /* vCPU 1's are its own. */
    assert_int_equal(read_reg(SGI_BASE(1) + set, 4), 0);
    /* Only 32-bit accesses. */
    write_reg(SGI_BASE(0) + set, 2, 0xffff);
    write_reg(SGI_BASE(0) + clear, 1, 0xff);
    assert_int_equal(read_reg(SGI_BASE(0) + set, 4), 0x00010006);
    assert_int_equal(read_reg(SGI_BASE(0) + set, 1), 0);
}

static bool *enabled_of(unsigned int i)
{
    return &v0->vgic.irq[i].enabled;
}

static bool *pending_of(unsigned int i)
{
    return &v0->vgic.irq[i].pending;
}

static bool *active_of(unsigned int i)
{
    return &v0->vgic.irq[i].active;
}

static void test_isenabler0_and_icenabler0(void **state)
{
    (void)state;
    check_set_clear_pair(GICR_ISENABLER0, GICR_ICENABLER0, enabled_of);
}

static void test_ispendr0_and_icpendr0(void **state)
{
    (void)state;
    check_set_clear_pair(GICR_ISPENDR0, GICR_ICPENDR0, pending_of);
}

static void test_isactiver0_and_icactiver0(void **state)
{
    (void)state;
    check_set_clear_pair(GICR_ISACTIVER0, GICR_ICACTIVER0, active_of);
}

static void test_ipriorityr_byte_and_word_accesses(void **state)
{
    (void)state;
    write_reg(SGI_BASE(0) + GICR_IPRIORITYR + 27, 1, 0xa0);
    assert_int_equal(v0->vgic.irq[27].priority, 0xa0);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 24, 4), 0xa0000000);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 27, 1), 0xa0);

    write_reg(SGI_BASE(0) + GICR_IPRIORITYR + 28, 4, 0x11223344);
    assert_int_equal(v0->vgic.irq[28].priority, 0x44);
    assert_int_equal(v0->vgic.irq[31].priority, 0x11);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 30, 1), 0x22);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 28, 4), 0x11223344);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 0, 4), 0);

    /* Past IPRIORITYR7 there are no private interrupts. */
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 32, 4), 0);
    write_reg(SGI_BASE(0) + GICR_IPRIORITYR + 32, 4, 0xffffffff);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_IPRIORITYR + 28, 4), 0x11223344);
    assert_int_equal(read_reg(SGI_BASE(1) + GICR_IPRIORITYR + 28, 4), 0);
}

static void test_icfgr0_is_fixed_and_icfgr1_is_kept(void **state)
{
    (void)state;
    /* SGIs are edge-triggered and cannot be changed. */
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_ICFGR0, 4), 0xaaaaaaaa);
    write_reg(SGI_BASE(0) + GICR_ICFGR0, 4, 0);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_ICFGR0, 4), 0xaaaaaaaa);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_ICFGR1, 4), 0);
    write_reg(SGI_BASE(0) + GICR_ICFGR1, 4, 0x00a00000);
    assert_int_equal(read_reg(SGI_BASE(0) + GICR_ICFGR1, 4), 0x00a00000);
    assert_int_equal(read_reg(SGI_BASE(1) + GICR_ICFGR1, 4), 0);
}

/* ---- Raising interrupts ---- */

static void test_raise_makes_pending_and_kicks_another_cpu(void **state)
{
    (void)state;
    vgic_raise(v1, 27);
    assert_true(v1->vgic.irq[27].pending);
    assert_false(v1->vgic.irq[27].hardware);
    assert_false(v0->vgic.irq[27].pending);
    assert_int_equal(fake_arch.kicks[1], 1);
    assert_int_equal(fake_arch.kicks[0], 0);
}

static void test_raise_on_the_current_vcpu_sends_no_kick(void **state)
{
    (void)state;
    vgic_raise(v0, VGIC_PPI_EVTCHN_UPCALL);
    assert_true(v0->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].pending);
    assert_int_equal(fake_arch.kicks[0], 0);
    assert_int_equal(fake_arch.kicks[1], 0);
}

static void test_raise_hardware_marks_it_forwarded(void **state)
{
    (void)state;
    vgic_raise_hardware(v0, 27);
    assert_true(v0->vgic.irq[27].pending);
    assert_true(v0->vgic.irq[27].hardware);
}

static void test_raise_of_no_private_interrupt_does_nothing(void **state)
{
    (void)state;
    vgic_raise(v1, VGIC_PRIVATE_IRQS);
    vgic_raise_hardware(v1, 1000);
    for (unsigned int i = 0; i < VGIC_PRIVATE_IRQS; i++) {
        assert_false(v1->vgic.irq[i].pending);
    }
    assert_int_equal(fake_arch.kicks[1], 0);
}

static void test_deliverable_needs_enabled_and_pending(void **state)
{
    (void)state;
    assert_false(vgic_has_deliverable(v0));
    vgic_raise(v0, 27);
    assert_false(vgic_has_deliverable(v0));
    write_reg(SGI_BASE(0) + GICR_ISENABLER0, 4, 1U << 27);
    assert_true(vgic_has_deliverable(v0));
    write_reg(SGI_BASE(0) + GICR_ICPENDR0, 4, 1U << 27);
    assert_false(vgic_has_deliverable(v0));
}

static void test_deliverable_counts_the_upcall_flag(void **state)
{
    (void)state;
    /* vCPU 0's vcpu_info is in the shared info page: flag set, PPI enabled. */
    v0->vcpu_info->evtchn_upcall_pending = 1;
    assert_false(vgic_has_deliverable(v0));
    write_reg(SGI_BASE(0) + GICR_ISENABLER0, 4, 1U << VGIC_PPI_EVTCHN_UPCALL);
    assert_true(vgic_has_deliverable(v0));
    v0->vcpu_info->evtchn_upcall_pending = 0;
    assert_false(vgic_has_deliverable(v0));
}

/* ---- SGIs ---- */

/* ICC_SGI1R_EL1 with INTID `intid`, the target list and the other fields. */
static uint64_t sgir(unsigned int intid, uint64_t target_list)
{
    return ((uint64_t)intid << 24) | target_list;
}

static void test_sgi_to_the_target_list(void **state)
{
    (void)state;
    vgic_send_sgi(v0, sgir(5, 0x2));
    assert_true(v1->vgic.irq[5].pending);
    assert_false(v0->vgic.irq[5].pending);
    assert_int_equal(fake_arch.kicks[1], 1);

    vgic_send_sgi(v0, sgir(6, 0x3));
    assert_true(v0->vgic.irq[6].pending);
    assert_true(v1->vgic.irq[6].pending);
    /* The sender takes its own on the way back: no kick of its own CPU. */
    assert_int_equal(fake_arch.kicks[0], 0);
    assert_int_equal(fake_arch.kicks[1], 2);
}

static void test_sgi_to_vcpus_the_domain_does_not_have(void **state)
{
    (void)state;
    vgic_send_sgi(v0, sgir(7, 0xfffc));
    for (unsigned int i = 0; i < 2; i++) {
        assert_false(d->vcpus[i].vgic.irq[7].pending);
    }
    assert_int_equal(fake_arch.kicks[0] + fake_arch.kicks[1], 0);
}

static void test_sgi_to_all_but_self(void **state)
{
    (void)state;
    /* IRM: the target list is ignored. */
    vgic_send_sgi(v0, sgir(3, 0x1) | (1ULL << 40));
    assert_false(v0->vgic.irq[3].pending);
    assert_true(v1->vgic.irq[3].pending);
}

static void test_sgi_with_other_affinity_fields_reaches_no_vcpu(void **state)
{
    static const uint64_t fields[] = {
        1ULL << 16, /* Aff1 */
        1ULL << 32, /* Aff2 */
        1ULL << 44, /* RS */
        1ULL << 48, /* Aff3 */
    };

    (void)state;
    for (unsigned int i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        vgic_send_sgi(v0, sgir(4, 0x3) | fields[i]);
    }
    assert_false(v0->vgic.irq[4].pending);
    assert_false(v1->vgic.irq[4].pending);
    assert_int_equal(fake_arch.kicks[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_distributor_id_and_type, setup),
        cmocka_unit_test_setup(test_distributor_ctlr_keeps_only_the_enables, setup),
        cmocka_unit_test_setup(test_addresses_outside_the_gic, setup),
        cmocka_unit_test_setup(test_redistributor_typer_names_the_vcpu_and_the_last, setup),
        cmocka_unit_test_setup(test_redistributor_id_registers, setup),
        cmocka_unit_test_setup(test_waker_wakes_and_sleeps, setup),
        cmocka_unit_test_setup(test_writes_to_another_vcpus_redistributor_kick_its_cpu, setup),
        cmocka_unit_test_setup(test_igroupr0_is_a_plain_register, setup),
        cmocka_unit_test_setup(test_isenabler0_and_icenabler0, setup),
        cmocka_unit_test_setup(test_ispendr0_and_icpendr0, setup),
        cmocka_unit_test_setup(test_isactiver0_and_icactiver0, setup),
        cmocka_unit_test_setup(test_ipriorityr_byte_and_word_accesses, setup),
        cmocka_unit_test_setup(test_icfgr0_is_fixed_and_icfgr1_is_kept, setup),
        cmocka_unit_test_setup(test_raise_makes_pending_and_kicks_another_cpu, setup),
        cmocka_unit_test_setup(test_raise_on_the_current_vcpu_sends_no_kick, setup),
        cmocka_unit_test_setup(test_raise_hardware_marks_it_forwarded, setup),
        cmocka_unit_test_setup(test_raise_of_no_private_interrupt_does_nothing, setup),
        cmocka_unit_test_setup(test_deliverable_needs_enabled_and_pending, setup),
        cmocka_unit_test_setup(test_deliverable_counts_the_upcall_flag, setup),
        cmocka_unit_test_setup(test_sgi_to_the_target_list, setup),
        cmocka_unit_test_setup(test_sgi_to_vcpus_the_domain_does_not_have, setup),
        cmocka_unit_test_setup(test_sgi_to_all_but_self, setup),
        cmocka_unit_test_setup(test_sgi_with_other_affinity_fields_reaches_no_vcpu, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
