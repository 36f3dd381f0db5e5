/* value.c - what a site's rankings are worth: latest position per keyword
 * (store_rank_list) x search volume (store_volume_get) x CTR curve x engine
 * share = visits; x conversion rate = leads; x the niche's lead value =
 * monthly value; x rent share = suggested rent range. */
#include "ctr.h"
#include "research.h"
#include "util.h"

double research_engine_share(const struct ini *cfg, enum serp_engine e)
{
    double v;
    switch (e) {
    case SERP_BING:
        v = ini_get_double_range(cfg, "value", "bing_share", 0.09, 0, 1);
        break;
    case SERP_DUCKDUCKGO:
        v = ini_get_double_range(cfg, "value", "duckduckgo_share", 0.025, 0, 1);
        break;
    default:
        return 1.0;
    }
    return v;
}

int research_site_value(store *st, const struct ini *cfg, const struct research_data *d,
                        const char *site, long long whatif_kw, int whatif_pos,
                        struct research_site_value *out)
{
    memset(out, 0, sizeof(*out));
    struct store_site s;
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
    store_site_release(&s);
    research_assumptions_load(cfg, &out->a);

    struct store_rank_filter f = {.site = out->domain};
    struct store_rank *r;
    size_t nr;
    if (store_rank_list(st, &f, &r, &nr) != 0) {
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
        k->engine = r[i].engine;
        k->position = r[i].position; /* of the latest ok check; STORE_NONE = not ranked */
        if (whatif_kw > 0 && k->keyword_id == whatif_kw) {
            k->position = whatif_pos;
            k->whatif = 1;
            whatif_seen = 1;
        }
        k->in_local_pack = r[i].in_local_pack;
        k->first_top10 = r[i].first_top10;
        k->volume = -1;
        char *q = research_normalise(r[i].query);
        struct store_volume v;
        int got = store_volume_get(st, q, r[i].location, &v);
        free(q);
        if (got < 0) {
            store_rank_free_list(r, nr);
            research_site_value_release(out);
            return -1;
        }
        if (got == 1) {
            k->volume = v.volume;
            store_volume_release(&v);
        }
        k->share = research_engine_share(cfg, k->engine);
        int pos = k->position == STORE_NONE ? 0 : k->position;
        k->ctr = ctr_at(pos);
        k->visits = k->volume > 0 ? (double)k->volume * k->share * k->ctr : 0;
        k->leads = k->visits * out->a.conversion;
        k->value = k->leads * out->lead_value;
        if (k->volume >= 0)
            out->volumes_known++;
        if (pos >= 1 && pos <= 3)
            out->top3++;
        if (pos >= 1 && pos <= 10)
            out->top10++;
        if (k->in_local_pack)
            out->local++;
        if (k->first_top10 && (!out->first_top10 || k->first_top10 < out->first_top10))
            out->first_top10 = k->first_top10;
        out->visits += k->visits;
        out->leads += k->leads;
        out->value += k->value;
    }
    store_rank_free_list(r, nr);
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
    }
    free(v->kw);
    free(v->domain);
    free(v->niche);
    memset(v, 0, sizeof(*v));
}
