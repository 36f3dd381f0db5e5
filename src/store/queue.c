/* queue.c - the work queue in SQLite (store_queue.h): enqueue what is due
 * as one INSERT ... SELECT, claim with one UPDATE ... RETURNING (atomic
 * under SQLite's write lock, so two processes never share a task), leases
 * renewed, released and completed, old history pruned. The due rule is
 * STORE_SQL_DUE (store_int.h), which store_kw_due() uses too: the
 * schedule's interval comes from model_schedule_secs() through a function
 * registered on the connection here. */
#include <stdlib.h>

#include "model.h"
#include "store_int.h"
#include "store_queue.h"

#define ACTIVE "('available','running','retryable')"
#define NOT_PAUSED " k.paused = 0 AND ifnull(s.paused, 0) = 0"
/* ?1 = now */
#define DUE STORE_SQL_DUE
/* ?2 = today: a daily or weekly keyword with an ok check today was done
 * by a run that was interrupted, or by `track`. The check decides, not a
 * done task: a task is done because its check was stored, and a check
 * deleted since (to fetch again) makes the keyword due again. */
#define RESUMED                                                                                 \
    " (instr(k.schedule, 'h') = 0 AND EXISTS (SELECT 1 FROM \"check\" c"                       \
    " WHERE c.keyword_id = k.id AND c.checked_at >= ?2 AND c.status = 0))"
#define WANTED NOT_PAUSED " AND" DUE " AND NOT" RESUMED
#define KW_SITE " FROM keyword k LEFT JOIN site s ON s.id = k.site_id"

static void interval_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    long long v = model_schedule_secs((const char *)sqlite3_value_text(argv[0]));
    sqlite3_result_int64(cx, v < 0 ? DAY_SECS : v);
}

/* Registers serptrack_interval() once per connection: a statement naming
 * it prepares only after that. 0 or -1. */
int store_need_interval(store *st)
{
    sqlite3_stmt *probe = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT serptrack_interval('daily')", -1, &probe, NULL) ==
        SQLITE_OK) {
        sqlite3_finalize(probe);
        return 0;
    }
    sqlite3_finalize(probe);
    if (sqlite3_create_function(st->db, "serptrack_interval", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, interval_fn, NULL,
                                NULL) != SQLITE_OK)
        return store_err(st, "cannot register the schedule function");
    return 0;
}

/* The three steps of an enqueue, inside its transaction. */
static int enqueue_steps(store *st, time_t now, size_t *added, size_t *skipped)
{
    time_t day = util_day_start(now);
    /* tasks nobody holds whose keyword is not wanted now */
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE task SET done_at = ?1, lease_owner = NULL, lease_until = NULL,"
            " state = CASE WHEN EXISTS (SELECT 1 FROM \"check\" c WHERE c.keyword_id ="
            " task.keyword_id AND c.checked_at >= task.day AND c.status = 0)"
            " THEN 'done' ELSE 'failed' END,"
            " last_error = ifnull(last_error, 'no longer due')"
            " WHERE (state IN ('available','retryable') OR (state = 'running'"
            " AND lease_until <= ?3)) AND keyword_id NOT IN (SELECT k.id" KW_SITE
            " WHERE" WANTED ")");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)now);
    sqlite3_bind_int64(s, 2, (long long)day);
    sqlite3_bind_int64(s, 3, (long long)now * 1000);
    if (store_step_done(st, s, "cannot close tasks no longer due") != 0)
        return -1;
    s = store_stmt(st, "SELECT count(*)" KW_SITE " WHERE" NOT_PAUSED " AND" DUE " AND" RESUMED);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)now);
    sqlite3_bind_int64(s, 2, (long long)day);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_err(st, "cannot count keywords checked today");
    }
    if (skipped)
        *skipped = (size_t)sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    s = store_stmt(st, "INSERT INTO task(keyword_id, day, created_at) SELECT k.id, ?2, ?1" KW_SITE
                       " WHERE" WANTED " AND NOT EXISTS (SELECT 1 FROM task a"
                       " WHERE a.keyword_id = k.id AND a.state IN " ACTIVE ") ORDER BY k.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)now);
    sqlite3_bind_int64(s, 2, (long long)day);
    if (store_step_done(st, s, "cannot enqueue due keywords") != 0)
        return -1;
    if (added)
        *added = (size_t)sqlite3_changes(st->db);
    return 0;
}

int store_task_enqueue_due(store *st, time_t now, size_t *added, size_t *skipped)
{
    if (added)
        *added = 0;
    if (skipped)
        *skipped = 0;
    if (store_need_interval(st) != 0 || store_begin(st) != 0)
        return -1;
    if (enqueue_steps(st, now, added, skipped) != 0) {
        store_rollback(st);
        return -1;
    }
    return store_commit(st);
}

static int cmp_task(const void *a, const void *b)
{
    const struct model_task *x = a, *y = b;
    if (x->keyword_id != y->keyword_id)
        return x->keyword_id < y->keyword_id ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Steps a claim's UPDATE ... RETURNING s into *out (keyword id order).
 * 0 or -1. */
static int claimed(store *st, sqlite3_stmt *s, struct model_task **out, size_t *n)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        struct model_task *t = &(*out)[(*n)++];
        t->id = sqlite3_column_int64(s, 0);
        t->keyword_id = sqlite3_column_int64(s, 1);
        t->day = (time_t)sqlite3_column_int64(s, 2);
        t->attempts = sqlite3_column_int(s, 3);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot claim tasks");
    }
    /* RETURNING promises no order */
    if (*n > 1)
        qsort(*out, *n, sizeof **out, cmp_task);
    return 0;
}

int store_task_claim(store *st, const char *owner, time_t now, long long lease_ms, size_t max,
                     struct model_task **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (max == 0)
        return 0;
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE task SET state = 'running', lease_owner = ?1, lease_until = ?3 + ?4,"
            " attempts = attempts + 1 WHERE id IN (SELECT t.id FROM task t"
            " JOIN keyword k ON k.id = t.keyword_id LEFT JOIN site s ON s.id = k.site_id"
            " WHERE" NOT_PAUSED " AND (t.state = 'available'"
            " OR (t.state = 'retryable' AND t.not_before <= ?2)"
            " OR (t.state = 'running' AND t.lease_until <= ?3))"
            " ORDER BY t.keyword_id, t.id LIMIT ?5)"
            " RETURNING id, keyword_id, day, attempts");
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, (long long)now);
    sqlite3_bind_int64(s, 3, (long long)now * 1000);
    sqlite3_bind_int64(s, 4, lease_ms);
    sqlite3_bind_int64(s, 5, max > (size_t)1 << 40 ? (long long)1 << 40 : (long long)max);
    return claimed(st, s, out, n);
}

int store_task_claim_retry(store *st, const char *owner, time_t now, long long lease_ms,
                           struct model_task **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* no paused test, unlike a claim: a run retries what it started with */
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE task SET state = 'running', lease_until = ?2 + ?3, attempts = attempts + 1"
            " WHERE state = 'retryable' AND lease_owner = ?1"
            " RETURNING id, keyword_id, day, attempts");
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, (long long)now * 1000);
    sqlite3_bind_int64(s, 3, lease_ms);
    return claimed(st, s, out, n);
}

int store_task_renew_all(store *st, const char *owner, time_t now, long long lease_ms,
                         size_t *renewed)
{
    if (renewed)
        *renewed = 0;
    sqlite3_stmt *s = store_stmt(st, "UPDATE task SET lease_until = ?2 + ?3"
                                     " WHERE lease_owner = ?1 AND state = 'running'");
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, (long long)now * 1000);
    sqlite3_bind_int64(s, 3, lease_ms);
    if (store_step_done(st, s, "cannot renew leases") != 0)
        return -1;
    if (renewed)
        *renewed = (size_t)sqlite3_changes(st->db);
    return 0;
}

int store_task_renew(store *st, long long id, const char *owner, time_t now, long long lease_ms)
{
    sqlite3_stmt *s = store_stmt(st, "UPDATE task SET lease_until = ?3 + ?4"
                                     " WHERE id = ?1 AND lease_owner = ?2 AND state = 'running'");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (long long)now * 1000);
    sqlite3_bind_int64(s, 4, lease_ms);
    if (store_step_done(st, s, "cannot renew a task's lease") != 0)
        return -1;
    return sqlite3_changes(st->db) > 0;
}

static const char *outcome_name(enum store_task_outcome o)
{
    switch (o) {
    case STORE_TASK_DONE:
        return "done";
    case STORE_TASK_RETRYABLE:
        return "retryable";
    default:
        return "failed";
    }
}

int store_task_complete(store *st, long long id, const char *owner,
                        enum store_task_outcome outcome, const char *error, time_t now)
{
    /* attempts^4 s: 1, 16, 81, 256 ...; 8^4 already passes the cap */
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE task SET state = ?3, lease_until = NULL,"
            " lease_owner = CASE WHEN ?3 = 'retryable' THEN lease_owner END,"
            " last_error = ?5,"
            " done_at = CASE WHEN ?3 = 'retryable' THEN NULL ELSE ?4 END,"
            " not_before = CASE WHEN ?3 = 'retryable' THEN ?4 + min(min(attempts, 8)"
            " * min(attempts, 8) * min(attempts, 8) * min(attempts, 8), ?6)"
            " ELSE not_before END"
            " WHERE id = ?1 AND lease_owner = ?2 AND state = 'running'");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, outcome_name(outcome), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, (long long)now);
    store_bind_text(s, 5, error);
    sqlite3_bind_int64(s, 6, STORE_TASK_BACKOFF_MAX);
    if (store_step_done(st, s, "cannot complete a task") != 0)
        return -1;
    return sqlite3_changes(st->db) > 0;
}

int store_task_complete_many(store *st, const char *owner, const struct store_task_end *e,
                             size_t n, time_t now, size_t *completed)
{
    size_t got = 0;
    if (completed)
        *completed = 0;
    if (n == 0)
        return 0;
    /* one transaction: a round of 10,000 tasks is one commit, not 10,000 */
    if (store_begin(st) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int r = store_task_complete(st, e[i].id, owner, e[i].outcome, e[i].error, now);
        if (r < 0) {
            store_rollback(st);
            return -1;
        }
        got += (size_t)r;
    }
    if (store_commit(st) != 0)
        return -1;
    if (completed)
        *completed = got;
    return 0;
}

int store_task_release(store *st, const char *owner)
{
    sqlite3_stmt *s = store_stmt(st, "UPDATE task SET state = 'available', lease_owner = NULL,"
                                     " lease_until = NULL"
                                     " WHERE state IN ('running','retryable')"
                                     " AND lease_owner = ?1");
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
    return store_step_done(st, s, "cannot release tasks");
}

int store_task_prune(store *st, time_t before)
{
    sqlite3_stmt *s =
        store_stmt(st, "DELETE FROM task WHERE state IN ('done','failed') AND day < ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)before);
    return store_step_done(st, s, "cannot prune old tasks");
}
