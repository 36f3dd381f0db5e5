/* bench_store.h - how the bench/ fill tools say a store call failed: the
 * store never prints, so a tool that only returned 1 left the reason
 * unsaid and a broken benchmark looked like a slow one. Header-only, since
 * each tool is one .c compiled on its own by its bench script (chart.sh, store.sh, ...). */
#ifndef SERPTRACK_BENCH_STORE_H
#define SERPTRACK_BENCH_STORE_H

#include <stdio.h>

#include "store.h"
#include "util.h"

static inline void bench_store_line(void *tool, const char *line, size_t len)
{
    fprintf(stderr, "%s: %.*s\n", (const char *)tool, (int)len, line);
}

/* Prints what st recorded, one "TOOL: message" line each (or that a call
 * failed, when the store kept no message), clears it and returns 1: the
 * exit status for main's `return`. */
static inline int bench_store_fail(store *st, const char *tool)
{
    const char *msg = store_errmsg(st);
    if (!*msg)
        fprintf(stderr, "%s: a store call failed (code %d)\n", tool, (int)store_errcode(st));
    util_each_line(msg, bench_store_line, (void *)tool);
    store_err_clear(st);
    return 1;
}

#endif
