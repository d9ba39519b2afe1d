/*
 * gicv3.h - the physical GICv3 distributor and redistributors.
 *
 * The hypervisor uses the GIC only for its own per-CPU interrupts: SGI 0
 * to interrupt another CPU ("kick": make its vCPU trap so the hypervisor
 * can act, for instance to deliver a virtual interrupt or stop the vCPU),
 * its own timer (the EL2 physical timer, for watchdogs and poll timeouts),
 * and the guest's timer PPIs, which it forwards to the vCPU of the CPU.
 * No shared peripheral interrupt is enabled.
 */
#ifndef REFHV_DRIVERS_GICV3_H
#define REFHV_DRIVERS_GICV3_H

#include <stdint.h>

#define GIC_SGI_KICK        0
#define GIC_PPI_HYP_TIMER   26
#define GIC_PPI_VIRT_TIMER  27
#define GIC_PPI_PHYS_TIMER  30
#define GIC_INTID_SPURIOUS  1023

struct gicv3 {
    uintptr_t dist;         /* GICD frame */
    uintptr_t redist;       /* first redistributor frame */
    uint64_t redist_size;   /* bytes of redistributor frames */
};

/* Sets up the distributor: affinity routing, group 1, every SPI disabled. */
void gicv3_init_distributor(const struct gicv3 *gic);

/*
 * Wakes the redistributor of the CPU with affinity `mpidr` and enables SGI 0
 * and the timer PPIs there.  Returns 0, or -1 when no redistributor frame
 * has that affinity.
 */
int gicv3_init_redistributor(const struct gicv3 *gic, uint64_t mpidr);

#endif /* REFHV_DRIVERS_GICV3_H */
