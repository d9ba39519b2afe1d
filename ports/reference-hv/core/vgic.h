/*
 * vgic.h - the virtual GICv3 a guest sees.
 *
 * Every domain gets a distributor and one redistributor per vCPU, at the
 * guest-physical addresses Xen uses for its dom0less guests.  The guest's
 * accesses to them trap (they are not mapped at stage 2) and are emulated
 * here; the CPU interface is the hardware's virtual interface (ICV_*
 * registers), fed through the list registers by the architecture code.
 *
 * Guests have the 16 SGIs and 16 PPIs of each vCPU and no SPIs.  The PPIs
 * with a source are the virtual and physical timers (forwarded from the
 * hardware) and the event-channel upcall (raised by the hypervisor).
 */
#ifndef REFHV_CORE_VGIC_H
#define REFHV_CORE_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/spinlock.h"

#define VGIC_DIST_BASE        0x03001000ULL
#define VGIC_DIST_SIZE        0x10000ULL
#define VGIC_REDIST_BASE      0x03020000ULL
#define VGIC_REDIST_STRIDE    0x20000ULL
#define VGIC_PRIVATE_IRQS     32

/* The event-channel upcall: PPI 15, INTID 31, as Xen's GUEST_EVTCHN_PPI. */
#define VGIC_PPI_EVTCHN_UPCALL 31

struct vcpu;
struct domain;

struct vgic_irq {
    bool enabled;
    bool pending;
    bool active;
    bool group1;
    bool hardware;     /* forwarded from the physical interrupt of the same INTID */
    uint8_t priority;
};

/* The redistributor of one vCPU and its private interrupts. */
struct vgic_cpu {
    struct vgic_irq irq[VGIC_PRIVATE_IRQS];
    bool processor_sleep; /* GICR_WAKER.ProcessorSleep */
    uint32_t icfgr1;      /* PPI configuration, kept for the guest to read back */
    struct spinlock lock;
};

/* The distributor of one domain. */
struct vgic_dist {
    uint32_t ctlr;
};

void vgic_init_cpu(struct vgic_cpu *cpu);

/*
 * Emulates an access of `size` bytes (1, 2, 4 or 8) at guest-physical `ipa`.
 * Returns false when `ipa` is not in the virtual GIC of the vCPU's domain.
 * Unknown registers read as zero and ignore writes, as the GIC does for
 * reserved locations.
 */
bool vgic_mmio_access(struct vcpu *v, uint64_t ipa, bool write, unsigned int size,
                      uint64_t *value);

/* Makes private interrupt `intid` of `v` pending, and gets it delivered. */
void vgic_raise(struct vcpu *v, unsigned int intid);

/* The same for an interrupt forwarded from the hardware (a timer PPI). */
void vgic_raise_hardware(struct vcpu *v, unsigned int intid);

/*
 * Whether the vCPU has an enabled interrupt pending (the upcall counting as
 * pending while its flag is set).  The priority mask is not considered, so
 * this may answer yes a little early, which SCHEDOP_block allows.
 */
bool vgic_has_deliverable(struct vcpu *v);

/*
 * A guest's write to ICC_SGI1R_EL1 (or ICC_SGI0R_EL1, ICC_ASGI1R_EL1):
 * makes the SGI pending on the vCPUs of its domain that the value selects.
 */
void vgic_send_sgi(struct vcpu *v, uint64_t value);

#endif /* REFHV_CORE_VGIC_H */
