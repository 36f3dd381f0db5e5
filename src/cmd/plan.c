/* plan.c - `serptrack plan [--days N]`: what the active keywords and grids
 * will cost per day and per period, per provider and engine, per site and
 * per grid, before anything is fetched. The sums are src/plan/'s; this file
 * reads the store and prints. A pair with no price prints "no price set"
 * (null in JSON), never a cost of 0. */
#include <errno.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "engine.h"
#include "opt.h"
#include "plan.h"
#include "util.h"

enum { C_SCOPE, C_NAME, C_ENGINE, C_REQ_DAY, C_REQ_PERIOD, C_COST_DAY, C_COST_PERIOD };

static void cost_cell(struct out_table *t, int col, double cost)
{
    if (cost < 0) {
        out_null(t, col);
        out_display(t, col, "no price set");
        return;
    }
    out_real(t, col, cost);
    char buf[48];
    snprintf(buf, sizeof buf, "$%.2f", cost);
    out_display(t, col, buf);
}

static void row(struct out_table *t, const char *scope, const char *name, const char *engine,
                double req_day, double cost_day, int days)
{
    out_row(t);
    out_str(t, C_SCOPE, scope);
    out_str(t, C_NAME, name);
    out_str(t, C_ENGINE, engine);
    out_real(t, C_REQ_DAY, req_day);
    out_real(t, C_REQ_PERIOD, req_day * days);
    cost_cell(t, C_COST_DAY, cost_day);
    cost_cell(t, C_COST_PERIOD, cost_day < 0 ? -1 : cost_day * days);
}

/* A site's cost: null when none of its requests has a price. */
static double site_cost(const struct plan_site *s)
{
    return s->unpriced_per_day > 0 && s->cost_per_day == 0 ? -1 : s->cost_per_day;
}

static double total_cost(const struct plan *p)
{
    return p->unpriced_per_day > 0 && p->cost_per_day == 0 ? -1 : p->cost_per_day;
}

static void fill_table(struct out_table *t, const struct plan *p)
{
    for (size_t i = 0; i < p->n_providers; i++) {
        const struct plan_provider *v = &p->providers[i];
        row(t, "provider", v->provider, serp_engine_name(v->engine), v->requests_per_day,
            v->cost_per_day, p->days);
    }
    for (size_t i = 0; i < p->n_sites; i++) {
        const struct plan_site *s = &p->sites[i];
        row(t, "site", s->site ? s->site : "(no site)", NULL, s->requests_per_day, site_cost(s),
            p->days);
    }
    for (size_t i = 0; i < p->n_grids; i++) {
        const struct plan_grid *g = &p->grids[i];
        char name[32];
        snprintf(name, sizeof name, "grid %lld", g->id);
        double cost = g->cost.cost_per_month < 0 ? -1 : g->cost.cost_per_month / PLAN_MONTH_DAYS;
        row(t, "grid", name, NULL, g->cost.requests_per_month / PLAN_MONTH_DAYS, cost, p->days);
    }
    row(t, "total", NULL, NULL, p->requests_per_day, total_cost(p), p->days);
}

static json_t *money(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

static json_t *plan_json(const struct plan *p)
{
    json_t *j = json_object(), *prov = json_array(), *sites = json_array(), *grids = json_array();
    double cost = total_cost(p);
    json_object_set_new(j, "days", json_integer(p->days));
    json_object_set_new(j, "requests_per_day", json_real(p->requests_per_day));
    json_object_set_new(j, "cost_per_day", money(cost));
    json_object_set_new(j, "cost_per_month", money(cost < 0 ? -1 : cost * PLAN_MONTH_DAYS));
    json_object_set_new(j, "requests_per_period", json_real(p->requests_per_day * p->days));
    json_object_set_new(j, "cost_per_period", money(cost < 0 ? -1 : cost * p->days));
    json_object_set_new(j, "unpriced_requests_per_day", json_real(p->unpriced_per_day));
    json_object_set_new(j, "smart_depth", json_boolean(p->smart_depth));
    for (size_t i = 0; i < p->n_providers; i++) {
        const struct plan_provider *v = &p->providers[i];
        json_array_append_new(
            prov, json_pack("{s:s, s:s, s:f, s:o}", "provider", v->provider, "engine",
                            serp_engine_name(v->engine), "requests_per_day", v->requests_per_day,
                            "cost_per_month",
                            money(v->cost_per_day < 0 ? -1 : v->cost_per_day * PLAN_MONTH_DAYS)));
    }
    for (size_t i = 0; i < p->n_sites; i++) {
        const struct plan_site *s = &p->sites[i];
        double c = site_cost(s);
        json_array_append_new(sites, json_pack("{s:o, s:f, s:o}", "site",
                                               s->site ? json_string(s->site) : json_null(),
                                               "requests_per_day", s->requests_per_day,
                                               "cost_per_month",
                                               money(c < 0 ? -1 : c * PLAN_MONTH_DAYS)));
    }
    for (size_t i = 0; i < p->n_grids; i++) {
        const struct plan_grid *g = &p->grids[i];
        /* json_string would drop a query that is not UTF-8 (the store
         * refuses those, but a null is better than a missing key) */
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(g->id));
        json_object_set_new(o, "query", g->query ? json_string(g->query) : json_null());
        json_object_set_new(o, "site", g->site ? json_string(g->site) : json_null());
        json_object_set_new(o, "provider", json_string(g->cost.provider));
        json_object_set_new(o, "points", json_integer(g->cost.points));
        json_object_set_new(o, "requests_per_scan", json_integer(g->cost.requests_per_scan));
        json_object_set_new(o, "cost_per_scan", money(g->cost.cost_per_scan));
        json_object_set_new(o, "scans_per_month", json_real(g->cost.scans_per_month));
        json_object_set_new(o, "cost_per_month", money(g->cost.cost_per_month));
        json_array_append_new(grids, o);
    }
    json_object_set_new(j, "by_provider", prov);
    json_object_set_new(j, "by_site", sites);
    json_object_set_new(j, "grids", grids);
    return j;
}

/* The lines under the table: totals, what "at most" and a missing price mean. */
static void notes(const struct plan *p)
{
    double cost = total_cost(p);
    printf("total: %.1f requests a day, %.0f in %d days", p->requests_per_day,
           p->requests_per_day * p->days, p->days);
    if (cost >= 0)
        printf(", $%.2f ($%.2f a month)", cost * p->days, cost * PLAN_MONTH_DAYS);
    else
        printf(", no price set");
    putchar('\n');
    printf("%lld active keyword%s in %lld fetch%s (one fetch serves every site tracking the same "
           "query, engine, location and device; its requests are split evenly between them), "
           "%zu grid%s\n",
           p->keywords, p->keywords == 1 ? "" : "s", p->fetches, p->fetches == 1 ? "" : "es",
           p->n_grids, p->n_grids == 1 ? "" : "s");
    if (p->smart_depth)
        printf("note: depth_mode = smart: keyword requests are at most these (a check stops at "
               "the page the site is on)\n");
    if (p->unpriced_per_day > 0) {
        printf("note: no price set for");
        const char *sep = " ";
        for (size_t i = 0; i < p->n_providers; i++)
            if (p->providers[i].cost_per_day < 0) {
                printf("%s%s/%s", sep, p->providers[i].provider,
                       serp_engine_name(p->providers[i].engine));
                sep = ", ";
            }
        printf(" (%.0f requests a day not counted in the cost); set [provider.NAME] "
               "cost_per_1000 or cost_per_1000.ENGINE\n",
               p->unpriced_per_day);
    }
}

static int print_plan(const struct plan *p, enum out_format fmt)
{
    if (fmt == OUT_JSON) {
        json_t *j = plan_json(p);
        int rc = EXIT_OK;
        if (json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
            fputc('\n', stdout) == EOF || fflush(stdout) != 0) {
            error("plan: cannot write output: %s", strerror(errno ? errno : EIO));
            rc = EXIT_FAIL;
        }
        json_decref(j);
        return rc;
    }
    struct out_col cols[] = {
        {.key = "scope"},
        {.key = "name"},
        {.key = "engine"},
        {.key = "requests_per_day", .title = "requests/day", .right = 1, .decimals = 1},
        {.key = "requests_per_period", .title = "requests/period", .right = 1, .decimals = 0},
        {.key = "cost_per_day", .title = "USD/day", .right = 1, .decimals = 4},
        {.key = "cost_per_period", .title = "USD/period", .right = 1, .decimals = 2},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    fill_table(&t, p);
    int rc = cmd_output("plan", &t, fmt);
    if (rc == EXIT_OK && fmt == OUT_TABLE)
        notes(p);
    out_release(&t);
    return rc;
}

int cmd_plan(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *format = NULL;
    long long days = PLAN_DAYS_DEFAULT;
    struct opt opts[] = {
        OPT_INT("days", &days, "N", "the period to cost (default 30)", 1, 3660),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    int n = opt_parse("plan", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("plan: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("plan", format, &fmt) != 0)
        return EXIT_USAGE;
    struct store_kw_filter all = {0};
    struct model_keyword *kws = NULL;
    struct model_site *sites = NULL;
    struct model_grid *grids = NULL;
    size_t nk = 0, ns = 0, ng = 0;
    int rc = EXIT_FAIL;
    if (store_kw_list(ctx->st, &all, &kws, &nk) == 0 && store_site_list(ctx->st, &sites, &ns) == 0 &&
        store_grid_list(ctx->st, NULL, &grids, &ng) == 0) {
        struct plan p;
        plan_compute(&ctx->cfg, kws, nk, sites, ns, grids, ng, (int)days, &p);
        rc = print_plan(&p, fmt);
        plan_release(&p);
    } else {
        rc = cmd_store_fail(ctx);
    }
    model_grid_free_list(grids, ng);
    model_site_free_list(sites, ns);
    model_keyword_free_list(kws, nk);
    return rc;
}
