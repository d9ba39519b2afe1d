/*
 * hvabi/console_io.h - the console_io hypercall.
 *
 * Specification: spec/chapters/console_io.rst.
 * Call: console_io(cmd, count, buffer) with HVABI_HYPERCALL_CONSOLE_IO.
 */
#ifndef HVABI_CONSOLE_IO_H
#define HVABI_CONSOLE_IO_H

/* Commands (first argument).  Every other value is reserved (-ENOSYS). */
#define HVABI_CONSOLEIO_WRITE 0 /* output count bytes; returns 0 */
#define HVABI_CONSOLEIO_READ  1 /* read up to count (< 2^31) bytes; returns how many */

#endif /* HVABI_CONSOLE_IO_H */
