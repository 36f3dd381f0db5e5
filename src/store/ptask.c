/* ptask.c - tasks posted to a provider's queue (schema.c, migration 14):
 * recorded as soon as the provider accepts them, looked up by keyword
 * when a run starts so that a task already paid for is collected rather
 * than posted again, and closed once collected or given up. */
#include "store_int.h"

int store_ptask_add(store *st, const char *provider, const char *task_id, long long keyword_id,
                    time_t posted_at)
{
    sqlite3_stmt *s = store_stmt(st, "INSERT OR IGNORE INTO provider_task"
                                     " (provider, task_id, keyword_id, posted_at)"
                                     " VALUES (?1, ?2, ?3, ?4)");
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, provider, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, task_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, keyword_id);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)posted_at);
    return store_step_done(st, s, "cannot record a posted task");
}

int store_ptask_open(store *st, const char *provider, long long keyword_id, time_t since,
                     char **task_id, time_t *posted_at)
{
    *task_id = NULL;
    sqlite3_stmt *s = store_stmt(st, "SELECT task_id, posted_at FROM provider_task"
                                     " WHERE keyword_id = ?1 AND provider = ?2 AND state = 0"
                                     " AND posted_at >= ?3 ORDER BY posted_at DESC LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_text(s, 2, provider, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)since);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *task_id = store_col_text(s, 0);
        if (posted_at)
            *posted_at = (time_t)sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read posted tasks");
    return rc == SQLITE_ROW;
}

int store_ptask_close(store *st, const char *provider, const char *task_id, int collected)
{
    sqlite3_stmt *s = store_stmt(st, "UPDATE provider_task SET state = ?3"
                                     " WHERE provider = ?1 AND task_id = ?2");
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, provider, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, task_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 3, collected ? 1 : 2);
    return store_step_done(st, s, "cannot close a posted task");
}

int store_ptask_prune(store *st, time_t before)
{
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM provider_task WHERE posted_at < ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)before);
    return store_step_done(st, s, "cannot prune posted tasks");
}
