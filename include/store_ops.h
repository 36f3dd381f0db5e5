/* store_ops.h - the seam between the tracking pipeline (track/) and a
 * store: the operations `run`, `track` and a worker need, as a table of
 * function pointers. SQLite (store_sqlite_ops, wrapping the store_*
 * functions of store.h and store_queue.h) is the only implementation
 * today; the PostgreSQL store for many machines will be a second table
 * with the same contracts (claim with FOR UPDATE SKIP LOCKED there).
 * Only what the pipeline calls is here, nothing for the reports or the
 * CLI. Each member has the contract of the function it is named after;
 * ownership is as documented there. track/ reaches the queue only through
 * this table. */
#ifndef SERPTRACK_STORE_OPS_H
#define SERPTRACK_STORE_OPS_H

#include <stddef.h>
#include <time.h>

#include "store.h"
#include "store_queue.h"

struct store_ops {
    const char *name; /* "sqlite"; static */
    /* the queue (store_queue.h) */
    int (*task_enqueue_due)(store *st, time_t now, size_t *added, size_t *skipped);
    int (*task_claim)(store *st, const char *owner, time_t now, long long lease_ms, size_t max,
                      struct model_task **out, size_t *n);
    int (*task_renew)(store *st, long long id, const char *owner, time_t now, long long lease_ms);
    int (*task_complete)(store *st, long long id, const char *owner,
                         enum store_task_outcome outcome, const char *error, time_t now);
    int (*task_complete_many)(store *st, const char *owner, const struct store_task_end *e,
                              size_t n, time_t now, size_t *completed);
    int (*task_claim_retry)(store *st, const char *owner, time_t now, long long lease_ms,
                            struct model_task **out, size_t *n);
    int (*task_renew_all)(store *st, const char *owner, time_t now, long long lease_ms,
                          size_t *renewed);
    int (*task_release)(store *st, const char *owner);
    int (*task_prune)(store *st, time_t before);
    /* what a task's check needs and makes (store.h) */
    int (*kw_get)(store *st, long long id, struct model_keyword *out);
    int (*check_save)(store *st, const struct model_check *c, long long *id);
    int (*rank_sites)(store *st, long long keyword_id, long long site_id,
                      struct store_rank_site **out, size_t *n);
    int (*usage_bump)(store *st, long long *row, time_t at, const char *provider,
                      enum serp_engine engine, long long requests, long long failures,
                      double units);
    /* tasks posted to a provider's queue (store.h) */
    int (*ptask_add)(store *st, const char *provider, const char *task_id, long long keyword_id,
                     time_t posted_at);
    int (*ptask_open)(store *st, const char *provider, long long keyword_id, time_t since,
                      char **task_id, time_t *posted_at);
    int (*ptask_close)(store *st, const char *provider, const char *task_id, int collected);
    int (*ptask_prune)(store *st, time_t before);
};

/* The SQLite implementation. */
extern const struct store_ops store_sqlite_ops;

/* The operations of an open store (static; never NULL). Every store is
 * SQLite for now; the PostgreSQL store will answer its own table here. */
const struct store_ops *store_ops_of(store *st);

#endif
