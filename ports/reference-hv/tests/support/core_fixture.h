/*
 * core_fixture.h - a clean core for every test, and the domains and CPUs
 * the tests run it with.
 *
 * The core keeps its state in static tables that the hypervisor fills once
 * at boot (domains, CPUs).  Tests run one after another in one program, so
 * core_fixture_reset() puts those tables back to what they are at boot.
 * Include it after <cmocka.h>.
 */
#ifndef REFHV_TESTS_CORE_FIXTURE_H
#define REFHV_TESTS_CORE_FIXTURE_H

#include <stdint.h>

#include "core/domain.h"

/* The UART the console writes to in the tests (any non-zero base). */
#define TEST_UART_BASE 0x09000000U

/*
 * Resets the fake architecture and the fake UART, points the console at
 * the fake UART, frees every domain slot and forgets every CPU.
 */
void core_fixture_reset(void);

/*
 * Sets up /cpus with `count` CPUs whose MPIDRs are their indexes (Aff0),
 * booted from CPU 0.  Fails the test if cpus_init() reports a problem.
 */
void core_fixture_cpus(unsigned int count);

/*
 * Claims the next domain slot for a domain with `vcpu_count` vCPUs, set up
 * as domain_build() does: every vCPU off with its virtual GIC reset and its
 * runstate started, the event channels closed, a shared info page.  The
 * domain is not running yet and has no RAM.
 */
struct domain *core_fixture_domain(const char *name, unsigned int vcpu_count);

/* Starts a domain as the boot path does: vCPU 0 running, the domain running. */
void core_fixture_start(struct domain *d);

/*
 * Gives the domain `size` bytes of RAM at GUEST_RAM_BASE, backed by `host`,
 * and maps it at stage 2 (arch_map_guest_ram()), as domain_build() does.
 */
void core_fixture_give_ram(struct domain *d, void *host, uint64_t size);

/* Asserts that the console printed exactly `expected` since it was last cleared; clears it. */
void expect_console(const char *expected);

#endif /* REFHV_TESTS_CORE_FIXTURE_H */
