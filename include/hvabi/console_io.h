/*
 * hvabi/console_io.h - the console_io hypercall.
 *
 * Specification: spec/chapters/console_io.rst.
 * Call: console_io(cmd, count, buffer) with HVABI_HYPERCALL_CONSOLE_IO.
 */
#ifndef HVABI_CONSOLE_IO_H
#define HVABI_CONSOLE_IO_H

/* Commands (first argument). */
#define HVABI_CONSOLEIO_WRITE 0

#endif /* HVABI_CONSOLE_IO_H */
