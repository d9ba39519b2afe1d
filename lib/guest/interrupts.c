/*
 * interrupts.c - the guest's GICv3 and interrupt dispatch (see interrupts.h).
 */
#include <libfdt.h>
#include <stddef.h>

#include "fdtutil/fdt_reg.h"
#include "guest/console.h"
#include "guest/interrupts.h"

/* Distributor and redistributor registers the guest uses. */
#define GICD_CTLR          0x0000
#define GICD_CTLR_ARE      (1U << 4)
#define GICD_CTLR_GRP1     (1U << 1)
#define GICR_FRAME_STRIDE  0x20000
#define GICR_TYPER         0x0008
#define GICR_WAKER         0x0014
#define GICR_TYPER_LAST    (1ULL << 4)
#define GICR_WAKER_SLEEP   (1U << 1)
#define GICR_WAKER_ASLEEP  (1U << 2)
#define GICR_SGI           0x10000
#define GICR_IGROUPR0      (GICR_SGI + 0x0080)
#define GICR_ISENABLER0    (GICR_SGI + 0x0100)
#define GICR_ICENABLER0    (GICR_SGI + 0x0180)
#define GICR_ISPENDR0      (GICR_SGI + 0x0200)
#define GICR_IPRIORITYR0   (GICR_SGI + 0x0400)

#define GUEST_PRIORITY 0x80

struct attached {
    interrupt_handler handler;
    void *context;
};

/*
 * The vCPU's GIC: one per guest image, as the image runs on one vCPU.
 * Filled once by interrupts_init().
 */
static uintptr_t distributor;
static uintptr_t redistributor;
static struct attached handlers[INTERRUPTS_PRIVATE];

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

static uint64_t read_mpidr(void)
{
    uint64_t mpidr;

    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr;
}

/* The redistributor frame whose GICR_TYPER affinity is this vCPU's. */
static uintptr_t find_redistributor(uint64_t base, uint64_t size)
{
    uint64_t mpidr = read_mpidr();
    uint64_t affinity = ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);

    for (uint64_t frame = base; frame < base + size; frame += GICR_FRAME_STRIDE) {
        uint64_t typer = read64((uintptr_t)frame + GICR_TYPER);

        if ((typer >> 32) == affinity) {
            return (uintptr_t)frame;
        }
        if ((typer & GICR_TYPER_LAST) != 0) {
            break;
        }
    }
    return 0;
}

int interrupts_init(const struct guest_platform *platform)
{
    int node = fdt_node_offset_by_compatible(platform->fdt, -1, "arm,gic-v3");
    uint64_t dist_base, dist_size, redist_base, redist_size;

    if (node < 0 || fdt_reg_read(platform->fdt, node, 0, &dist_base, &dist_size) != 0 ||
        fdt_reg_read(platform->fdt, node, 1, &redist_base, &redist_size) != 0) {
        console_printf("# interrupts: no GICv3 with a distributor and redistributors in the tree\n");
        return -1;
    }
    distributor = (uintptr_t)dist_base;
    redistributor = find_redistributor(redist_base, redist_size);
    if (redistributor == 0) {
        console_printf("# interrupts: no redistributor has this vCPU's affinity\n");
        return -1;
    }

    write32(distributor + GICD_CTLR, read32(distributor + GICD_CTLR) | GICD_CTLR_ARE |
                                         GICD_CTLR_GRP1);
    write32(redistributor + GICR_WAKER, read32(redistributor + GICR_WAKER) & ~GICR_WAKER_SLEEP);
    while ((read32(redistributor + GICR_WAKER) & GICR_WAKER_ASLEEP) != 0) {
    }
    write32(redistributor + GICR_ICENABLER0, 0xffffffffU);
    write32(redistributor + GICR_IGROUPR0, 0xffffffffU);

    /* CPU interface: system registers, every priority, group 1 on. */
    __asm__ volatile("msr S3_0_C12_C12_5, %0" : : "r"(1ULL)); /* ICC_SRE_EL1.SRE */
    __asm__ volatile("isb");
    __asm__ volatile("msr S3_0_C4_C6_0, %0" : : "r"(0xffULL)); /* ICC_PMR_EL1 */
    __asm__ volatile("msr S3_0_C12_C12_7, %0" : : "r"(1ULL)); /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("isb");
    return 0;
}

int interrupts_attach(uint32_t intid, interrupt_handler handler, void *context)
{
    volatile uint8_t *priority;

    if (intid >= INTERRUPTS_PRIVATE || redistributor == 0) {
        return -1;
    }
    handlers[intid] = (struct attached){ .handler = handler, .context = context };
    priority = (volatile uint8_t *)(redistributor + GICR_IPRIORITYR0 + intid);
    *priority = GUEST_PRIORITY;
    write32(redistributor + GICR_ISENABLER0, 1U << intid);
    return 0;
}

void interrupts_detach(uint32_t intid)
{
    if (intid >= INTERRUPTS_PRIVATE || redistributor == 0) {
        return;
    }
    write32(redistributor + GICR_ICENABLER0, 1U << intid);
    handlers[intid] = (struct attached){ .handler = NULL, .context = NULL };
}

void interrupts_unmask(void)
{
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

void interrupts_mask(void)
{
    __asm__ volatile("msr daifset, #2" ::: "memory");
}

void interrupts_wait(void)
{
    /* WFI wakes on a pending interrupt even while masked; unmask to take it. */
    __asm__ volatile("dsb sy\n\t"
                     "wfi\n\t"
                     "msr daifclr, #2\n\t"
                     "isb\n\t"
                     "msr daifset, #2" ::: "memory");
}

void interrupts_send_sgi(uint32_t intid, uint16_t target_list)
{
    uint64_t value = ((uint64_t)(intid & 0xf) << 24) | target_list;

    __asm__ volatile("dsb ishst\n\t"
                     "msr S3_0_C12_C11_5, %0\n\t" /* ICC_SGI1R_EL1 */
                     "isb" : : "r"(value) : "memory");
}

bool interrupts_is_pending(uint32_t intid)
{
    if (intid >= INTERRUPTS_PRIVATE || redistributor == 0) {
        return false;
    }
    return (read32(redistributor + GICR_ISPENDR0) >> intid) & 1;
}

void interrupts_dispatch(void)
{
    for (;;) {
        uint64_t intid;

        __asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(intid)); /* ICC_IAR1_EL1 */
        intid &= 0xffffff;
        if (intid >= 1020) {
            return;
        }
        if (intid < INTERRUPTS_PRIVATE && handlers[intid].handler != NULL) {
            handlers[intid].handler((uint32_t)intid, handlers[intid].context);
        } else {
            console_printf("# interrupts: INTID %u without a handler\n", (unsigned)intid);
        }
        __asm__ volatile("msr S3_0_C12_C12_1, %0\n\t" /* ICC_EOIR1_EL1 */
                         "isb" : : "r"(intid) : "memory");
    }
}
