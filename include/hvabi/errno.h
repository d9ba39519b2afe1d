/*
 * hvabi/errno.h - error codes returned by hypercalls.
 *
 * Specification: spec/chapters/errors.rst.  A failed hypercall returns the
 * negated code in the result register, so a guest compares the result with
 * -HVABI_Exxx.  The values are the ones Xen uses on Arm.
 */
#ifndef HVABI_ERRNO_H
#define HVABI_ERRNO_H

#define HVABI_EPERM   1   /* The caller lacks the privilege for the operation. */
#define HVABI_EFAULT 14   /* A guest buffer could not be read or written. */
#define HVABI_EINVAL 22   /* An argument is outside its defined range. */
#define HVABI_ENOSYS 38   /* The call or sub-operation is not defined. */

#endif /* HVABI_ERRNO_H */
