/*
 * console.c - tells domain output from hypervisor output (see console.h).
 */
#include "console.h"

bool console_split_domain_line(const char *line, unsigned *domain, const char **text)
{
    const char *c = line;
    unsigned id = 0;

    if (c[0] != '(' || c[1] != 'd') {
        return false;
    }
    c += 2;
    if (*c < '0' || *c > '9') {
        return false;
    }
    while (*c >= '0' && *c <= '9') {
        id = id * 10 + (unsigned)(*c - '0');
        if (id > CONSOLE_MAX_DOMAIN_ID) {
            return false;
        }
        c++;
    }
    if (*c != ')') {
        return false;
    }
    c++;
    if (*c == ' ') {
        c++;
    } else if (*c != '\0') {
        return false;
    }
    *domain = id;
    *text = c;
    return true;
}
