/* positions.c - where a domain stands on keywords over time, the series
 * behind report, chart and the competitor views: a tracked site's rank
 * rows, or for any other domain its positions in the stored results,
 * loaded once and searched per check. */
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "store.h"
#include "util.h"

static void pos_cb(long long keyword_id, time_t checked_at, int position, void *arg)
{
    struct metrics_positions *p = arg;
    GROW(p->v, p->cap, p->n + 1);
    p->v[p->n] = (struct metrics_domain_pos){keyword_id, checked_at, position, p->n};
    p->n++;
}

/* (keyword, time), then load order: among checks of one keyword in the
 * same second the first loaded wins, as it did with the linear scan. */
static int pos_cmp(const void *a, const void *b)
{
    const struct metrics_domain_pos *x = a, *y = b;
    if (x->keyword_id != y->keyword_id)
        return x->keyword_id < y->keyword_id ? -1 : 1;
    if (x->checked_at != y->checked_at)
        return x->checked_at < y->checked_at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* The first entry for (keyword_id, t) in the sorted p->v, or NULL. */
const struct metrics_domain_pos *metrics_positions_find(const struct metrics_positions *p,
                                                       long long keyword_id, time_t t)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct metrics_domain_pos *m = &p->v[mid];
        if (m->keyword_id < keyword_id || (m->keyword_id == keyword_id && m->checked_at < t))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->n && p->v[lo].keyword_id == keyword_id && p->v[lo].checked_at == t)
        return &p->v[lo];
    return NULL;
}

int metrics_positions_load(struct store *st, const char *domain, time_t since,
                          struct metrics_positions *p)
{
    memset(p, 0, sizeof *p);
    if (!domain)
        return 0;
    p->domain = xstrdup(domain);
    struct model_site s;
    memset(&s, 0, sizeof s);
    int found = store_site_get(st, domain, &s);
    if (found < 0)
        return -1;
    if (found) {
        p->tracked = 1;
        p->site_id = s.id;
        model_site_release(&s);
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

void metrics_positions_release(struct metrics_positions *p)
{
    free(p->domain);
    free(p->v);
    memset(p, 0, sizeof *p);
}

int metrics_history(struct store *st, const struct metrics_positions *p, long long keyword_id,
                   time_t since, struct store_history **out, size_t *n)
{
    if (!p || !p->domain || p->tracked)
        return store_history_list(st, keyword_id, p ? p->domain : NULL, since, out, n);
    /* the keyword's own checks say when it was checked and how that went;
     * the domain's position in each ok check comes from its results */
    if (store_history_list(st, keyword_id, NULL, since, out, n) != 0)
        return -1;
    metrics_positions_apply(p, keyword_id, *out, *n);
    return 0;
}

void metrics_positions_apply(const struct metrics_positions *p, long long keyword_id,
                             struct store_history *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].url);
        h[i].url = NULL;
        h[i].position = MODEL_NONE;
        h[i].local = 0; /* the keyword's own site's pack row, not this domain's */
        if (h[i].status != MODEL_OK)
            continue;
        const struct metrics_domain_pos *e = metrics_positions_find(p, keyword_id, h[i].checked_at);
        if (e)
            h[i].position = e->position;
    }
}

int metrics_positions_scan(struct store *st, const char *domain, time_t since,
                           struct metrics_positions *p)
{
    memset(p, 0, sizeof *p);
    p->domain = xstrdup(domain);
    if (store_domain_positions(st, domain, since, pos_cb, p) != 0)
        return -1;
    if (p->n > 1)
        qsort(p->v, p->n, sizeof *p->v, pos_cmp);
    return 0;
}

