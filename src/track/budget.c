/* budget.c - [budget] caps per provider and day: before a fetch, which
 * fetch groups still fit under today's requests and money (today's spend
 * from the usage ledger), stopping a provider before the group that would
 * pass its cap; what stopped is recorded in the stats and raised once a
 * day as a `budget` alert. Prints nothing. */
#include <string.h>

#include "engine.h"
#include "store.h"
#include "track.h"
#include "util.h"

#define MONEY_EPS 1e-9 /* sums of prices are not exact */
#define PROVIDERS_MAX 16

int track_budget_fits(double spent_req, double cap_req, double spent_usd, double cap_usd,
                      double req, double usd_per_req)
{
    if (cap_req >= 0 && spent_req + req > cap_req)
        return 0;
    /* no price: a money cap cannot apply (the caller warns) */
    if (cap_usd >= 0 && usd_per_req >= 0 && spent_usd + req * usd_per_req > cap_usd + MONEY_EPS)
        return 0;
    return 1;
}

/* One provider's caps and what it spent today. */
struct prov {
    const char *name; /* static */
    double cap_req, cap_usd;
    double req, usd;  /* spent today, then what is admitted added */
    int stopped;      /* a group did not fit: no later group of it either */
    int usd_cap_hit;  /* it was the money cap that stopped it */
    size_t left;      /* keywords not fetched */
};

static struct prov *prov_of(struct prov *v, size_t *n, const struct config *cfg, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i].name == name)
            return &v[i];
    struct prov *p = &v[(*n)++];
    memset(p, 0, sizeof *p);
    p->name = name;
    p->cap_req = config_budget(cfg, "requests_per_day", name);
    p->cap_usd = config_budget(cfg, "usd_per_day", name);
    return p;
}

/* Today's requests and money of p from the ledger rows u[0..nu). */
static void spent_today(struct prov *p, const struct config *cfg, const struct store_usage *u,
                        size_t nu)
{
    const struct engine_provider_desc *d = engine_provider_by_name(p->name);
    for (size_t i = 0; i < nu; i++) {
        if (!u[i].provider || engine_provider_by_name(u[i].provider) != d)
            continue;
        p->req += (double)u[i].requests;
        double price = engine_cost_per_1000(cfg, p->name, u[i].engine);
        if (price > 0)
            p->usd += (double)u[i].requests * price / 1000;
    }
}

/* The most requests a fetch of k can make: its pages (one for a provider
 * that answers the whole depth at once). */
static int max_requests(const struct model_keyword *k, enum engine_provider pv)
{
    if (engine_provider_get(pv)->whole_depth)
        return 1;
    int d = k->depth > 0 ? k->depth : 30;
    return ((d > 100 ? 100 : d) + 9) / 10;
}

/* Once per provider and cap a day: is there a budget alert for it today? */
static int raise_once(store *st, time_t now, const char *prefix, const char *msg)
{
    struct store_alert *v = NULL;
    size_t n = 0;
    if (store_alert_list(st, util_day_start(now), &v, &n) != 0)
        return -1;
    int seen = 0;
    for (size_t i = 0; i < n && !seen; i++)
        seen = util_streq(v[i].rule, "budget") && v[i].message &&
               util_starts_with(v[i].message, prefix);
    store_alert_free_list(v, n);
    if (seen)
        return 0;
    struct store_alert a = {0};
    a.raised_at = now;
    a.rule = (char *)"budget";
    a.message = (char *)msg;
    return store_alert_add(st, &a, NULL);
}

/* Records p's stop in s (one per provider, summed over calls) and raises
 * its alert. 0 or -1. */
static int record_stop(store *st, time_t now, const struct prov *p, struct track_stats *s)
{
    struct track_budget_stop *b = NULL;
    for (size_t i = 0; i < s->n_stops; i++)
        if (util_streq(s->stops[i].who, p->name))
            b = &s->stops[i];
    if (!b && s->n_stops < TRACK_MAX_STOPS) {
        b = &s->stops[s->n_stops++];
        memset(b, 0, sizeof *b);
        snprintf(b->who, sizeof b->who, "%s", p->name);
    }
    if (!b)
        return 0;
    /* a retry round's keywords were not among the first round's left */
    b->left += p->left;
    b->usd = p->usd_cap_hit;
    b->spent = b->usd ? p->usd : p->req;
    b->cap = b->usd ? p->cap_usd : p->cap_req;
    char prefix[96], *msg = track_budget_line(b);
    snprintf(prefix, sizeof prefix, "%s reached %s", p->name, b->usd ? "$" : "");
    int rc = raise_once(st, now, prefix, msg + strlen("budget: "));
    free(msg);
    return rc;
}

char *track_budget_line(const struct track_budget_stop *b)
{
    char spent[64];
    if (b->usd)
        snprintf(spent, sizeof spent, "$%g today (cap $%g)", b->spent, b->cap);
    else
        snprintf(spent, sizeof spent, "%.0f requests today (cap %.0f)", b->spent, b->cap);
    return xasprintf("budget: %s reached %s; %zu keyword%s left for tomorrow", b->who, spent,
                     b->left, b->left == 1 ? "" : "s");
}

long long track_budget_admit(store *st, const struct config *cfg, const struct track_share *sh, time_t now, unsigned char *keep,
                             const struct track_sink *sink, struct track_stats *s)
{
    struct prov pv[PROVIDERS_MAX];
    size_t np = 0;
    struct store_usage *u = NULL;
    size_t nu = 0;
    int loaded = 0, capped = 0;
    long long admitted = 0;
    for (size_t g = 0; g < sh->n_lead; g++) {
        const struct model_keyword *k = &sh->lead[g];
        enum engine_provider e = engine_provider_for(cfg, k->engine);
        const char *name = engine_provider_name(e);
        size_t before = np;
        struct prov *p = np < PROVIDERS_MAX ? prov_of(pv, &np, cfg, name) : NULL;
        int req = max_requests(k, e);
        keep[g] = 1;
        admitted += req;
        if (!p || (p->cap_req < 0 && p->cap_usd < 0))
            continue;
        capped = 1;
        double price = engine_cost_per_1000(cfg, name, k->engine);
        if (np > before) { /* first use: today's spend */
            if (!loaded && store_usage_list(st, util_day_start(now), &u, &nu) != 0)
                return -2;
            loaded = 1;
            spent_today(p, cfg, u, nu);
        }
        if (p->cap_usd >= 0 && price < 0 && p->cap_req < 0 && np > before)
            track_say(sink, TRACK_WARN,
                      "[budget] usd_per_day for %s cannot apply: no price is configured "
                      "(cost_per_1000)",
                      name);
        if (!p->stopped && track_budget_fits(p->req, p->cap_req, p->usd, p->cap_usd, req,
                                             price >= 0 ? price / 1000 : -1)) {
            p->req += req;
            if (price > 0)
                p->usd += req * price / 1000;
            continue;
        }
        if (!p->stopped)
            p->usd_cap_hit = p->cap_req < 0 || p->req + req <= p->cap_req;
        p->stopped = 1;
        keep[g] = 0;
        admitted -= req;
        p->left += sh->start[g + 1] - sh->start[g];
    }
    store_usage_free_list(u, nu);
    for (size_t i = 0; i < np; i++)
        if (pv[i].stopped && record_stop(st, now, &pv[i], s) != 0)
            return -2;
    return capped ? admitted : -1;
}

void track_budget_merge(struct track_stats *s, const struct track_stats *rs)
{
    for (size_t i = 0; i < rs->n_stops; i++) {
        const struct track_budget_stop *r = &rs->stops[i];
        struct track_budget_stop *b = NULL;
        for (size_t j = 0; j < s->n_stops && !b; j++)
            if (util_streq(s->stops[j].who, r->who))
                b = &s->stops[j];
        if (!b && s->n_stops < TRACK_MAX_STOPS) {
            b = &s->stops[s->n_stops++];
            *b = *r;
            continue;
        }
        if (b) {
            size_t left = b->left + r->left;
            *b = *r;
            b->left = left;
        }
    }
}
