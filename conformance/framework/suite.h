/*
 * suite.h - the test lists of every test file, and the roles that run them.
 *
 * Each list is an array ended by an entry whose name is NULL.  A role is
 * what one domain of a scenario does: the boot argument hvabi.role=NAME
 * selects it (default: main).  A role runs its lists in order, and the
 * test numbers of its KTAP output count over all of them.
 *
 * The role "main" runs every test that needs no other domain.  A scenario
 * with several domains gives each a role whose tests play their part
 * against the others (conformance/scenarios/).
 */
#ifndef HVABI_CONFORMANCE_SUITE_H
#define HVABI_CONFORMANCE_SUITE_H

#include "framework/test.h"

extern const struct conformance_test hypercall_tests[];
extern const struct conformance_test aarch64_binding_tests[];
extern const struct conformance_test xen_version_tests[];
extern const struct conformance_test console_io_tests[];
extern const struct conformance_test sched_op_tests[];
extern const struct conformance_test event_channel_command_tests[];
extern const struct conformance_test event_channel_port_tests[];
extern const struct conformance_test event_channel_open_tests[];
extern const struct conformance_test event_channel_manage_tests[];
extern const struct conformance_test event_channel_2l_tests[];
extern const struct conformance_test event_channel_irq_tests[];
extern const struct conformance_test shared_info_tests[];
extern const struct conformance_test event_channel_left_tests[];
extern const struct conformance_test event_channel_right_tests[];
extern const struct conformance_test event_channel_smp_tests[];
extern const struct conformance_test event_channel_fifo_tests[];
extern const struct conformance_test aarch64_state_tests[];
extern const struct conformance_test aarch64_smccc_tests[];
extern const struct conformance_test aarch64_pointer_tests[];
extern const struct conformance_test aarch64_el0_tests[];
extern const struct conformance_test aarch64_continuation_tests[];
extern const struct conformance_test guest_entry_memory_tests[];
extern const struct conformance_test guest_entry_ramdisk_tests[];
extern const struct conformance_test grant_table_op_tests[];
extern const struct conformance_test grant_table_query_tests[];
extern const struct conformance_test grant_table_query_other_tests[];
extern const struct conformance_test grant_table_version_tests[];
extern const struct conformance_test grant_table_version_other_tests[];
extern const struct conformance_test grant_table_frames_tests[];
extern const struct conformance_test grant_table_swap_tests[];
extern const struct conformance_test grant_table_frames_window_tests[];
extern const struct conformance_test guest_entry_tests[];
extern const struct conformance_test guest_entry_cpu_on_tests[];
extern const struct conformance_test vcpu_op_tests[];
extern const struct conformance_test vcpu_op_runstate_tests[];
extern const struct conformance_test vcpu_op_vcpus_tests[];
extern const struct conformance_test vcpu_op_hypervisor_frame_tests[];
extern const struct conformance_test psci_tests[];
extern const struct conformance_test psci_cpu_off_witness_tests[];
extern const struct conformance_test psci_vcpus_tests[];
extern const struct conformance_test psci_vcpus_last_tests[];
extern const struct conformance_test psci_off_witness_tests[];
extern const struct conformance_test psci_reset_witness_tests[];

/* What the stopper domains of the PSCI SYSTEM_OFF and SYSTEM_RESET
 * scenarios do (tests/psci_system.c). */
void psci_system_off_act(const struct guest_platform *platform);
void psci_system_reset_act(const struct guest_platform *platform);
void psci_cpu_off_subject_act(const struct guest_platform *platform);
extern const struct conformance_test hypervisor_node_tests[];
extern const struct conformance_test hypervisor_node_platform_tests[];
extern const struct conformance_test hypervisor_node_memory_tests[];
extern const struct conformance_test hypervisor_node_timer_tests[];
extern const struct conformance_test xen_version_string_tests[];
extern const struct conformance_test xen_version_feature_tests[];
extern const struct conformance_test console_io_read_tests[];
extern const struct conformance_test types_tests[];
extern const struct conformance_test domain_binding_ramdisk_tests[];
extern const struct conformance_test domain_binding_domain_tests[];
extern const struct conformance_test sched_op_wait_tests[];
extern const struct conformance_test sched_op_watchdog_tests[];
extern const struct conformance_test sched_op_shutdown_victim_tests[];
extern const struct conformance_test sched_op_shutdown_witness_tests[];
extern const struct conformance_test sched_op_watchdog_victim_tests[];
extern const struct conformance_test sched_op_watchdog_witness_tests[];
extern const struct conformance_test sched_op_shutdown_code_tests[];
extern const struct conformance_test hvm_op_tests[];
extern const struct conformance_test hvm_op_other_domain_tests[];
extern const struct conformance_test hvm_op_control_tests[];
extern const struct conformance_test memory_op_tests[];
extern const struct conformance_test memory_op_other_domain_tests[];
extern const struct conformance_test memory_op_fill_tests[];
extern const struct conformance_test xen_version_denied_tests[];
extern const struct conformance_test xen_version_control_tests[];
extern const struct conformance_test control_main_tests[];
extern const struct conformance_test control_target_tests[];
extern const struct conformance_test control_target_stop_tests[];
extern const struct conformance_test control_tests[];
extern const struct conformance_test two_vcpus_tests[];
extern const struct conformance_test two_vcpus_stop_tests[];
extern const struct conformance_test safety_access_tests[];

struct suite_role {
    const char *name;                               /* the value of hvabi.role */
    const struct conformance_test *const *lists;    /* NULL-terminated */
    /*
     * For a role whose domain the hypervisor is to stop (expect = stopped
     * in its scenario): what the domain does instead of running tests.  It
     * prints no KTAP.  NULL for every role with tests.
     */
    void (*act)(const struct guest_platform *platform);
};

/* Every role, ended by an entry whose name is NULL. */
extern const struct suite_role suite_roles[];

/* The role called `name`, or NULL. */
const struct suite_role *suite_find_role(const char *name);

#endif /* HVABI_CONFORMANCE_SUITE_H */
