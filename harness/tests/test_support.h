/*
 * test_support.h - helpers shared by the tests that drive a session.
 */
#ifndef HARNESS_TEST_SUPPORT_H
#define HARNESS_TEST_SUPPORT_H

#include <string.h>

#include "session.h"

/* Feeds text, line by line ('\n' ends a line), to the session. */
static inline void feed_session(struct session *session, const char *text)
{
    while (*text != '\0') {
        size_t length = strcspn(text, "\n");
        char line[1024];

        if (length >= sizeof(line)) {
            length = sizeof(line) - 1;
        }
        memcpy(line, text, length);
        line[length] = '\0';
        session_take_line(session, line);
        text += length;
        if (*text == '\n') {
            text++;
        }
    }
}

#endif
