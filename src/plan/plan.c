/* plan.c - the cost of what is tracked, before anything is spent: pages
 * per check at each keyword's depth times checks a day from its schedule,
 * one fetch per (query, engine, location, device) shared by every site
 * tracking it, plus one request per grid point per scan. Priced per
 * provider and engine; an unpriced pair is counted apart, never as 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "grid.h"
#include "plan.h"
#include "util.h"

/* Checks a day at a schedule; an unusable one counts as daily, the store's
 * default, so the plan never says a tracked thing is free. */
static double per_day(const char *schedule)
{
    long long secs = model_schedule_secs(schedule);
    if (secs <= 0)
        secs = 86400;
    return 86400.0 / (double)secs;
}

static const char *provider_of(const struct config *cfg, enum serp_engine e)
{
    return engine_provider_name(engine_provider_for(cfg, e));
}

void plan_grid_cost(const struct config *cfg, const struct model_grid *g, struct plan_grid_cost *out)
{
    memset(out, 0, sizeof *out);
    out->provider = provider_of(cfg, g->engine);
    out->points = (long long)grid_point_count(g->size, g->shape);
    out->requests_per_scan = out->points; /* one page per point */
    out->scans_per_month = per_day(g->schedule) * PLAN_MONTH_DAYS;
    out->requests_per_month = (double)out->requests_per_scan * out->scans_per_month;
    double price = engine_cost_per_1000(cfg, out->provider, g->engine);
    if (price < 0) {
        out->cost_per_scan = out->cost_per_month = -1;
    } else {
        out->cost_per_scan = price * (double)out->requests_per_scan / 1000;
        out->cost_per_month = price * out->requests_per_month / 1000;
    }
}

/* "30", "4.3": whole numbers without decimals, others with one. */
static void add_count(strbuf *sb, double v)
{
    if (fabs(v - round(v)) < 1e-9)
        sb_addf(sb, "%.0f", v);
    else
        sb_addf(sb, "%.1f", v);
}

char *plan_grid_cost_line(const struct plan_grid_cost *c)
{
    strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "%lld point%s: %lld request%s per scan (%s", c->points, c->points == 1 ? "" : "s",
            c->requests_per_scan, c->requests_per_scan == 1 ? "" : "s", c->provider);
    if (c->cost_per_scan >= 0)
        sb_addf(&sb, ", $%.2f", c->cost_per_scan);
    sb_adds(&sb, "), ");
    add_count(&sb, c->scans_per_month);
    sb_addf(&sb, " scan%s a month: ", c->scans_per_month == 1 ? "" : "s");
    add_count(&sb, c->requests_per_month);
    sb_adds(&sb, " requests");
    if (c->cost_per_month >= 0)
        sb_addf(&sb, ", $%.2f a month", c->cost_per_month);
    else
        sb_addf(&sb, " a month, no price set for %s: set [provider.%s] cost_per_1000", c->provider,
                c->provider);
    return sb_detach(&sb);
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* The fetch a keyword needs: equal keys share one fetch. */
static int cmp_fetch(const struct model_keyword *a, const struct model_keyword *b)
{
    int c = cmp_str(a->query, b->query);
    if (!c)
        c = (int)a->engine - (int)b->engine;
    if (!c)
        c = cmp_str(a->location, b->location);
    if (!c)
        c = cmp_str(a->device, b->device);
    return c;
}

static int cmp_kw(const void *x, const void *y)
{
    const struct model_keyword *a = *(const struct model_keyword *const *)x;
    const struct model_keyword *b = *(const struct model_keyword *const *)y;
    int c = cmp_fetch(a, b);
    return c ? c : cmp_str(a->site, b->site);
}

/* req requests a day billed as units (plan_provider.units_per_day). */
static void add_provider(struct plan *p, const struct config *cfg, enum serp_engine e, double req,
                         double units)
{
    const char *name = provider_of(cfg, e);
    size_t i;
    for (i = 0; i < p->n_providers; i++)
        if (strcmp(p->providers[i].provider, name) == 0 && p->providers[i].engine == e)
            break;
    if (i == p->n_providers) {
        p->providers = xrealloc(p->providers, (p->n_providers + 1) * sizeof *p->providers);
        p->providers[i] = (struct plan_provider){.provider = name, .engine = e};
        p->n_providers++;
    }
    p->providers[i].requests_per_day += req;
    p->providers[i].units_per_day += units;
}

static void add_site(struct plan *p, const char *site, double req, double units, double price)
{
    size_t i;
    for (i = 0; i < p->n_sites; i++)
        if ((site == NULL) == (p->sites[i].site == NULL) && cmp_str(site, p->sites[i].site) == 0)
            break;
    if (i == p->n_sites) {
        p->sites = xrealloc(p->sites, (p->n_sites + 1) * sizeof *p->sites);
        p->sites[i] = (struct plan_site){.site = xstrdup(site)};
        p->n_sites++;
    }
    p->sites[i].requests_per_day += req;
    if (price < 0)
        p->sites[i].unpriced_per_day += req;
    else
        p->sites[i].cost_per_day += price * units / 1000;
}

/* One group of keywords sharing a fetch: v[0..n), sorted by site. */
static void add_fetch(struct plan *p, const struct config *cfg, const struct model_keyword *const *v,
                      size_t n)
{
    int page_size = engine_page_size(v[0]->engine);
    if (page_size <= 0)
        page_size = 10;
    int pages = 0;
    double checks = 0;
    size_t n_sites = 0;
    for (size_t i = 0; i < n; i++) {
        int pg = (v[i]->depth + page_size - 1) / page_size;
        if (pg > pages)
            pages = pg;
        if (per_day(v[i]->schedule) > checks)
            checks = per_day(v[i]->schedule);
        if (i == 0 || cmp_str(v[i]->site, v[i - 1]->site) != 0)
            n_sites++;
    }
    if (pages < 1)
        pages = 1;
    /* A provider that answers the whole depth at once takes one request a
     * check and bills its further pages at a fraction of the first. */
    const struct engine_provider_desc *pd =
        engine_provider_get(cfg->engine[v[0]->engine].provider);
    double req = pd->whole_depth ? checks : pages * checks;
    double units = req;
    if (pd->whole_depth && pd->next_page_factor > 0)
        units = checks * (1 + pd->next_page_factor * (pages - 1));
    double price = engine_cost_per_1000(cfg, provider_of(cfg, v[0]->engine), v[0]->engine);
    add_provider(p, cfg, v[0]->engine, req, units);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || cmp_str(v[i]->site, v[i - 1]->site) != 0)
            add_site(p, v[i]->site, req / (double)n_sites, units / (double)n_sites, price);
    p->fetches++;
    p->keywords += (long long)n;
}

static int site_paused(const struct model_site *sites, size_t ns, const char *domain)
{
    for (size_t i = 0; i < ns; i++)
        if (cmp_str(sites[i].domain, domain) == 0)
            return sites[i].paused > 0;
    return 0;
}

static void add_grids(struct plan *p, const struct config *cfg, const struct model_site *sites,
                      size_t ns, const struct model_grid *grids, size_t ng)
{
    p->grids = xcalloc(ng ? ng : 1, sizeof *p->grids);
    for (size_t i = 0; i < ng; i++) {
        const struct model_grid *g = &grids[i];
        if (g->paused || site_paused(sites, ns, g->site))
            continue;
        struct plan_grid *pg = &p->grids[p->n_grids++];
        pg->id = g->id;
        pg->query = g->query;
        pg->site = g->site;
        plan_grid_cost(cfg, g, &pg->cost);
        double req = pg->cost.requests_per_month / PLAN_MONTH_DAYS;
        add_provider(p, cfg, g->engine, req, req);
        add_site(p, g->site, req, req, engine_cost_per_1000(cfg, pg->cost.provider, g->engine));
    }
}

static int cmp_provider(const void *x, const void *y)
{
    const struct plan_provider *a = x, *b = y;
    int c = strcmp(a->provider, b->provider);
    return c ? c : (int)a->engine - (int)b->engine;
}

static int cmp_site(const void *x, const void *y)
{
    const struct plan_site *a = x, *b = y;
    if (!a->site || !b->site)
        return (a->site == NULL) - (b->site == NULL);
    return strcmp(a->site, b->site);
}

int plan_compute(const struct config *cfg, const struct model_keyword *kws, size_t nk,
                 const struct model_site *sites, size_t ns, const struct model_grid *grids,
                 size_t ng, int days, struct plan *out)
{
    memset(out, 0, sizeof *out);
    out->days = days > 0 ? days : PLAN_DAYS_DEFAULT;
    out->smart_depth = cfg->crawl.smart_depth;
    const struct model_keyword **v = xcalloc(nk ? nk : 1, sizeof(const struct model_keyword *));
    size_t n = 0;
    for (size_t i = 0; i < nk; i++)
        if (!kws[i].paused && !site_paused(sites, ns, kws[i].site))
            v[n++] = &kws[i];
    qsort(v, n, sizeof(const struct model_keyword *), cmp_kw);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && cmp_fetch(v[i], v[j]) == 0; j++)
            ;
        add_fetch(out, cfg, v + i, j - i);
    }
    free(v);
    add_grids(out, cfg, sites, ns, grids, ng);
    qsort(out->providers, out->n_providers, sizeof *out->providers, cmp_provider);
    qsort(out->sites, out->n_sites, sizeof *out->sites, cmp_site);
    for (size_t i = 0; i < out->n_providers; i++) {
        struct plan_provider *pp = &out->providers[i];
        double price = engine_cost_per_1000(cfg, pp->provider, pp->engine);
        out->requests_per_day += pp->requests_per_day;
        if (price < 0) {
            pp->cost_per_day = -1;
            out->unpriced_per_day += pp->requests_per_day;
        } else {
            pp->cost_per_day = price * pp->units_per_day / 1000;
            out->cost_per_day += pp->cost_per_day;
        }
    }
    return 0;
}

void plan_release(struct plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_sites; i++)
        free(p->sites[i].site);
    free(p->sites);
    free(p->providers);
    free(p->grids);
    memset(p, 0, sizeof *p);
}
