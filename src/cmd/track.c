/* track.c - `serptrack track`: fetch, parse and store SERPs now for all
 * keywords, the due ones, or the ones named, then a summary on stderr
 * (TTY or --verbose). Blocked and error checks are stored as data. */
#include <unistd.h>

#include "cmd.h"
#include "opt.h"
#include "track.h"
#include "trackout.h"
#include "util.h"

int cmd_track(int argc, char **argv, struct cmd_ctx *ctx)
{
    int all = 0, due = 0, progress = 0;
    long long concurrency = 0, max_requests = -1;
    struct opt_list ids = {0};
    struct opt opts[] = {
        OPT_FLAG("all", &all, "every keyword (the default without --keyword)"),
        OPT_FLAG("due", &due, "only keywords whose schedule says they are due"),
        OPT_LIST("keyword", &ids, "ID", "this keyword (repeatable)"),
        OPT_INT("concurrency", &concurrency, "N", "requests in flight at once (default 4)", 1,
                256),
        OPT_FLAG("progress", &progress, "progress bar on stderr even when not a terminal"),
        OPT_INT("max-requests", &max_requests, "N", "stop starting keywords after N requests", 0,
                100000000),
        OPT_END(),
    };
    const char *usage = "track [--all|--due] [--keyword ID]... [--concurrency N] [--progress] "
                        "[--max-requests N]";
    int n = opt_parse("track", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    int rc = EXIT_USAGE;
    if (n > 0) {
        error("track: unexpected argument '%s'", argv[0]);
        goto out;
    }
    if (all + due + (ids.n > 0) > 1) {
        error("track: --all, --due and --keyword exclude each other");
        goto out;
    }
    /* the ids up to the first that is not one: those before it are looked
     * up first, so a missing keyword is reported before a later typo */
    long long *idv = xcalloc(ids.n > 0 ? (size_t)ids.n : 1, sizeof *idv);
    int nid = 0;
    while (nid < ids.n && util_parse_int(ids.v[nid], 1, 9223372036854775807LL, &idv[nid]) == 0)
        nid++;
    int tty = isatty(STDERR_FILENO);
    struct trackout bar = {0};
    struct track_sink sink = trackout_sink(&bar, progress || tty);
    struct track_err err;
    struct model_keyword *kws = NULL;
    size_t nk = 0;
    rc = EXIT_FAIL;
    enum track_select how = ids.n > 0 ? TRACK_SELECT_IDS
                            : due     ? TRACK_SELECT_DUE
                                      : TRACK_SELECT_ALL;
    /* a bad id ends it before paused keywords are mentioned */
    struct track_sink quiet = {0};
    int sel = track_select(ctx->st, how, util_now(), idv, (size_t)nid,
                           nid < ids.n ? &quiet : &sink, &kws, &nk, &err);
    if (sel == 0 && nid < ids.n) {
        error("track: --keyword: '%s' is not a keyword id", ids.v[nid]);
        model_keyword_free_list(kws, nk);
        rc = EXIT_USAGE;
    } else if (sel != 0 && err.msg[0]) {
        error("%s", err.msg);
    }
    free(idv);
    if (sel != 0 || nid < ids.n)
        goto out;
    struct track_opts o = {
        .concurrency = (int)concurrency,
        .max_requests = max_requests,
        .label = "track",
        .db_wait_s = track_db_wait(&ctx->cfg),
    };
    struct track_stats s = {0};
    int trc = track_checks(ctx->st, &ctx->cfg, kws, nk, &o, &sink, &s, &err);
    if (trc != 0 && err.msg[0])
        error("%s", err.msg);
    if (tty || util_verbose)
        trackout_summary("track", &s);
    trackout_budget(&s);
    size_t done = s.ok + s.blocked + s.error;
    if (trc != 0 || s.store_failed)
        rc = EXIT_FAIL;
    else if (done > 0 && s.unreachable == done) {
        error("track: no engine could be reached (%zu of %zu checks failed to connect)",
              s.unreachable, done);
        rc = EXIT_FAIL;
    } else
        rc = EXIT_OK;
    track_stats_release(&s);
    model_keyword_free_list(kws, nk);
out:
    opt_list_release(&ids);
    return rc;
}
