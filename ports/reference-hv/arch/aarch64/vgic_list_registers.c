/*
 * vgic_list_registers.c - move virtual interrupts between the virtual GIC
 * state (core/vgic.c) and the hardware's list registers.
 *
 * Each vCPU owns its physical CPU, so the list registers are never shared:
 * on every trap the hypervisor takes back what the guest left in them
 * (pending, active, or done), and before every return it loads the
 * interrupts that are enabled and pending or active, highest priority
 * first.  An interrupt forwarded from a timer is loaded with the hardware
 * bit, so that the guest's end-of-interrupt also deactivates the physical
 * interrupt.
 */
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/vgic_list_registers.h"
#include "core/event_delivery.h"

#define MAX_LIST_REGISTERS 16

/* ICH_LR<n>_EL2 fields. */
#define LR_VINTID_MASK   0xffffffffULL
#define LR_PINTID_SHIFT  32
#define LR_PRIORITY_SHIFT 48
#define LR_GROUP1        (1ULL << 60)
#define LR_HW            (1ULL << 61)
#define LR_STATE_SHIFT   62
#define LR_STATE_PENDING 1ULL
#define LR_STATE_ACTIVE  2ULL

#define ICH_HCR_EN 1ULL

static unsigned int list_register_count(void)
{
    return (unsigned int)(SYSREG_READ(S3_4_C12_C11_1) & 0x1f) + 1; /* ICH_VTR_EL2.ListRegs */
}

static uint64_t read_lr(unsigned int n)
{
    switch (n) {
    case 0: return SYSREG_READ(S3_4_C12_C12_0);
    case 1: return SYSREG_READ(S3_4_C12_C12_1);
    case 2: return SYSREG_READ(S3_4_C12_C12_2);
    case 3: return SYSREG_READ(S3_4_C12_C12_3);
    case 4: return SYSREG_READ(S3_4_C12_C12_4);
    case 5: return SYSREG_READ(S3_4_C12_C12_5);
    case 6: return SYSREG_READ(S3_4_C12_C12_6);
    case 7: return SYSREG_READ(S3_4_C12_C12_7);
    case 8: return SYSREG_READ(S3_4_C12_C13_0);
    case 9: return SYSREG_READ(S3_4_C12_C13_1);
    case 10: return SYSREG_READ(S3_4_C12_C13_2);
    case 11: return SYSREG_READ(S3_4_C12_C13_3);
    case 12: return SYSREG_READ(S3_4_C12_C13_4);
    case 13: return SYSREG_READ(S3_4_C12_C13_5);
    case 14: return SYSREG_READ(S3_4_C12_C13_6);
    default: return SYSREG_READ(S3_4_C12_C13_7);
    }
}

static void write_lr(unsigned int n, uint64_t value)
{
    switch (n) {
    case 0: SYSREG_WRITE(S3_4_C12_C12_0, value); break;
    case 1: SYSREG_WRITE(S3_4_C12_C12_1, value); break;
    case 2: SYSREG_WRITE(S3_4_C12_C12_2, value); break;
    case 3: SYSREG_WRITE(S3_4_C12_C12_3, value); break;
    case 4: SYSREG_WRITE(S3_4_C12_C12_4, value); break;
    case 5: SYSREG_WRITE(S3_4_C12_C12_5, value); break;
    case 6: SYSREG_WRITE(S3_4_C12_C12_6, value); break;
    case 7: SYSREG_WRITE(S3_4_C12_C12_7, value); break;
    case 8: SYSREG_WRITE(S3_4_C12_C13_0, value); break;
    case 9: SYSREG_WRITE(S3_4_C12_C13_1, value); break;
    case 10: SYSREG_WRITE(S3_4_C12_C13_2, value); break;
    case 11: SYSREG_WRITE(S3_4_C12_C13_3, value); break;
    case 12: SYSREG_WRITE(S3_4_C12_C13_4, value); break;
    case 13: SYSREG_WRITE(S3_4_C12_C13_5, value); break;
    case 14: SYSREG_WRITE(S3_4_C12_C13_6, value); break;
    default: SYSREG_WRITE(S3_4_C12_C13_7, value); break;
    }
}

void vgic_list_registers_init(void)
{
    for (unsigned int n = 0; n < list_register_count() && n < MAX_LIST_REGISTERS; n++) {
        write_lr(n, 0);
    }
    SYSREG_WRITE(S3_4_C12_C11_0, ICH_HCR_EN); /* ICH_HCR_EL2 */
    isb();
}

void vgic_take_from_hardware(struct vcpu *v)
{
    unsigned int count = list_register_count();

    spin_lock(&v->vgic.lock);
    for (unsigned int n = 0; n < count && n < MAX_LIST_REGISTERS; n++) {
        uint64_t lr = read_lr(n);
        uint64_t state = lr >> LR_STATE_SHIFT;
        unsigned int intid = (unsigned int)(lr & LR_VINTID_MASK);

        if (state == 0 || intid >= VGIC_PRIVATE_IRQS) {
            continue;
        }
        /* What is still in a register is not done; new raises OR in. */
        v->vgic.irq[intid].pending |= (state & LR_STATE_PENDING) != 0;
        v->vgic.irq[intid].active |= (state & LR_STATE_ACTIVE) != 0;
        write_lr(n, 0);
    }
    spin_unlock(&v->vgic.lock);
}

/* The enabled interrupt with the highest priority that waits for a register, or -1. */
static int next_to_load(const struct vgic_cpu *cpu)
{
    int best = -1;

    for (unsigned int i = 0; i < VGIC_PRIVATE_IRQS; i++) {
        const struct vgic_irq *irq = &cpu->irq[i];

        if (!irq->enabled || !(irq->pending || irq->active)) {
            continue;
        }
        if (best < 0 || irq->priority < cpu->irq[best].priority) {
            best = (int)i;
        }
    }
    return best;
}

void vgic_give_to_hardware(struct vcpu *v)
{
    unsigned int count = list_register_count();

    /* The upcall interrupt is pending for as long as the upcall flag is set. */
    if (event_upcall_pending(v)) {
        spin_lock(&v->vgic.lock);
        if (!v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].active) {
            v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].pending = true;
        }
        spin_unlock(&v->vgic.lock);
    }

    spin_lock(&v->vgic.lock);
    for (unsigned int n = 0; n < count && n < MAX_LIST_REGISTERS; n++) {
        int intid = next_to_load(&v->vgic);
        struct vgic_irq *irq;
        uint64_t lr;

        if (intid < 0) {
            break;
        }
        irq = &v->vgic.irq[intid];
        lr = (uint64_t)intid | ((uint64_t)irq->priority << LR_PRIORITY_SHIFT) |
             (irq->group1 ? LR_GROUP1 : 0) |
             ((irq->pending ? LR_STATE_PENDING : 0) | (irq->active ? LR_STATE_ACTIVE : 0))
                 << LR_STATE_SHIFT;
        if (irq->hardware) {
            lr |= LR_HW | ((uint64_t)intid << LR_PINTID_SHIFT);
        }
        write_lr(n, lr);
        irq->pending = false;
        irq->active = false;
    }
    spin_unlock(&v->vgic.lock);
    isb();
}
