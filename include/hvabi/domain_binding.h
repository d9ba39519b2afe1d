/*
 * hvabi/domain_binding.h - values of the system device tree binding for
 * domains.  (The kernel image header: hvabi/arch/aarch64/guest_entry.h.)
 *
 * Specification: spec/chapters/domain_binding.rst.
 */
#ifndef HVABI_DOMAIN_BINDING_H
#define HVABI_DOMAIN_BINDING_H

#include <stdint.h>

/* Bits of the "capabilities" property of a domain node. */
#define HVABI_DOMAIN_CAPS_CONTROL  0x1 /* the domain is a control domain */
#define HVABI_DOMAIN_CAPS_HARDWARE 0x2 /* Xen's hardware domain; refused by this version */
#define HVABI_DOMAIN_CAPS_XENSTORE 0x4 /* Xen's Xenstore domain; refused by this version */

/* Local ports of static event channels: 1 to this value. */
#define HVABI_STATIC_EVTCHN_PORT_MAX 1023

#endif /* HVABI_DOMAIN_BINDING_H */
