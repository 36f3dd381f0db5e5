/* doctor.c - `serptrack doctor`: checks the config, the database
 * (integrity, schema version, file mode), gnuplot, and makes one cheap
 * request per configured engine and provider, printing each problem with
 * the way to fix it. Exit 0 when all is well, 1 otherwise. */
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "cmd.h"
#include "crawl.h"
#include "model.h"
#include "opt.h"
#include "util.h"

static int problems;
static int checked[SERP_ENGINE_IDS]; /* engines whose provider was checked */

static void report(int ok, const char *what, const char *detail, const char *fix)
{
    printf("%-8s %-22s %s\n", ok ? "ok" : "problem", what, detail);
    if (!ok) {
        problems++;
        if (fix)
            printf("%-8s %-22s fix: %s\n", "", "", fix);
    }
}

static int mode_private(const char *path, char buf[64])
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        snprintf(buf, 64, "cannot stat");
        return 0;
    }
    snprintf(buf, 64, "mode %04o", (unsigned)(sb.st_mode & 07777));
    return (sb.st_mode & 077) == 0;
}

static void check_config(struct cmd_ctx *ctx)
{
    char buf[64], line[256];
    if (!ctx->config_path) {
        report(1, "config", "no serptrack.conf: defaults (real engines, direct)", NULL);
        return;
    }
    int priv = mode_private(ctx->config_path, buf);
    snprintf(line, sizeof line, "%s (%s)", ctx->config_path, buf);
    char *fix = xasprintf("chmod 600 %s (it may hold API keys and proxy passwords)",
                          ctx->config_path);
    report(priv, "config", line, fix);
    free(fix);
    struct crawl *c;
    if (crawl_new(&ctx->cfg, &c) != 0) {
        report(0, "config [crawl]", "the crawler cannot start with these settings",
               "see the message above");
        return;
    }
    crawl_free(c);
    report(1, "config [crawl]", "settings usable", NULL);
}

static void check_db(struct cmd_ctx *ctx)
{
    char buf[64], line[256];
    int v = store_schema_version(ctx->st), latest = store_schema_latest();
    snprintf(line, sizeof line, "%s: schema %d of %d", ctx->db_path, v, latest);
    report(v == latest, "database schema", line, "run 'serptrack init' to migrate");
    int intact = store_integrity_check(ctx->st) == 0;
    if (!intact)
        cmd_store_err(ctx->st); /* why, before the verdict (and the checks after it) */
    report(intact, "database integrity", "PRAGMA integrity_check",
           "restore from a backup; 'sqlite3 DB .recover' may save the rest");
    int priv = mode_private(ctx->db_path, buf);
    char *fix = xasprintf("chmod 600 %s", ctx->db_path);
    report(priv, "database file", buf, fix);
    free(fix);
}

/* The one-line fix for a provider check that failed with reason code
 * `code` (crawl_reason_code). buf holds the text when it is built. */
static const char *provider_fix(enum serp_engine e, enum engine_provider p, const char *code,
                                char *buf, size_t n)
{
    const char *ename = serp_engine_name(e);
    if (!code)
        code = "other";
    if (strcmp(code, "bad_key") == 0) {
        snprintf(buf, n, "check [engine.%s] %s", ename,
                 engine_provider_get(p)->needs_key ? "api_key" : "login and password");
        return buf;
    }
    if (strcmp(code, "no_credits") == 0)
        return "top up the account";
    if (strcmp(code, "rate_limited") == 0)
        return "lower concurrency or raise min_delay_ms";
    int wall = strcmp(code, "captcha") == 0 || strcmp(code, "javascript_required") == 0 ||
               strcmp(code, "unsupported_browser") == 0 || strcmp(code, "consent") == 0;
    if (wall && p == PROVIDER_DIRECT && e == SERP_GOOGLE)
        return "Google refuses plain HTTP clients since 2025: use a SERP API provider "
               "(serpapi, dataforseo, serper)";
    if (wall && p == PROVIDER_DIRECT)
        return "slow down (min_delay_ms), add [crawl] proxies, or use a SERP API provider";
    if (wall)
        return "the provider was refused by the engine: retry later";
    if (strcmp(code, "connection") == 0 || strcmp(code, "timeout") == 0)
        return p == PROVIDER_DIRECT ? "check base_url and the network"
                                    : "check the network and the provider's base_url";
    return p == PROVIDER_DIRECT ? "check base_url and the network"
                                : "check api_key, credits and base_url/url_template";
}

/* Records doctor's request in the usage ledger like any other. Doctor
 * opens the database read-only (it must not migrate what it inspects), so
 * the ledger gets its own short read-write handle, only on a database at
 * the current schema; a read-only folder just goes unrecorded. */
static void ledger(struct cmd_ctx *ctx, enum serp_engine e, enum engine_provider p,
                   long long requests, long long failures)
{
    if (!ctx->st || store_schema_version(ctx->st) != store_schema_latest())
        return;
    store *w;
    struct store_error err;
    if (store_open(ctx->db_path, STORE_WRITE, &w, &err) != 0)
        return;
    long long row = 0;
    if (store_usage_bump(w, &row, util_now(), engine_provider_name(p), e, requests, failures,
                         (double)requests) != 0)
        cmd_store_err(w);
    store_close(w);
}

/* One cheap request (page 0 of a fixed harmless query, depth 10) through
 * the provider configured for e, recorded in the usage ledger like any. */
static void check_engine(struct cmd_ctx *ctx, enum serp_engine e)
{
    char what[64], line[512], fixbuf[128];
    enum engine_provider p = engine_provider_for(&ctx->cfg, e);
    snprintf(what, sizeof what, "%s via %s", serp_engine_name(e), engine_provider_name(p));
    if (engine_provider_get(p)->needs_key && !ctx->cfg.engine[e].api_key) {
        report(0, what, "no api_key", "set api_key in [engine.X] of serptrack.conf");
        return;
    }
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.query = (char *)"plumber austin";
    k.engine = e;
    k.device = (char *)"desktop";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.depth = MODEL_PAGE_SIZE;
    struct engine_request er;
    if (engine_search_request(&ctx->cfg, &k, 0, &er) != 0) {
        report(0, what, "cannot build a request", "see the message above");
        return;
    }
    struct crawl *c;
    if (crawl_new(&ctx->cfg, &c) != 0) {
        engine_request_release(&er);
        report(0, what, "the crawler cannot start", "see the message above");
        return;
    }
    crawl_set_budget(c, 2);
    struct crawl_req r;
    memset(&r, 0, sizeof r);
    r.url = er.url;
    r.post = er.body;
    r.userpwd = er.userpwd;
    r.header = er.header;
    r.engine = e;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    crawl_fetch(c, &r, 1, NULL, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    struct serp_page page;
    char *reason = NULL;
    enum model_status st =
        crawl_classify(e, p, r.http_status, r.body, r.len, r.err, r.error, &page, &reason);
    ledger(ctx, e, p, r.attempts > 0 ? r.attempts : 1, st != MODEL_OK);
    /* the code before masking: a short key ("bad") must not mask it */
    const char *code = crawl_reason_code(st, reason);
    if (reason) {
        util_mask_secrets(reason);
        for (char *q = reason; *q; q++)
            if (*q == '\n' || *q == '\r')
                *q = ' ';
    }
    if (st == MODEL_OK)
        snprintf(line, sizeof line, "one request: %zu results, %.1f s", page.n_organic, secs);
    else if (reason && code && strcmp(reason, code) != 0)
        snprintf(line, sizeof line, "one request: %s: %s (%s)", model_status_name(st), code,
                 reason);
    else
        snprintf(line, sizeof line, "one request: %s: %s", model_status_name(st),
                 code ? code : "unknown");
    report(st == MODEL_OK, what, line, provider_fix(e, p, code, fixbuf, sizeof fixbuf));
    free(reason);
    serp_page_release(&page);
    /* the request's strings belong to er */
    r.url = NULL;
    r.post = NULL;
    r.userpwd = NULL;
    r.header = NULL;
    crawl_req_release(&r);
    engine_request_release(&er);
    crawl_free(c);
}

static void each_engine(const char *section, void *arg)
{
    enum serp_engine e = serp_engine_from_name(section + strlen("engine."));
    if (e == SERP_ENGINE_UNKNOWN) {
        char line[128];
        snprintf(line, sizeof line, "[%s] names no engine", section);
        strbuf fix = STRBUF_INIT;
        sb_adds(&fix, "use ");
        for (size_t i = 0; i < serp_n_engines; i++)
            sb_addf(&fix, "%s[engine.%s]", i == 0 ? "" : i + 1 == serp_n_engines ? " or " : ", ",
                    serp_engine_table[i]->name);
        report(0, "config", line, sb_str(&fix));
        sb_release(&fix);
        return;
    }
    if (!checked[e])
        check_engine(arg, e);
    checked[e] = 1;
}

/* Engines that have keywords but no [engine.X] section are checked too:
 * they are fetched through the default provider. */
static void keyword_engines(struct cmd_ctx *ctx)
{
    struct model_keyword *v;
    size_t nv;
    struct store_kw_filter f = {0};
    if (!ctx->st || store_kw_list(ctx->st, &f, &v, &nv) != 0)
        return;
    for (size_t i = 0; i < nv; i++) {
        enum serp_engine e = v[i].engine;
        if (e > SERP_ENGINE_UNKNOWN && e < SERP_ENGINE_IDS && !checked[e]) {
            checked[e] = 1;
            check_engine(ctx, e);
        }
    }
    model_keyword_free_list(v, nv);
}

/* When `run` last finished, and whether any keyword's data is older than
 * its schedule allows (the cron entry stopped, or runs too seldom). */
static void check_schedule(struct cmd_ctx *ctx)
{
    char line[200], buf[32];
    long long at = 0;
    int r = store_state_get(ctx->st, STORE_STATE_RUN_FINISHED, &at);
    if (r < 0) {
        cmd_store_err(ctx->st);
        report(0, "last run", "cannot read the database", NULL);
        return;
    }
    /* never having run is not a problem in itself: overdue data is */
    if (r == 1) {
        long long ago = (long long)util_now() - at;
        snprintf(line, sizeof line, "finished %s (%lld h ago)", util_fmt_time((time_t)at, buf),
                 ago > 0 ? ago / 3600 : 0);
    } else {
        snprintf(line, sizeof line, "never finished");
    }
    report(1, "last run", line, NULL);
    struct store_stale *v;
    size_t nv;
    if (store_kw_stale(ctx->st, util_now(), &v, &nv) != 0) {
        cmd_store_err(ctx->st);
        report(0, "overdue keywords", "cannot read the database", NULL);
        return;
    }
    if (nv == 0) {
        report(1, "overdue keywords", "none", NULL);
    } else {
        size_t o = 0;
        for (size_t i = 1; i < nv; i++)
            if (v[i].last_ok < v[o].last_ok)
                o = i;
        snprintf(line, sizeof line, "%zu (oldest: #%lld \"%.60s\", %s, last ok check %s)", nv,
                 v[o].keyword_id, v[o].query, v[o].schedule,
                 v[o].last_ok ? util_fmt_time(v[o].last_ok, buf) : "never");
        report(0, "overdue keywords", line,
               "run `serptrack run` from cron every few minutes (see README, Daily use from cron)");
    }
    store_stale_free_list(v, nv);
}

int cmd_doctor(int argc, char **argv, struct cmd_ctx *ctx)
{
    int offline = 0;
    struct opt opts[] = {
        OPT_FLAG("offline", &offline, "skip the request to each configured provider"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("doctor", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("doctor: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    problems = 0;
    check_config(ctx);
    check_db(ctx);
    if (ctx->st)
        check_schedule(ctx);
    report(chart_gnuplot_found(), "gnuplot", chart_gnuplot_found() ? "found" : "not on PATH",
           "apt-get install gnuplot-nox (needed by chart and report)");
    memset(checked, 0, sizeof checked);
    if (!offline) {
        ini_each_section(&ctx->cfg.ini, "engine.", each_engine, ctx);
        keyword_engines(ctx);
    }
    if (problems)
        printf("%d problem%s found\n", problems, problems == 1 ? "" : "s");
    return problems ? EXIT_FAIL : EXIT_OK;
}
