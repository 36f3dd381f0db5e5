/* test_queue.c - the work queue (store_queue.h) on a temporary SQLite
 * file: enqueue is idempotent and leaves out what was checked or done
 * today, a claim gives a task to one owner until its lease expires, a
 * retryable task backs off (but its owner's own retry round takes it back
 * at once), completions in one batch, the heartbeat, release and prune,
 * paused keywords, and store_kw_due agreeing with the enqueue case by
 * case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "store.h"
#include "track.h"
#include "store_ops.h"
#include "store_queue.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

#define T0 ((time_t)1767268800) /* 2026-01-01 12:00 UTC */
#define LEASE 60000

struct fx {
    char dir[64];
    char path[128];
    store *st;
    long long kw[3];
};

static long long mk_kw(store *st, const char *query, const char *schedule)
{
    struct model_keyword k = {.query = (char *)query, .site = "example.com",
                              .schedule = (char *)schedule};
    long long id = 0;
    assert_int_equal(store_kw_add(st, &k, &id), 0);
    return id;
}

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_store_open("test_queue", f->dir, f->path, &f->st) != 0)
        return -1;
    struct model_site s = {.domain = "example.com", .rent = -1};
    long long sid = 0;
    if (store_site_add(f->st, &s, &sid) != 0)
        return -1;
    f->kw[0] = mk_kw(f->st, "alpha", "daily");
    f->kw[1] = mk_kw(f->st, "beta", "daily");
    f->kw[2] = mk_kw(f->st, "gamma", "6h");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_store_close(f->dir, f->st);
    free(f);
    return rc;
}

static void save_check(store *st, long long kw, time_t at, enum model_status status)
{
    struct serp_page p;
    serp_page_init(&p);
    struct model_check c = {.keyword_id = kw, .checked_at = at, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = status, .depth = 10,
                            .requests = 1, .page = &p};
    assert_int_equal(track_check_save(st, &c, NULL), 0);
    serp_page_release(&p);
}

static void save_ok(store *st, long long kw, time_t at)
{
    save_check(st, kw, at, MODEL_OK);
}

static size_t claim(store *st, const char *owner, time_t now, struct model_task **t)
{
    size_t n = 0;
    assert_int_equal(store_task_claim(st, owner, now, LEASE, 100, t, &n), 0);
    return n;
}

/* --- tests -------------------------------------------------------------------- */
static void test_enqueue_idempotent(void **state)
{
    struct fx *f = *state;
    size_t added = 9, skipped = 9;
    assert_int_equal(store_task_enqueue_due(f->st, T0, &added, &skipped), 0);
    assert_int_equal(added, 3);
    assert_int_equal(skipped, 0);
    assert_int_equal(store_task_enqueue_due(f->st, T0, &added, &skipped), 0);
    assert_int_equal(added, 0);
    /* still nothing new an hour later: the tasks are active */
    assert_int_equal(store_task_enqueue_due(f->st, T0 + 3600, &added, NULL), 0);
    assert_int_equal(added, 0);
}

static void test_claim_one_owner(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *a = NULL, *b = NULL;
    size_t na = claim(f->st, "a", T0, &a);
    assert_int_equal(na, 3);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].keyword_id, f->kw[i]); /* keyword order */
        assert_int_equal(a[i].attempts, 1);
        assert_int_equal(a[i].day, util_day_start(T0));
    }
    /* before the lease ends nobody else gets them */
    assert_int_equal(claim(f->st, "b", T0 + LEASE / 1000 - 1, &b), 0);
    assert_null(b);
    /* a renewal keeps it; another owner cannot renew */
    assert_int_equal(store_task_renew(f->st, a[0].id, "a", T0 + 50, LEASE), 1);
    assert_int_equal(store_task_renew(f->st, a[0].id, "b", T0 + 50, LEASE), 0);
    /* after expiry the others are reclaimed, the renewed one is not */
    size_t nb = claim(f->st, "b", T0 + LEASE / 1000, &b);
    assert_int_equal(nb, 2);
    assert_int_equal(b[0].keyword_id, f->kw[1]);
    assert_int_equal(b[0].attempts, 2);
    /* the first owner lost them: completing does nothing */
    assert_int_equal(store_task_complete(f->st, a[1].id, "a", STORE_TASK_DONE, NULL, T0), 0);
    assert_int_equal(store_task_complete(f->st, b[0].id, "b", STORE_TASK_DONE, NULL, T0), 1);
    assert_int_equal(store_task_complete(f->st, b[0].id, "b", STORE_TASK_DONE, NULL, T0), 0);
    free(a);
    free(b);
}

static void test_retryable_backoff(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    size_t n = 0;
    assert_int_equal(store_task_claim(f->st, "a", T0, LEASE, 1, &t, &n), 0);
    assert_int_equal(n, 1);
    long long id = t[0].id;
    free(t);
    assert_int_equal(store_task_complete(f->st, id, "a", STORE_TASK_RETRYABLE, "captcha", T0), 1);
    /* the other two are still available: take them out of the way */
    assert_int_equal(claim(f->st, "b", T0, &t), 2);
    free(t);
    /* attempt 1: back off 1^4 = 1 s */
    assert_int_equal(claim(f->st, "a", T0, &t), 0);
    assert_int_equal(claim(f->st, "a", T0 + 1, &t), 1);
    assert_int_equal(t[0].id, id);
    assert_int_equal(t[0].attempts, 2);
    free(t);
    /* attempt 2: 2^4 = 16 s */
    assert_int_equal(store_task_complete(f->st, id, "a", STORE_TASK_RETRYABLE, "captcha", T0), 1);
    assert_int_equal(claim(f->st, "a", T0 + 15, &t), 0);
    assert_int_equal(claim(f->st, "a", T0 + 16, &t), 1);
    free(t);
    /* an active retryable task is not enqueued twice */
    size_t added = 9;
    assert_int_equal(store_task_complete(f->st, id, "a", STORE_TASK_RETRYABLE, NULL, T0), 1);
    assert_int_equal(store_task_enqueue_due(f->st, T0, &added, NULL), 0);
    assert_int_equal(added, 0);
}

static void test_backoff_capped(void **state)
{
    struct fx *f = *state;
    /* alpha alone */
    assert_int_equal(store_kw_pause(f->st, f->kw[1], 1), 0);
    assert_int_equal(store_kw_pause(f->st, f->kw[2], 1), 0);
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    size_t n = 0;
    long long id = 0;
    time_t now = T0;
    for (int i = 0; i < 12; i++) {
        assert_int_equal(store_task_claim(f->st, "a", now, LEASE, 1, &t, &n), 0);
        assert_int_equal(n, 1);
        id = t[0].id;
        free(t);
        assert_int_equal(store_task_complete(f->st, id, "a", STORE_TASK_RETRYABLE, NULL, now), 1);
        now += STORE_TASK_BACKOFF_MAX;
    }
    /* 12^4 s would be days; the cap is an hour */
    now -= STORE_TASK_BACKOFF_MAX;
    assert_int_equal(claim(f->st, "a", now + STORE_TASK_BACKOFF_MAX - 1, &t), 0);
    assert_int_equal(claim(f->st, "a", now + STORE_TASK_BACKOFF_MAX, &t), 1);
    assert_int_equal(t[0].id, id);
    free(t);
}

static void test_done_not_again_today(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    size_t n = claim(f->st, "run", T0, &t);
    assert_int_equal(n, 3);
    /* as a run does: the check stored, then the task completed */
    for (size_t i = 0; i < n; i++) {
        if (i != 1)
            save_ok(f->st, t[i].keyword_id, T0);
        assert_int_equal(store_task_complete(f->st, t[i].id, "run",
                                             i == 1 ? STORE_TASK_FAILED : STORE_TASK_DONE,
                                             NULL, T0), 1);
    }
    free(t);
    /* the daily one done today is not added again; the failed one is. At
     * 6 hours after its check the 6-hourly one is due again; at T0 + 60
     * it is not (nor counted as skipped: hourly ones are never resumed) */
    size_t added = 0, skipped = 0;
    assert_int_equal(store_task_enqueue_due(f->st, T0 + 60, &added, &skipped), 0);
    assert_int_equal(added, 1);
    assert_int_equal(skipped, 0); /* alpha is not due at all: checked a minute ago */
    assert_int_equal(store_task_enqueue_due(f->st, T0 + 6 * 3600, &added, &skipped), 0);
    assert_int_equal(added, 1);
    assert_int_equal(skipped, 0);
    n = claim(f->st, "run", T0 + 6 * 3600, &t);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].keyword_id, f->kw[1]);
    assert_int_equal(t[1].keyword_id, f->kw[2]);
    free(t);
    /* the next day it is due again */
    assert_int_equal(store_task_release(f->st, "run"), 0);
    assert_int_equal(store_task_enqueue_due(f->st, T0 + DAY_SECS, &added, &skipped), 0);
    assert_int_equal(added, 1);
    assert_int_equal(skipped, 0);
}

/* The check decides, not the task: a done task whose check was deleted
 * (to fetch again) does not keep its keyword out. */
static void test_done_check_deleted(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    assert_int_equal(claim(f->st, "run", T0, &t), 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(store_task_complete(f->st, t[i].id, "run", STORE_TASK_DONE, NULL, T0),
                         1);
    free(t);
    size_t added = 0;
    assert_int_equal(store_task_enqueue_due(f->st, T0 + 60, &added, NULL), 0);
    assert_int_equal(added, 3);
}

/* A daily keyword due again late in the day but with an ok check today
 * (an interrupted run, `track`) is skipped; one checked long ago is due. */
static void test_checked_today_skipped(void **state)
{
    struct fx *f = *state;
    time_t day = util_day_start(T0), now = day + 23 * 3600 + 1800;
    save_ok(f->st, f->kw[0], day + 900);
    save_ok(f->st, f->kw[1], day - 2 * DAY_SECS);
    size_t added = 0, skipped = 0;
    assert_int_equal(store_task_enqueue_due(f->st, now, &added, &skipped), 0);
    assert_int_equal(added, 2);
    assert_int_equal(skipped, 1);
    struct model_task *t = NULL;
    assert_int_equal(claim(f->st, "run", now, &t), 2);
    assert_int_equal(t[0].keyword_id, f->kw[1]);
    free(t);
}

/* Tasks in the file, counted by another connection. */
static int count_tasks(const struct fx *f, const char *where)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char *sql = xasprintf("SELECT count(*) FROM task WHERE %s", where);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    free(sql);
    return n;
}

/* Released tasks go back to the queue; a queued task of a keyword paused
 * since is never claimed and is closed by the next enqueue; prune drops
 * old history only. */
static void test_release_pause_prune(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    assert_int_equal(claim(f->st, "run", T0, &t), 3);
    free(t);
    assert_int_equal(store_task_release(f->st, "run"), 0);
    assert_int_equal(count_tasks(f, "state = 'available' AND lease_owner IS NULL"), 3);
    assert_int_equal(store_kw_pause(f->st, f->kw[0], 1), 0);
    assert_int_equal(claim(f->st, "other", T0, &t), 2);
    assert_int_equal(t[0].keyword_id, f->kw[1]);
    for (size_t i = 0; i < 2; i++) {
        save_ok(f->st, t[i].keyword_id, T0);
        assert_int_equal(store_task_complete(f->st, t[i].id, "other", STORE_TASK_DONE, NULL, T0),
                         1);
    }
    free(t);
    size_t added = 9;
    assert_int_equal(store_task_enqueue_due(f->st, T0 + 60, &added, NULL), 0);
    assert_int_equal(added, 0);
    assert_int_equal(count_tasks(f, "state = 'failed' AND last_error = 'no longer due'"), 1);
    /* resumed, the keyword is due: a new task */
    assert_int_equal(store_kw_pause(f->st, f->kw[0], 0), 0);
    assert_int_equal(store_task_enqueue_due(f->st, T0 + 120, &added, NULL), 0);
    assert_int_equal(added, 1);
    assert_int_equal(store_task_prune(f->st, util_day_start(T0)), 0);
    assert_int_equal(count_tasks(f, "1"), 4); /* today's history stays */
    assert_int_equal(store_task_prune(f->st, util_day_start(T0) + DAY_SECS), 0);
    assert_int_equal(count_tasks(f, "1"), 1); /* the active one stays */
    assert_int_equal(count_tasks(f, "state = 'available'"), 1);
}

/* The SQLite table of struct store_ops is complete and reaches the same
 * queue. */
static void test_store_ops(void **state)
{
    struct fx *f = *state;
    const struct store_ops *ops = store_ops_of(f->st);
    assert_ptr_equal(ops, &store_sqlite_ops);
    assert_string_equal(ops->name, "sqlite");
    assert_non_null(ops->task_enqueue_due);
    assert_non_null(ops->task_claim);
    assert_non_null(ops->task_renew);
    assert_non_null(ops->task_complete);
    assert_non_null(ops->task_complete_many);
    assert_non_null(ops->task_claim_retry);
    assert_non_null(ops->task_renew_all);
    assert_non_null(ops->task_release);
    assert_non_null(ops->task_prune);
    assert_non_null(ops->kw_get);
    assert_non_null(ops->check_save);
    assert_non_null(ops->usage_bump);
    size_t added = 0;
    assert_int_equal(ops->task_enqueue_due(f->st, T0, &added, NULL), 0);
    assert_int_equal(added, 3);
    struct model_task *t = NULL;
    size_t n = 0;
    assert_int_equal(ops->task_claim(f->st, "w", T0, LEASE, 1, &t, &n), 0);
    assert_int_equal(n, 1);
    struct model_keyword k;
    assert_int_equal(ops->kw_get(f->st, t[0].keyword_id, &k), 1);
    assert_string_equal(k.query, "alpha");
    model_keyword_release(&k);
    assert_int_equal(ops->task_complete(f->st, t[0].id, "w", STORE_TASK_DONE, NULL, T0), 1);
    free(t);
}


/* A run's retry round: a task completed retryable is the run's to claim
 * back at once (its own pause, not not_before), no one else's before
 * not_before; once another owner took it, the run's claim finds nothing;
 * release gives a retryable one back. */
static void test_retry_own_round(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL, *r = NULL;
    assert_int_equal(claim(f->st, "run", T0, &t), 3);
    assert_int_equal(store_task_complete(f->st, t[0].id, "run", STORE_TASK_RETRYABLE, "captcha",
                                         T0), 1);
    assert_int_equal(count_tasks(f, "state = 'retryable' AND lease_owner = 'run'"
                                    " AND lease_until IS NULL AND last_error = 'captcha'"), 1);
    size_t n = 9;
    /* another owner's claim waits for not_before (T0 + 1) */
    assert_int_equal(claim(f->st, "w", T0, &r), 0);
    assert_int_equal(store_task_claim_retry(f->st, "w", T0, LEASE, &r, &n), 0);
    assert_int_equal(n, 0);
    assert_null(r);
    assert_int_equal(store_task_claim_retry(f->st, "run", T0, LEASE, &r, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].id, t[0].id);
    assert_int_equal(r[0].attempts, 2);
    free(r);
    /* claimed back: running, the run's, nothing left to claim back */
    assert_int_equal(store_task_claim_retry(f->st, "run", T0, LEASE, &r, &n), 0);
    assert_int_equal(n, 0);
    /* retryable again (attempt 2: not_before T0 + 16); another owner takes it then */
    assert_int_equal(store_task_complete(f->st, t[0].id, "run", STORE_TASK_RETRYABLE, NULL, T0),
                     1);
    assert_int_equal(claim(f->st, "w", T0 + 16, &r), 1);
    free(r);
    assert_int_equal(store_task_claim_retry(f->st, "run", T0 + 16, LEASE, &r, &n), 0);
    assert_int_equal(n, 0);
    /* release: the run's running and retryable tasks go back, w's stays */
    assert_int_equal(store_task_complete(f->st, t[1].id, "run", STORE_TASK_RETRYABLE, NULL, T0),
                     1);
    assert_int_equal(store_task_release(f->st, "run"), 0);
    assert_int_equal(count_tasks(f, "state = 'available' AND lease_owner IS NULL"), 2);
    assert_int_equal(count_tasks(f, "state = 'running' AND lease_owner = 'w'"), 1);
    free(t);
}

/* Completions in one batch: each as it says; a task the owner no longer
 * holds is not counted and does not stop the rest. */
static void test_complete_many(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    assert_int_equal(claim(f->st, "run", T0, &t), 3);
    struct store_task_end e[] = {
        {t[0].id, STORE_TASK_DONE, NULL},
        {t[1].id, STORE_TASK_FAILED, "blocked or error"},
        {t[2].id, STORE_TASK_RETRYABLE, "blocked or error"},
        {t[0].id, STORE_TASK_FAILED, "twice"}, /* done already: not held */
    };
    size_t done = 9;
    assert_int_equal(store_task_complete_many(f->st, "run", e, 4, T0, &done), 0);
    assert_int_equal(done, 3);
    assert_int_equal(count_tasks(f, "state = 'done' AND last_error IS NULL"), 1);
    assert_int_equal(count_tasks(f, "state = 'failed' AND last_error = 'blocked or error'"), 1);
    assert_int_equal(count_tasks(f, "state = 'retryable' AND not_before = 1767268801"), 1);
    assert_int_equal(count_tasks(f, "state = 'running'"), 0);
    assert_int_equal(store_task_complete_many(f->st, "run", e, 0, T0, &done), 0);
    assert_int_equal(done, 0);
    free(t);
}

/* The heartbeat: nothing before a third of the lease, then every lease
 * the owner holds is renewed, so another owner cannot take them when the
 * first lease would have ended; the time is passed in, never waited. */
static void test_heartbeat(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_task_enqueue_due(f->st, T0, NULL, NULL), 0);
    struct model_task *t = NULL;
    assert_int_equal(claim(f->st, "run", T0, &t), 3);
    free(t);
    struct track_beat b = {.owner = "run", .lease_ms = LEASE, .last = T0};
    assert_int_equal(track_beat(f->st, &b, T0 + LEASE / 3000 - 1), 0);
    assert_int_equal(b.last, T0);
    assert_int_equal(track_beat(f->st, &b, T0 + LEASE / 3000), 1);
    assert_int_equal(b.last, T0 + LEASE / 3000);
    /* without the beat they would be free at T0 + LEASE / 1000 */
    assert_int_equal(claim(f->st, "w", T0 + LEASE / 1000, &t), 0);
    assert_int_equal(claim(f->st, "w", T0 + LEASE / 3000 + LEASE / 1000, &t), 3);
    free(t);
    /* a beat for an owner holding nothing renews nothing */
    size_t renewed = 9;
    assert_int_equal(store_task_renew_all(f->st, "run", T0, LEASE, &renewed), 0);
    assert_int_equal(renewed, 0);
    assert_int_equal(store_task_renew_all(f->st, "w", T0, LEASE, &renewed), 0);
    assert_int_equal(renewed, 3);
}

/* One due rule: store_kw_due (the run without the queue) and the
 * enqueue agree on every case, and both say what the case expects. now
 * is 23:30 so a daily keyword checked early today is due yet resumed
 * (the enqueue skips it; the run without the queue skips it too). */
struct due_case {
    const char *schedule;
    long long ago;         /* seconds before now of the last check; < 0 = none */
    enum model_status status;
    int due;               /* in store_kw_due's list */
    int resumed;           /* due, but checked ok today: skipped by the enqueue */
};

static void test_due_rule_agrees(void **state)
{
    struct fx *f = *state;
    time_t day = util_day_start(T0), now = day + 23 * 3600 + 1800;
    static const struct due_case cases[] = {
        {"daily", -1, MODEL_OK, 1, 0},
        {"daily", 23 * 3600, MODEL_OK, 1, 1},         /* 00:30 today: slack of an hour */
        {"daily", 23 * 3600 - 1, MODEL_OK, 0, 0},
        {"daily", 23 * 3600 + 3600, MODEL_OK, 1, 0},  /* 23:30 yesterday */
        {"daily", 60, MODEL_BLOCKED, 1, 0},           /* only a failed check */
        {"weekly", 7 * 86400 - 3600, MODEL_OK, 1, 0},
        {"weekly", 7 * 86400 - 3601, MODEL_OK, 0, 0},
        {"6h", 6 * 3600 - 2160, MODEL_OK, 1, 0},      /* slack a tenth: 36 min */
        {"6h", 6 * 3600 - 2161, MODEL_OK, 0, 0},
        {"1h", 3600 - 360, MODEL_OK, 1, 0},
        {"1h", 3600 - 361, MODEL_OK, 0, 0},
        {"48h", 48 * 3600 - 3600, MODEL_OK, 1, 0},    /* slack capped at an hour */
        {"48h", 48 * 3600 - 3601, MODEL_OK, 0, 0},
    };
    size_t nc = sizeof cases / sizeof *cases;
    /* the fixture's three keywords out of the way */
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_kw_pause(f->st, f->kw[i], 1), 0);
    long long id[sizeof cases / sizeof *cases];
    size_t want_due = 0, want_task = 0, want_skip = 0;
    for (size_t i = 0; i < nc; i++) {
        char q[32];
        snprintf(q, sizeof q, "case %zu", i);
        id[i] = mk_kw(f->st, q, cases[i].schedule);
        if (cases[i].ago >= 0)
            save_check(f->st, id[i], now - (time_t)cases[i].ago, cases[i].status);
        want_due += (size_t)cases[i].due;
        want_task += (size_t)(cases[i].due && !cases[i].resumed);
        want_skip += (size_t)(cases[i].due && cases[i].resumed);
    }
    struct model_keyword *kw = NULL;
    size_t nk = 0, added = 0, skipped = 0;
    assert_int_equal(store_kw_due(f->st, now, &kw, &nk), 0);
    assert_int_equal(store_task_enqueue_due(f->st, now, &added, &skipped), 0);
    struct model_task *t = NULL;
    size_t nt = claim(f->st, "run", now, &t);
    assert_int_equal(nk, want_due);
    assert_int_equal(added, want_task);
    assert_int_equal(skipped, want_skip);
    assert_int_equal(nt, added);
    for (size_t i = 0; i < nc; i++) {
        int in_due = 0, in_task = 0;
        for (size_t j = 0; j < nk; j++)
            in_due |= kw[j].id == id[i];
        for (size_t j = 0; j < nt; j++)
            in_task |= t[j].keyword_id == id[i];
        if (in_due != cases[i].due || in_task != (cases[i].due && !cases[i].resumed))
            fail_msg("case %zu (%s, %lld s ago): due %d task %d", i, cases[i].schedule,
                     cases[i].ago, in_due, in_task);
    }
    model_keyword_free_list(kw, nk);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_enqueue_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_claim_one_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retryable_backoff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backoff_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_done_not_again_today, setup, teardown),
        cmocka_unit_test_setup_teardown(test_done_check_deleted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checked_today_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release_pause_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_ops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_own_round, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complete_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heartbeat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_due_rule_agrees, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
