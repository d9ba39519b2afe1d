/*
 * suite.c - which test lists each role runs, in order (see suite.h).
 */
#include <stddef.h>
#include <string.h>

#include "framework/suite.h"

/*
 * The domain alone, with one vCPU: every test that needs no other domain
 * and no second vCPU.
 */
static const struct conformance_test *const main_lists[] = {
    /* RAM as the domain got it first: guest_entry_memory_tests checks
     * that it is zero, then hypervisor_node_memory_tests writes it. */
    guest_entry_memory_tests,
    hypervisor_node_tests,
    hypervisor_node_platform_tests,
    hypervisor_node_memory_tests,
    hypervisor_node_timer_tests,
    guest_entry_tests,
    hypercall_tests,
    aarch64_binding_tests,
    aarch64_state_tests,
    aarch64_smccc_tests,
    aarch64_pointer_tests,
    aarch64_el0_tests,
    aarch64_continuation_tests,
    xen_version_tests,
    xen_version_string_tests,
    xen_version_feature_tests,
    console_io_tests,
    console_io_read_tests,
    types_tests,
    sched_op_tests,
    event_channel_command_tests,
    event_channel_port_tests,
    event_channel_open_tests,
    event_channel_manage_tests,
    event_channel_2l_tests,
    event_channel_irq_tests,
    shared_info_tests,
    vcpu_op_tests,
    vcpu_op_runstate_tests,
    psci_tests,
    sched_op_wait_tests,
    sched_op_watchdog_tests,
    xen_version_denied_tests,
    hvm_op_tests,
    grant_table_op_tests,
    grant_table_query_tests,
    grant_table_version_tests,
    control_main_tests,
    safety_access_tests,
    NULL,
};

/* Scenario evtchn_pair: the two ends of interdomain event channels. */
static const struct conformance_test *const evtchn_left_lists[] = {
    event_channel_left_tests,
    NULL,
};

static const struct conformance_test *const evtchn_right_lists[] = {
    event_channel_right_tests,
    NULL,
};

/* Scenario evtchn-smp: one domain, two vCPUs. */
static const struct conformance_test *const evtchn_smp_lists[] = {
    event_channel_smp_tests,
    NULL,
};

/* Scenario evtchn-fifo: the optional FIFO layout, and back. */
static const struct conformance_test *const evtchn_fifo_lists[] = {
    event_channel_fifo_tests,
    NULL,
};

/*
 * A domain with two vCPUs (scenario vcpus): PSCI CPU_ON and what needs a
 * second vCPU, then the placements of vcpu_info structures, which last for
 * the life of the domain.  psci_vcpus_last_tests may leave vCPU 1 unusable.
 */
static const struct conformance_test *const vcpus_lists[] = {
    psci_vcpus_tests,
    guest_entry_cpu_on_tests,
    vcpu_op_vcpus_tests,
    psci_vcpus_last_tests,
    NULL,
};

/* A vcpu_info placed at a hypervisor page (scenario vcpu_info_frames). */
static const struct conformance_test *const vcpu_info_frames_lists[] = {
    vcpu_op_hypervisor_frame_tests,
    NULL,
};

/* The witnesses of the scenarios psci_system_off and psci_system_reset. */
static const struct conformance_test *const psci_off_witness_lists[] = {
    psci_off_witness_tests,
    NULL,
};

static const struct conformance_test *const psci_reset_witness_lists[] = {
    psci_reset_witness_tests,
    NULL,
};

/* The witness of the scenario psci_cpu_off_last. */
static const struct conformance_test *const psci_cpu_off_witness_lists[] = {
    psci_cpu_off_witness_tests,
    NULL,
};

/* A domain with a ramdisk module (scenario ramdisk). */
static const struct conformance_test *const ramdisk_lists[] = {
    domain_binding_ramdisk_tests,
    guest_entry_ramdisk_tests,
    NULL,
};

/* Each of several domains of different sizes (scenario domain_binding). */
static const struct conformance_test *const binding_lists[] = {
    domain_binding_domain_tests,
    NULL,
};

/*
 * One domain with two vCPUs (scenario smp).  The memory_op tests need the
 * shared info page at no frame, so they run in this role, where nothing
 * places it for good; the shutdown comes last.
 */
static const struct conformance_test *const smp_lists[] = {
    two_vcpus_tests,
    memory_op_tests,
    two_vcpus_stop_tests,
    NULL,
};

/*
 * One domain (scenario grant_table): the frames of its grant table, which
 * the tests need as the domain started, and which they grow for good.
 * grant_table_swap_tests use the frames that grant_table_frames_tests
 * leave placed; grant_table_frames_window_tests grow the table to its
 * maximum and move frames around, so they come last.
 */
static const struct conformance_test *const grant_table_lists[] = {
    grant_table_frames_tests,
    grant_table_swap_tests,
    grant_table_frames_window_tests,
    NULL,
};

/*
 * Two domains at once (scenario physmap_fill): pages placed everywhere a
 * domain may place them.  Placing the shared info page takes RAM pages
 * away for good, so nothing else runs in this role.
 */
static const struct conformance_test *const physmap_fill_lists[] = {
    memory_op_fill_tests,
    NULL,
};

/* A control domain and a domain that is not one (scenario control). */
static const struct conformance_test *const control_lists[] = {
    xen_version_control_tests,
    hvm_op_control_tests,
    control_tests,
    NULL,
};

static const struct conformance_test *const target_lists[] = {
    hvm_op_other_domain_tests,
    memory_op_other_domain_tests,
    grant_table_query_other_tests,
    grant_table_version_other_tests,
    control_target_tests,
    control_target_stop_tests,
    NULL,
};

/*
 * The stop scenarios (stop_*.conf): a victim whose test ends with the stop
 * of its domain, and a witness that sees it.
 */
static const struct conformance_test *const shutdown_victim_lists[] = {
    sched_op_shutdown_victim_tests,
    NULL,
};

static const struct conformance_test *const shutdown_witness_lists[] = {
    sched_op_shutdown_witness_tests,
    NULL,
};

static const struct conformance_test *const watchdog_victim_lists[] = {
    sched_op_watchdog_victim_tests,
    NULL,
};

static const struct conformance_test *const watchdog_witness_lists[] = {
    sched_op_watchdog_witness_tests,
    NULL,
};

static const struct conformance_test *const shutdown_code_lists[] = {
    sched_op_shutdown_code_tests,
    NULL,
};

/* No test: a domain that only shows that it started (the system-tree
 * tests of conformance/system-trees/ that expect the tree accepted). */
static const struct conformance_test *const idle_lists[] = {
    NULL,
};

const struct suite_role suite_roles[] = {
    { "main", main_lists, NULL },
    { "vcpus", vcpus_lists, NULL },
    { "vcpu_info_frames", vcpu_info_frames_lists, NULL },
    { "psci_off_witness", psci_off_witness_lists, NULL },
    { "psci_reset_witness", psci_reset_witness_lists, NULL },
    { "psci_system_off", NULL, psci_system_off_act },
    { "psci_system_reset", NULL, psci_system_reset_act },
    { "psci_cpu_off_witness", psci_cpu_off_witness_lists, NULL },
    { "psci_cpu_off_subject", NULL, psci_cpu_off_subject_act },
    { "evtchn_left", evtchn_left_lists, NULL },
    { "evtchn_right", evtchn_right_lists, NULL },
    { "evtchn_smp", evtchn_smp_lists, NULL },
    { "evtchn_fifo", evtchn_fifo_lists, NULL },
    { "ramdisk", ramdisk_lists, NULL },
    { "binding", binding_lists, NULL },
    { "idle", idle_lists, NULL },
    { "smp", smp_lists, NULL },
    { "grant_table", grant_table_lists, NULL },
    { "physmap_fill", physmap_fill_lists, NULL },
    { "control", control_lists, NULL },
    { "target", target_lists, NULL },
    { "shutdown_victim", shutdown_victim_lists, NULL },
    { "shutdown_witness", shutdown_witness_lists, NULL },
    { "watchdog_victim", watchdog_victim_lists, NULL },
    { "watchdog_witness", watchdog_witness_lists, NULL },
    { "shutdown_code", shutdown_code_lists, NULL },
    { NULL, NULL, NULL },
};

const struct suite_role *suite_find_role(const char *name)
{
    for (const struct suite_role *role = suite_roles; role->name != NULL; role++) {
        if (strcmp(role->name, name) == 0) {
            return role;
        }
    }
    return NULL;
}
