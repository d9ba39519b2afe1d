/*
 * gicv3.c - distributor and redistributor set-up (see gicv3.h).
 */
#include <stdbool.h>

#include "drivers/gicv3.h"

/* Distributor registers. */
#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IGROUPR    0x0080
#define GICD_ICENABLER  0x0180
#define GICD_CTLR_RWP   (1U << 31)
#define GICD_CTLR_ARE   (1U << 4)
#define GICD_CTLR_GRP1  (1U << 1)

/* Redistributor: RD_base frame, then SGI_base frame 64 KiB above it. */
#define GICR_FRAME_STRIDE 0x20000
#define GICR_TYPER        0x0008
#define GICR_WAKER        0x0014
#define GICR_TYPER_LAST   (1ULL << 4)
#define GICR_WAKER_PROCESSOR_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)
#define GICR_SGI_BASE     0x10000
#define GICR_IGROUPR0     (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0   (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0   (GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR   (GICR_SGI_BASE + 0x0400)

#define HYPERVISOR_PRIORITY 0xa0

static uint32_t read32(uintptr_t address)
{
    return *(volatile uint32_t *)address;
}

static void write32(uintptr_t address, uint32_t value)
{
    *(volatile uint32_t *)address = value;
}

static uint64_t read64(uintptr_t address)
{
    return *(volatile uint64_t *)address;
}

void gicv3_init_distributor(const struct gicv3 *gic)
{
    uint32_t lines = ((read32(gic->dist + GICD_TYPER) & 0x1f) + 1) * 32;

    write32(gic->dist + GICD_CTLR, 0);
    while ((read32(gic->dist + GICD_CTLR) & GICD_CTLR_RWP) != 0) {
    }
    for (uint32_t i = 32; i < lines; i += 32) {
        write32(gic->dist + GICD_ICENABLER + i / 8, 0xffffffffU);
        write32(gic->dist + GICD_IGROUPR + i / 8, 0xffffffffU);
    }
    write32(gic->dist + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
    while ((read32(gic->dist + GICD_CTLR) & GICD_CTLR_RWP) != 0) {
    }
}

/* GICR_TYPER.Affinity holds Aff3.Aff2.Aff1.Aff0 in bits [63:32]. */
static uint64_t typer_affinity(uint64_t mpidr)
{
    return ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);
}

int gicv3_init_redistributor(const struct gicv3 *gic, uint64_t mpidr)
{
    uintptr_t frame = 0;

    for (uintptr_t f = gic->redist; f < gic->redist + gic->redist_size; f += GICR_FRAME_STRIDE) {
        uint64_t typer = read64(f + GICR_TYPER);

        if ((typer >> 32) == typer_affinity(mpidr)) {
            frame = f;
            break;
        }
        if ((typer & GICR_TYPER_LAST) != 0) {
            break;
        }
    }
    if (frame == 0) {
        return -1;
    }

    write32(frame + GICR_WAKER, read32(frame + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
    while ((read32(frame + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) != 0) {
    }
    write32(frame + GICR_ICENABLER0, 0xffffffffU);
    write32(frame + GICR_IGROUPR0, 0xffffffffU);
    for (unsigned int i = 0; i < 32; i += 4) {
        write32(frame + GICR_IPRIORITYR + i, HYPERVISOR_PRIORITY * 0x01010101U);
    }
    write32(frame + GICR_ISENABLER0, (1U << GIC_SGI_KICK) | (1U << GIC_PPI_HYP_TIMER) |
                                         (1U << GIC_PPI_VIRT_TIMER) | (1U << GIC_PPI_PHYS_TIMER));
    return 0;
}
