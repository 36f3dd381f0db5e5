/* run.c - `serptrack run`, the cron entry: take the lock (a second run
 * exits 0 at once), track every keyword that is due, skipping what an
 * interrupted run already stored today, retry blocked/error checks later in
 * the same run with backoff, then raise alerts for every check stored
 * since the last evaluation (this run's, an interrupted run's, `track`'s)
 * and send them. The policies are track/'s (track_run_*); this file is
 * options, the calls, and what they say. Quiet under cron; a summary on a
 * TTY or with --verbose. */
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "opt.h"
#include "track.h"
#include "trackout.h"
#include "util.h"

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
    int tty = isatty(STDERR_FILENO);
    struct trackout bar = {0};
    struct track_sink sink = trackout_sink(&bar, progress || tty);
    struct track_run_opts ro = {
        .concurrency = (int)concurrency, .max_requests = max_requests, .no_alerts = no_alerts};
    struct track_run_result r;
    struct track_err err;
    if (track_run(ctx->st, &ctx->cfg, ctx->db_path, util_now(), &ro, &sink, &r, &err) != 0) {
        if (err.msg[0])
            error("%s", err.msg);
        track_stats_release(&r.stats);
        return EXIT_FAIL;
    }
    if (r.busy) {
        fprintf(stderr, "serptrack: run: another run is in progress; nothing to do\n");
        return EXIT_OK;
    }
    int rc = r.failed ? EXIT_FAIL : EXIT_OK;
    const struct track_stats *s = &r.stats;
    if (tty || util_verbose) {
        trackout_summary("run", s);
        if (s->skipped)
            fprintf(stderr, "run: %zu already checked today (resumed)\n", s->skipped);
        if (r.grids.scans)
            fprintf(stderr, "run: %zu grid scans: %zu points, %zu ok, %zu blocked, %zu error; "
                            "%lld requests\n", r.grids.scans, r.grids.points, r.grids.ok,
                    r.grids.blocked, r.grids.error, r.grids.requests);
    }
    trackout_budget(s);
    size_t done = s->ok + s->blocked + s->error;
    if (done > 0 && s->unreachable == done) {
        error("run: no engine could be reached");
        rc = EXIT_FAIL;
    }
    track_stats_release(&r.stats);
    return rc;
}
