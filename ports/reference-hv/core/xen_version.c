/*
 * xen_version.c - the xen_version hypercall.
 *
 * Specification: spec/chapters/xen_version.rst.  Every answer is fixed at
 * build time or at boot, so a domain gets the same bytes from every call
 * (hvabi~xen-version-results-constant~1).  Each string is written as its
 * whole field, NUL-padded: exactly the field's bytes and no other.
 */
#include <stdbool.h>
#include <string.h>

#include "core/arch.h"
#include "core/config.h"
#include "core/guest_memory.h"
#include "core/hypercall.h"
#include "core/xen_version.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>
#include <hvabi/xen_version.h>

/* What the descriptive strings say; the build has no revision or date to give. */
#define EXTRAVERSION   "-refhv" REFHV_VERSION_STRING
#define CAPABILITIES   "xen-3.0-aarch64"
#define COMPILER       "gcc " __VERSION__
#define COMPILE_BY     "hvabi"
#define DENIED         "<denied>"

/* The feature flags every domain sees (hvabi~xen-version-features-required~1). */
#define FEATURES_ALWAYS ((1U << HVABI_XENFEAT_WRITABLE_PAGE_TABLES) | \
                         (1U << HVABI_XENFEAT_AUTO_TRANSLATED_PHYSMAP) | \
                         (1U << HVABI_XENFEAT_ARM_SMCCC_SUPPORTED))

/* The hypervisor's command line, for control domains; NUL-padded to its field. */
static char command_line[HVABI_XENVER_COMMANDLINE_LEN];

/*
 * Fills `field` (size > 0) with the first bytes of `text` (up to `len`, or
 * its NUL), truncated to leave room for a NUL and padded with NULs.  Bytes
 * other than printable ASCII become '?' (hvabi~xen-version-strings~1).
 */
static void copy_string_field(char *field, size_t size, const char *text, size_t len)
{
    size_t n = 0;

    while (n < len && n < size - 1 && text[n] != '\0') {
        char c = text[n];

        field[n] = (c >= 0x20 && c <= 0x7e) ? c : '?';
        n++;
    }
    memset(field + n, 0, size - n);
}

void xen_version_init(const char *line, size_t len)
{
    memset(command_line, 0, sizeof(command_line));
    copy_string_field(command_line, sizeof(command_line), line, len);
}

static int64_t write_string(struct vcpu *v, uint64_t arg, size_t size, const char *text)
{
    char field[HVABI_XENVER_CAPABILITIES_LEN]; /* the largest field */

    copy_string_field(field, size, text, strlen(text));
    return guest_copy_to(v, arg, field, size) == 0 ? 0 : -HVABI_EFAULT;
}

static int64_t compile_info(struct vcpu *v, uint64_t arg)
{
    struct hvabi_xenver_compile_info info;

    copy_string_field((char *)info.compiler, sizeof(info.compiler), COMPILER, strlen(COMPILER));
    copy_string_field((char *)info.compile_by, sizeof(info.compile_by), COMPILE_BY,
                      strlen(COMPILE_BY));
    copy_string_field((char *)info.compile_domain, sizeof(info.compile_domain), "", 0);
    copy_string_field((char *)info.compile_date, sizeof(info.compile_date), "", 0);
    return guest_copy_to(v, arg, &info, sizeof(info)) == 0 ? 0 : -HVABI_EFAULT;
}

static int64_t platform_parameters(struct vcpu *v, uint64_t arg)
{
    /* EL2 has its own address space: nothing of the guest's is reserved. */
    struct hvabi_xenver_platform_parameters params = { .virt_start = 0 };

    return guest_copy_to(v, arg, &params, sizeof(params)) == 0 ? 0 : -HVABI_EFAULT;
}

static uint32_t features_of(const struct domain *d)
{
    uint32_t features = FEATURES_ALWAYS;

    /* XENFEAT_dom0 stays clear even for a control domain: it is not Xen's initial domain. */
    if (d->ram_ipa == d->ram_pa) {
        features |= 1U << HVABI_XENFEAT_DIRECT_MAPPED;
    } else {
        features |= 1U << HVABI_XENFEAT_NOT_DIRECT_MAPPED;
    }
    return features;
}

/* Checks in the order of hvabi~xen-version-get-features-fault~1: read, index, write. */
static int64_t get_features(struct vcpu *v, uint64_t arg)
{
    struct hvabi_xenver_feature_info info;

    if (guest_copy_from(v, &info, arg, sizeof(info)) != 0) {
        return -HVABI_EFAULT;
    }
    if (info.submap_idx != 0) {
        return -HVABI_EINVAL;
    }
    info.submap = features_of(v->domain);
    return guest_copy_to(v, arg, &info, sizeof(info)) == 0 ? 0 : -HVABI_EFAULT;
}

static int64_t guest_handle(struct vcpu *v, uint64_t arg)
{
    /* No configuration assigns handles: 16 zero bytes. */
    static const uint8_t handle[HVABI_XENVER_GUEST_HANDLE_LEN];

    return guest_copy_to(v, arg, handle, sizeof(handle)) == 0 ? 0 : -HVABI_EFAULT;
}

static int64_t commandline(struct vcpu *v, uint64_t arg)
{
    const char *text = v->domain->is_control ? command_line : DENIED;
    size_t size = v->domain->is_control ? sizeof(command_line) : sizeof(DENIED);

    return guest_copy_to(v, arg, text, size) == 0 ? 0 : -HVABI_EFAULT;
}

/* Checks in the order of hvabi~xen-version-build-id-errors~1. */
static int64_t build_id(struct vcpu *v, uint64_t arg)
{
    struct hvabi_xenver_build_id header;
    const uint8_t *id;
    uint32_t size;

    if (!v->domain->is_control) {
        return -HVABI_EPERM;
    }
    if (arg != 0) {
        if (guest_copy_from(v, &header, arg, sizeof(header)) != 0) {
            return -HVABI_EFAULT;
        }
        if (header.len == 0) {
            return -HVABI_EINVAL;
        }
    }
    size = arch_build_id(&id);
    if (size == 0) {
        return -HVABI_ENODATA;
    }
    if (arg == 0) {
        return size;
    }
    if (header.len < size) {
        return -HVABI_ENOBUFS;
    }
    if (guest_copy_to(v, arg + sizeof(header), id, size) != 0) {
        return -HVABI_EFAULT;
    }
    return size;
}

/*
 * The commands that write to the guest.  Kept out of line: their buffers
 * would otherwise give do_xen_version() a stack frame and a stack
 * protector check, which XENVER_version, the cheapest call there is and
 * the one guests use to measure hypercall cost, would pay on every call.
 */
static __attribute__((noinline)) int64_t query(struct vcpu *v, uint32_t cmd, uint64_t arg)
{
    switch (cmd) {
    case HVABI_XENVER_EXTRAVERSION:
        return write_string(v, arg, HVABI_XENVER_EXTRAVERSION_LEN, EXTRAVERSION);
    case HVABI_XENVER_COMPILE_INFO:
        return compile_info(v, arg);
    case HVABI_XENVER_CAPABILITIES:
        return write_string(v, arg, HVABI_XENVER_CAPABILITIES_LEN, CAPABILITIES);
    case HVABI_XENVER_CHANGESET:
        return write_string(v, arg, HVABI_XENVER_CHANGESET_LEN, "");
    case HVABI_XENVER_PLATFORM_PARAMETERS:
        return platform_parameters(v, arg);
    case HVABI_XENVER_GET_FEATURES:
        return get_features(v, arg);
    case HVABI_XENVER_PAGESIZE:
        return arg == 0 ? (int64_t)HVABI_PAGE_SIZE : -HVABI_EINVAL;
    case HVABI_XENVER_GUEST_HANDLE:
        return guest_handle(v, arg);
    case HVABI_XENVER_COMMANDLINE:
        return commandline(v, arg);
    case HVABI_XENVER_BUILD_ID:
        return build_id(v, arg);
    default:
        return -HVABI_ENOSYS;
    }
}

int64_t do_xen_version(struct vcpu *v, uint32_t cmd, uint64_t arg)
{
    if (cmd == HVABI_XENVER_VERSION) {
        return ((int64_t)INTERFACE_VERSION_MAJOR << HVABI_XENVER_MAJOR_SHIFT) |
               INTERFACE_VERSION_MINOR;
    }
    return query(v, cmd, arg);
}
