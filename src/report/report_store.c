/* report_store.c - the thin layer that fills the report model from the
 * store (kept apart from report_html.c so the renderer is tested without a
 * database). A keyword's checks become metrics points as they do for
 * `chart --site` (metrics_site_trend), with metrics_points_of. */
#include <strings.h>

#include "model.h"
#include "report.h"
#include "report_int.h"
#include "serp.h"
#include "store.h"
#include "url.h"

static char *features_text(unsigned bits)
{
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < SERP_N_FEATURES; i++)
        if (bits & (1u << i)) {
            if (sb.len)
                sb_addc(&sb, ',');
            sb_adds(&sb, serp_feature_name((enum serp_feature)(1u << i)));
        }
    return sb.len ? sb_detach(&sb) : NULL;
}

/* k's fields from the keyword's row; a keyword never checked keeps the
 * empty history fields set here. */
static void kw_init(const struct model_keyword *kw, struct report_kw *k)
{
    k->id = kw->id;
    k->query = xstrdup(kw->query);
    k->engine = xstrdup(serp_engine_name(kw->engine));
    k->location = xstrdup(kw->location);
    k->device = xstrdup(kw->device);
    k->depth = kw->depth;
    k->position = k->start_position = k->best = REPORT_NONE;
    k->status = REPORT_OK;
    k->volume = -1;
    k->share = 1.0;
}

/* Fills k from the keyword's whole history (current, best: metrics) and
 * the part of it inside the period (start position, points). */
static void kw_history(struct report_kw *k, const struct store_history *h, size_t nh, time_t since)
{
    struct metrics_point *all = metrics_points_of(h, nh, &k->depth);
    struct metrics_rank m;
    metrics_rank_of(all, nh, since, &m);
    if (nh)
        k->status = m.status;
    k->last_ok = m.last_ok;
    k->best = m.best;
    k->position = m.position;
    free(k->url);
    k->url = m.last_ok_index >= 0 && m.position != REPORT_NONE
                 ? xstrdup(h[m.last_ok_index].url)
                 : NULL;
    k->start_position = m.start_position;
    k->hist = xcalloc(nh ? nh : 1, sizeof *k->hist);
    for (size_t i = 0; i < nh; i++)
        if (all[i].t >= since)
            k->hist[k->n_hist++] = all[i];
    free(all);
}

struct fill {
    struct report *r; /* r->kw in keyword id order, as store_kw_list gives them */
    size_t next;
    const struct metrics_positions *pos_of;
    time_t since;
};

static int fill_cb(const struct store_kw_history *kh, void *arg)
{
    struct fill *f = arg;
    struct report *r = f->r;
    while (f->next < r->n_kw && r->kw[f->next].id < kh->keyword_id)
        f->next++;
    if (f->next == r->n_kw || r->kw[f->next].id != kh->keyword_id)
        return 0;
    struct report_kw *k = &r->kw[f->next];
    if (f->pos_of->domain && !f->pos_of->tracked)
        metrics_positions_apply(f->pos_of, k->id, kh->h, kh->n);
    kw_history(k, kh->h, kh->n, f->since);
    k->features = features_text(kh->features);
    k->in_local_pack = kh->local;
    return 0;
}

/* Every keyword's history, latest flags and local pack position in one
 * pass over the store, then the volumes. */
static int fill_kws(store *st, long long site_id, const struct metrics_positions *pos_of,
                    time_t since, struct report *r)
{
    struct fill f = {.r = r, .pos_of = pos_of, .since = since};
    long long rank_site = !pos_of->domain ? site_id : pos_of->tracked ? pos_of->site_id : 0;
    if (store_site_histories(st, site_id, rank_site, 0, fill_cb, &f) != 0)
        return -1;
    for (size_t i = 0; i < r->n_kw; i++) {
        struct report_kw *k = &r->kw[i];
        if (!k->hist)
            k->hist = xcalloc(1, sizeof *k->hist);
        struct store_volume vol;
        int found = store_volume_get(st, k->query, k->location, &vol);
        if (found < 0)
            return -1;
        if (found) {
            k->volume = vol.volume;
            store_volume_release(&vol);
        }
    }
    return 0;
}

static int build(store *st, const char *site, const char *positions_of, time_t since,
                 struct report *r);

/* 1 when the result's domain is dom (lower-case registrable domain). */
static int same_domain(const char *domain, const char *url, const char *dom)
{
    if (domain)
        return strcasecmp(domain, dom) == 0;
    char *d = url ? url_domain(url) : NULL;
    int same = d && strcasecmp(d, dom) == 0;
    free(d);
    return same;
}

/* A competitor's ranking URL and local pack position on k's latest ok
 * check, as the stored page says (rank rows of a competitor may lack
 * them, an untracked domain has none). */
static int competitor_page(store *st, const char *dom, struct report_kw *k)
{
    if (!k->last_ok)
        return 0;
    struct store_check_info info;
    struct serp_page page;
    int found = store_serp_get(st, k->id, k->last_ok, &info, &page);
    if (found < 0)
        return -1;
    /* the day's latest check may be a later failed one: only that check */
    if (found && info.checked_at == k->last_ok && info.status == MODEL_OK) {
        if (metrics_ranked(k->position) && !k->url)
            for (size_t i = 0; i < page.n_organic; i++)
                if (page.organic[i].position == k->position &&
                    same_domain(page.organic[i].domain, page.organic[i].url, dom)) {
                    k->url = xstrdup(page.organic[i].url);
                    break;
                }
        k->in_local_pack = 0;
        for (size_t i = 0; i < page.n_local; i++) {
            const struct serp_local *l = &page.local[i];
            if (l->website && same_domain(l->domain, l->website, dom)) {
                int pos = metrics_pack_slot(l->position, i);
                if (k->in_local_pack == 0 || pos < k->in_local_pack)
                    k->in_local_pack = pos;
            }
        }
    }
    if (found)
        store_check_info_release(&info);
    serp_page_release(&page);
    return 0;
}

/* The site's competitors: those owned by site_domain or by no site. *out
 * holds borrowed domains of sites (release sites with model_site_free_list). */
static int rivals_list(store *st, const char *site_domain, struct model_site **sites,
                       size_t *nsites, const char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (store_site_list(st, sites, nsites) != 0)
        return -1;
    *out = xcalloc(*nsites + 1, sizeof **out);
    for (size_t i = 0; i < *nsites; i++) {
        const struct model_site *c = &(*sites)[i];
        if (strcmp(c->domain, site_domain) != 0 && store_competes(c, site_domain))
            (*out)[(*n)++] = c->domain;
    }
    return 0;
}

/* A competitor's latest positions on the report's keywords: its position
 * in each keyword's latest ok check (the same checks as the site's). */
static int rival_fill(store *st, const struct report *r, const char *domain,
                      struct report_rival *c)
{
    struct metrics_positions p;
    /* tracked or not, one pass over its positions since the oldest of
     * the latest checks, then a binary search per keyword instead of a
     * history per keyword */
    time_t from = 0;
    for (size_t i = 0; i < r->n_kw; i++)
        if (r->kw[i].last_ok && (!from || r->kw[i].last_ok < from))
            from = r->kw[i].last_ok;
    int rc = metrics_positions_scan(st, domain, from, &p);
    c->domain = xstrdup(domain);
    struct metrics_stats m = {0};
    for (size_t i = 0; i < r->n_kw && rc == 0; i++) {
        const struct report_kw *k = &r->kw[i];
        const struct metrics_domain_pos *e = k->last_ok ? metrics_positions_find(&p, k->id, k->last_ok) : NULL;
        metrics_stats_add(&m, e ? e->position : REPORT_NONE);
    }
    c->n = m.avg.n;
    c->ranked = m.avg.ranked;
    c->top3 = m.top3;
    c->top10 = m.top10;
    c->avg_position = metrics_avg_position(&m.avg);
    metrics_positions_release(&p);
    return rc;
}

/* The site's pack position at the first ok check of the period, beside
 * the latest one the history pass gave, so the report can say how it moved. */
static int start_locals(store *st, const char *site, struct report *r)
{
    for (size_t i = 0; i < r->n_kw; i++) {
        struct report_kw *k = &r->kw[i];
        size_t j = 0;
        while (j < k->n_hist && k->hist[j].status != REPORT_OK)
            j++;
        if (j == k->n_hist)
            continue;
        int local = 0;
        if (store_rank_local_at(st, site, k->id, k->hist[j].t, &local) < 0)
            return -1;
        k->start_local = local; /* no rank row: not in the results, so not in the pack */
        k->start_local_at = k->hist[j].t;
    }
    return 0;
}

static void grid_metrics(const struct model_grid_scan *s, struct metrics_grid *m)
{
    metrics_grid(s->points, s->n_points, m);
}

/* One grid's latest scan in [since, until] and the one before it. 0 or -1. */
static int grid_fill(store *st, time_t since, time_t until, struct report_grid *g)
{
    g->arp = g->atrp = g->solv = g->prev_arp = g->prev_atrp = g->prev_solv = -1;
    int found = store_grid_scan_at(st, g->grid.id, until, &g->scan);
    if (found < 0)
        return -1;
    if (found && g->scan.checked_at < since)
        model_grid_scan_release(&g->scan);
    if (!found || g->scan.checked_at == 0) {
        memset(&g->scan, 0, sizeof g->scan);
        return 0;
    }
    struct metrics_grid m;
    grid_metrics(&g->scan, &m);
    g->n_points = m.n_points;
    g->n_ok = m.n_ok;
    g->n_blocked = m.n_blocked;
    g->n_error = m.n_error;
    g->n_found = m.n_found;
    g->n_top3 = m.n_top3;
    g->arp = m.arp;
    g->atrp = m.atrp;
    g->solv = m.solv;
    struct model_grid_scan prev;
    memset(&prev, 0, sizeof prev);
    found = store_grid_scan_at(st, g->grid.id, g->scan.checked_at - 1, &prev);
    if (found < 0)
        return -1;
    if (found) {
        grid_metrics(&prev, &m);
        g->prev_at = prev.checked_at;
        g->prev_arp = m.arp;
        g->prev_atrp = m.atrp;
        g->prev_solv = m.solv;
        model_grid_scan_release(&prev);
    }
    return 0;
}

int report_grids(store *st, const char *site, time_t since, time_t until,
                 struct report_grid **out, size_t *n)
{
    struct model_grid *g = NULL;
    size_t ng = 0;
    *out = NULL;
    *n = 0;
    if (store_grid_list(st, site, &g, &ng) != 0)
        return -1;
    if (!ng) {
        free(g);
        return 0;
    }
    struct report_grid *v = xcalloc(ng, sizeof *v);
    int rc = 0;
    for (size_t i = 0; i < ng; i++) {
        v[i].grid = g[i]; /* moved: g's strings now belong to v */
        if (rc == 0)
            rc = grid_fill(st, since, until, &v[i]);
    }
    free(g);
    if (rc != 0) {
        report_grids_free(v, ng);
        return -1;
    }
    *out = v;
    *n = ng;
    return 0;
}

void report_grids_free(struct report_grid *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        model_grid_release(&v[i].grid);
        model_grid_scan_release(&v[i].scan);
    }
    free(v);
}

/* The report's keyword with this id (r->kw is in id order), or NULL. */
static const struct report_kw *kw_find(const struct report *r, long long id)
{
    size_t lo = 0, hi = r->n_kw;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->kw[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n_kw && r->kw[lo].id == id ? &r->kw[lo] : NULL;
}

int report_build(store *st, const char *site, const char *positions_of, time_t since,
                 struct report *r)
{
    memset(r, 0, sizeof *r);
    /* one snapshot and one lock for the thousands of reads below */
    if (store_begin_read(st) != 0)
        return -1;
    int rc = build(st, site, positions_of, since, r);
    store_end_read(st);
    return rc;
}

static int build(store *st, const char *site, const char *positions_of, time_t since,
                 struct report *r)
{
    struct model_site s;
    memset(&s, 0, sizeof s);
    int found = store_site_get(st, site, &s);
    if (found < 0)
        return -1;
    if (found == 0)
        return error("report: site '%s' is not tracked (add it with `serptrack site add`)", site);
    r->site = xstrdup(s.domain);
    r->site_name = xstrdup(s.name);
    r->client = xstrdup(s.client);
    r->generated_at = util_now();
    r->until = r->generated_at;
    r->since = since;
    r->leads = -1;
    if (positions_of) {
        /* the name the report shows: the registrable domain when it is one */
        char *dom = url_domain(positions_of);
        if (dom)
            util_lower(dom);
        r->competitor = dom ? dom : xstrdup(positions_of);
        if (util_streq(r->competitor, s.domain)) {
            free(r->competitor);
            r->competitor = NULL; /* the site itself: its own report */
            positions_of = NULL;
        }
    }

    struct model_keyword *kws = NULL;
    size_t nk = 0;
    struct store_kw_filter f = {.site = s.domain};
    if (store_kw_list(st, &f, &kws, &nk) != 0) {
        model_site_release(&s);
        return -1;
    }
    r->kw = xcalloc(nk ? nk : 1, sizeof *r->kw);
    for (size_t i = 0; i < nk; i++)
        kw_init(&kws[i], &r->kw[i]);
    r->n_kw = nk;
    model_keyword_free_list(kws, nk);
    struct metrics_positions pos_of;
    int rc = metrics_positions_load(st, positions_of, 0, &pos_of);
    if (rc == 0)
        rc = fill_kws(st, s.id, &pos_of, since, r);
    metrics_positions_release(&pos_of);

    /* local pack position: the latest rank row of the site itself (read
     * with the history); a competitor's from the stored page of the same
     * check */
    for (size_t i = 0; i < r->n_kw && rc == 0 && r->competitor; i++) {
        r->kw[i].in_local_pack = 0;
        rc = competitor_page(st, r->competitor, &r->kw[i]);
    }
    if (rc == 0 && !r->competitor) {
        const char **doms = NULL;
        struct model_site *sites = NULL;
        size_t nd = 0, nsites = 0;
        rc = rivals_list(st, s.domain, &sites, &nsites, &doms, &nd);
        if (rc == 0 && nd)
            r->rivals = xcalloc(nd, sizeof *r->rivals);
        for (size_t i = 0; i < nd && rc == 0; i++) {
            rc = rival_fill(st, r, doms[i], &r->rivals[i]);
            r->n_rivals = i + 1;
        }
        free(doms);
        model_site_free_list(sites, nsites);
    }

    if (since == 0) { /* the period starts with the first check */
        r->since = r->until;
        for (size_t i = 0; i < r->n_kw; i++)
            if (r->kw[i].n_hist && r->kw[i].hist[0].t < r->since)
                r->since = r->kw[i].hist[0].t;
    }
    if (rc == 0 && !r->competitor)
        rc = start_locals(st, s.domain, r);
    if (rc == 0 && !r->competitor)
        rc = report_grids(st, s.domain, since, r->until, &r->grids, &r->n_grids);
    if (rc == 0)
        rc = report_ai_fill(st, r, since, r->until);
    /* stale data must show on the page a client reads */
    struct store_stale *sv = NULL;
    size_t ns = 0;
    if (rc == 0 && store_kw_stale(st, r->until, &sv, &ns) != 0)
        rc = -1;
    for (size_t i = 0; i < ns; i++)
        if (kw_find(r, sv[i].keyword_id) &&
            (!r->n_stale++ || sv[i].last_ok < r->stale_since))
            r->stale_since = sv[i].last_ok;
    store_stale_free_list(sv, ns);
    long long calls = r->competitor ? -1 : store_lead_count(st, s.domain, r->since, r->until + 1, 0);
    if (calls > 0 || (calls == 0 && !r->competitor && store_lead_count(st, s.domain, 0, r->until + 1, 0) > 0))
        r->leads = calls;
    struct store_gsc_period gp;
    int gsc = rc == 0 && !r->competitor ? store_gsc_latest(st, s.domain, &gp) : 0;
    if (gsc < 0)
        rc = -1;
    else if (gsc == 1) {
        r->gsc_start = gp.start;
        r->gsc_end = gp.end;
        r->gsc_days = (int)((gp.end - gp.start) / DAY_SECS) + 1;
        r->gsc_clicks = gp.clicks;
    }
    model_site_release(&s);
    if (rc != 0) {
        report_release(r);
        return -1;
    }
    report_trend(r);
    return 0;
}
