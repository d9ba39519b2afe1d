/*
 * paths.c - the directories of this build, and paths in port descriptions
 * (see paths.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "paths.h"

struct placeholder {
    const char *text;
    const char *replacement;
};

char *paths_expand(const char *value, const struct harness_paths *paths)
{
    const struct placeholder placeholders[] = {
        { "@SOURCE_DIR@", paths->source_dir },
        { "@BUILD_DIR@", paths->build_dir },
        { "@CACHE_DIR@", paths->cache_dir },
    };
    const size_t placeholder_count = sizeof(placeholders) / sizeof(placeholders[0]);
    char *result = alloc_text("");
    size_t result_length = 0;
    const char *rest = value;

    while (*rest != '\0') {
        const char *piece = rest;
        size_t piece_length = 1;

        for (size_t i = 0; i < placeholder_count; i++) {
            size_t length = strlen(placeholders[i].text);

            if (strncmp(rest, placeholders[i].text, length) == 0) {
                piece = placeholders[i].replacement;
                piece_length = strlen(piece);
                rest += length - 1;
                break;
            }
        }
        rest++;
        result = alloc_resize(result, result_length + piece_length + 1, 1);
        memcpy(result + result_length, piece, piece_length);
        result_length += piece_length;
        result[result_length] = '\0';
    }
    return result;
}

char *paths_resolve(const char *base_dir, const char *path)
{
    if (path[0] == '/') {
        return alloc_text(path);
    }
    return alloc_printf("%s/%s", base_dir, path);
}

char *paths_directory_of(const char *file)
{
    const char *slash = strrchr(file, '/');

    if (slash == NULL) {
        return alloc_text(".");
    }
    if (slash == file) {
        return alloc_text("/");
    }
    return alloc_text_n(file, (size_t)(slash - file));
}

static bool is_executable_file(const char *path)
{
    struct stat info;

    return stat(path, &info) == 0 && S_ISREG(info.st_mode) && access(path, X_OK) == 0;
}

bool paths_program_exists(const char *program)
{
    const char *search = getenv("PATH");
    bool found = false;

    if (strchr(program, '/') != NULL) {
        return is_executable_file(program);
    }
    if (search == NULL) {
        search = "/usr/bin:/bin";
    }
    while (!found) {
        size_t length = strcspn(search, ":");
        /* An empty entry in PATH means the current directory. */
        char *directory = length == 0 ? alloc_text(".") : alloc_text_n(search, length);
        char *candidate = alloc_printf("%s/%s", directory, program);

        found = is_executable_file(candidate);
        free(candidate);
        free(directory);
        if (search[length] == '\0') {
            break;
        }
        search += length + 1;
    }
    return found;
}
