/*
 * monitor.h - watches a booted machine: feeds QEMU's output to the session
 * line by line and decides when the boot is over.
 *
 * A domain that owes results and prints nothing for the inactivity limit
 * has crashed (session_check_inactivity()).  A boot ends when
 *   - QEMU exits by itself (an exit status other than 0 is a problem);
 *   - the timeout passes (a problem);
 *   - no domain that owes results is running any more, and then
 *       when one of them crashed: 2 s later, which leaves time for the
 *       hypervisor's lines about it;
 *       for a port whose machine does not halt when its domains stop
 *       (halts-when-domains-stop = no, e.g. Xen without dom0): 2 s later,
 *       which leaves time for late lines; this is the normal end;
 *       for a port whose machine halts: if QEMU is still running 15 s
 *       later, which is a problem;
 *   - the harness gets SIGINT, SIGTERM or SIGHUP (a problem).
 * When QEMU exited or the timeout passed, the domains still running that
 * owe results have crashed (session_end_boot()).  In every case QEMU has
 * been ended and reaped when monitor_run() returns.
 */
#ifndef HARNESS_MONITOR_H
#define HARNESS_MONITOR_H

#include <stdbool.h>
#include <stdio.h>

#include "child_process.h"
#include "session.h"
#include "signal_watch.h"

#define MONITOR_SETTLE_SECONDS 2u
#define MONITOR_HALT_SECONDS 15u

struct monitor_settings {
    unsigned timeout_seconds;    /* of one boot */
    unsigned inactivity_seconds; /* a domain silent this long has crashed */
    bool halts_when_domains_stop;
};

enum monitor_end {
    MONITOR_BOOT_ENDED,      /* the boot is over; the session says how */
    MONITOR_HARNESS_STOPPED, /* a signal asked the harness to stop: no further boot */
};

/* raw_log, when not NULL, receives every byte of output as it arrives. */
enum monitor_end monitor_run(struct child_process *qemu, const struct signal_watch *signals,
                             struct session *session, const struct monitor_settings *settings,
                             FILE *raw_log);

#endif
