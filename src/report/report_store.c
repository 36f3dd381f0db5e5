/* report_store.c - the thin layer that fills the report model from the
 * store (kept apart from report_html.c so the renderer is tested without a
 * database). Also used by `chart --site` for the site trend. */
#include "report.h"
#include "serp.h"
#include "store.h"

static enum report_check check_of(enum store_status s)
{
    return s == STORE_OK ? REPORT_OK : s == STORE_BLOCKED ? REPORT_BLOCKED : REPORT_FAILED;
}

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

static void pos_cb(long long keyword_id, time_t checked_at, int position, void *arg)
{
    struct report_positions *p = arg;
    GROW(p->v, p->cap, p->n + 1);
    p->v[p->n] = (struct report_domain_pos){keyword_id, checked_at, position, p->n};
    p->n++;
}

/* (keyword, time), then load order: among checks of one keyword in the
 * same second the first loaded wins, as it did with the linear scan. */
static int pos_cmp(const void *a, const void *b)
{
    const struct report_domain_pos *x = a, *y = b;
    if (x->keyword_id != y->keyword_id)
        return x->keyword_id < y->keyword_id ? -1 : 1;
    if (x->checked_at != y->checked_at)
        return x->checked_at < y->checked_at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* The first entry for (keyword_id, t) in the sorted p->v, or NULL. */
static const struct report_domain_pos *pos_find(const struct report_positions *p,
                                                long long keyword_id, time_t t)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct report_domain_pos *m = &p->v[mid];
        if (m->keyword_id < keyword_id || (m->keyword_id == keyword_id && m->checked_at < t))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->n && p->v[lo].keyword_id == keyword_id && p->v[lo].checked_at == t)
        return &p->v[lo];
    return NULL;
}

int report_positions_load(store *st, const char *domain, time_t since,
                          struct report_positions *p)
{
    memset(p, 0, sizeof *p);
    if (!domain)
        return 0;
    p->domain = xstrdup(domain);
    struct store_site s;
    memset(&s, 0, sizeof s);
    int found = store_site_get(st, domain, &s);
    if (found < 0)
        return -1;
    if (found) {
        p->tracked = 1;
        store_site_release(&s);
        return 0;
    }
    if (store_domain_positions(st, domain, since, pos_cb, p) != 0)
        return -1;
    /* every keyword's history looks its checks up here: sorted, each
     * lookup is a binary search instead of a scan of all keywords' days */
    if (p->n > 1)
        qsort(p->v, p->n, sizeof *p->v, pos_cmp);
    return 0;
}

void report_positions_release(struct report_positions *p)
{
    free(p->domain);
    free(p->v);
    memset(p, 0, sizeof *p);
}

int report_history(store *st, const struct report_positions *p, long long keyword_id,
                   time_t since, struct store_history **out, size_t *n)
{
    if (!p || !p->domain || p->tracked)
        return store_history_list(st, keyword_id, p ? p->domain : NULL, since, out, n);
    /* the keyword's own checks say when it was checked and how that went;
     * the domain's position in each ok check comes from its results */
    if (store_history_list(st, keyword_id, NULL, since, out, n) != 0)
        return -1;
    for (size_t i = 0; i < *n; i++) {
        struct store_history *h = &(*out)[i];
        free(h->url);
        h->url = NULL;
        h->position = STORE_NONE;
        if (h->status != STORE_OK)
            continue;
        const struct report_domain_pos *e = pos_find(p, keyword_id, h->checked_at);
        if (e)
            h->position = e->position;
    }
    return 0;
}

/* Fills k from the keyword's whole history (current, best) and the part
 * of it inside the period (start position, points). */
static int fill_kw(store *st, const struct store_keyword *kw, const struct report_positions *pos_of,
                   time_t since, struct report_kw *k)
{
    struct store_history *h = NULL;
    size_t nh = 0;
    if (report_history(st, pos_of, kw->id, 0, &h, &nh) != 0)
        return -1;
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
    k->hist = xcalloc(nh ? nh : 1, sizeof *k->hist);
    int started = 0;
    for (size_t i = 0; i < nh; i++) {
        int pos = h[i].position == STORE_NONE ? REPORT_NONE : h[i].position;
        k->status = check_of(h[i].status);
        if (h[i].status == STORE_OK) {
            if (pos != REPORT_NONE && (k->best == REPORT_NONE || pos < k->best))
                k->best = pos;
            k->position = pos;
            free(k->url);
            k->url = pos != REPORT_NONE ? xstrdup(h[i].url) : NULL;
            if (h[i].depth > 0)
                k->depth = h[i].depth;
        }
        if (h[i].checked_at < since)
            continue;
        if (!started && h[i].status == STORE_OK) {
            k->start_position = pos;
            started = 1;
        }
        struct report_point *p = &k->hist[k->n_hist++];
        p->t = h[i].checked_at;
        p->position = h[i].status == STORE_OK ? pos : REPORT_NONE;
        p->status = check_of(h[i].status);
    }
    store_history_free_list(h, nh);

    struct store_volume vol;
    if (store_volume_get(st, kw->query, kw->location, &vol) == 1) {
        k->volume = vol.volume;
        store_volume_release(&vol);
    }
    /* the flags alone: loading the latest page would read every result */
    unsigned features = 0;
    int found = store_latest_features(st, kw->id, &features);
    if (found < 0)
        return -1;
    if (found)
        k->features = features_text(features);
    return 0;
}

static int build(store *st, const char *site, const char *positions_of, time_t since,
                 struct report *r);

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
    struct store_site s;
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
    const char *pos_site = positions_of ? positions_of : s.domain;

    struct store_keyword *kws = NULL;
    size_t nk = 0;
    struct store_kw_filter f = {.site = s.domain};
    if (store_kw_list(st, &f, &kws, &nk) != 0) {
        store_site_release(&s);
        return -1;
    }
    r->kw = xcalloc(nk ? nk : 1, sizeof *r->kw);
    struct report_positions pos_of;
    int rc = report_positions_load(st, positions_of, 0, &pos_of);
    for (size_t i = 0; i < nk && rc == 0; i++) {
        rc = fill_kw(st, &kws[i], &pos_of, since, &r->kw[i]);
        r->n_kw = i + 1;
    }
    report_positions_release(&pos_of);
    store_keyword_free_list(kws, nk);

    /* local pack presence: the latest rank row of the site itself (rank
     * rows carry it for the keyword's own site only) */
    for (size_t i = 0; i < r->n_kw && rc == 0 && util_streq(pos_site, s.domain); i++) {
        int local;
        if (store_rank_local(st, s.id, r->kw[i].id, &local) != 0)
            rc = -1;
        else
            r->kw[i].in_local_pack = local;
    }

    if (since == 0) { /* the period starts with the first check */
        r->since = r->until;
        for (size_t i = 0; i < r->n_kw; i++)
            if (r->kw[i].n_hist && r->kw[i].hist[0].t < r->since)
                r->since = r->kw[i].hist[0].t;
    }
    /* stale data must show on the page a client reads */
    struct store_stale *sv = NULL;
    size_t ns = 0;
    if (rc == 0 && store_kw_stale(st, r->until, &sv, &ns) != 0)
        rc = -1;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < r->n_kw; j++)
            if (r->kw[j].id == sv[i].keyword_id) {
                if (!r->n_stale++ || sv[i].last_ok < r->stale_since)
                    r->stale_since = sv[i].last_ok;
                break;
            }
    store_stale_free_list(sv, ns);
    long long calls = store_lead_count(st, s.domain, r->since, r->until + 1, 0);
    if (calls > 0 || (calls == 0 && store_lead_count(st, s.domain, 0, r->until + 1, 0) > 0))
        r->leads = calls;
    store_site_release(&s);
    if (rc != 0) {
        report_release(r);
        return -1;
    }
    report_trend(r);
    return 0;
}
