/*
 * domains.h - domain IDs for tests: the caller's own, the other domains of
 * its scenario (from the boot arguments the harness passes), and IDs that
 * name no domain.
 */
#ifndef HVABI_CONFORMANCE_SUPPORT_DOMAINS_H
#define HVABI_CONFORMANCE_SUPPORT_DOMAINS_H

#include <stdbool.h>
#include <stdint.h>

#include "framework/test.h"

/*
 * IDs that name no domain: the highest ordinary domain ID (scenarios
 * number their domains from 1 and have far fewer), and the reserved IDs
 * other than HVABI_DOMID_SELF (spec: types.rst).  The first is the
 * ordinary one.
 */
extern const uint16_t domains_unused_ids[];
extern const unsigned int domains_unused_id_count;

/* The caller's domain ID (hvabi.domain); false, recorded, when missing. */
bool domains_self(struct test_context *t, uint16_t *id);

/* The ID of the scenario's domain called `name` (hvabi.<name>); false,
 * recorded, when the scenario has none. */
bool domains_peer(struct test_context *t, const char *name, uint16_t *id);

#endif /* HVABI_CONFORMANCE_SUPPORT_DOMAINS_H */
