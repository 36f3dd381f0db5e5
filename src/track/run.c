/* run.c - the policies of the cron run, without its CLI: the exclusive
 * lock beside the database (a second run sees it and leaves), the work
 * queue (what is due is enqueued, claimed under the owner "run" and
 * completed, the path a worker will take; its leases renewed by a
 * heartbeat), resuming an interrupted run (daily and weekly keywords
 * stored today are not fetched again), retry rounds for blocked and error
 * checks with a doubling pause (their tasks retryable in the queue
 * meanwhile), and archive pruning. Errors come back as values; nothing is
 * printed. The queue is reached only through struct store_ops. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "model.h"
#include "store_ops.h"
#include "track.h"
#include "util.h"

/* The run's lease owner. Only one run holds the lock, so whatever "run"
 * still holds when a run starts was left by one that died. */
#define RUN_OWNER "run"
/* The run's lease; its heartbeat (track_beat, after stored batches and
 * each round) renews it every third of it. */
#define RUN_LEASE_MS (3600LL * 1000)
/* How long the queue's writes at the start wait for another process's
 * write lock before the run goes on without the queue (it fetches while
 * the database is locked and stores once it is free, as it always did). */
#define QUEUE_TRY_MS 100
/* Done and failed tasks are kept this long, then pruned. */
#define TASK_KEEP_DAYS 7

/* The database file a path names, symlinks resolved: a missing file is
 * its resolved folder plus the name. Newly allocated; NULL with err set. */
static char *resolved_db(const char *db, struct track_err *err)
{
    char *real = realpath(db, NULL);
    if (real)
        return real;
    if (errno != ENOENT) {
        snprintf(err->msg, sizeof err->msg, "run: '%s': %s", db, strerror(errno));
        return NULL;
    }
    const char *slash = strrchr(db, '/');
    char *dir = slash ? xasprintf("%.*s", slash == db ? 1 : (int)(slash - db), db) : xstrdup(".");
    char *rdir = realpath(dir, NULL);
    if (!rdir) {
        snprintf(err->msg, sizeof err->msg, "run: '%s': %s", dir, strerror(errno));
        free(dir);
        return NULL;
    }
    char *r = xasprintf("%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, slash ? slash + 1 : db);
    free(rdir);
    free(dir);
    return r;
}

int track_run_lock(const char *db_path, struct track_err *err)
{
    err->msg[0] = '\0';
    char *real = resolved_db(db_path, err);
    if (!real)
        return -1;
    char *path = xasprintf("%s.lock", real);
    free(real);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err->msg, sizeof err->msg, "run: cannot open lock file '%s': %s", path,
                 strerror(errno));
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        if (!busy)
            snprintf(err->msg, sizeof err->msg, "run: cannot lock '%s': %s", path, strerror(errno));
        close(fd);
        free(path);
        return busy ? -2 : -1;
    }
    free(path);
    return fd;
}

/* Daily and weekly keywords with an ok check today were stored by an
 * interrupted run: not fetched again. 1, 0 or -1. */
static int resumed(store *st, const struct model_keyword *k, time_t now)
{
    if (k->schedule && strchr(k->schedule, 'h'))
        return 0;
    return store_kw_checked_since(st, k->id, util_day_start(now), 0) == 1;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

double track_retry_wait(double delay_s, int round)
{
    return delay_s * (double)(1 << round);
}

int track_retry_again(int round, int rounds, size_t n_failed, long long budget_left)
{
    return round < rounds && n_failed > 0 && budget_left != 0;
}

/* What a run works on: the keywords (owned), the order they are tried
 * in (todo: shallow copies, the failed ones kept between rounds) and,
 * from the queue, each todo entry's task id (tid; NULL without the
 * queue: the database was locked at the start). */
struct work {
    const struct store_ops *ops;
    store *st;
    struct track_beat beat;
    int let_go; /* a round's completions were refused by another's lock */
    struct model_keyword *kws;
    size_t n_kws;
    struct model_keyword *todo;
    long long *tid;
    size_t nt;
};

static void work_release(struct work *w)
{
    model_keyword_free_list(w->kws, w->n_kws);
    free(w->todo);
    free(w->tid);
}

/* Without the queue: the due keywords not already stored today. 0 or -1. */
static int due_todo(store *st, time_t now, struct work *w, size_t *skipped)
{
    if (store_kw_due(st, now, &w->kws, &w->n_kws) != 0)
        return -1;
    w->todo = xcalloc(w->n_kws ? w->n_kws : 1, sizeof *w->todo);
    for (size_t i = 0; i < w->n_kws; i++) {
        int r = resumed(st, &w->kws[i], now);
        if (r < 0)
            return -1;
        if (r)
            (*skipped)++;
        else
            w->todo[w->nt++] = w->kws[i];
    }
    return 0;
}

/* The keywords of the claimed tasks t[0..n), in their order. 0 or -1. */
static int task_keywords(store *st, struct work *w, const struct model_task *t, size_t n)
{
    w->kws = xcalloc(n ? n : 1, sizeof *w->kws);
    w->tid = xcalloc(n ? n : 1, sizeof *w->tid);
    for (size_t i = 0; i < n; i++) {
        int got = w->ops->kw_get(st, t[i].keyword_id, &w->kws[w->n_kws]);
        if (got < 0)
            return -1;
        /* got 0: deleted since the claim, and its task with it */
        if (got > 0)
            w->tid[w->n_kws++] = t[i].id;
    }
    w->todo = xcalloc(w->n_kws ? w->n_kws : 1, sizeof *w->todo);
    memcpy(w->todo, w->kws, w->n_kws * sizeof *w->kws);
    w->nt = w->n_kws;
    return 0;
}

/* Through the queue: leases a dead run left go back, what is due is
 * enqueued (daily and weekly keywords stored today are counted in
 * *skipped instead), and every claimable task is claimed. When another
 * process holds the write lock, the run goes without the queue
 * (due_todo). 0 or -1. */
static int claim_todo(store *st, time_t now, struct work *w, size_t *skipped)
{
    struct model_task *t = NULL;
    size_t n = 0;
    store_set_busy(st, QUEUE_TRY_MS, 1);
    store_busy_failed(st);
    int rc = w->ops->task_release(st, RUN_OWNER);
    if (rc == 0)
        rc = w->ops->task_enqueue_due(st, now, NULL, skipped);
    if (rc == 0)
        rc = w->ops->task_claim(st, RUN_OWNER, now, RUN_LEASE_MS, SIZE_MAX, &t, &n);
    int busy = rc != 0 && store_busy_failed(st);
    store_set_busy(st, 5000, 0);
    if (busy) {
        *skipped = 0;
        return due_todo(st, now, w, skipped);
    }
    if (rc == 0)
        rc = task_keywords(st, w, t, n);
    free(t);
    return rc;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static int has_id(const long long *sorted, size_t n, long long id)
{
    return n && bsearch(&id, sorted, n, sizeof *sorted, cmp_ll) != NULL;
}

/* How todo[i]'s task ends after a round: done (ok), failed (a blocked or
 * error check stored in the last round; the next run enqueues it again
 * while it is due) or retryable (a deferred failure, for the next round);
 * 0 when the round did not get to it (the budget): it stays leased. */
static int task_end(const struct work *w, size_t i, const struct track_stats *rs,
                    const long long *ok, const long long *bad, const unsigned char *deferred,
                    struct store_task_end *e)
{
    long long id = w->todo[i].id;
    e->id = w->tid[i];
    e->error = NULL;
    if (has_id(ok, rs->n_ok_ids, id))
        e->outcome = STORE_TASK_DONE;
    else if (has_id(bad, rs->n_fail_ids, id))
        e->outcome = STORE_TASK_FAILED, e->error = "blocked or error";
    else if (deferred[i])
        e->outcome = STORE_TASK_RETRYABLE, e->error = "blocked or error";
    else
        return 0;
    return 1;
}

/* After a round: its tasks completed (task_end) in one transaction, the
 * leases on the rest renewed. A write refused by another process's lock
 * is let go (w->let_go): the checks are stored, and the next run
 * releases the leases and closes the tasks. 0 or -1. */
static int complete_round(store *st, struct work *w, const struct track_stats *rs)
{
    if (!w->tid)
        return 0;
    long long *ok = xcalloc(rs->n_ok_ids + 1, sizeof *ok);
    long long *bad = xcalloc(rs->n_fail_ids + 1, sizeof *bad);
    unsigned char *deferred = xcalloc(w->nt + 1, 1);
    struct store_task_end *e = xcalloc(w->nt + 1, sizeof *e);
    if (rs->n_ok_ids)
        memcpy(ok, rs->ok_ids, rs->n_ok_ids * sizeof *ok);
    if (rs->n_fail_ids)
        memcpy(bad, rs->fail_ids, rs->n_fail_ids * sizeof *bad);
    qsort(ok, rs->n_ok_ids, sizeof *ok, cmp_ll);
    qsort(bad, rs->n_fail_ids, sizeof *bad, cmp_ll);
    for (size_t i = 0; i < rs->n_failed; i++)
        if (rs->failed[i] < w->nt)
            deferred[rs->failed[i]] = 1;
    size_t ne = 0;
    for (size_t i = 0; i < w->nt; i++)
        ne += (size_t)task_end(w, i, rs, ok, bad, deferred, &e[ne]);
    time_t now = util_now();
    store_set_busy(st, 5000, 1);
    store_busy_failed(st);
    int rc = w->ops->task_complete_many(st, RUN_OWNER, e, ne, now, NULL);
    if (rc == 0)
        rc = w->ops->task_renew_all(st, RUN_OWNER, now, RUN_LEASE_MS, NULL);
    if (rc == 0)
        w->beat.last = now;
    if (rc != 0 && store_busy_failed(st)) {
        w->let_go = 1;
        rc = 0;
    }
    store_set_busy(st, 5000, 0);
    free(ok);
    free(bad);
    free(deferred);
    free(e);
    return rc;
}

/* Before a retry round: the run leases again the tasks it left retryable
 * (its own pause has passed, whatever their not_before says: that is for
 * other owners) and keeps in todo those it got back - a task another
 * owner claimed meanwhile is theirs now. When the last completions or
 * this claim met another process's lock, todo stays as it is (the old
 * behaviour: the checks are retried; the tasks are closed by the next
 * run). 0 or -1. */
static int reclaim(store *st, struct work *w)
{
    if (!w->tid)
        return 0;
    struct model_task *t = NULL;
    size_t n = 0;
    store_set_busy(st, 5000, 1);
    store_busy_failed(st);
    int rc = w->ops->task_claim_retry(st, RUN_OWNER, util_now(), RUN_LEASE_MS, &t, &n);
    int busy = rc != 0 && store_busy_failed(st);
    store_set_busy(st, 5000, 0);
    if (rc != 0)
        return busy ? 0 : -1;
    if (!w->let_go) {
        long long *got = xcalloc(n + 1, sizeof *got);
        for (size_t i = 0; i < n; i++)
            got[i] = t[i].id;
        qsort(got, n, sizeof *got, cmp_ll);
        size_t k = 0;
        for (size_t i = 0; i < w->nt; i++) {
            if (!has_id(got, n, w->tid[i]))
                continue;
            w->tid[k] = w->tid[i];
            w->todo[k++] = w->todo[i];
        }
        w->nt = k;
        free(got);
    }
    w->let_go = 0;
    free(t);
    return 0;
}

/* track_opts.stored: the heartbeat after a stored batch. A renewal the
 * store refused (another's lock) is tried again after the next batch. */
static void on_stored(void *arg)
{
    struct work *w = arg;
    track_beat(w->st, &w->beat, util_now());
}

int track_beat(store *st, struct track_beat *b, time_t now)
{
    if ((long long)(now - b->last) * 1000 < b->lease_ms / 3)
        return 0;
    if (store_ops_of(st)->task_renew_all(st, b->owner, now, b->lease_ms, NULL) != 0)
        return -1;
    b->last = now;
    return 1;
}

/* Keeps the failed ones of todo[0..nt) (and their tasks), in index order
 * (they completed in any order), for the next round. */
static void keep_failed(struct work *w, struct track_stats *rs)
{
    qsort(rs->failed, rs->n_failed, sizeof *rs->failed, cmp_size);
    size_t k = 0;
    for (size_t i = 0; i < rs->n_failed; i++) {
        if (w->tid)
            w->tid[k] = w->tid[rs->failed[i]];
        w->todo[k++] = w->todo[rs->failed[i]];
    }
    w->nt = k;
}

/* Adds one round's numbers to the run's. */
static void add_round(struct track_stats *s, const struct track_stats *rs)
{
    s->secs += rs->secs;
    for (size_t i = 0; i < rs->n_ok_ids; i++) {
        GROW(s->ok_ids, s->cap_ok_ids, s->n_ok_ids + 1);
        s->ok_ids[s->n_ok_ids++] = rs->ok_ids[i];
    }
    track_budget_merge(s, rs);
}

int track_run_due(store *st, const struct config *cfg, time_t now, const struct track_run_opts *ro,
                  const struct track_sink *sink, struct track_stats *s, struct track_err *err)
{
    err->msg[0] = '\0';
    struct work w = {.ops = store_ops_of(st), .st = st,
                     .beat = {.owner = RUN_OWNER, .lease_ms = RUN_LEASE_MS, .last = util_now()}};
    int rc = -1;
    /* one crawler for every round, made for the first round that has work:
     * a run with nothing due reads no crawl config */
    struct crawl *c = NULL;
    if (claim_todo(st, now, &w, &s->skipped) != 0)
        goto out;
    int rounds = (int)cfg->run.retry_rounds;
    double delay = (double)cfg->run.retry_delay_ms / 1000;
    struct track_opts o = {
        .concurrency = ro->concurrency,
        .max_requests = ro->max_requests,
        .label = "run",
        .db_wait_s = track_db_wait(cfg),
        .reuse_today = 1,
    };
    if (w.tid) {
        o.stored = on_stored;
        o.stored_arg = &w;
    }
    size_t ok = 0;
    long long requests = 0;
    for (int round = 0;; round++) {
        o.defer_failed = round < rounds;
        if (w.nt > 0 && !c && crawl_new(cfg, &c) != 0)
            goto out;
        if (round > 0 && c)
            crawl_new_round(c);
        o.crawl = c;
        struct track_stats rs = {0};
        int trc = track_checks(st, cfg, w.todo, w.nt, &o, sink, &rs, err);
        ok += rs.ok;
        requests += rs.requests;
        add_round(s, &rs);
        if (ro->max_requests >= 0)
            o.max_requests = ro->max_requests > requests ? ro->max_requests - requests : 0;
        if (trc != 0 || rs.store_failed || complete_round(st, &w, &rs) != 0) {
            track_stats_release(&rs);
            goto out;
        }
        if (!track_retry_again(round, rounds, rs.n_failed, o.max_requests)) {
            s->blocked = rs.blocked;
            s->error = rs.error;
            s->unreachable = rs.unreachable;
            track_stats_release(&rs);
            break;
        }
        /* Blocked and error checks again, later: the engine's cool-down
         * and this pause give it time to recover. */
        keep_failed(&w, &rs);
        double wait = track_retry_wait(delay, round);
        track_say(sink, TRACK_INFO, "run: %zu checks failed; retrying in %.0f s", w.nt, wait);
        track_stats_release(&rs);
        util_sleep(wait);
        if (reclaim(st, &w) != 0)
            goto out;
    }
    s->ok = ok;
    s->requests = requests;
    s->total = s->ok + s->blocked + s->error;
    rc = 0;
out:
    if (rc != 0)
        track_store_fail(st, sink, err);
    if (c)
        crawl_free(c);
    /* What the run did not get to (the budget, an error) goes back. A
     * lock held by another process keeps it leased: the next run releases
     * it. */
    if (w.tid) {
        store_set_busy(st, 5000, 1);
        store_busy_failed(st);
        if (w.ops->task_release(st, RUN_OWNER) != 0 && !store_busy_failed(st))
            rc = -1;
        store_set_busy(st, 5000, 0);
    }
    work_release(&w);
    return rc;
}

/* After the tracking: alerts raised and sent. 0 or -1. */
static int run_alerts(store *st, const struct config *cfg, time_t now,
                      const struct track_sink *sink)
{
    int rc = 0;
    int raised = track_alert_evaluate(st, cfg, now);
    char msg[96] = "";
    if (raised < 0)
        rc = track_store_say(st, sink);
    else if (raised > 0 && sink && sink->say) {
        snprintf(msg, sizeof msg, "run: %d alerts raised", raised);
        sink->say(TRACK_INFO, msg, sink->arg);
    }
    int nrc = track_notify_deliver(st, cfg, sink);
    track_store_say(st, sink);
    if (nrc != 0 && sink && sink->say)
        sink->say(TRACK_WARN, "run: alerts not delivered; they stay queued for the next run",
                  sink->arg);
    return rc;
}

int track_run(store *st, const struct config *cfg, const char *db_path, time_t now,
              const struct track_run_opts *o, const struct track_sink *sink,
              struct track_run_result *r, struct track_err *err)
{
    memset(r, 0, sizeof *r);
    int lock = track_run_lock(db_path, err);
    if (lock == -2) {
        r->busy = 1;
        return 0;
    }
    if (lock < 0)
        return -1;
    int rc = track_run_due(st, cfg, now, o, sink, &r->stats, err);
    if (rc == 0) {
        /* grids after keywords: a grid is many requests for one query, so
         * a budget spent on keywords first keeps the daily ranks */
        long long left = o->max_requests < 0 ? -1 : o->max_requests - r->stats.requests;
        struct track_opts go = {.concurrency = o->concurrency,
                                .max_requests = left < 0 && o->max_requests >= 0 ? 0 : left,
                                .label = "run"};
        rc = track_grid_run_due(st, cfg, now, &go, sink, &r->grids, err);
    }
    if (rc == 0) {
        if (track_run_prune(st, cfg, now) != 0)
            r->failed = track_store_say(st, sink) != 0;
        if (!o->no_alerts && run_alerts(st, cfg, now, sink) != 0)
            r->failed = 1;
        if (store_state_set(st, STORE_STATE_RUN_FINISHED, (long long)util_now()) != 0)
            r->failed = track_store_say(st, sink) != 0;
    }
    close(lock);
    return rc;
}

int track_run_prune(store *st, const struct config *cfg, time_t now)
{
    long long keep = cfg->archive_keep_days;
    if (keep > 0 && store_raw_prune(st, now - (time_t)keep * DAY_SECS) != 0)
        return -1;
    const struct store_ops *ops = store_ops_of(st);
    time_t before = util_day_start(now) - TASK_KEEP_DAYS * DAY_SECS;
    /* a provider's task from before today is never collected (its page
     * would be stored as today's): it is kept as long as the queue's */
    return ops->task_prune(st, before) == 0 && ops->ptask_prune(st, before) == 0 ? 0 : -1;
}
