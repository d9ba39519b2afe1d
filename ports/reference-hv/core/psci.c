/*
 * psci.c - PSCI 1.1 for guests: their vCPUs' power states, and the
 * domain's own power-off and reset.
 *
 * Each vCPU owns a physical CPU, so powering a vCPU on or off only changes
 * its state: its CPU runs it, or waits for it.  SYSTEM_OFF and SYSTEM_RESET
 * stop the calling domain, not the machine; the machine powers off by
 * itself once no domain runs.  A reset is not carried out: the domain stays
 * stopped, with the reason reboot.
 */
#include "core/arch.h"
#include "core/psci.h"
#include "core/runstate.h"

#include <hvabi/sched_op.h>

/* Function IDs (SMC32 and SMC64 forms where both exist). */
#define PSCI_VERSION           0x84000000U
#define PSCI_CPU_SUSPEND_32    0x84000001U
#define PSCI_CPU_SUSPEND_64    0xc4000001U
#define PSCI_CPU_OFF           0x84000002U
#define PSCI_CPU_ON_32         0x84000003U
#define PSCI_CPU_ON_64         0xc4000003U
#define PSCI_AFFINITY_INFO_32  0x84000004U
#define PSCI_AFFINITY_INFO_64  0xc4000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF        0x84000008U
#define PSCI_SYSTEM_RESET      0x84000009U
#define PSCI_FEATURES          0x8400000aU
#define SMCCC_VERSION_FUNCTION 0x80000000U

/* Return values. */
#define PSCI_SUCCESS            0
#define PSCI_NOT_SUPPORTED      (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED             (-3)
#define PSCI_ALREADY_ON         (-4)
#define PSCI_INVALID_ADDRESS    (-9)

#define PSCI_VERSION_1_1 0x00010001ULL

/* AFFINITY_INFO states. */
#define AFFINITY_ON  0
#define AFFINITY_OFF 1

/* MIGRATE_INFO_TYPE: no Trusted OS that would need migrating. */
#define MIGRATE_NOT_REQUIRED 2

/* MPIDR affinity fields; a vCPU's affinity is Aff0 = its ID. */
#define MPIDR_AFFINITY_MASK 0xff00ffffffULL

static const uint32_t implemented[] = {
    PSCI_VERSION,          PSCI_CPU_SUSPEND_32,   PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF,
    PSCI_CPU_ON_32,        PSCI_CPU_ON_64,        PSCI_AFFINITY_INFO_32,
    PSCI_AFFINITY_INFO_64, PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF,    PSCI_SYSTEM_RESET,
    PSCI_FEATURES,
};

bool psci_implements(uint32_t function)
{
    for (unsigned int i = 0; i < sizeof(implemented) / sizeof(implemented[0]); i++) {
        if (implemented[i] == function) {
            return true;
        }
    }
    return false;
}

static bool is_32bit_call(uint32_t function)
{
    return (function & 0x40000000U) == 0;
}

/* The vCPU of d whose affinity is `target`, or NULL. */
static struct vcpu *vcpu_by_affinity(struct domain *d, uint64_t target)
{
    target &= MPIDR_AFFINITY_MASK;
    if (target >= d->vcpu_count) {
        return NULL;
    }
    return &d->vcpus[target];
}

static bool inside_ram(const struct domain *d, uint64_t ipa)
{
    return ipa >= d->ram_ipa && ipa - d->ram_ipa < d->ram_size;
}

static int64_t cpu_on(struct vcpu *caller, uint64_t target, uint64_t entry, uint64_t context)
{
    struct domain *d = caller->domain;
    struct vcpu *v = vcpu_by_affinity(d, target);
    int64_t status;

    if (v == NULL) {
        return PSCI_INVALID_PARAMETERS;
    }
    if (!inside_ram(d, entry) || (entry & 3) != 0) {
        return PSCI_INVALID_ADDRESS;
    }
    /* A stop takes this lock too: a vCPU it marked stopped stays stopped (domain.h). */
    spin_lock(&d->lock);
    if (v->state != VCPU_OFF) {
        status = v->state == VCPU_RUNNING ? PSCI_ALREADY_ON : PSCI_DENIED;
    } else {
        arch_vcpu_init(v, entry, context);
        __atomic_store_n(&v->state, VCPU_RUNNING, __ATOMIC_RELEASE);
        status = PSCI_SUCCESS;
    }
    spin_unlock(&d->lock);
    if (status == PSCI_SUCCESS) {
        arch_send_event();
    }
    return status;
}

/*
 * Powers the caller off, unless it is the domain's last running vCPU.  A
 * stopped domain has no running vCPU: the call is denied and the caller
 * stays stopped (the lock is the one a stop takes, see domain.h).
 */
static int64_t cpu_off(struct vcpu *caller)
{
    struct domain *d = caller->domain;
    unsigned int running = 0;
    int64_t status = PSCI_DENIED;

    spin_lock(&d->lock);
    for (unsigned int i = 0; i < d->vcpu_count; i++) {
        if (d->vcpus[i].state == VCPU_RUNNING) {
            running++;
        }
    }
    if (running > 1) {
        runstate_enter(caller, HVABI_RUNSTATE_OFFLINE);
        __atomic_store_n(&caller->state, VCPU_OFF, __ATOMIC_RELEASE);
        status = PSCI_SUCCESS; /* not seen: the vCPU does not run again until CPU_ON */
    }
    spin_unlock(&d->lock);
    return status;
}

static int64_t affinity_info(struct vcpu *caller, uint64_t target, uint64_t lowest_level)
{
    struct vcpu *v = vcpu_by_affinity(caller->domain, target);

    if (v == NULL || lowest_level != 0) {
        return PSCI_INVALID_PARAMETERS;
    }
    return __atomic_load_n(&v->state, __ATOMIC_ACQUIRE) == VCPU_RUNNING ? AFFINITY_ON
                                                                         : AFFINITY_OFF;
}

struct smccc_result psci_call(struct vcpu *v, const struct smccc_call *call)
{
    uint64_t a1 = call->args[0], a2 = call->args[1], a3 = call->args[2];
    struct smccc_result result = { .x = { 0, 0, 0, 0 } };
    int64_t status = PSCI_SUCCESS;

    if (is_32bit_call(call->function)) {
        a1 = (uint32_t)a1;
        a2 = (uint32_t)a2;
        a3 = (uint32_t)a3;
    }
    switch (call->function) {
    case PSCI_VERSION:
        result.x[0] = PSCI_VERSION_1_1;
        return result;
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
        /* Standby: the caller resumes at once, as after a wake-up event. */
        break;
    case PSCI_CPU_OFF:
        status = cpu_off(v);
        break;
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
        status = cpu_on(v, a1, a2, a3);
        break;
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
        status = affinity_info(v, a1, a2);
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        status = MIGRATE_NOT_REQUIRED;
        break;
    case PSCI_SYSTEM_OFF:
        domain_stop(v->domain, STOP_SHUTDOWN, HVABI_SHUTDOWN_POWEROFF);
        break;
    case PSCI_SYSTEM_RESET:
        domain_stop(v->domain, STOP_SHUTDOWN, HVABI_SHUTDOWN_REBOOT);
        break;
    case PSCI_FEATURES:
        /* SMCCC_VERSION is discoverable too, as SMCCC 1.1 requires. */
        status = psci_implements((uint32_t)a1) || (uint32_t)a1 == SMCCC_VERSION_FUNCTION
                     ? PSCI_SUCCESS
                     : PSCI_NOT_SUPPORTED;
        break;
    default:
        status = PSCI_NOT_SUPPORTED;
        break;
    }
    result.x[0] = (uint64_t)status;
    return result;
}
