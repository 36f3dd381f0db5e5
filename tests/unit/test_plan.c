/* test_plan.c - the cost plan (src/plan): pages per check from depth and
 * page size, checks a day from schedules, a fetch shared by sites counted
 * once and split between them, paused keywords and sites free, grids one
 * request per point per scan, and a missing price never a cost of 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "plan.h"
#include "util.h"

static void load(struct config *cfg, const char *text)
{
    config_defaults(cfg);
    assert_int_equal(config_parse(cfg, text, strlen(text), "test.conf"), 0);
}

static struct model_keyword kw(const char *q, const char *site, int depth, const char *schedule)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.query = (char *)q;
    k.engine = SERP_GOOGLE;
    k.location = (char *)"Austin,Texas,United States";
    k.device = (char *)"desktop";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.depth = depth;
    k.site = (char *)site;
    k.schedule = (char *)schedule;
    return k;
}

static struct model_grid grid(long long id, const char *site, int size, enum model_grid_shape shape,
                              const char *schedule)
{
    struct model_grid g;
    memset(&g, 0, sizeof g);
    g.id = id;
    g.query = (char *)"plumber <near> me";
    g.site = (char *)site;
    g.engine = SERP_GOOGLE;
    g.size = size;
    g.shape = shape;
    g.schedule = (char *)schedule;
    return g;
}

static const struct plan_site *site_of(const struct plan *p, const char *site)
{
    for (size_t i = 0; i < p->n_sites; i++)
        if (p->sites[i].site && strcmp(p->sites[i].site, site) == 0)
            return &p->sites[i];
    fail_msg("no site %s in the plan", site);
    return NULL;
}

/* Depth over the engine's page size, rounded up, times checks a day. */
static void test_pages_and_schedules(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[provider.direct]\ncost_per_1000 = 2\n");
    int ps = engine_page_size(SERP_GOOGLE);
    struct model_keyword k[] = {
        kw("a", "a.com", 30, "daily"),
        kw("b", "a.com", 31, "12h"),
        kw("c", "a.com", 10, "weekly"),
    };
    struct plan p;
    assert_int_equal(plan_compute(&cfg, k, 3, NULL, 0, NULL, 0, 7, &p), 0);
    double want = (30 + ps - 1) / ps + 2.0 * ((31 + ps - 1) / ps) + ((10 + ps - 1) / ps) / 7.0;
    assert_float_equal(p.requests_per_day, want, 1e-9);
    assert_int_equal(p.fetches, 3);
    assert_int_equal(p.days, 7);
    assert_int_equal(p.n_providers, 1);
    assert_string_equal(p.providers[0].provider, "direct");
    assert_float_equal(p.providers[0].cost_per_day, want * 2 / 1000, 1e-12);
    assert_float_equal(p.cost_per_day, want * 2 / 1000, 1e-12);
    assert_float_equal(p.unpriced_per_day, 0, 1e-12);
    plan_release(&p);
    config_release(&cfg);
}

/* Two sites tracking one (query, engine, location, device): one fetch, at
 * the deeper depth and the more frequent schedule, split evenly. */
static void test_shared_fetch(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "");
    int ps = engine_page_size(SERP_GOOGLE);
    struct model_keyword k[] = {
        kw("plumber", "b.com", 10, "weekly"),
        kw("plumber", "a.com", 3 * ps, "daily"),
        kw("other", "a.com", ps, "daily"),
    };
    k[2].device = (char *)"mobile";
    struct plan p;
    plan_compute(&cfg, k, 3, NULL, 0, NULL, 0, 30, &p);
    assert_int_equal(p.fetches, 2);
    assert_int_equal(p.keywords, 3);
    assert_float_equal(p.requests_per_day, 3 + 1, 1e-9);
    assert_int_equal(p.n_sites, 2);
    assert_float_equal(site_of(&p, "a.com")->requests_per_day, 1.5 + 1, 1e-9);
    assert_float_equal(site_of(&p, "b.com")->requests_per_day, 1.5, 1e-9);
    /* no price: counted apart, never as 0 */
    assert_true(p.providers[0].cost_per_day < 0);
    assert_float_equal(p.unpriced_per_day, 4, 1e-9);
    assert_float_equal(site_of(&p, "a.com")->unpriced_per_day, 2.5, 1e-9);
    plan_release(&p);
    config_release(&cfg);
}

static void test_paused(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "");
    struct model_keyword k[] = {kw("a", "a.com", 10, "daily"), kw("b", "a.com", 10, "daily"),
                                kw("c", "p.com", 10, "daily")};
    k[1].paused = 1;
    struct model_site s[2];
    memset(s, 0, sizeof s);
    s[0].domain = (char *)"a.com";
    s[1].domain = (char *)"p.com";
    s[1].paused = 1;
    struct model_grid g[] = {grid(1, "a.com", 3, MODEL_GRID_SQUARE, "daily"),
                             grid(2, "a.com", 3, MODEL_GRID_SQUARE, "daily"),
                             grid(3, "p.com", 3, MODEL_GRID_SQUARE, "daily")};
    g[1].paused = 1;
    struct plan p;
    plan_compute(&cfg, k, 3, s, 2, g, 3, 30, &p);
    assert_int_equal(p.keywords, 1);
    assert_int_equal(p.n_grids, 1);
    assert_int_equal(p.grids[0].id, 1);
    assert_int_equal(p.n_sites, 1);
    assert_float_equal(p.requests_per_day, 1 + 9, 1e-9);
    plan_release(&p);
    config_release(&cfg);
}

static void test_grid_cost(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.google]\nprovider = serp-api\n[provider.serp-api]\ncost_per_1000 = 10\n");
    struct model_grid g = grid(4, "a.com", 7, MODEL_GRID_SQUARE, "daily");
    struct plan_grid_cost c;
    plan_grid_cost(&cfg, &g, &c);
    assert_int_equal(c.points, 49);
    assert_int_equal(c.requests_per_scan, 49);
    assert_float_equal(c.scans_per_month, 30, 1e-9);
    assert_float_equal(c.requests_per_month, 1470, 1e-9);
    assert_float_equal(c.cost_per_scan, 0.49, 1e-9);
    assert_float_equal(c.cost_per_month, 14.70, 1e-9);
    char *line = plan_grid_cost_line(&c);
    assert_string_equal(line, "49 points: 49 requests per scan (serp-api, $0.49), 30 scans a month: "
                              "1470 requests, $14.70 a month");
    free(line);

    g.shape = MODEL_GRID_HEX;
    g.schedule = (char *)"weekly";
    plan_grid_cost(&cfg, &g, &c);
    assert_int_equal(c.points, 37);
    assert_float_equal(c.scans_per_month, 30.0 / 7, 1e-9);

    /* in the plan: its requests go to its provider and its site */
    struct plan p;
    plan_compute(&cfg, NULL, 0, NULL, 0, &g, 1, 30, &p);
    assert_int_equal(p.n_grids, 1);
    assert_float_equal(p.requests_per_day, 37.0 / 7, 1e-9);
    assert_string_equal(p.providers[0].provider, "serp-api");
    assert_float_equal(site_of(&p, "a.com")->cost_per_day, 37.0 / 7 * 10 / 1000, 1e-12);
    plan_release(&p);
    config_release(&cfg);

    /* no price: said, never $0.00 */
    load(&cfg, "[engine.google]\nprovider = fetch-api\n");
    g = grid(4, "a.com", 3, MODEL_GRID_SQUARE, "daily");
    plan_grid_cost(&cfg, &g, &c);
    assert_true(c.cost_per_scan < 0 && c.cost_per_month < 0);
    line = plan_grid_cost_line(&c);
    assert_non_null(strstr(line, "no price set for fetch-api: set [provider.fetch-api] cost_per_1000"));
    assert_null(strstr(line, "$"));
    free(line);
    config_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_and_schedules),
        cmocka_unit_test(test_shared_fetch), cmocka_unit_test(test_paused),
        cmocka_unit_test(test_grid_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
