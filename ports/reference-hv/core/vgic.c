/*
 * vgic.c - the virtual GICv3 distributor and redistributors (see vgic.h).
 */
#include "core/arch.h"
#include "core/cpu.h"
#include "core/domain.h"
#include "core/event_delivery.h"
#include "core/vgic.h"

/* Distributor registers the guest sees. */
#define GICD_CTLR   0x0000
#define GICD_TYPER  0x0004
#define GICD_IIDR   0x0008
#define GICD_PIDR2  0xffe8

/* GICD_CTLR: EnableGrp0, EnableGrp1, ARE (always 1), DS (always 1). */
#define GICD_CTLR_ENABLE_MASK 0x3U
#define GICD_CTLR_ARE         (1U << 4)
#define GICD_CTLR_DS          (1U << 6)
/* GICD_TYPER: 32 INTIDs (no SPIs), 10 INTID bits, no security extensions. */
#define GICD_TYPER_VALUE      (9U << 19)
/* GICD_IIDR and GICR_IIDR: no implementer code; the ID registers say GICv3. */
#define GIC_IIDR_VALUE        0x0U
#define GIC_PIDR2_GICV3       0x30U

/* Redistributor: RD_base frame registers. */
#define GICR_CTLR   0x0000
#define GICR_IIDR   0x0004
#define GICR_TYPER  0x0008
#define GICR_WAKER  0x0014
#define GICR_PIDR2  0xffe8
#define GICR_WAKER_PROCESSOR_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)
#define GICR_TYPER_LAST            (1ULL << 4)

/* Redistributor: SGI_base frame registers (offsets within the frame). */
#define GICR_SGI_FRAME     0x10000
#define GICR_IGROUPR0      0x0080
#define GICR_ISENABLER0    0x0100
#define GICR_ICENABLER0    0x0180
#define GICR_ISPENDR0      0x0200
#define GICR_ICPENDR0      0x0280
#define GICR_ISACTIVER0    0x0300
#define GICR_ICACTIVER0    0x0380
#define GICR_IPRIORITYR0   0x0400
#define GICR_IPRIORITYR7   0x041f
#define GICR_ICFGR0        0x0c00
#define GICR_ICFGR1        0x0c04

/* SGIs are always edge-triggered: ICFGR0 reads 0b10 for each. */
#define GICR_ICFGR0_VALUE 0xaaaaaaaaU

/* ICC_SGI1R_EL1 fields. */
#define SGIR_TARGET_LIST(v) ((v) & 0xffffU)
#define SGIR_AFF1(v)        (((v) >> 16) & 0xffU)
#define SGIR_INTID(v)       (((v) >> 24) & 0xfU)
#define SGIR_AFF2(v)        (((v) >> 32) & 0xffU)
#define SGIR_IRM            (1ULL << 40)
#define SGIR_RS(v)          (((v) >> 44) & 0xfU)
#define SGIR_AFF3(v)        (((v) >> 48) & 0xffU)

void vgic_init_cpu(struct vgic_cpu *cpu)
{
    for (unsigned int i = 0; i < VGIC_PRIVATE_IRQS; i++) {
        cpu->irq[i] = (struct vgic_irq){ .enabled = false, .group1 = false, .priority = 0 };
    }
    cpu->processor_sleep = true;
    cpu->icfgr1 = 0;
}

enum irq_flag { FLAG_GROUP, FLAG_ENABLED, FLAG_PENDING, FLAG_ACTIVE };

static bool *flag_of(struct vgic_irq *irq, enum irq_flag flag)
{
    switch (flag) {
    case FLAG_GROUP:
        return &irq->group1;
    case FLAG_ENABLED:
        return &irq->enabled;
    case FLAG_PENDING:
        return &irq->pending;
    default:
        return &irq->active;
    }
}

/* Builds a 32-bit register from one flag of each private interrupt. */
static uint32_t collect_bits(struct vgic_cpu *cpu, enum irq_flag flag)
{
    uint32_t bits = 0;

    for (unsigned int i = 0; i < VGIC_PRIVATE_IRQS; i++) {
        bits |= (uint32_t)*flag_of(&cpu->irq[i], flag) << i;
    }
    return bits;
}

/* Set-, clear- or plain write of one flag for the interrupts whose bits are 1. */
static void apply_bits(struct vgic_cpu *cpu, enum irq_flag flag, uint32_t bits, int how)
{
    for (unsigned int i = 0; i < VGIC_PRIVATE_IRQS; i++) {
        bool *target = flag_of(&cpu->irq[i], flag);

        if (how == 0) {
            *target = (bits >> i) & 1;
        } else if ((bits >> i) & 1) {
            *target = how > 0;
        }
    }
}

static uint64_t read_sgi_frame(struct vgic_cpu *cpu, uint64_t offset, unsigned int size)
{
    if (offset >= GICR_IPRIORITYR0 && offset + size - 1 <= GICR_IPRIORITYR7) {
        uint64_t value = 0;

        for (unsigned int i = 0; i < size; i++) {
            value |= (uint64_t)cpu->irq[offset - GICR_IPRIORITYR0 + i].priority << (8 * i);
        }
        return value;
    }
    if (size != 4) {
        return 0;
    }
    switch (offset) {
    case GICR_IGROUPR0:
        return collect_bits(cpu, FLAG_GROUP);
    case GICR_ISENABLER0:
    case GICR_ICENABLER0:
        return collect_bits(cpu, FLAG_ENABLED);
    case GICR_ISPENDR0:
    case GICR_ICPENDR0:
        return collect_bits(cpu, FLAG_PENDING);
    case GICR_ISACTIVER0:
    case GICR_ICACTIVER0:
        return collect_bits(cpu, FLAG_ACTIVE);
    case GICR_ICFGR0:
        return GICR_ICFGR0_VALUE;
    case GICR_ICFGR1:
        return cpu->icfgr1;
    default:
        return 0;
    }
}

static void write_sgi_frame(struct vgic_cpu *cpu, uint64_t offset, unsigned int size,
                            uint64_t value)
{
    if (offset >= GICR_IPRIORITYR0 && offset + size - 1 <= GICR_IPRIORITYR7) {
        for (unsigned int i = 0; i < size; i++) {
            cpu->irq[offset - GICR_IPRIORITYR0 + i].priority = (uint8_t)(value >> (8 * i));
        }
        return;
    }
    if (size != 4) {
        return;
    }
    switch (offset) {
    case GICR_IGROUPR0:
        apply_bits(cpu, FLAG_GROUP, (uint32_t)value, 0);
        break;
    case GICR_ISENABLER0:
        apply_bits(cpu, FLAG_ENABLED, (uint32_t)value, 1);
        break;
    case GICR_ICENABLER0:
        apply_bits(cpu, FLAG_ENABLED, (uint32_t)value, -1);
        break;
    case GICR_ISPENDR0:
        apply_bits(cpu, FLAG_PENDING, (uint32_t)value, 1);
        break;
    case GICR_ICPENDR0:
        apply_bits(cpu, FLAG_PENDING, (uint32_t)value, -1);
        break;
    case GICR_ISACTIVER0:
        apply_bits(cpu, FLAG_ACTIVE, (uint32_t)value, 1);
        break;
    case GICR_ICACTIVER0:
        apply_bits(cpu, FLAG_ACTIVE, (uint32_t)value, -1);
        break;
    case GICR_ICFGR1:
        cpu->icfgr1 = (uint32_t)value;
        break;
    default:
        break; /* read-only or reserved: writes are ignored */
    }
}

static uint64_t read_rd_frame(const struct vcpu *target, uint64_t offset, unsigned int size)
{
    const struct domain *d = target->domain;
    uint64_t typer = ((uint64_t)target->id << 32) | ((uint64_t)target->id << 8) |
                     (target->id + 1 == d->vcpu_count ? GICR_TYPER_LAST : 0);

    switch (offset) {
    case GICR_IIDR:
        return size == 4 ? GIC_IIDR_VALUE : 0;
    case GICR_TYPER:
        return size == 8 ? typer : size == 4 ? (uint32_t)typer : 0;
    case GICR_TYPER + 4:
        return size == 4 ? typer >> 32 : 0;
    case GICR_WAKER:
        return size == 4 && target->vgic.processor_sleep
                   ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP
                   : 0;
    case GICR_PIDR2:
        return size == 4 ? GIC_PIDR2_GICV3 : 0;
    default:
        return 0; /* GICR_CTLR: no LPIs; the rest is reserved */
    }
}

static bool redistributor_access(struct vcpu *v, uint64_t offset, bool write, unsigned int size,
                                 uint64_t *value)
{
    struct domain *d = v->domain;
    uint64_t index = offset / VGIC_REDIST_STRIDE;
    uint64_t within = offset % VGIC_REDIST_STRIDE;
    struct vcpu *target;

    if (index >= d->vcpu_count) {
        return false;
    }
    target = &d->vcpus[index];
    spin_lock(&target->vgic.lock);
    if (within >= GICR_SGI_FRAME) {
        if (write) {
            write_sgi_frame(&target->vgic, within - GICR_SGI_FRAME, size, *value);
        } else {
            *value = read_sgi_frame(&target->vgic, within - GICR_SGI_FRAME, size);
        }
    } else if (write) {
        if (within == GICR_WAKER && size == 4) {
            target->vgic.processor_sleep = (*value & GICR_WAKER_PROCESSOR_SLEEP) != 0;
        }
    } else {
        *value = read_rd_frame(target, within, size);
    }
    spin_unlock(&target->vgic.lock);
    if (write && target != v) {
        arch_kick_cpu(cpu_by_index(target->pcpu));
    }
    return true;
}

static void distributor_access(struct vcpu *v, uint64_t offset, bool write, unsigned int size,
                               uint64_t *value)
{
    struct domain *d = v->domain;

    if (write) {
        if (offset == GICD_CTLR && size == 4) {
            spin_lock(&d->lock);
            d->vgic.ctlr = (uint32_t)*value & GICD_CTLR_ENABLE_MASK;
            spin_unlock(&d->lock);
        }
        return;
    }
    switch (offset) {
    case GICD_CTLR:
        *value = size == 4 ? d->vgic.ctlr | GICD_CTLR_ARE | GICD_CTLR_DS : 0;
        break;
    case GICD_TYPER:
        *value = size == 4 ? GICD_TYPER_VALUE : 0;
        break;
    case GICD_IIDR:
        *value = size == 4 ? GIC_IIDR_VALUE : 0;
        break;
    case GICD_PIDR2:
        *value = size == 4 ? GIC_PIDR2_GICV3 : 0;
        break;
    default:
        *value = 0; /* no SPIs: their registers read as zero */
        break;
    }
}

bool vgic_mmio_access(struct vcpu *v, uint64_t ipa, bool write, unsigned int size,
                      uint64_t *value)
{
    uint64_t redist_size = VGIC_REDIST_STRIDE * v->domain->vcpu_count;

    if (ipa >= VGIC_DIST_BASE && ipa - VGIC_DIST_BASE < VGIC_DIST_SIZE) {
        distributor_access(v, ipa - VGIC_DIST_BASE, write, size, value);
        return true;
    }
    if (ipa >= VGIC_REDIST_BASE && ipa - VGIC_REDIST_BASE < redist_size) {
        return redistributor_access(v, ipa - VGIC_REDIST_BASE, write, size, value);
    }
    return false;
}

static void raise(struct vcpu *v, unsigned int intid, bool hardware)
{
    spin_lock(&v->vgic.lock);
    v->vgic.irq[intid].pending = true;
    v->vgic.irq[intid].hardware = hardware;
    spin_unlock(&v->vgic.lock);
    /* The vCPU trapped on this CPU picks it up on its way back to the guest. */
    if (v != arch_current_vcpu()) {
        arch_kick_cpu(cpu_by_index(v->pcpu));
    }
}

void vgic_raise(struct vcpu *v, unsigned int intid)
{
    if (intid < VGIC_PRIVATE_IRQS) {
        raise(v, intid, false);
    }
}

void vgic_raise_hardware(struct vcpu *v, unsigned int intid)
{
    if (intid < VGIC_PRIVATE_IRQS) {
        raise(v, intid, true);
    }
}

void vgic_send_sgi(struct vcpu *v, uint64_t value)
{
    struct domain *d = v->domain;
    unsigned int intid = SGIR_INTID(value);

    for (unsigned int i = 0; i < d->vcpu_count; i++) {
        struct vcpu *target = &d->vcpus[i];
        bool selected;

        if ((value & SGIR_IRM) != 0) {
            selected = target != v; /* "every vCPU but me" */
        } else {
            /* vCPU i has affinity 0.0.0.i: RS = 0, Aff1..3 = 0, bit i of the list. */
            selected = SGIR_AFF1(value) == 0 && SGIR_AFF2(value) == 0 &&
                       SGIR_AFF3(value) == 0 && SGIR_RS(value) == 0 && i < 16 &&
                       (SGIR_TARGET_LIST(value) >> i) & 1;
        }
        if (selected) {
            raise(target, intid, false);
        }
    }
}

bool vgic_has_deliverable(struct vcpu *v)
{
    bool found = false;

    spin_lock(&v->vgic.lock);
    for (unsigned int i = 0; i < VGIC_PRIVATE_IRQS && !found; i++) {
        found = v->vgic.irq[i].enabled && v->vgic.irq[i].pending;
    }
    if (!found && v->vgic.irq[VGIC_PPI_EVTCHN_UPCALL].enabled) {
        found = event_upcall_pending(v);
    }
    spin_unlock(&v->vgic.lock);
    return found;
}
