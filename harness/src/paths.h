/*
 * paths.h - the directories of this build, and paths in port descriptions.
 */
#ifndef HARNESS_PATHS_H
#define HARNESS_PATHS_H

#include <stdbool.h>

/*
 * Where the source tree, the build tree and the cache of downloaded
 * packages are.  main() fills this in from the paths compiled into the
 * binary; tests pass their own.
 */
struct harness_paths {
    const char *source_dir;
    const char *build_dir;
    const char *cache_dir;
};

/* A copy of value with every @SOURCE_DIR@, @BUILD_DIR@ and @CACHE_DIR@
 * replaced by the directory it names. */
char *paths_expand(const char *value, const struct harness_paths *paths);

/* path itself when it is absolute, otherwise path below base_dir.  Always
 * a new string. */
char *paths_resolve(const char *base_dir, const char *path);

/* The directory part of file ("." when it has none).  A new string. */
char *paths_directory_of(const char *file);

/* True when program can be run: a path to an executable file, or a name
 * found as one in a directory of $PATH. */
bool paths_program_exists(const char *program);

#endif
