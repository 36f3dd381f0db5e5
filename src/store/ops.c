/* ops.c - struct store_ops for SQLite: the pipeline's store operations
 * (store_ops.h) as the existing store_* functions. */
#include "store_ops.h"

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .task_enqueue_due = store_task_enqueue_due,
    .task_claim = store_task_claim,
    .task_renew = store_task_renew,
    .task_complete = store_task_complete,
    .task_complete_many = store_task_complete_many,
    .task_claim_retry = store_task_claim_retry,
    .task_renew_all = store_task_renew_all,
    .task_release = store_task_release,
    .task_prune = store_task_prune,
    .kw_get = store_kw_get,
    .check_save = store_check_save,
    .rank_sites = store_rank_sites,
    .usage_bump = store_usage_bump,
    .ptask_add = store_ptask_add,
    .ptask_open = store_ptask_open,
    .ptask_close = store_ptask_close,
    .ptask_prune = store_ptask_prune,
};

const struct store_ops *store_ops_of(store *st)
{
    (void)st;
    return &store_sqlite_ops;
}
