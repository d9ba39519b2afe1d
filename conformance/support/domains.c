/*
 * domains.c - domain IDs for tests (see domains.h).
 */
#include <hvabi/types.h>

#include "support/domains.h"

const uint16_t domains_unused_ids[] = {
    HVABI_DOMID_FIRST_RESERVED - 1, HVABI_DOMID_IO,      HVABI_DOMID_XEN,
    HVABI_DOMID_COW,                HVABI_DOMID_INVALID, HVABI_DOMID_IDLE,
};
const unsigned int domains_unused_id_count =
    sizeof(domains_unused_ids) / sizeof(domains_unused_ids[0]);

bool domains_self(struct test_context *t, uint16_t *id)
{
    return expect(t, test_domain_id(t, "domain", id),
                  "no boot argument hvabi.domain: the harness names each domain's ID");
}

bool domains_peer(struct test_context *t, const char *name, uint16_t *id)
{
    return expect(t, test_domain_id(t, name, id),
                  "no boot argument hvabi.%s: the scenario must have a domain '%s'", name,
                  name);
}
