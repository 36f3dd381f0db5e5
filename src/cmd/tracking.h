/* tracking.h - what `track` and `run` share: crawl a set of keywords and
 * store each check the moment it is complete, with a progress bar on a
 * TTY and a ledger of requests per provider. Internal to src/cmd/. */
#ifndef SERPTRACK_TRACKING_H
#define SERPTRACK_TRACKING_H

#include <stddef.h>

#include "cmd.h"
#include "store.h"

struct tracking_opts {
    int concurrency;        /* 0 = config */
    long long max_requests; /* < 0 = no budget */
    int progress;           /* 1 = draw the progress bar on stderr */
    int defer_failed;       /* 1: do not store blocked/error checks; list them */
    const char *label;      /* "track" | "run" for messages */
    int db_wait_s;          /* keep checks while the database is locked; tracking_db_wait() */
};

struct tracking_stats {
    size_t total, ok, blocked, error, skipped;
    long long requests;
    int store_failed;       /* a check could not be stored */
    size_t unreachable;     /* errors that were connection failures or timeouts */
    double secs;
    /* with defer_failed: indices into the keyword array of failed checks */
    size_t *failed;
    size_t n_failed, cap_failed;
    /* ids of keywords with a stored ok check (for alerts), owned */
    long long *ok_ids;
    size_t n_ok_ids, cap_ok_ids;
};

/* [run] db_wait_s (default 120, 0..86400), warning once when out of range:
 * how long fetched checks wait in memory for a locked database. */
int tracking_db_wait(const struct ini *cfg);
/* Crawls kws[0..n) and stores each check. Returns 0, or -1 when the
 * fetcher could not run or a storage error stopped it. */
int tracking_run(struct cmd_ctx *ctx, const struct store_keyword *kws, size_t n,
                 const struct tracking_opts *o, struct tracking_stats *s);
void tracking_stats_release(struct tracking_stats *s);
/* "12 checked: 10 ok, 1 blocked, 1 error; 36 requests in 4.2 s". */
void tracking_summary(const char *label, const struct tracking_stats *s);

#endif
