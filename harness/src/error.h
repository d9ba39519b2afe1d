/*
 * error.h - the message of an error, for the caller to print.
 *
 * Functions that can fail take a struct harness_error and fill it in; the
 * caller decides where the message goes.  Messages say what was wrong and
 * where ("port.conf:12: ..."), and carry no trailing newline.
 */
#ifndef HARNESS_ERROR_H
#define HARNESS_ERROR_H

struct harness_error {
    char message[2048];
};

/* Sets the message, printf style; a message too long is cut short. */
void error_set(struct harness_error *err, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif
