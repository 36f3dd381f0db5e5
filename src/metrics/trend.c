/* trend.c - a site's trend from the store: each keyword's latest position
 * and the per-day site metrics over a period, for the site or for another
 * domain on the site's keywords. `chart --site` draws it without building
 * a report; the report converts its histories with the same
 * metrics_points_of, so both count the same checks the same way. */
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "store.h"
#include "url.h"
#include "util.h"

struct metrics_point *metrics_points_of(const struct store_history *h, size_t n, int *depth)
{
    struct metrics_point *all = xcalloc(n ? n : 1, sizeof *all);
    for (size_t i = 0; i < n; i++) {
        all[i].t = h[i].checked_at;
        all[i].status = h[i].status == MODEL_OK        ? METRICS_OK
                        : h[i].status == MODEL_BLOCKED ? METRICS_BLOCKED
                                                       : METRICS_FAILED;
        all[i].position = h[i].status == MODEL_OK ? h[i].position : METRICS_NONE;
        if (depth && h[i].status == MODEL_OK && h[i].depth > 0)
            *depth = h[i].depth;
    }
    return all;
}

int metrics_pack_place(const struct store_history *h)
{
    if (h->status != MODEL_OK || h->local < 1 || h->local > METRICS_PACK_MAX)
        return 0;
    return h->local;
}

struct trend_fill {
    const long long *ids; /* the site's keywords, ascending */
    size_t n, next;
    const struct metrics_positions *pos_of;
    time_t since;
    int *position;
    struct metrics_point **hist;
    size_t *n_hist;
};

static int trend_cb(const struct store_kw_history *kh, void *arg)
{
    struct trend_fill *f = arg;
    while (f->next < f->n && f->ids[f->next] < kh->keyword_id)
        f->next++;
    if (f->next == f->n || f->ids[f->next] != kh->keyword_id)
        return 0;
    size_t k = f->next;
    if (f->pos_of->domain && !f->pos_of->tracked)
        metrics_positions_apply(f->pos_of, kh->keyword_id, kh->h, kh->n);
    struct metrics_point *all = metrics_points_of(kh->h, kh->n, NULL);
    struct metrics_rank m;
    metrics_rank_of(all, kh->n, f->since, &m);
    f->position[k] = m.position;
    free(f->hist[k]);
    f->hist[k] = xcalloc(kh->n ? kh->n : 1, sizeof *f->hist[k]);
    f->n_hist[k] = 0;
    for (size_t i = 0; i < kh->n; i++)
        if (all[i].t >= f->since)
            f->hist[k][f->n_hist[k]++] = all[i];
    free(all);
    return 0;
}

static int trend_fill(store *st, long long site_id, const char *site_domain,
                      const char *positions_of, time_t since, struct metrics_site_trend *out)
{
    struct model_keyword *kws = NULL;
    size_t nk = 0;
    struct store_kw_filter kf = {.site = site_domain};
    if (store_kw_list(st, &kf, &kws, &nk) != 0)
        return -1;
    struct trend_fill f = {.n = nk, .since = since};
    long long *ids = xcalloc(nk ? nk : 1, sizeof *ids);
    for (size_t i = 0; i < nk; i++)
        ids[i] = kws[i].id;
    model_keyword_free_list(kws, nk);
    f.ids = ids;
    f.position = xcalloc(nk ? nk : 1, sizeof *f.position);
    f.hist = xcalloc(nk ? nk : 1, sizeof(struct metrics_point *));
    f.n_hist = xcalloc(nk ? nk : 1, sizeof *f.n_hist);
    for (size_t i = 0; i < nk; i++)
        f.position[i] = METRICS_NONE;
    /* the site itself given as the other domain: its own trend */
    char *dom = positions_of ? url_domain(positions_of) : NULL;
    if (dom)
        util_lower(dom);
    if (dom && util_streq(dom, site_domain))
        positions_of = NULL;
    free(dom);
    struct metrics_positions pos_of;
    int rc = metrics_positions_load(st, positions_of, 0, &pos_of);
    f.pos_of = &pos_of;
    long long rank_site = !pos_of.domain ? site_id : pos_of.tracked ? pos_of.site_id : 0;
    if (rc == 0)
        rc = store_site_histories(st, site_id, rank_site, 0, trend_cb, &f);
    metrics_positions_release(&pos_of);
    struct metrics_series *kw = xcalloc(nk ? nk : 1, sizeof *kw);
    for (size_t i = 0; i < nk; i++)
        kw[i] = (struct metrics_series){f.hist[i], f.n_hist[i]};
    if (rc == 0)
        metrics_days(kw, nk, &out->days, &out->n_days);
    free(kw);
    for (size_t i = 0; i < nk; i++)
        free(f.hist[i]);
    free(f.hist);
    free(f.n_hist);
    free(ids);
    out->n_kw = nk;
    out->position = f.position;
    return rc;
}

int metrics_site_trend(store *st, long long site_id, const char *site_domain,
                       const char *positions_of, time_t since, struct metrics_site_trend *out)
{
    memset(out, 0, sizeof *out);
    /* one snapshot and one lock for the many reads */
    if (store_begin_read(st) != 0)
        return -1;
    int rc = trend_fill(st, site_id, site_domain, positions_of, since, out);
    store_end_read(st);
    if (rc != 0)
        metrics_site_trend_release(out);
    return rc;
}

void metrics_site_trend_release(struct metrics_site_trend *t)
{
    free(t->position);
    free(t->days);
    memset(t, 0, sizeof *t);
}
