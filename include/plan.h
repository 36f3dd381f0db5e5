/* plan.h - what tracking will cost before anything is spent: requests and
 * money per provider (and engine), per site and per grid, computed from
 * the keywords, sites and grids read from the store. Pure computation: no
 * store, nothing printed (src/cmd/plan.c prints).
 *
 * Ownership: a struct plan owns everything it points to except the
 * provider names (static) and the strings borrowed from the lists it was
 * computed from (queries and sites of grids: keep those lists alive while
 * the plan is used); plan_release() frees it. */
#ifndef SERPTRACK_PLAN_H
#define SERPTRACK_PLAN_H

#include <stddef.h>

#include "config.h"
#include "model.h"

#define PLAN_DAYS_DEFAULT 30
#define PLAN_MONTH_DAYS 30 /* what "a month" means in every per-month figure */

/* What one grid costs at its schedule. */
struct plan_grid_cost {
    long long points, requests_per_scan;
    double scans_per_month, requests_per_month;
    double cost_per_scan, cost_per_month; /* < 0: no price configured */
    const char *provider;                 /* static */
};
/* Fills *out for grid g: one request (one page) per point (grid_point_count)
 * per scan, scans
 * per month from its schedule (daily when the schedule is unusable), the
 * price of the provider configured for its engine. */
void plan_grid_cost(const struct config *cfg, const struct model_grid *g, struct plan_grid_cost *out);
/* One line for people: "49 points: 49 requests per scan (serp-api, $0.49),
 * 30 scans a month: 1470 requests, $14.70 a month" (or "... no price set
 * for serp-api: set [provider.serp-api] cost_per_1000"). Newly allocated
 * (the caller frees it). */
char *plan_grid_cost_line(const struct plan_grid_cost *c);

/* Requests of one provider and engine. cost_per_day < 0: no price. */
struct plan_provider {
    const char *provider; /* static */
    enum serp_engine engine;
    double requests_per_day;
    double units_per_day; /* what they are billed, in base-price units */
    double cost_per_day;
};

/* A site's share: a fetch shared by n sites counts 1/n to each. */
struct plan_site {
    char *site;                 /* owned; NULL = keywords of no site */
    double requests_per_day;
    double cost_per_day;        /* of its priced requests */
    double unpriced_per_day;    /* its requests without a price */
};

struct plan_grid {
    long long id;
    const char *query, *site;   /* borrowed from the grid list */
    struct plan_grid_cost cost;
};

struct plan {
    int days;                   /* the period "per period" figures scale to */
    int smart_depth;            /* 1: keyword requests are "at most" */
    double requests_per_day;
    double cost_per_day;        /* of the priced requests */
    double unpriced_per_day;    /* requests without a price */
    long long fetches;          /* distinct keyword fetches (shared ones once) */
    long long keywords;         /* active keywords counted */
    struct plan_provider *providers; /* by provider, then engine; owned */
    size_t n_providers;
    struct plan_site *sites;    /* by domain, no-site last; owned */
    size_t n_sites;
    struct plan_grid *grids;    /* active grids, by id; owned */
    size_t n_grids;
};

/* Computes the plan for `days` days of the active keywords (not paused,
 * site not paused: kws[i].paused == 0) and the active grids (not paused,
 * site not in sites as paused). One fetch per (query, engine, location,
 * device) serves every keyword sharing it: it costs the pages of the
 * deepest of them at the most frequent schedule, and its requests are
 * split evenly between the sites tracking it. Returns 0 (fills *out). */
int plan_compute(const struct config *cfg, const struct model_keyword *kws, size_t nk,
                 const struct model_site *sites, size_t ns, const struct model_grid *grids,
                 size_t ng, int days, struct plan *out);
void plan_release(struct plan *p);

#endif
