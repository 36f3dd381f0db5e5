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

/* One provider's or site's caps and what it spent today. */
struct spend {
    char who[96];     /* the provider's name, or "site DOMAIN" */
    double cap_req, cap_usd;
    double req, usd;  /* spent today, then what is admitted added */
    int stopped;      /* a fetch did not fit: no later one either */
    int usd_cap_hit;  /* it was the money cap that stopped it */
    size_t left;      /* keywords not fetched */
};

struct spends {
    struct spend *v;
    size_t n, cap;
};

/* who's entry, NULL when new (then *fresh is set up with its caps). */
static struct spend *spend_of(struct spends *sp, const struct config *cfg, const char *who,
                              int site, int *fresh)
{
    char name[96];
    snprintf(name, sizeof name, "%s%s", site ? "site " : "", who);
    *fresh = 0;
    for (size_t i = 0; i < sp->n; i++)
        if (strcmp(sp->v[i].who, name) == 0)
            return &sp->v[i];
    GROW(sp->v, sp->cap, sp->n + 1);
    struct spend *p = &sp->v[sp->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->who, sizeof p->who, "%s", name);
    p->cap_req = config_budget(cfg, site ? "site_requests_per_day" : "requests_per_day", who);
    p->cap_usd = config_budget(cfg, site ? "site_usd_per_day" : "usd_per_day", who);
    *fresh = 1;
    return p;
}

/* Today's requests and money of provider p from the ledger rows u[0..nu). */
static void provider_today(struct spend *p, const struct config *cfg, const struct store_usage *u,
                           size_t nu)
{
    const struct engine_provider_desc *d = engine_provider_by_name(p->who);
    for (size_t i = 0; i < nu; i++) {
        if (!u[i].provider || engine_provider_by_name(u[i].provider) != d)
            continue;
        p->req += (double)u[i].requests;
        double price = engine_cost_per_1000(cfg, p->who, u[i].engine);
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

/* Once per provider (or site) a day: is there a budget alert for it
 * today? Raises one when not. 0 or -1. */
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

/* Records p's stop in s (one per provider or site, summed over calls) and
 * raises its alert. 0 or -1. */
static int record_stop(store *st, time_t now, const struct spend *p, struct track_stats *s)
{
    struct track_budget_stop *b = NULL;
    for (size_t i = 0; i < s->n_stops && !b; i++)
        if (util_streq(s->stops[i].who, p->who))
            b = &s->stops[i];
    if (!b && s->n_stops < TRACK_MAX_STOPS) {
        b = &s->stops[s->n_stops++];
        memset(b, 0, sizeof *b);
        snprintf(b->who, sizeof b->who, "%s", p->who);
    }
    if (!b)
        return 0;
    b->left += p->left;
    b->usd = p->usd_cap_hit;
    b->spent = b->usd ? p->usd : p->req;
    b->cap = b->usd ? p->cap_usd : p->cap_req;
    char prefix[128], *msg = track_budget_line(b);
    snprintf(prefix, sizeof prefix, "%s reached ", p->who);
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

/* A site's spend today: the pages its checks today covered (see
 * track_budget_admit). 0, or -1 on a store error. */
static int site_today(store *st, const struct config *cfg, const char *domain, time_t now,
                      struct spend *p)
{
    struct store_kw_filter f = {.site = domain};
    struct model_keyword *kws = NULL;
    size_t n = 0;
    if (store_kw_list(st, &f, &kws, &n) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct store_history *h = NULL;
        size_t nh = 0;
        if (store_history_list(st, kws[i].id, NULL, util_day_start(now), &h, &nh) != 0) {
            rc = -1;
            break;
        }
        enum engine_provider e = engine_provider_for(cfg, kws[i].engine);
        double price = engine_cost_per_1000(cfg, engine_provider_name(e), kws[i].engine);
        for (size_t j = 0; j < nh; j++) {
            struct model_keyword k = kws[i];
            k.depth = h[j].depth > 0 ? h[j].depth : 10; /* a failed check: its one page */
            int pages = max_requests(&k, e);
            p->req += pages;
            if (price > 0)
                p->usd += pages * price / 1000;
        }
        store_history_free_list(h, nh);
    }
    model_keyword_free_list(kws, n);
    return rc;
}

/* Whether req more requests at price (per 1000, < 0 none) fit p; counts
 * them when they do, stops p when not. */
static int take(struct spend *p, int req, double price)
{
    if (p->stopped)
        return 0;
    if (track_budget_fits(p->req, p->cap_req, p->usd, p->cap_usd, req,
                          price >= 0 ? price / 1000 : -1)) {
        p->req += req;
        if (price > 0)
            p->usd += req * price / 1000;
        return 1;
    }
    p->usd_cap_hit = p->cap_req < 0 || p->req + req <= p->cap_req;
    p->stopped = 1;
    return 0;
}

/* The members of group g its sites' caps let through (keep[i] set);
 * their number, or -1 on a store error. */
static int admit_sites(store *st, const struct config *cfg, const struct model_keyword *kws,
                       const struct track_share *sh, size_t g, time_t now, double price,
                       enum engine_provider e, struct spends *sp, unsigned char *keep)
{
    int kept = 0;
    for (size_t i = sh->start[g]; i < sh->start[g + 1]; i++) {
        const struct model_keyword *k = &kws[sh->member[i]];
        keep[i] = 1;
        if (!k->site) {
            kept++;
            continue;
        }
        int fresh;
        struct spend *p = spend_of(sp, cfg, k->site, 1, &fresh);
        if (p->cap_req < 0 && p->cap_usd < 0) {
            kept++;
            continue;
        }
        if (fresh && site_today(st, cfg, k->site, now, p) != 0)
            return -1;
        if (take(p, max_requests(k, e), price)) {
            kept++;
            continue;
        }
        keep[i] = 0;
        p->left++;
    }
    return kept;
}

/* A member its site let through but its provider did not: the site's
 * count of it is taken back (it is not fetched). */
static void give_back(struct spends *sp, const struct config *cfg, const struct model_keyword *k,
                      enum engine_provider e, double price)
{
    int fresh;
    if (!k->site)
        return;
    struct spend *p = spend_of(sp, cfg, k->site, 1, &fresh);
    if (p->cap_req < 0 && p->cap_usd < 0)
        return;
    int req = max_requests(k, e);
    p->req -= req;
    if (price > 0)
        p->usd -= req * price / 1000;
}

long long track_budget_admit(store *st, const struct config *cfg, const struct model_keyword *kws,
                             const struct track_share *sh, time_t now, unsigned char *keep,
                             const struct track_sink *sink, struct track_stats *s)
{
    struct spends sp = {0};
    struct store_usage *u = NULL;
    size_t nu = 0;
    int loaded = 0, capped = 0, rc = 0;
    long long admitted = 0;
    for (size_t g = 0; g < sh->n_lead && rc == 0; g++) {
        const struct model_keyword *k = &sh->lead[g];
        enum engine_provider e = engine_provider_for(cfg, k->engine);
        const char *name = engine_provider_name(e);
        double price = engine_cost_per_1000(cfg, name, k->engine);
        int kept = admit_sites(st, cfg, kws, sh, g, now, price, e, &sp, keep);
        if (kept < 0) {
            rc = -1;
            break;
        }
        int fresh, req = max_requests(k, e);
        struct spend *p = spend_of(&sp, cfg, name, 0, &fresh);
        if (fresh && p->cap_usd >= 0 && price < 0 && p->cap_req < 0)
            track_say(sink, TRACK_WARN,
                      "[budget] usd_per_day for %s cannot apply: no price is configured "
                      "(cost_per_1000)",
                      name);
        if (kept == 0)
            continue;
        if (p->cap_req < 0 && p->cap_usd < 0) {
            admitted += req;
            continue;
        }
        capped = 1;
        if (fresh) { /* today's spend, on first use */
            if (!loaded && store_usage_list(st, util_day_start(now), &u, &nu) != 0) {
                rc = -1;
                break;
            }
            loaded = 1;
            provider_today(p, cfg, u, nu);
        }
        if (take(p, req, price)) {
            admitted += req;
            continue;
        }
        for (size_t i = sh->start[g]; i < sh->start[g + 1]; i++)
            if (keep[i]) {
                keep[i] = 0;
                p->left++;
                give_back(&sp, cfg, &kws[sh->member[i]], e, price);
            }
    }
    store_usage_free_list(u, nu);
    for (size_t i = 0; i < sp.n && rc == 0; i++) {
        if (sp.v[i].cap_req >= 0 || sp.v[i].cap_usd >= 0)
            capped = 1;
        if (sp.v[i].stopped && record_stop(st, now, &sp.v[i], s) != 0)
            rc = -1;
    }
    free(sp.v);
    if (rc != 0)
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
