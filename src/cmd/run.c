/* run.c - `serptrack run`, the cron entry: take the lock (a second run
 * exits 0 at once), track every keyword that is due, skipping what an
 * interrupted run already stored today, retry blocked/error checks later in
 * the same run with backoff, then raise alerts for every check stored
 * since the last evaluation (this run's, an interrupted run's, `track`'s)
 * and send them. Quiet under cron;
 * a summary on a TTY or with --verbose. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "alerting.h"
#include "cmd.h"
#include "opt.h"
#include "tracking.h"
#include "util.h"

/* The database file a path names, symlinks resolved: a missing file is
 * its resolved folder plus the name. Newly allocated; NULL after error(). */
static char *resolved_db(const char *db)
{
    char *real = realpath(db, NULL);
    if (real)
        return real;
    if (errno != ENOENT) {
        error("run: '%s': %s", db, strerror(errno));
        return NULL;
    }
    const char *slash = strrchr(db, '/');
    char *dir = slash ? xasprintf("%.*s", slash == db ? 1 : (int)(slash - db), db)
                      : xstrdup(".");
    char *rdir = realpath(dir, NULL);
    if (!rdir) {
        error("run: '%s': %s", dir, strerror(errno));
        free(dir);
        return NULL;
    }
    char *r = xasprintf("%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, slash ? slash + 1 : db);
    free(rdir);
    free(dir);
    return r;
}

/* Exclusive lock on the resolved database + ".lock" (so a symlink or
 * another spelling of the path meets the same lock); returns the fd, -1
 * on error, -2 when another run holds it. The lock dies with the process,
 * so a killed run never leaves a stale lock. */
static int take_lock(const char *db)
{
    char *real = resolved_db(db);
    if (!real)
        return -1;
    char *path = xasprintf("%s.lock", real);
    free(real);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        error("run: cannot open lock file '%s': %s", path, strerror(errno));
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        if (!busy)
            error("run: cannot lock '%s': %s", path, strerror(errno));
        close(fd);
        free(path);
        return busy ? -2 : -1;
    }
    free(path);
    return fd;
}

/* Daily and weekly keywords with an ok check today were stored by an
 * interrupted run: not fetched again. */
static int resumed(struct cmd_ctx *ctx, const struct store_keyword *k, time_t now)
{
    if (k->schedule && strchr(k->schedule, 'h'))
        return 0;
    return store_kw_checked_since(ctx->st, k->id, util_day_start(now), 0) == 1;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

int cmd_run(int argc, char **argv, struct cmd_ctx *ctx)
{
    long long concurrency = 0, max_requests = -1;
    int progress = 0, no_alerts = 0;
    struct opt opts[] = {
        OPT_INT("concurrency", &concurrency, "N", "requests in flight at once (default 4)", 1,
                256),
        OPT_INT("max-requests", &max_requests, "N", "request budget for this run", 0, 100000000),
        OPT_FLAG("progress", &progress, "progress bar on stderr even when not a terminal"),
        OPT_FLAG("no-alerts", &no_alerts, "track only; raise and send no alerts"),
        OPT_END(),
    };
    const char *usage = "run [--concurrency N] [--max-requests N] [--progress] [--no-alerts]";
    int n = opt_parse("run", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("run: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    int lock = take_lock(ctx->db_path);
    if (lock == -2) {
        fprintf(stderr, "serptrack: run: another run is in progress; nothing to do\n");
        return EXIT_OK;
    }
    if (lock < 0)
        return EXIT_FAIL;

    int rc = EXIT_FAIL;
    int tty = isatty(STDERR_FILENO);
    time_t now = util_now();
    struct store_keyword *due = NULL, *todo = NULL;
    size_t nd = 0, nt = 0;
    struct tracking_stats s = {0};
    if (store_kw_due(ctx->st, now, &due, &nd) != 0)
        goto out;
    /* shallow copies: strings stay owned by `due` */
    todo = xcalloc(nd ? nd : 1, sizeof *todo);
    for (size_t i = 0; i < nd; i++) {
        int r = resumed(ctx, &due[i], now);
        if (r < 0)
            goto out;
        if (r)
            s.skipped++;
        else
            todo[nt++] = due[i];
    }
    int rounds = (int)ini_get_int(&ctx->cfg, "run", "retry_rounds", 2, 0, 10);
    double delay = (double)ini_get_int(&ctx->cfg, "run", "retry_delay_ms", 60000, 0, 3600000) /
                   1000;
    struct tracking_opts o = {
        .concurrency = (int)concurrency,
        .max_requests = max_requests,
        .progress = progress || tty,
        .label = "run",
        .db_wait_s = tracking_db_wait(&ctx->cfg),
    };
    size_t ok = 0;
    long long requests = 0;
    for (int round = 0;; round++) {
        o.defer_failed = round < rounds;
        struct tracking_stats rs = {0};
        int trc = tracking_run(ctx, todo, nt, &o, &rs);
        ok += rs.ok;
        requests += rs.requests;
        s.secs += rs.secs;
        for (size_t i = 0; i < rs.n_ok_ids; i++) {
            GROW(s.ok_ids, s.cap_ok_ids, s.n_ok_ids + 1);
            s.ok_ids[s.n_ok_ids++] = rs.ok_ids[i];
        }
        if (max_requests >= 0)
            o.max_requests = max_requests > requests ? max_requests - requests : 0;
        if (trc != 0 || rs.store_failed) {
            tracking_stats_release(&rs);
            goto out;
        }
        if (!o.defer_failed || rs.n_failed == 0 || o.max_requests == 0) {
            s.blocked = rs.blocked;
            s.error = rs.error;
            s.unreachable = rs.unreachable;
            tracking_stats_release(&rs);
            break;
        }
        /* Blocked and error checks again, later: the engine's cool-down
         * and this pause give it time to recover. */
        /* in place, so in index order (they completed in any order) */
        qsort(rs.failed, rs.n_failed, sizeof *rs.failed, cmp_size);
        size_t k = 0;
        for (size_t i = 0; i < rs.n_failed; i++)
            todo[k++] = todo[rs.failed[i]];
        nt = k;
        double wait = delay * (double)(1 << round);
        info("run: %zu checks failed; retrying in %.0f s", nt, wait);
        tracking_stats_release(&rs);
        util_sleep(wait);
    }
    s.ok = ok;
    s.requests = requests;
    s.total = s.ok + s.blocked + s.error;
    rc = EXIT_OK;
    /* Archive retention: raw pages older than keep_days go (0 = keep). */
    long long keep = ini_get_int(&ctx->cfg, "archive", "keep_days", 0, 0, 36500);
    if (keep > 0 && store_raw_prune(ctx->st, now - (time_t)keep * 86400) != 0)
        rc = EXIT_FAIL;
    if (!no_alerts) {
        int raised = alerting_evaluate(ctx, now);
        if (raised < 0)
            rc = EXIT_FAIL;
        else if (raised > 0)
            info("run: %d alerts raised", raised);
        if (alerting_deliver(ctx) != 0)
            warn("run: alerts not delivered; they stay queued for the next run");
    }
    if (tty || util_verbose) {
        tracking_summary("run", &s);
        if (s.skipped)
            fprintf(stderr, "run: %zu already checked today (resumed)\n", s.skipped);
    }
    size_t done = s.ok + s.blocked + s.error;
    if (done > 0 && s.unreachable == done) {
        error("run: no engine could be reached");
        rc = EXIT_FAIL;
    }
    /* for `doctor`: when the cron entry last got to its end */
    if (store_state_set(ctx->st, STORE_STATE_RUN_FINISHED, (long long)util_now()) != 0)
        rc = EXIT_FAIL;
out:
    tracking_stats_release(&s);
    free(todo);
    store_keyword_free_list(due, nd);
    close(lock);
    return rc;
}
