/* value.c - what a site's rankings are worth: latest position per keyword
 * (metrics_rank_list) x search volume (store_volume_get) x CTR curve x engine
 * share = visits; x conversion rate = leads; x the niche's lead value =
 * monthly value; x rent share = suggested rent range. A query's volume is
 * counted once per location and split by device, so tracking it twice never
 * doubles the visits. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctr.h"
#include "engine.h"
#include "metrics.h"
#include "locations.h"
#include "model.h"
#include "research.h"
#include "util.h"

/* Appends part (lower-cased, spaces removed) to key, after a comma when key
 * is not empty. */
static void key_append(strbuf *key, const char *part)
{
    if (key->len)
        sb_addc(key, ',');
    for (const char *p = part; *p; p++)
        if (!isspace((unsigned char)*p))
            sb_addc(key, (char)tolower((unsigned char)*p));
}

char *research_location_key(const char *location)
{
    if (!location)
        return xstrdup("");
    strbuf key = STRBUF_INIT;
    char *copy = xstrdup(location);
    char *parts[16];
    int np = 0;
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && np < 16;
         t = strtok_r(NULL, ",", &save)) {
        while (isspace((unsigned char)*t))
            t++;
        char *e = t + strlen(t);
        while (e > t && isspace((unsigned char)e[-1]))
            *--e = '\0';
        for (char *c = t; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (*t)
            parts[np++] = t;
    }
    /* the country adds nothing while every location is in the US */
    if (np > 1 && (util_streq(parts[np - 1], "united states") || util_streq(parts[np - 1], "usa") ||
                   util_streq(parts[np - 1], "us") || util_streq(parts[np - 1], "u.s.")))
        np--;
    for (int i = 0; i < np; i++) {
        const char *state = i > 0 && strlen(parts[i]) == 2 ? loc_state_name(parts[i]) : NULL;
        key_append(&key, state ? state : parts[i]);
    }
    free(copy);
    return sb_detach(&key);
}

double research_mobile_share(const struct config *cfg)
{
    /* checked at load; an unusable share fails the command that needs it */
    if (cfg->value.mobile_share < 0) {
        error("config: [value] mobile_share = '%s' is not a share from 0 to 1 (e.g. 0.6)",
              cfg->value.mobile_share_text);
        return -1;
    }
    return cfg->value.mobile_share;
}

/* Same search (keys from search_key): the volume of one is the volume of
 * the other. */
static int same_search(const struct research_kw_value *a, const char *akey,
                       const struct research_kw_value *b, const char *bkey)
{
    return a->engine == b->engine && util_streq(akey, bkey);
}

/* a ranks better than b (not ranked is worst; ties go to the older keyword). */
static int better(const struct research_kw_value *a, const struct research_kw_value *b)
{
    int pa = a->position == MODEL_NONE ? 1 << 30 : a->position;
    int pb = b->position == MODEL_NONE ? 1 << 30 : b->position;
    return pa != pb ? pa < pb : a->keyword_id < b->keyword_id;
}

double research_engine_share(const struct config *cfg, enum serp_engine e)
{
    if ((int)e < 0 || e >= SERP_ENGINE_IDS)
        return 1.0;
    return cfg->value.engine_share[e];
}

/* Visits per row with each query x location x engine counted once: a
 * duplicate on the same device gets nothing (the best-ranked row takes the
 * volume), and the volume is split between the devices tracked, the
 * untracked device's share assumed at the tracked row's position. */
static void value_rows(struct research_site_value *out)
{
    size_t n = out->n_kw;
    char **keys = xcalloc(n ? n : 1, sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        char *q = research_normalise(out->kw[i].query), *l = research_location_key(out->kw[i].location);
        keys[i] = xasprintf("%s\n%s", q, l); /* a query holds no newline */
        free(q);
        free(l);
    }
    for (size_t i = 0; i < n; i++) {
        struct research_kw_value *k = &out->kw[i];
        const struct research_kw_value *best = k;
        for (size_t j = 0; j < n; j++)
            if (same_search(k, keys[i], &out->kw[j], keys[j]) &&
                util_streq(k->device, out->kw[j].device) && better(&out->kw[j], best))
                best = &out->kw[j];
        if (best != k)
            k->counted_on = best->keyword_id;
    }
    for (size_t i = 0; i < n; i++) {
        struct research_kw_value *k = &out->kw[i];
        int mobile = util_streq(k->device, "mobile");
        double own = mobile ? out->mobile_share : 1 - out->mobile_share;
        int other_tracked = 0;
        for (size_t j = 0; j < n && !other_tracked; j++)
            other_tracked = j != i && !out->kw[j].counted_on &&
                            same_search(k, keys[i], &out->kw[j], keys[j]) &&
                            !util_streq(k->device, out->kw[j].device);
        int pos = k->position == MODEL_NONE ? 0 : k->position;
        /* the site's own curve is Google's (Search Console is) */
        k->ctr = k->engine == SERP_GOOGLE ? research_ctr_curve_at(&out->curve, pos) : ctr_at(pos);
        /* the pack's clicks beside the organic ones: other searchers'
         * clicks on another result, so the two CTRs add (ctr.h) */
        k->pack_ctr = ctr_pack_at(k->local_position == MODEL_PACK_UNKNOWN ? 3 : k->local_position);
        double base = metrics_visits((double)k->volume, k->share, k->ctr + k->pack_ctr);
        double pack_base = metrics_visits((double)k->volume, k->share, k->pack_ctr);
        if (k->counted_on) {
            k->device_share = 0;
            k->note = "volume counted on a better-ranked duplicate";
            out->duplicates++;
        } else if (other_tracked) {
            k->device_share = own;
            k->note = mobile ? "mobile share" : "desktop share";
        } else {
            k->device_share = 1;
            k->assumed_visits = base * (1 - own);
            k->note = mobile ? "desktop assumed same" : "mobile assumed same";
            out->assumed++;
        }
        k->visits = base * k->device_share;
        k->pack_visits = pack_base * k->device_share;
        k->leads = k->visits * out->a.conversion;
        k->value = k->leads * out->lead_value;
        if (k->volume >= 0)
            out->volumes_known++;
        if (k->volume_estimated)
            out->volumes_estimated++;
        if (pos >= 1 && pos <= 3)
            out->top3++;
        if (pos >= 1 && pos <= 10)
            out->top10++;
        if (metrics_in_pack(k->local_position))
            out->local++;
        if (k->first_top10 && (!out->first_top10 || k->first_top10 < out->first_top10))
            out->first_top10 = k->first_top10;
        out->visits += k->visits;
        out->pack_visits += k->pack_visits;
        out->leads += k->leads;
        out->value += k->value;
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* The site's latest Search Console import into out->gsc and its rows
 * (sorted by query) into *rows, and the CTR curve they give. */
static int gsc_load(store *st, struct research_site_value *out, struct store_gsc_row **rows,
                    size_t *n)
{
    *rows = NULL;
    *n = 0;
    struct store_gsc_period p;
    int got = store_gsc_latest(st, out->domain, &p);
    if (got < 0)
        return -1;
    if (got == 0) {
        research_ctr_fit(NULL, 0, &out->curve);
        out->curve.why = "no Search Console data imported (research import-gsc)";
        return 0;
    }
    if (store_gsc_list(st, out->domain, p.start, p.end, rows, n) != 0)
        return -1;
    out->gsc.imported = 1;
    out->gsc.start = p.start;
    out->gsc.end = p.end;
    out->gsc.days = (int)((p.end - p.start) / DAY_SECS) + 1;
    out->gsc.queries = (long long)*n;
    for (size_t i = 0; i < *n; i++)
        out->gsc.clicks_month += (double)(*rows)[i].clicks * 30.0 / out->gsc.days;
    research_ctr_fit(*rows, *n, &out->curve);
    return 0;
}

static int cmp_gsc_query(const void *key, const void *row)
{
    return strcmp(key, ((const struct store_gsc_row *)row)->query);
}

/* The Search Console row of a keyword's query (Google keywords only). */
static const struct store_gsc_row *gsc_find(const struct store_gsc_row *rows, size_t n,
                                            const struct research_kw_value *k)
{
    if (!n || k->engine != SERP_GOOGLE)
        return NULL;
    char *q = research_normalise(k->query);
    const struct store_gsc_row *g = bsearch(q, rows, n, sizeof(*rows), cmp_gsc_query);
    free(q);
    return g;
}

/* Actual against estimated on the tracked queries: each query's clicks
 * once, against the visits of every row tracking it. */
static void gsc_totals(struct research_site_value *out, const struct store_gsc_row *rows,
                       size_t n)
{
    unsigned char *seen = xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < out->n_kw; i++) {
        const struct research_kw_value *k = &out->kw[i];
        const struct store_gsc_row *g = gsc_find(rows, n, k);
        if (!g)
            continue;
        out->gsc.matched_visits += k->visits;
        if (!seen[g - rows]) {
            seen[g - rows] = 1;
            out->gsc.matched++;
            out->gsc.matched_clicks_month += k->gsc_clicks;
        }
    }
    free(seen);
}

/* The pattern estimate of a keyword nobody imported a volume for, its
 * city from the canonical location ("Austin,Texas,United States"). */
static void value_estimate(const struct research_data *d, const struct research_niche *n,
                           struct research_kw_value *k)
{
    const struct research_city *city = NULL;
    if (k->location && *k->location) {
        char *name = xstrndup(k->location, strcspn(k->location, ","));
        const char *rest = strchr(k->location, ',');
        char *state = rest ? xstrndup(rest + 1, strcspn(rest + 1, ",")) : NULL;
        city = research_city_find(d, name, state);
        free(name);
        free(state);
    }
    if (!n) /* a site without a niche: the query's */
        n = research_niche_of_query(d, k->query);
    struct research_volume_est est;
    if (research_volume_estimate(d, n, city, k->query, &est) == 1) {
        k->volume = est.volume;
        k->volume_estimated = 1;
        k->volume_pattern = xstrdup(est.pattern);
    }
}

int research_site_value(store *st, const struct config *cfg, const struct research_data *d,
                        const char *site, long long whatif_kw, int whatif_pos,
                        struct research_site_value *out)
{
    memset(out, 0, sizeof(*out));
    struct model_site s;
    int found = store_site_get(st, site, &s);
    if (found < 0)
        return -1;
    if (found == 0)
        return error("site '%s' is not tracked (see 'serptrack site list')", site);
    out->domain = xstrdup(s.domain);
    out->niche = xstrdup(s.niche);
    const struct research_niche *n = s.niche ? research_niche_find(d, s.niche) : NULL;
    if (s.niche && !n)
        warn("site '%s': niche '%s' is not in niches.csv; lead value unknown", s.domain, s.niche);
    out->lead_value = research_lead_value(n);
    model_site_release(&s);
    research_assumptions_load(cfg, &out->a);
    out->mobile_share = research_mobile_share(cfg);
    if (out->mobile_share < 0) {
        research_site_value_release(out);
        return -1;
    }

    struct store_gsc_row *gr = NULL;
    size_t ng = 0;
    if (gsc_load(st, out, &gr, &ng) != 0) {
        research_site_value_release(out);
        return -1;
    }

    struct store_rank_filter f = {.site = out->domain};
    struct model_rank *r;
    size_t nr;
    if (metrics_rank_list(st, &f, &r, &nr) != 0) {
        store_gsc_free_list(gr, ng);
        research_site_value_release(out);
        return -1;
    }
    int whatif_seen = 0;
    out->kw = xcalloc(nr ? nr : 1, sizeof(*out->kw));
    for (size_t i = 0; i < nr; i++) {
        if (r[i].competitor || !util_streq(r[i].site, out->domain))
            continue;
        struct research_kw_value *k = &out->kw[out->n_kw++];
        k->keyword_id = r[i].keyword_id;
        k->query = xstrdup(r[i].query);
        k->location = xstrdup(r[i].location);
        k->device = xstrdup(r[i].device ? r[i].device : "desktop");
        k->note = "";
        k->engine = r[i].engine;
        k->position = r[i].position; /* of the latest ok check; MODEL_NONE = not ranked */
        if (whatif_kw > 0 && k->keyword_id == whatif_kw) {
            k->position = whatif_pos;
            k->whatif = 1;
            whatif_seen = 1;
        }
        k->local_position = r[i].local_position;
        k->first_top10 = r[i].first_top10;
        k->volume = -1;
        char *q = research_normalise(r[i].query);
        struct store_volume v;
        int got = store_volume_get(st, q, r[i].location, &v);
        free(q);
        if (got < 0) {
            store_gsc_free_list(gr, ng);
            model_rank_free_list(r, nr);
            research_site_value_release(out);
            return -1;
        }
        if (got == 1) {
            k->volume = v.volume;
            store_volume_release(&v);
        } else {
            value_estimate(d, n, k);
        }
        k->share = research_engine_share(cfg, k->engine);
        k->gsc_clicks = -1;
        const struct store_gsc_row *g = gsc_find(gr, ng, k);
        if (g)
            k->gsc_clicks = (double)g->clicks * 30.0 / out->gsc.days;
    }
    model_rank_free_list(r, nr);
    value_rows(out);
    gsc_totals(out, gr, ng);
    store_gsc_free_list(gr, ng);
    if (whatif_kw > 0 && !whatif_seen) {
        research_site_value_release(out);
        return error("keyword %lld is not tracked for site '%s'", whatif_kw, site);
    }
    out->rent_low = out->value * out->a.share_low;
    out->rent_high = out->value * out->a.share_high;
    return 0;
}

void research_site_value_release(struct research_site_value *v)
{
    for (size_t i = 0; i < v->n_kw; i++) {
        free(v->kw[i].query);
        free(v->kw[i].location);
        free(v->kw[i].device);
        free(v->kw[i].volume_pattern);
    }
    free(v->kw);
    free(v->domain);
    free(v->niche);
    memset(v, 0, sizeof(*v));
}
