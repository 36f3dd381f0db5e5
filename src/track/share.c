/* share.c - one fetch serves every keyword with the same fetch key: two
 * sites tracking the same query (engine, location, device, language,
 * country) are fetched once and each gets its own check from that page.
 * Grouping and the per-member copy of the page live here; checks.c
 * fetches the groups and stores the members. */
#include <stdlib.h>
#include <string.h>

#include "track.h"
#include "util.h"

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_dbl(double a, double b)
{
    return (a > b) - (a < b);
}

int track_fetch_key_cmp(const struct model_keyword *a, const struct model_keyword *b)
{
    int d;
    if ((d = (int)a->engine - (int)b->engine) != 0)
        return d;
    if ((d = cmp_str(a->query, b->query)) != 0)
        return d;
    /* the location's canonical name: the row id says the same when both read one */
    if ((d = cmp_str(a->location, b->location)) != 0)
        return d;
    if ((d = cmp_str(a->device, b->device)) != 0)
        return d;
    if ((d = cmp_str(a->lang, b->lang)) != 0)
        return d;
    if ((d = cmp_str(a->country, b->country)) != 0)
        return d;
    /* a geo-grid point is searched from its coordinates, not the city */
    if ((d = a->point_radius_m - b->point_radius_m) != 0)
        return d;
    if (a->point_radius_m > 0 && ((d = cmp_dbl(a->lat, b->lat)) != 0 ||
                                  (d = cmp_dbl(a->lng, b->lng)) != 0))
        return d;
    return 0;
}

/* qsort has no argument: the keywords are reached through pointers,
 * wrapped so the element size is plainly one pointer's */
struct kref {
    const struct model_keyword *k;
};

static int cmp_ref(const void *x, const void *y)
{
    const struct model_keyword *a = ((const struct kref *)x)->k;
    const struct model_keyword *b = ((const struct kref *)y)->k;
    int d = track_fetch_key_cmp(a, b);
    if (d)
        return d;
    return (a > b) - (a < b); /* kws order within a group */
}

void track_share_group(const struct model_keyword *kws, size_t n, struct track_share *sh)
{
    memset(sh, 0, sizeof *sh);
    if (n == 0)
        return;
    struct kref *r = xcalloc(n, sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i].k = &kws[i];
    qsort(r, n, sizeof *r, cmp_ref);
    /* groups in the order of their first member in kws, so the fetch
     * order stays what it was without sharing: sort group heads */
    size_t *head = xcalloc(n, sizeof *head); /* index of a group's first p */
    size_t ng = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || track_fetch_key_cmp(r[i - 1].k, r[i].k) != 0)
            head[ng++] = i;
    /* first[i] = 1 + the group whose first member is kws[i]: walking kws
     * lists the groups in that order */
    size_t *order = xcalloc(ng, sizeof *order);
    size_t *first = xcalloc(n, sizeof *first);
    for (size_t g = 0; g < ng; g++)
        first[(size_t)(r[head[g]].k - kws)] = g + 1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (first[i])
            order[m++] = first[i] - 1;
    sh->n_lead = ng;
    sh->lead = xcalloc(ng, sizeof *sh->lead);
    sh->start = xcalloc(ng + 1, sizeof *sh->start);
    sh->member = xcalloc(n, sizeof *sh->member);
    size_t k = 0;
    for (size_t gi = 0; gi < ng; gi++) {
        size_t g = order[gi];
        size_t end = g + 1 < ng ? head[g + 1] : n;
        sh->start[gi] = k;
        struct model_keyword *l = &sh->lead[gi];
        *l = *r[head[g]].k; /* strings borrowed from kws */
        for (size_t i = head[g]; i < end; i++) {
            sh->member[k++] = (size_t)(r[i].k - kws);
            if (r[i].k->depth > l->depth)
                l->depth = r[i].k->depth;
        }
        /* Smart depth follows one site's last position; a page shared by
         * several sites is fetched to the deepest member's full depth. */
        if (end - head[g] > 1)
            l->site = NULL;
    }
    sh->start[ng] = k;
    free(first);
    free(order);
    free(head);
    free(r);
}

void track_share_keep(struct track_share *sh, const unsigned char *keep)
{
    size_t ng = 0, k = 0;
    for (size_t g = 0; g < sh->n_lead; g++) {
        size_t from = sh->start[g], to = sh->start[g + 1], at = k;
        for (size_t i = from; i < to; i++)
            if (keep[i])
                sh->member[k++] = sh->member[i];
        if (k == at)
            continue; /* no member left: not fetched */
        sh->lead[ng] = sh->lead[g];
        sh->start[ng++] = at;
    }
    sh->start[ng] = k;
    sh->n_lead = ng;
}

void track_share_release(struct track_share *sh)
{
    free(sh->lead);
    free(sh->start);
    free(sh->member);
    memset(sh, 0, sizeof *sh);
}

int track_share_copy_page(const struct serp_page *src, int depth, struct serp_page *dst)
{
    serp_page_init(dst);
    json_t *j = serp_page_to_json(src);
    int rc = j ? serp_page_from_json(j, dst) : -1;
    json_decref(j);
    if (rc != 0) {
        serp_page_release(dst);
        serp_page_init(dst);
        return -1;
    }
    /* organic results past the member's depth are not kept for it */
    size_t kept = 0;
    for (size_t i = 0; i < dst->n_organic; i++) {
        struct serp_organic *o = &dst->organic[i];
        if (depth > 0 && o->position > depth) {
            free(o->url);
            free(o->domain);
            free(o->title);
            free(o->snippet);
        } else {
            dst->organic[kept++] = *o;
        }
    }
    dst->n_organic = kept;
    return 0;
}
