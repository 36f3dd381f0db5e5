/* checks.c - crawl keywords and store each check as soon as it is in,
 * shared by `track`, `run` and any worker; the per-provider request
 * ledger, written as each request is made. While another process holds
 * the database, fetched checks and ledger counts wait in memory and are
 * retried, for up to [run] db_wait_s: they were paid for. Progress and
 * per-check failures go to the caller's sink; nothing is printed here. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crawl.h"
#include "model.h"
#include "store_ops.h"
#include "track.h"
#include "util.h"

/* A check fetched but not stored yet (the database was locked). Owns its
 * page, reason and raw bytes; c's pointers are set when it is stored. */
struct pending {
    struct model_check c;
    int failure; /* not ok: one failure for the ledger, stored with it */
    struct serp_page page;
    char *reason;
    char *raw;
    size_t raw_len;
    int page_organic[CRAWL_MAX_PAGES]; /* c.page_organic points here once stored */
};

/* This run's ledger row for one engine (its provider follows from the
 * config) and the counts not recorded yet. */
struct ledger {
    const char *provider; /* static; NULL = slot unused */
    long long row;        /* 0 until inserted */
    time_t day;           /* the row's day: a new row after midnight */
    long long requests, failures;
    double units; /* billed units of those requests (store_usage_bump) */
};

#define LEDGER_SLOTS 4   /* indexed by enum serp_engine */
#define STORE_TRY_MS 100 /* how long a store attempt waits while fetching */

struct ctx_arg {
    store *st;
    const struct store_ops *ops; /* what is stored goes through the seam */
    const struct config *cfg;
    const struct track_sink *sink;
    struct track_err *err;
    const struct model_keyword *kws;
    /* The keywords crawled page by page when others go through a queue:
     * a copy of some of kws, sub[i] being kws[sub_of[i]]. */
    const struct model_keyword *sub;
    size_t n_sub;
    const size_t *sub_of;
    const struct track_opts *o;
    struct track_stats *s;
    double start;
    struct pending *pend;
    size_t n_pend, cap_pend;
    struct ledger led[LEDGER_SLOTS];
    struct track_share sh; /* the fetch groups of kws */
    double wait_s;     /* [run] db_wait_s */
    double busy_since; /* util_mono() of the first attempt the lock refused; 0 = none */
    double last_try;
    int failed; /* a storage error, or the wait ran out: stop */
    int queued; /* results come from the queue, billed when posted */
};

void track_say(const struct track_sink *sink, enum track_level level, const char *fmt, ...)
{
    if (!sink || !sink->say)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sink->say(level, msg, sink->arg);
}

static void progress(const struct ctx_arg *a, int final)
{
    if (a->sink && a->sink->progress)
        a->sink->progress(a->s, a->start, final, a->sink->arg);
}

static void pending_release(struct pending *p)
{
    serp_page_release(&p->page);
    free(p->reason);
    free(p->raw);
}

static int has_pending(const struct ctx_arg *a)
{
    if (a->n_pend)
        return 1;
    for (int e = 0; e < LEDGER_SLOTS; e++)
        if (a->led[e].requests || a->led[e].failures)
            return 1;
    return 0;
}

static int slot(enum serp_engine e)
{
    return (int)e >= 0 && (int)e < LEDGER_SLOTS ? (int)e : 0;
}

/* Engine e's ledger, its provider looked up on first use (the config's
 * warnings are only for engines in use). */
static struct ledger *ledger_of(struct ctx_arg *a, enum serp_engine e)
{
    struct ledger *l = &a->led[slot(e)];
    if (!l->provider)
        l->provider = engine_provider_name(engine_provider_for(a->cfg, e));
    return l;
}

/* Adds to engine e's ledger row (a new row each day). */
static int ledger_write(struct ctx_arg *a, enum serp_engine e, long long requests,
                        long long failures, double units)
{
    struct ledger *l = ledger_of(a, e);
    time_t now = util_now(), day = util_day_start(now);
    if (l->day != day) {
        l->row = 0;
        l->day = day;
    }
    return a->ops->usage_bump(a->st, &l->row, now, l->provider, e, requests, failures, units);
}

/* Stores what waits: ledger counts first (they are bills), then checks in
 * the order they came in. 0 when everything is stored or the database
 * is locked (all kept for the next try); -1 on any other storage error. */
static int flush(struct ctx_arg *a)
{
    store *st = a->st;
    size_t done = 0;
    store_busy_failed(st);
    for (int e = 0; e < LEDGER_SLOTS; e++) {
        struct ledger *l = &a->led[e];
        if (!l->requests && !l->failures && l->units == 0)
            continue;
        if (ledger_write(a, (enum serp_engine)e, l->requests, l->failures, l->units) != 0)
            goto failed;
        l->requests = l->failures = 0;
        l->units = 0;
    }
    for (; done < a->n_pend; done++) {
        struct pending *p = &a->pend[done];
        p->c.page = &p->page;
        p->c.page_organic = p->page_organic; /* set late: pend may have moved */
        p->c.reason = p->reason;
        p->c.raw = p->raw;
        p->c.raw_len = p->raw_len;
        /* a failed check and its failure in the ledger go in together */
        if (store_begin(st) != 0)
            goto failed;
        if ((p->failure && ledger_write(a, p->c.engine, 0, 1, 0) != 0) ||
            track_check_save_ops(a->ops, st, &p->c, NULL) != 0) {
            store_rollback(st);
            goto failed;
        }
        if (store_commit(st) != 0)
            goto failed;
        pending_release(p);
    }
    a->n_pend = 0;
    a->busy_since = 0;
    if (done && a->o->stored)
        a->o->stored(a->o->stored_arg);
    return 0;
failed:
    if (done) {
        memmove(a->pend, a->pend + done, (a->n_pend - done) * sizeof *a->pend);
        a->n_pend -= done;
    }
    if (!store_busy_failed(st))
        return track_store_say(st, a->sink);
    if (a->busy_since == 0) {
        a->busy_since = util_mono();
        track_say(a->sink, TRACK_INFO,
            "%s: the database is locked by another process; keeping fetched checks in memory "
            "for up to %.0f s",
            a->o->label, a->wait_s);
    }
    return 0;
}

/* The wait ran out: one line saying what is lost. */
static int give_up(struct ctx_arg *a)
{
    long long reqs = 0;
    for (int e = 0; e < LEDGER_SLOTS; e++)
        reqs += a->led[e].requests;
    char extra[96] = "";
    if (reqs)
        snprintf(extra, sizeof extra, "; %lld request%s not in the usage ledger", reqs,
                 reqs == 1 ? "" : "s");
    snprintf(a->err->msg, sizeof a->err->msg,
             "%s: %zu fetched check%s not stored: the database stayed locked by another process "
             "for %.0f s ([run] db_wait_s)%s",
             a->o->label, a->n_pend, a->n_pend == 1 ? "" : "s", a->wait_s, extra);
    a->failed = 1;
    return -1;
}

/* While fetching: store now unless the database was locked a moment ago
 * (then once a second, so the fetch is never held up for long). */
static int maybe_flush(struct ctx_arg *a)
{
    if (a->failed)
        return -1;
    double now = util_mono();
    if (a->busy_since == 0 || now - a->last_try >= 1.0) {
        a->last_try = now;
        if (flush(a) != 0) {
            a->failed = 1;
            return -1;
        }
    }
    if (a->busy_since > 0 && util_mono() - a->busy_since >= a->wait_s)
        return give_up(a);
    return 0;
}

/* After the fetch: keep trying, in slices of at most a second, until the
 * wait that began at the first refusal runs out. */
static int flush_final(struct ctx_arg *a)
{
    if (a->failed)
        return -1;
    store *st = a->st;
    for (;;) {
        double left = a->wait_s - (a->busy_since > 0 ? util_mono() - a->busy_since : 0);
        store_set_busy(st, left <= 0 ? 0 : left >= 1 ? 1000 : (int)(left * 1000), 1);
        if (flush(a) != 0) {
            a->failed = 1;
            return -1;
        }
        if (!has_pending(a))
            return 0;
        if (util_mono() - a->busy_since >= a->wait_s)
            return give_up(a);
    }
}

/* The fetcher is about to send a request: into the ledger at once. */
static void on_request(const struct crawl_req *r, void *arg)
{
    struct ctx_arg *a = arg;
    struct ledger *l = ledger_of(a, r->engine);
    l->requests++;
    l->units += 1;
    maybe_flush(a);
}

/* One keyword's check from a fetched result. own: take r's page, reason
 * and raw over (the only member of its group); else copies, the page
 * cut to kw's depth. first: the member that carries the requests (and
 * the failure in the ledger), so sums of requests equal requests made. */
static void add_member(struct ctx_arg *a, struct crawl_result *r, const struct model_keyword *k,
                       int own, int first)
{
    struct track_stats *s = a->s;
    switch (r->status) {
    case MODEL_OK:
        s->ok++;
        break;
    case MODEL_BLOCKED:
        s->blocked++;
        break;
    default:
        s->error++;
        if (crawl_err_unreachable(r->err))
            s->unreachable++;
        break;
    }
    /* The requests went in as they were made; a failed check counts once
     * (a deferred one now, a stored one with its check). */
    if (r->status != MODEL_OK && a->o->defer_failed) {
        if (first)
            ledger_of(a, k->engine)->failures++;
        GROW(s->failed, s->cap_failed, s->n_failed + 1);
        s->failed[s->n_failed++] = (size_t)(k - a->kws);
        return;
    }
    GROW(a->pend, a->cap_pend, a->n_pend + 1);
    struct pending *p = &a->pend[a->n_pend++];
    memset(p, 0, sizeof *p);
    p->c.keyword_id = k->id;
    p->c.checked_at = util_now();
    p->c.engine = k->engine;
    p->c.provider = engine_provider_name(r->provider);
    p->c.status = r->status;
    p->c.http_status = r->http_status;
    p->c.depth = r->depth;
    p->c.requests = first ? r->requests : 0;
    memcpy(p->page_organic, r->page_organic, sizeof p->page_organic);
    p->c.n_page_organic = r->n_page_organic;
    p->c.approx = r->approx;
    p->failure = r->status != MODEL_OK && first;
    if (own) {
        /* taken over: the result is freed when on_result returns */
        p->page = r->page;
        serp_page_init(&r->page);
        p->reason = r->reason;
        r->reason = NULL;
        p->raw = r->raw;
        p->raw_len = r->raw_len;
        r->raw = NULL;
        r->raw_len = 0;
    } else {
        int d = k->depth > 0 ? k->depth : 30;
        if (d < p->c.depth)
            p->c.depth = d;
        p->reason = r->reason ? xstrdup(r->reason) : NULL;
        if (track_share_copy_page(&r->page, d, &p->page) != 0 && r->status == MODEL_OK) {
            /* never "ok, not ranked" from a page that is not there */
            p->c.status = MODEL_ERROR;
            free(p->reason);
            p->reason = xstrdup("the shared page could not be copied");
        }
        if (r->raw) {
            p->raw = xmalloc(r->raw_len + 1);
            memcpy(p->raw, r->raw, r->raw_len);
            p->raw[r->raw_len] = '\0';
            p->raw_len = r->raw_len;
        }
    }
    if (p->c.status == MODEL_OK) {
        GROW(s->ok_ids, s->cap_ok_ids, s->n_ok_ids + 1);
        s->ok_ids[s->n_ok_ids++] = k->id;
    } else {
        GROW(s->fail_ids, s->cap_fail_ids, s->n_fail_ids + 1);
        s->fail_ids[s->n_fail_ids++] = k->id;
        track_say(a->sink, TRACK_INFO, "%s: keyword %lld (%s): %s: %s", a->o->label, k->id,
                  serp_engine_name(k->engine), model_status_name(r->status),
                  p->reason ? p->reason : "-");
    }
}

static int on_result(struct crawl_result *r, void *arg)
{
    struct ctx_arg *a = arg;
    /* r->kw is a group's fetch keyword: every member gets its check */
    const struct model_keyword *lead = r->kw;
    if (a->sub && lead >= a->sub && lead < a->sub + a->n_sub)
        lead = &a->sh.lead[a->sub_of[lead - a->sub]];
    size_t g = (size_t)(lead - a->sh.lead);
    size_t from = a->sh.start[g], to = a->sh.start[g + 1];
    a->s->requests += r->requests;
    /* A provider that answers the whole depth in one request bills its
     * further pages at a fraction of the first (DataForSEO); the queue
     * counted its tasks' units when it posted them. */
    const struct engine_provider_desc *pd = engine_provider_get(r->provider);
    if (pd->whole_depth && r->requests > 0 && !a->queued)
        ledger_of(a, lead->engine)->units += engine_extra_units(pd, lead);
    for (size_t i = from; i < to; i++)
        add_member(a, r, &a->kws[a->sh.member[i]], to - from == 1, i == from);
    if (maybe_flush(a) != 0) {
        a->s->store_failed = 1;
        return -1;
    }
    progress(a, 0);
    return 0;
}

int track_db_wait(const struct config *cfg)
{
    return (int)cfg->run.db_wait_s;
}

/* Smart depth needs where each keyword's site was last seen, and the
 * organic counts per page to number a probed later page with. Newly
 * allocated (n hints); NULL after a store error. */
static struct crawl_hint *load_hints(store *st, const struct model_keyword *kws, size_t n)
{
    struct crawl_hint *last = xcalloc(n, sizeof *last);
    for (size_t i = 0; i < n; i++) {
        struct store_history *h = NULL;
        size_t nh = 0;
        last[i].last_pos = MODEL_NONE;
        if (store_history_list(st, kws[i].id, NULL, util_now() - 90 * DAY_SECS, &h, &nh) != 0) {
            free(last);
            return NULL;
        }
        for (size_t j = nh; j-- > 0;)
            if (h[j].status == MODEL_OK) {
                last[i].last_pos = h[j].position;
                last[i].last_approx = h[j].approx;
                break;
            }
        store_history_free_list(h, nh);
        int np = store_kw_page_counts(st, kws[i].id, last[i].page_organic, CRAWL_MAX_PAGES);
        if (np < 0) {
            free(last);
            return NULL;
        }
        last[i].n_page_organic = np;
    }
    return last;
}

/* Serves group g from the stored check info/page (another keyword's ok
 * check today) when it covers the group's depth: each member gets a copy
 * with no requests. 1 when served, 0 when not. */
static int serve_from(struct ctx_arg *a, size_t g, const struct store_check_info *info,
                      struct serp_page *page)
{
    const struct model_keyword *lead = &a->sh.lead[g];
    int depth = lead->depth > 0 ? lead->depth : 30;
    if (info->status != MODEL_OK || info->approx || info->depth < (depth > 100 ? 100 : depth) ||
        util_day_start(info->checked_at) != util_day_start(util_now()))
        return 0;
    struct crawl_result r;
    memset(&r, 0, sizeof r);
    r.kw = lead;
    r.status = MODEL_OK;
    const struct engine_provider_desc *pd = engine_provider_by_name(info->provider);
    r.provider = pd ? pd->id : engine_provider_for(a->cfg, lead->engine);
    r.depth = info->depth;
    r.page = *page; /* borrowed: add_member copies it */
    for (const char *p = info->pages; p && *p && r.n_page_organic < CRAWL_MAX_PAGES;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p)
            break;
        r.page_organic[r.n_page_organic++] = (int)v;
        p = *end == ',' ? end + 1 : end;
    }
    for (size_t i = a->sh.start[g]; i < a->sh.start[g + 1]; i++)
        add_member(a, &r, &a->kws[a->sh.member[i]], 0, 0);
    return 1;
}

/* A run's keywords whose fetch key already has an ok check today from
 * another keyword (one due earlier, or a site added since) are stored
 * from that check instead of fetched again; their groups leave sh. 0, or
 * -1 on a store error. */
static int copy_today(struct ctx_arg *a)
{
    struct store_kw_filter f = {0};
    struct model_keyword *all = NULL;
    size_t n_all = 0;
    if (store_kw_list(a->st, &f, &all, &n_all) != 0)
        return -1;
    size_t nm = a->sh.start[a->sh.n_lead];
    unsigned char *keep = xcalloc(nm ? nm : 1, 1);
    memset(keep, 1, nm);
    int rc = 0;
    for (size_t g = 0; g < a->sh.n_lead && rc == 0; g++) {
        int served = 0;
        for (size_t j = 0; j < n_all && !served && rc == 0; j++) {
            if (track_fetch_key_cmp(&all[j], &a->sh.lead[g]) != 0)
                continue;
            int member = 0;
            for (size_t i = a->sh.start[g]; i < a->sh.start[g + 1] && !member; i++)
                member = a->kws[a->sh.member[i]].id == all[j].id;
            if (member)
                continue;
            struct store_check_info info;
            struct serp_page page;
            int got = store_serp_get(a->st, all[j].id, util_now(), &info, &page);
            if (got < 0)
                rc = -1;
            else if (got > 0)
                served = serve_from(a, g, &info, &page);
            store_check_info_release(&info);
            serp_page_release(&page);
        }
        for (size_t i = a->sh.start[g]; served && i < a->sh.start[g + 1]; i++)
            keep[i] = 0;
    }
    track_share_keep(&a->sh, keep);
    free(keep);
    model_keyword_free_list(all, n_all);
    return rc;
}

/* Drops the groups [budget] stops from sh; the crawler's request budget
 * becomes the requests admitted when a cap applies (never above the
 * caller's). 0, or -1 on a store error. */
static int apply_budget(store *st, const struct config *cfg, const struct model_keyword *kws,
                        struct track_share *sh,
                        struct crawl *c, const struct track_opts *o,
                        const struct track_sink *sink, struct track_stats *s)
{
    size_t n = sh->start[sh->n_lead];
    unsigned char *keep = xcalloc(n ? n : 1, 1);
    long long admitted = track_budget_admit(st, cfg, kws, sh, util_now(), keep, sink, s);
    if (admitted >= 0) {
        track_share_keep(sh, keep);
        if (o->max_requests < 0 || admitted < o->max_requests)
            crawl_set_budget(c, admitted);
    }
    free(keep);
    return admitted == -2 ? -1 : 0;
}

/* The ledger counts the tasks a queued provider accepted (it bills
 * those), not the free requests that poll and collect them. */
static void on_billed(enum serp_engine e, long long tasks, double units, void *arg)
{
    struct ctx_arg *a = arg;
    ledger_of(a, e)->requests += tasks;
    ledger_of(a, e)->units += units;
    maybe_flush(a);
}

/* The fetches (a->sh.lead) whose provider queues tasks go through
 * track_queued, the others page by page through crawl_keywords_smart
 * (last: their hints, aligned with the leads, may be NULL). */
static int crawl_split(struct ctx_arg *a, struct crawl *c, const struct crawl_hint *last,
                       size_t n)
{
    size_t nq = 0;
    for (size_t i = 0; i < n; i++)
        nq += (size_t)track_queued_wanted(a->cfg, &a->sh.lead[i]);
    if (nq == 0)
        return crawl_keywords_smart(c, a->cfg, a->sh.lead, last, n, on_result, a);
    /* pointers into the leads, as track_queued takes them */
    const struct model_keyword **q =
        xcalloc(nq, sizeof(const struct model_keyword *)); /* NOLINT(bugprone-sizeof-expression) */
    struct model_keyword *sub = xcalloc(n - nq + 1, sizeof *sub);
    size_t *sub_of = xcalloc(n - nq + 1, sizeof *sub_of);
    struct crawl_hint *hints = last ? xcalloc(n - nq + 1, sizeof *hints) : NULL;
    size_t iq = 0, is = 0;
    for (size_t i = 0; i < n; i++) {
        if (track_queued_wanted(a->cfg, &a->sh.lead[i])) {
            q[iq++] = &a->sh.lead[i];
        } else {
            sub[is] = a->sh.lead[i];
            if (hints)
                hints[is] = last[i];
            sub_of[is++] = i;
        }
    }
    a->sub = sub;
    a->n_sub = is;
    a->sub_of = sub_of;
    int rc = is ? crawl_keywords_smart(c, a->cfg, sub, hints, is, on_result, a) : 0;
    /* the queue's polls and collections are free: only posts are billed,
     * and [budget] admitted the posts already (apply_budget), so the
     * request cap the crawler got from it does not apply to polling */
    crawl_on_request(c, NULL, NULL);
    crawl_set_budget(c, -1);
    struct track_queued_cb cb = {.done = on_result, .billed = on_billed, .arg = a};
    struct track_queued_stats qs;
    memset(&qs, 0, sizeof qs);
    a->queued = 1;
    if (rc == 0 && track_queued(a->st, a->cfg, c, q, nq, util_now(), &cb, &qs) != 0)
        rc = -1;
    a->queued = 0;
    crawl_on_request(c, on_request, a);
    if (qs.left)
        track_say(a->sink, TRACK_WARN,
                  "%s: %zu task%s still queued at the provider; the next run collects them%s%s",
                  a->o->label, qs.left, qs.left == 1 ? "" : "s", qs.why[0] ? ": " : "", qs.why);
    if (qs.resumed)
        track_say(a->sink, TRACK_INFO, "%s: %zu task%s posted earlier today collected, not posted again",
                  a->o->label, qs.resumed, qs.resumed == 1 ? "" : "s");
    a->sub = NULL;
    free(hints);
    free(sub_of);
    free(sub);
    free(q);
    return rc;
}

int track_checks(store *st, const struct config *cfg, const struct model_keyword *kws, size_t n,
                 const struct track_opts *o, const struct track_sink *sink, struct track_stats *s,
                 struct track_err *err)
{
    err->msg[0] = '\0';
    s->total += n;
    if (n == 0)
        return 0;
    struct crawl *c = o->crawl;
    if (!c && crawl_new(cfg, &c) != 0)
        return -1;
    if (o->concurrency > 0)
        crawl_set_concurrency(c, o->concurrency);
    if (o->max_requests >= 0)
        crawl_set_budget(c, o->max_requests);
    struct ctx_arg a = {.st = st,
                        .ops = store_ops_of(st),
                        .cfg = cfg,
                        .sink = sink,
                        .err = err,
                        .kws = kws,
                        .o = o,
                        .s = s,
                        .start = util_mono()};
    a.wait_s = o->db_wait_s;
    track_share_group(kws, n, &a.sh);
    struct crawl_hint *last = NULL;
    int rc = 0;
    if ((o->reuse_today && copy_today(&a) != 0) ||
        apply_budget(st, cfg, kws, &a.sh, c, o, sink, s) != 0)
        rc = -1;
    if (rc == 0 && cfg->crawl.smart_depth) {
        last = load_hints(st, a.sh.lead, a.sh.n_lead);
        if (!last)
            rc = -1;
    }
    if (rc != 0) {
        track_store_fail(st, sink, err);
        a.sh.n_lead = 0; /* nothing fetched; what was copied is stored */
    }
    crawl_on_request(c, on_request, &a);
    store_set_busy(st, STORE_TRY_MS, 1);
    if (a.sh.n_lead && crawl_split(&a, c, last, a.sh.n_lead) != 0)
        rc = -1;
    free(last);
    /* what the fetch made is stored even when it stopped early */
    if (flush_final(&a) != 0) {
        s->store_failed = 1;
        rc = -1;
    }
    store_set_busy(st, 5000, 0);
    for (size_t i = 0; i < a.n_pend; i++)
        pending_release(&a.pend[i]);
    free(a.pend);
    track_share_release(&a.sh);
    s->secs += util_mono() - a.start;
    progress(&a, 1);
    crawl_on_request(c, NULL, NULL); /* a must not outlive this call in a shared crawler */
    if (!o->crawl)
        crawl_free(c);
    return rc;
}

/* Drops paused keywords from kws[0..*n), saying so when they were named. */
static void drop_paused(struct model_keyword *kws, size_t *n, int named,
                        const struct track_sink *sink)
{
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (kws[i].paused) {
            if (named && sink && sink->say) {
                char msg[160];
                snprintf(msg, sizeof msg, "track: keyword %lld is paused (%s); not checked",
                         kws[i].id, kws[i].paused & 1 ? "kw resume ID" : "site set D --paused no");
                sink->say(TRACK_WARN, msg, sink->arg);
            }
            model_keyword_release(&kws[i]);
        } else {
            kws[kept++] = kws[i];
        }
    }
    *n = kept;
}

int track_select(store *st, enum track_select how, time_t now, const long long *ids,
                 size_t n_ids, const struct track_sink *sink, struct model_keyword **out,
                 size_t *n, struct track_err *err)
{
    err->msg[0] = '\0';
    *out = NULL;
    *n = 0;
    if (how == TRACK_SELECT_IDS) {
        struct model_keyword *kws = xcalloc(n_ids ? n_ids : 1, sizeof *kws);
        size_t nk = 0;
        for (size_t i = 0; i < n_ids; i++) {
            int got = store_ops_of(st)->kw_get(st, ids[i], &kws[nk]);
            if (got == 0)
                snprintf(err->msg, sizeof err->msg,
                         "track: no keyword with id %lld (see 'serptrack kw list')", ids[i]);
            if (got <= 0) {
                model_keyword_free_list(kws, nk);
                return got < 0 ? track_store_fail(st, sink, err) : -1;
            }
            nk++;
        }
        *out = kws;
        *n = nk;
    } else if (how == TRACK_SELECT_DUE) {
        if (store_kw_due(st, now, out, n) != 0)
            return track_store_fail(st, sink, err);
    } else {
        struct store_kw_filter f = {0};
        if (store_kw_list(st, &f, out, n) != 0)
            return track_store_fail(st, sink, err);
    }
    drop_paused(*out, n, how == TRACK_SELECT_IDS, sink);
    return 0;
}

void track_stats_release(struct track_stats *s)
{
    free(s->failed);
    free(s->ok_ids);
    free(s->fail_ids);
    s->failed = NULL;
    s->ok_ids = NULL;
    s->fail_ids = NULL;
    s->n_failed = s->n_ok_ids = s->n_fail_ids = 0;
}
