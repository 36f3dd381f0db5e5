/* run.c - the policies of the cron run, without its CLI: the exclusive
 * lock beside the database (a second run sees it and leaves), resuming an
 * interrupted run (daily and weekly keywords stored today are not fetched
 * again), retry rounds for blocked and error checks with a doubling pause,
 * and archive pruning. Errors come back as values; nothing is printed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "model.h"
#include "track.h"
#include "util.h"

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
static int resumed(store *st, const struct store_keyword *k, time_t now)
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

/* The due keywords not already stored today: shallow copies into *todo
 * (strings stay owned by *due). 0 or -1. */
static int due_todo(store *st, time_t now, struct store_keyword **due, size_t *nd,
                    struct store_keyword **todo, size_t *nt, size_t *skipped)
{
    if (store_kw_due(st, now, due, nd) != 0)
        return -1;
    *todo = xcalloc(*nd ? *nd : 1, sizeof **todo);
    for (size_t i = 0; i < *nd; i++) {
        int r = resumed(st, &(*due)[i], now);
        if (r < 0)
            return -1;
        if (r)
            (*skipped)++;
        else
            (*todo)[(*nt)++] = (*due)[i];
    }
    return 0;
}

/* Keeps the failed ones of todo[0..*nt), in index order (they completed
 * in any order), for the next round. */
static void keep_failed(struct store_keyword *todo, size_t *nt, struct track_stats *rs)
{
    qsort(rs->failed, rs->n_failed, sizeof *rs->failed, cmp_size);
    size_t k = 0;
    for (size_t i = 0; i < rs->n_failed; i++)
        todo[k++] = todo[rs->failed[i]];
    *nt = k;
}

int track_run_due(store *st, const struct ini *cfg, time_t now, const struct track_run_opts *ro,
                  const struct track_sink *sink, struct track_stats *s, struct track_err *err)
{
    err->msg[0] = '\0';
    struct store_keyword *due = NULL, *todo = NULL;
    size_t nd = 0, nt = 0;
    int rc = -1;
    /* one crawler for every round, made for the first round that has work:
     * a run with nothing due reads no crawl config */
    struct crawl *c = NULL;
    if (due_todo(st, now, &due, &nd, &todo, &nt, &s->skipped) != 0)
        goto out;
    int rounds = (int)ini_get_int(cfg, "run", "retry_rounds", 2, 0, 10);
    double delay = (double)ini_get_int(cfg, "run", "retry_delay_ms", 60000, 0, 3600000) / 1000;
    struct track_opts o = {
        .concurrency = ro->concurrency,
        .max_requests = ro->max_requests,
        .label = "run",
        .db_wait_s = track_db_wait(cfg),
    };
    size_t ok = 0;
    long long requests = 0;
    for (int round = 0;; round++) {
        o.defer_failed = round < rounds;
        if (nt > 0 && !c && crawl_new(cfg, &c) != 0)
            goto out;
        if (round > 0 && c)
            crawl_new_round(c);
        o.crawl = c;
        struct track_stats rs = {0};
        int trc = track_checks(st, cfg, todo, nt, &o, sink, &rs, err);
        ok += rs.ok;
        requests += rs.requests;
        s->secs += rs.secs;
        for (size_t i = 0; i < rs.n_ok_ids; i++) {
            GROW(s->ok_ids, s->cap_ok_ids, s->n_ok_ids + 1);
            s->ok_ids[s->n_ok_ids++] = rs.ok_ids[i];
        }
        if (ro->max_requests >= 0)
            o.max_requests = ro->max_requests > requests ? ro->max_requests - requests : 0;
        if (trc != 0 || rs.store_failed) {
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
        keep_failed(todo, &nt, &rs);
        double wait = track_retry_wait(delay, round);
        if (sink && sink->say) {
            char msg[128];
            snprintf(msg, sizeof msg, "run: %zu checks failed; retrying in %.0f s", nt, wait);
            sink->say(TRACK_INFO, msg, sink->arg);
        }
        track_stats_release(&rs);
        util_sleep(wait);
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
    free(todo);
    store_keyword_free_list(due, nd);
    return rc;
}

/* After the tracking: alerts raised and sent. 0 or -1. */
static int run_alerts(store *st, const struct ini *cfg, time_t now, const struct track_sink *sink)
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

int track_run(store *st, const struct ini *cfg, const char *db_path, time_t now,
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

int track_run_prune(store *st, const struct ini *cfg, time_t now)
{
    long long keep = ini_get_int(cfg, "archive", "keep_days", 0, 0, 36500);
    if (keep > 0 && store_raw_prune(st, now - (time_t)keep * DAY_SECS) != 0)
        return -1;
    return 0;
}
