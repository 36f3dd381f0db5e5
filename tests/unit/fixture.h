/* fixture.h - the temporary database the store-backed unit tests share:
 * a fresh folder under /tmp, t.db created in it, both removed after. One
 * copy instead of the mkdtemp + store_open + rm -rf each test file had.
 * Header-only (static inline) because each test is one .c linked on its
 * own against libserptrack.a. */
#ifndef SERPTRACK_TEST_FIXTURE_H
#define SERPTRACK_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "store.h"

/* The sizes of the dir and path buffers the functions below fill. */
#define FIXTURE_DIR_LEN 64
#define FIXTURE_PATH_LEN 128

/* Creates the folder /tmp/NAME.XXXXXX into dir and names dir/t.db in path
 * (nothing is created there). 0, or -1 when the folder cannot be made. */
static inline int fixture_dir(const char *name, char dir[static FIXTURE_DIR_LEN],
                              char path[static FIXTURE_PATH_LEN])
{
    snprintf(dir, FIXTURE_DIR_LEN, "/tmp/%s.XXXXXX", name);
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, FIXTURE_PATH_LEN, "%s/t.db", dir);
    return 0;
}

/* fixture_dir, then the database created at path and opened into *st (the
 * caller owns it; fixture_store_close closes it). 0, or -1. */
static inline int fixture_store_open(const char *name, char dir[static FIXTURE_DIR_LEN],
                                     char path[static FIXTURE_PATH_LEN], store **st)
{
    *st = NULL;
    if (fixture_dir(name, dir, path) != 0)
        return -1;
    return store_open(path, STORE_CREATE, st, NULL);
}

/* Closes st (NULL: nothing to close) and removes dir with all it holds.
 * 0, or -1 when the folder could not be removed. */
static inline int fixture_store_close(const char *dir, store *st)
{
    if (st)
        store_close(st);
    char cmd[FIXTURE_DIR_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
