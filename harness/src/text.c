/*
 * text.c - small string helpers and a growing list of strings (see text.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"

void text_list_add_owned(struct text_list *list, char *text)
{
    /* One slot more than the strings, for the terminating NULL. */
    if (list->count + 1 >= list->capacity) {
        size_t capacity = list->capacity == 0 ? 8 : list->capacity * 2;

        list->items = alloc_resize(list->items, capacity, sizeof(list->items[0]));
        list->capacity = capacity;
    }
    list->items[list->count] = text;
    list->count++;
    list->items[list->count] = NULL;
}

void text_list_add(struct text_list *list, const char *text)
{
    text_list_add_owned(list, alloc_text(text));
}

void text_list_addf(struct text_list *list, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    text_list_add_owned(list, alloc_vprintf(format, args));
    va_end(args);
}

void text_list_free(struct text_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i]);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

void text_list_move_all(struct text_list *to, struct text_list *from)
{
    for (size_t i = 0; i < from->count; i++) {
        text_list_add_owned(to, from->items[i]);
    }
    free(from->items);
    from->items = NULL;
    from->count = 0;
    from->capacity = 0;
}

bool text_starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

bool text_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

char *text_trim(char *text)
{
    size_t length;

    while (text_is_blank(*text)) {
        text++;
    }
    length = strlen(text);
    while (length > 0 && text_is_blank(text[length - 1])) {
        length--;
    }
    text[length] = '\0';
    return text;
}
