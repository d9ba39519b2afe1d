/*
 * interrupts.c - physical interrupts at EL2.
 *
 * Guests run with physical interrupts routed to EL2 (HCR_EL2.IMO).  The
 * hypervisor enables only SGI 0 (a kick from another CPU) and the timer
 * PPIs; a timer interrupt is forwarded to the vCPU of the CPU as the same
 * virtual PPI.  Every interrupt is taken while a guest runs, never while
 * the hypervisor runs: EL2 keeps interrupts masked.
 */
#include "arch/aarch64/gic_cpu_interface.h"
#include "arch/aarch64/interrupts.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/vgic_list_registers.h"
#include "core/arch.h"
#include "core/console.h"
#include "core/timer.h"
#include "core/vgic.h"
#include "drivers/gicv3.h"

/* The machine's GIC, as the boot configuration gave it. */
static struct gicv3 host_gic;

int interrupts_init(const struct boot_config *cfg)
{
    host_gic = (struct gicv3){
        .dist = (uintptr_t)cfg->gic_dist.base,
        .redist = (uintptr_t)cfg->gic_redist.base,
        .redist_size = cfg->gic_redist.size,
    };
    gicv3_init_distributor(&host_gic);
    return interrupts_init_cpu();
}

int interrupts_init_cpu(void)
{
    if (gicv3_init_redistributor(&host_gic, SYSREG_READ(mpidr_el1)) != 0) {
        hv_log("error: no GIC redistributor for the CPU with MPIDR 0x%llx\n",
               (unsigned long long)SYSREG_READ(mpidr_el1));
        return -1;
    }
    gic_cpu_interface_init();
    vgic_list_registers_init();
    return 0;
}

void interrupts_handle(struct vcpu *v)
{
    for (;;) {
        uint32_t intid = gic_acknowledge();

        if (intid >= GIC_INTID_SPURIOUS) {
            return;
        }
        gic_drop_priority(intid);
        if (intid == GIC_PPI_VIRT_TIMER || intid == GIC_PPI_PHYS_TIMER) {
            /* The guest's end of interrupt deactivates it (hardware bit). */
            vgic_raise_hardware(v, intid);
            continue;
        }
        gic_deactivate(intid);
        if (intid == GIC_PPI_HYP_TIMER) {
            timer_expired(v);
            continue;
        }
        if (intid != GIC_SGI_KICK) {
            hv_log("warning: unexpected interrupt %u while d%u ran\n", (unsigned)intid,
                   (unsigned)v->domain->id);
        }
        /* A kick needs no action of its own: the return to the guest does the work. */
    }
}

void arch_handle_interrupts(struct vcpu *v)
{
    interrupts_handle(v);
}
