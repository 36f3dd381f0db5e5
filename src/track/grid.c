/* grid.c - scanning a geo-grid: one check of the grid's query from each
 * of its points, through the same crawler as the keywords (pacing,
 * retries, block handling) and into the same usage ledger, then the site
 * found in each point's local results and the whole scan stored at once.
 * A point is not a keyword: its check lives only in the scan (its local
 * and organic positions and its status), so a 21 x 21 grid is one row. */
#include <math.h>
#include <string.h>

#include "crawl.h"
#include "grid.h"
#include "model.h"
#include "store.h"
#include "track.h"
#include "util.h"

/* What a scan in progress holds. */
struct scan {
    store *st;
    const struct config *cfg;
    const struct model_grid *g;
    const struct track_sink *sink;
    struct model_keyword *kws;     /* one per point, kws[i] for points[i] */
    struct model_grid_point *points;
    size_t n;
    struct store_rank_site site;   /* the grid's site, borrowed strings */
    const char *provider;          /* static */
    long long ledger_row;          /* the usage row of this day, 0 until written */
    long long unbilled;            /* requests made, not in the ledger yet */
    long long failures;            /* failed points, not in the ledger yet */
    int ledger_failed;
    struct track_grid_stats *s;
    long long requests;
};

/* Writes what the ledger owes: requests are bills, so at each point. */
static void ledger_flush(struct scan *a)
{
    if (!a->unbilled && !a->failures)
        return;
    if (store_usage_bump(a->st, &a->ledger_row, util_now(), a->provider, a->g->engine,
                         a->unbilled, a->failures, (double)a->unbilled) != 0) {
        if (!a->ledger_failed)
            track_store_say(a->st, a->sink);
        a->ledger_failed = 1;
        store_err_clear(a->st);
        return;
    }
    a->unbilled = a->failures = 0;
}

static void on_request(const struct crawl_req *r, void *arg)
{
    (void)r;
    struct scan *a = arg;
    a->unbilled++;
}

static int on_result(struct crawl_result *r, void *arg)
{
    struct scan *a = arg;
    size_t i = (size_t)(r->kw - a->kws);
    if (i >= a->n)
        return 0;
    struct model_grid_point *p = &a->points[i];
    p->status = r->status;
    p->local = p->position = MODEL_NONE;
    a->requests += r->requests;
    a->s->points++;
    if (r->status == MODEL_OK) {
        struct model_rank_row row;
        track_match_rows(&r->page, &a->site, 1, &row);
        p->position = row.position;
        p->local = row.local > 0 ? row.local : MODEL_NONE;
        a->s->ok++;
    } else {
        if (r->status == MODEL_BLOCKED)
            a->s->blocked++;
        else
            a->s->error++;
        a->failures++;
        track_say(a->sink, TRACK_INFO, "grid %lld: point (%d,%d): %s: %s", a->g->id, p->row,
                  p->col, model_status_name(r->status), r->reason ? r->reason : "-");
    }
    ledger_flush(a);
    return 0;
}

/* The radius a point's search stands for: half the way to its
 * neighbours, at least 200 m (a smaller one is finer than a phone's fix). */
static int point_radius(const struct model_grid *g)
{
    double r = g->spacing_m / 2.0;
    return r < 200.0 ? 200 : (int)lround(r);
}

static void point_keywords(struct scan *a)
{
    const struct model_grid *g = a->g;
    a->kws = xcalloc(a->n ? a->n : 1, sizeof *a->kws);
    for (size_t i = 0; i < a->n; i++) {
        struct model_keyword *k = &a->kws[i];
        /* borrowed strings: these keywords are never released */
        k->id = g->id;
        k->query = g->query;
        k->engine = g->engine;
        k->location = g->location;
        k->lat = a->points[i].lat;
        k->lng = a->points[i].lng;
        k->has_coords = 1;
        k->point_radius_m = point_radius(g);
        k->device = g->device;
        k->lang = g->lang;
        k->country = g->country;
        k->depth = MODEL_DEPTH_MIN; /* the first page: the pack and the top 10 */
        k->site = g->site;
        k->schedule = g->schedule;
    }
}

/* The fetch, with a crawler of the caller's or our own. */
static int fetch(struct scan *a, const struct track_opts *o, struct track_err *err)
{
    struct crawl *c = o ? o->crawl : NULL;
    struct crawl *own = NULL;
    if (!c) {
        if (crawl_new(a->cfg, &own) != 0) {
            snprintf(err->msg, sizeof err->msg, "grid %lld: the fetcher cannot start", a->g->id);
            return -1;
        }
        c = own;
    }
    if (o && o->concurrency > 0)
        crawl_set_concurrency(c, o->concurrency);
    if (o && o->max_requests >= 0)
        crawl_set_budget(c, o->max_requests);
    crawl_on_request(c, on_request, a);
    int rc = crawl_keywords(c, a->cfg, a->kws, a->n, on_result, a);
    crawl_on_request(c, NULL, NULL);
    if (own)
        crawl_free(own);
    ledger_flush(a);
    if (rc != 0 && !err->msg[0])
        snprintf(err->msg, sizeof err->msg, "grid %lld: the fetcher failed", a->g->id);
    return rc;
}

int track_grid_scan(store *st, const struct config *cfg, const struct model_grid *g, time_t now,
                    const struct track_opts *o, const struct track_sink *sink,
                    struct track_grid_stats *s, long long *scan_id, struct track_err *err)
{
    struct model_site site;
    int got = store_site_get(st, g->site, &site);
    if (got <= 0) {
        if (got == 0)
            snprintf(err->msg, sizeof err->msg, "grid %lld: site '%s' is not tracked", g->id,
                     g->site);
        return got < 0 ? track_store_fail(st, sink, err) : -1;
    }
    struct scan a = {.st = st, .cfg = cfg, .g = g, .sink = sink, .s = s};
    a.site.id = site.id;
    a.site.domain = site.domain;
    a.site.business_name = site.business_name;
    a.site.phone = site.phone;
    a.provider = engine_provider_name(engine_provider_for(cfg, g->engine));
    int rc = -1;
    if (grid_points(g, &a.points, &a.n) != 0) {
        snprintf(err->msg, sizeof err->msg, "grid %lld: not a valid grid", g->id);
        goto out;
    }
    point_keywords(&a);
    if (fetch(&a, o, err) != 0)
        goto out;
    struct model_grid_scan scan = {.grid_id = g->id,
                                   .checked_at = now,
                                   .requests = (int)a.requests,
                                   .points = a.points,
                                   .n_points = a.n};
    long long id = 0;
    if (store_grid_scan_save(st, &scan, &id) != 0) {
        track_store_fail(st, sink, err);
        goto out;
    }
    if (scan_id)
        *scan_id = id;
    s->scans++;
    s->requests += a.requests;
    rc = 0;
out:
    free(a.kws);
    free(a.points);
    model_site_release(&site);
    return rc;
}

int track_grid_run_due(store *st, const struct config *cfg, time_t now, const struct track_opts *o,
                       const struct track_sink *sink, struct track_grid_stats *s,
                       struct track_err *err)
{
    struct model_grid *v;
    size_t n;
    if (store_grid_due(st, now, &v, &n) != 0)
        return track_store_fail(st, sink, err);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = track_grid_scan(st, cfg, &v[i], now, o, sink, s, NULL, err);
    model_grid_free_list(v, n);
    return rc;
}
