/*
 * smccc.c - PSCI for guests.
 *
 * SYSTEM_OFF and SYSTEM_RESET stop the calling domain, not the machine:
 * partitions are independent, and the machine powers off by itself once no
 * domain runs.  A reset is not carried out; the domain stays stopped.
 */
#include "core/smccc.h"

#include <hvabi/sched_op.h>

#define PSCI_VERSION      0x84000000U
#define PSCI_SYSTEM_OFF   0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U

#define PSCI_VERSION_0_2 0x00000002ULL

struct smccc_result smccc_dispatch(struct vcpu *v, const struct smccc_call *call)
{
    struct smccc_result result = { .x = { SMCCC_NOT_SUPPORTED, 0, 0, 0 } };

    switch (call->function) {
    case PSCI_VERSION:
        result.x[0] = PSCI_VERSION_0_2;
        break;
    case PSCI_SYSTEM_OFF:
        domain_shutdown(v->domain, HVABI_SHUTDOWN_POWEROFF);
        result.x[0] = 0;
        break;
    case PSCI_SYSTEM_RESET:
        domain_shutdown(v->domain, HVABI_SHUTDOWN_REBOOT);
        result.x[0] = 0;
        break;
    default:
        break;
    }
    return result;
}
