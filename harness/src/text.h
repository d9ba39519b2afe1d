/*
 * text.h - small string helpers and a growing list of strings.
 */
#ifndef HARNESS_TEXT_H
#define HARNESS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A list of strings that the list owns.  items[count] is always NULL, so a
 * list can be handed to execvp() as an argument vector.  A list that is all
 * zeroes is a valid empty list.
 */
struct text_list {
    char **items;
    size_t count;
    size_t capacity;
};

/* Appends a copy of text. */
void text_list_add(struct text_list *list, const char *text);

/* Appends text, which must come from alloc.h; the list frees it. */
void text_list_add_owned(struct text_list *list, char *text);

/* Appends a new string, printf style. */
void text_list_addf(struct text_list *list, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Frees every string and the list; leaves an empty list. */
void text_list_free(struct text_list *list);

/* Moves every string of from to the end of to; leaves from empty. */
void text_list_move_all(struct text_list *to, struct text_list *from);

/* True when text begins with prefix. */
bool text_starts_with(const char *text, const char *prefix);

/* True for a space or a horizontal tab: the white space of our formats. */
bool text_is_blank(char c);

/* Removes leading and trailing blanks in place; returns the first kept
 * character (inside text). */
char *text_trim(char *text);

#endif
