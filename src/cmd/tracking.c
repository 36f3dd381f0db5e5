/* tracking.c - crawl keywords and store each check as soon as it is in,
 * shared by `track` and `run`; the progress bar (stderr, TTY only,
 * throttled to 10 Hz as curl's is) and the per-provider request ledger. */
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "crawl.h"
#include "tracking.h"
#include "util.h"

struct ctx_arg {
    struct cmd_ctx *ctx;
    const struct store_keyword *kws;
    const struct tracking_opts *o;
    struct tracking_stats *s;
    double start, last_draw;
    int drawn;
};

static int term_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 80;
}

static void draw(struct ctx_arg *a, int final)
{
    double now = util_mono();
    if (!final && now - a->last_draw < 0.1)
        return;
    a->last_draw = now;
    const struct tracking_stats *s = a->s;
    size_t done = s->ok + s->blocked + s->error;
    double el = now - a->start;
    double rate = el > 0 ? (double)done / el : 0;
    char eta[32] = "--";
    if (rate > 0 && done < s->total) {
        long secs = (long)((double)(s->total - done) / rate);
        snprintf(eta, sizeof eta, "%ldm%02lds", secs / 60, secs % 60);
    }
    char line[256];
    int w = term_width();
    int bar = w - 70;
    if (bar > 40)
        bar = 40;
    strbuf b = STRBUF_INIT;
    if (bar >= 10) {
        int fill = s->total ? (int)((double)bar * (double)done / (double)s->total) : bar;
        sb_addc(&b, '[');
        for (int i = 0; i < bar; i++)
            sb_addc(&b, i < fill ? '#' : '.');
        sb_adds(&b, "] ");
    }
    snprintf(line, sizeof line, "%s %zu/%zu ok %zu blocked %zu error %zu %.1f/s ETA %s", sb_str(&b),
             done, s->total, s->ok, s->blocked, s->error, rate, eta);
    sb_release(&b);
    line[w - 1 < (int)sizeof line ? w - 1 : (int)sizeof line - 1] = '\0';
    fprintf(stderr, "\r%s\033[K", line);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
    a->drawn = 1;
}

static int is_unreachable(const char *reason)
{
    return reason && (util_starts_with(reason, "connection") || util_starts_with(reason, "timeout"));
}

static int on_result(struct crawl_result *r, void *arg)
{
    struct ctx_arg *a = arg;
    struct tracking_stats *s = a->s;
    const struct store_keyword *k = r->kw;
    switch (r->status) {
    case STORE_OK: s->ok++; break;
    case STORE_BLOCKED: s->blocked++; break;
    default:
        s->error++;
        if (is_unreachable(r->reason))
            s->unreachable++;
        break;
    }
    s->requests += r->requests;
    const char *prov = engine_provider_name(r->provider);
    time_t now = util_now();
    /* The ledger counts every request, stored check or not: APIs bill them. */
    if (r->requests > 0 &&
        store_usage_add(a->ctx->st, now, prov, k->engine, r->requests,
                        r->status == STORE_OK ? 0 : 1) != 0) {
        s->store_failed = 1;
        return -1;
    }
    if (r->status != STORE_OK && a->o->defer_failed) {
        GROW(s->failed, s->cap_failed, s->n_failed + 1);
        s->failed[s->n_failed++] = (size_t)(k - a->kws);
    } else {
        struct store_check c;
        memset(&c, 0, sizeof c);
        c.keyword_id = k->id;
        c.checked_at = now;
        c.engine = k->engine;
        c.provider = prov;
        c.status = r->status;
        c.reason = r->reason;
        c.http_status = r->http_status;
        c.depth = r->depth;
        c.requests = r->requests;
        c.page = &r->page;
        c.raw = r->raw;
        c.raw_len = r->raw_len;
        c.page_organic = r->page_organic;
        c.n_page_organic = r->n_page_organic;
        c.approx = r->approx;
        if (store_check_save(a->ctx->st, &c, NULL) != 0) {
            s->store_failed = 1;
            return -1;
        }
        if (r->status == STORE_OK) {
            GROW(s->ok_ids, s->cap_ok_ids, s->n_ok_ids + 1);
            s->ok_ids[s->n_ok_ids++] = k->id;
        }
        if (r->status != STORE_OK)
            info("%s: keyword %lld (%s): %s: %s", a->o->label, k->id, serp_engine_name(k->engine),
                 store_status_name(r->status), r->reason ? r->reason : "-");
    }
    if (a->o->progress)
        draw(a, 0);
    return 0;
}

int tracking_run(struct cmd_ctx *ctx, const struct store_keyword *kws, size_t n,
                 const struct tracking_opts *o, struct tracking_stats *s)
{
    s->total += n;
    if (n == 0)
        return 0;
    struct crawl *c;
    if (crawl_new(&ctx->cfg, &c) != 0)
        return -1;
    if (o->concurrency > 0)
        crawl_set_concurrency(c, o->concurrency);
    if (o->max_requests >= 0)
        crawl_set_budget(c, o->max_requests);
    /* Smart depth needs where each keyword's site was last seen, and the
     * organic counts per page to number a probed later page with. */
    struct crawl_hint *last = NULL;
    if (util_strcaseeq(ini_get(&ctx->cfg, "crawl", "depth_mode", "full"), "smart")) {
        last = xcalloc(n, sizeof *last);
        for (size_t i = 0; i < n; i++) {
            struct store_history *h = NULL;
            size_t nh = 0;
            last[i].last_pos = STORE_NONE;
            if (store_history_list(ctx->st, kws[i].id, NULL, util_now() - 90 * 86400, &h, &nh) !=
                0) {
                free(last);
                crawl_free(c);
                return -1;
            }
            for (size_t j = nh; j-- > 0;)
                if (h[j].status == STORE_OK) {
                    last[i].last_pos = h[j].position;
                    last[i].last_approx = h[j].approx;
                    break;
                }
            store_history_free_list(h, nh);
            int np = store_kw_page_counts(ctx->st, kws[i].id, last[i].page_organic,
                                          CRAWL_MAX_PAGES);
            if (np < 0) {
                free(last);
                crawl_free(c);
                return -1;
            }
            last[i].n_page_organic = np;
        }
    }
    struct ctx_arg a = {ctx, kws, o, s, util_mono(), 0, 0};
    int rc = crawl_keywords_smart(c, &ctx->cfg, kws, last, n, on_result, &a);
    free(last);
    s->secs += util_mono() - a.start;
    if (o->progress)
        draw(&a, 1);
    crawl_free(c);
    return rc;
}

void tracking_stats_release(struct tracking_stats *s)
{
    free(s->failed);
    free(s->ok_ids);
    s->failed = NULL;
    s->ok_ids = NULL;
    s->n_failed = s->n_ok_ids = 0;
}

void tracking_summary(const char *label, const struct tracking_stats *s)
{
    size_t done = s->ok + s->blocked + s->error;
    fprintf(stderr, "%s: %zu checked: %zu ok, %zu blocked, %zu error", label, done, s->ok,
            s->blocked, s->error);
    if (done < s->total)
        fprintf(stderr, ", %zu not checked (budget)", s->total - done);
    fprintf(stderr, "; %lld requests in %.1f s\n", s->requests, s->secs);
}
