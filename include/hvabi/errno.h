/*
 * hvabi/errno.h - error codes returned by hypercalls.
 *
 * Specification: spec/chapters/errors.rst.  A failed hypercall returns the
 * negated code in the result register, so a guest compares the result with
 * -HVABI_Exxx.  The values are the ones Xen uses.
 */
#ifndef HVABI_ERRNO_H
#define HVABI_ERRNO_H

#define HVABI_EPERM           1 /* The caller is not allowed to perform the operation. */
#define HVABI_ENOENT          2 /* The object named does not exist (a vCPU, a port, a grant). */
#define HVABI_ESRCH           3 /* The domain named does not exist. */
#define HVABI_EIO             5 /* An input or output operation failed. */
#define HVABI_ENXIO           6 /* The device or address named does not exist. */
#define HVABI_E2BIG           7 /* An argument list or count is too large. */
#define HVABI_ENOEXEC         8 /* The format of an image is not recognised. */
#define HVABI_EBADF           9 /* A handle or descriptor is not valid. */
#define HVABI_ECHILD         10 /* There is no child object to act on. */
#define HVABI_EAGAIN         11 /* The operation cannot be done now; it may succeed if retried. */
#define HVABI_EWOULDBLOCK    11 /* Another name for EAGAIN. */
#define HVABI_ENOMEM         12 /* The hypervisor has no memory left for the operation. */
#define HVABI_EACCES         13 /* Access to the object is denied. */
#define HVABI_EFAULT         14 /* Memory that an argument points to cannot be accessed as the call needs. */
#define HVABI_EBUSY          16 /* The object is in use. */
#define HVABI_EEXIST         17 /* The object exists already. */
#define HVABI_EXDEV          18 /* The objects belong to different domains where they must not. */
#define HVABI_ENODEV         19 /* There is no such device. */
#define HVABI_ENOTDIR        20 /* The object is not a directory. */
#define HVABI_EISDIR         21 /* The object is a directory. */
#define HVABI_EINVAL         22 /* An argument is outside the range the call defines. */
#define HVABI_ENFILE         23 /* The system-wide limit of objects is reached. */
#define HVABI_EMFILE         24 /* The per-domain limit of objects is reached. */
#define HVABI_ENOSPC         28 /* There is no space left for the object. */
#define HVABI_EROFS          30 /* The object is read-only. */
#define HVABI_EMLINK         31 /* There are too many links to the object. */
#define HVABI_EDOM           33 /* An argument is outside the domain of a function. */
#define HVABI_ERANGE         34 /* A result does not fit its representation. */
#define HVABI_EDEADLK        35 /* The operation would deadlock. */
#define HVABI_EDEADLOCK      35 /* Another name for EDEADLK. */
#define HVABI_ENAMETOOLONG   36 /* A name is too long. */
#define HVABI_ENOLCK         37 /* No lock is available. */
#define HVABI_ENOSYS         38 /* The hypercall or its command is not implemented. */
#define HVABI_ENOTEMPTY      39 /* The object is not empty. */
#define HVABI_ENODATA        61 /* There is no data available. */
#define HVABI_ETIME          62 /* A timer expired. */
#define HVABI_EBADMSG        74 /* A message is malformed. */
#define HVABI_EOVERFLOW      75 /* A value is too large for its type. */
#define HVABI_EILSEQ         84 /* A byte sequence is not valid. */
#define HVABI_ENOTSOCK       88 /* The object is not a socket. */
#define HVABI_EMSGSIZE       90 /* A message is too long. */
#define HVABI_EOPNOTSUPP     95 /* The operation is not supported by the object. */
#define HVABI_EADDRINUSE     98 /* The address is already in use. */
#define HVABI_EADDRNOTAVAIL  99 /* The address is not available. */
#define HVABI_ENOBUFS       105 /* No buffer space is available. */
#define HVABI_EISCONN       106 /* The endpoint is already connected. */
#define HVABI_ENOTCONN      107 /* The endpoint is not connected. */
#define HVABI_ETIMEDOUT     110 /* The operation timed out. */
#define HVABI_ECONNREFUSED  111 /* The connection was refused. */

#endif /* HVABI_ERRNO_H */
