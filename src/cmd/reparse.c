/* reparse.c - `serptrack reparse [--since DATE]`: run the current parsers
 * over the archived raw pages ([archive] enabled = yes) and replace each
 * check's results and ranks, so a parser fix reaches history. A check's
 * time is kept; its status changes only when the new parse says otherwise
 * (a page once misread as blocked becomes ok, and the reverse). A check
 * that failed keeps its error unless the archive holds every page it
 * needs: a page that was never fetched (reset, timeout) is not archived,
 * and parsing only the pages before it would promote the failure to
 * "ok, not ranked". */
#include <string.h>

#include "cmd.h"
#include "crawl.h"
#include "model.h"
#include "opt.h"
#include "track.h"
#include "util.h"

struct rp {
    store *st;
    enum serp_engine engine;
    enum engine_provider provider;
    struct serp_page page;
    enum model_status status;
    char *reason;
    int pages;
    const char *counts; /* the check's organic counts per page ("8,10"), may be NULL */
    int next_page; /* the page that must come next for the archive to be contiguous */
    int gap;       /* a page is missing between the archived ones */
    int last_has_next; /* the last archived page links to a next one */
    size_t done, changed, failed, kept;
};

/* Organic results before 0-based page `page` by the check's stored counts,
 * as the smart probe numbered them; 10 a page when they are unknown (the
 * check is then marked approximate already). */
static int results_before(const char *counts, int page)
{
    int sum = 0, i = 0;
    while (counts && *counts && i < page) {
        char *end;
        long v = strtol(counts, &end, 10);
        if (end == counts || v < 0 || v > 1000)
            break;
        sum += (int)v;
        i++;
        counts = *end == ',' ? end + 1 : end;
    }
    return i == page ? sum : page * 10;
}

/* Stored provider names are exact; anything else was fetched directly. */
static enum engine_provider provider_from_name(const char *s)
{
    for (size_t i = 0; s && i < engine_n_providers; i++)
        if (util_streq(s, engine_provider_table[i]->name))
            return engine_provider_table[i]->id;
    return PROVIDER_DIRECT;
}

static int on_page(int page, int http_status, const char *buf, size_t n, void *arg)
{
    struct rp *r = arg;
    if (r->status != MODEL_OK)
        return 1; /* the check ended at its first failed page */
    if (page != r->next_page)
        r->gap = 1;
    r->next_page = page + 1;
    /* parsers want a NUL-terminated buffer */
    char *copy = xstrndup(buf, n);
    struct serp_page pg;
    char *reason = NULL;
    enum model_status st =
        crawl_classify(r->engine, r->provider, http_status, copy, n, CRAWL_OK, NULL, &pg,
                       &reason);
    free(copy);
    r->last_has_next = pg.has_next && !pg.no_results;
    if (r->pages == 0) {
        /* a smart-depth check may start at a later page: keep positions
         * as a user counts them */
        int before = page > 0 ? results_before(r->counts, page) : 0;
        crawl_join_page(&r->page, &pg, 1, before);
    } else if (st == MODEL_OK) {
        crawl_join_page(&r->page, &pg, 0, 0);
    } else {
        serp_page_release(&pg);
    }
    r->pages++;
    if (st != MODEL_OK) {
        r->status = st;
        r->reason = reason;
    } else {
        free(reason);
    }
    return 0;
}

/* Whether the archived pages are the whole check: contiguous from the first
 * page up to the depth or to the last page of results. */
static int archive_complete(const struct rp *r, int depth)
{
    if (r->gap || r->pages == 0)
        return 0;
    return r->next_page * 10 >= depth || !r->last_has_next;
}

/* The results a check set out to fetch: its keyword's depth, as the crawler
 * clamps it (the check's own depth says only how far it got). 100 when the
 * keyword cannot be read, so only a last page without a next one counts. */
static int needed_depth(store *st, long long keyword_id)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    int depth = MODEL_DEPTH_MAX;
    if (store_kw_get(st, keyword_id, &k) == 1) {
        depth = k.depth > 0 ? k.depth : MODEL_DEPTH_DEFAULT;
        if (depth > MODEL_DEPTH_MAX)
            depth = MODEL_DEPTH_MAX;
    }
    model_keyword_release(&k);
    return depth;
}

static int each_check(const struct store_check_info *c, const void *raw, size_t len, void *arg)
{
    struct rp *r = arg;
    r->engine = c->engine;
    r->provider = provider_from_name(c->provider);
    serp_page_init(&r->page);
    r->status = MODEL_OK;
    r->reason = NULL;
    r->pages = 0;
    r->counts = c->pages;
    r->next_page = 0;
    r->gap = 0;
    r->last_has_next = 0;
    if (crawl_raw_each(raw, len, on_page, r) != 0 || r->pages == 0) {
        warn("reparse: check %lld: archived page is not in the expected framing; skipped",
             c->id);
        r->failed++;
    } else if (c->status != MODEL_OK && r->status == MODEL_OK &&
               !archive_complete(r, needed_depth(r->st, c->keyword_id))) {
        r->kept++; /* the pages that failed were never archived */
    } else {
        int new_status = r->status != c->status ? (int)r->status : -1;
        if (track_check_replace(r->st, c->id, &r->page, new_status, r->reason) != 0) {
            serp_page_release(&r->page);
            free(r->reason);
            return -1;
        }
        r->done++;
        r->changed += new_status >= 0;
    }
    serp_page_release(&r->page);
    free(r->reason);
    r->reason = NULL;
    return 0;
}

int cmd_reparse(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *since_s = NULL;
    struct opt opts[] = {
        OPT_STRING("since", &since_s, "DATE", "only checks from DATE on (default: all)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("reparse", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("reparse: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    time_t since = 0;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("reparse: --since '%s' is not a date (YYYY-MM-DD)", since_s);
        return EXIT_USAGE;
    }
    struct rp r;
    memset(&r, 0, sizeof r);
    r.st = ctx->st;
    if (store_raw_each(ctx->st, since, each_check, &r) != 0)
        return EXIT_FAIL;
    printf("reparse: %zu checks reparsed, %zu changed status", r.done, r.changed);
    if (r.kept)
        printf(", %zu kept their fetch error (pages missing from the archive)", r.kept);
    if (r.failed)
        printf(", %zu skipped", r.failed);
    printf("\n");
    return r.failed ? EXIT_FAIL : EXIT_OK;
}
