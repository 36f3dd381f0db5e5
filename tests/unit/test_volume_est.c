/* test_volume_est.c - volume estimates per keyword pattern (volest.c, with
 * a pattern file written here and with the shipped keywords/ data), the
 * pattern file's errors, and the opportunity score's competition factors
 * (score.c): reach, pack and ads discounts, domain diversity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "ctr.h"
#include "research.h"
#include "util.h"

#include "fixture.h"

static const char niches_csv[] =
    "niche,services,lead_value_low,lead_value_high,searches_per_1000\n"
    "plumbing,plumber|plumbing|drain cleaning|water heater repair,40,120,3.0\n"
    "roofing,roofer|roof repair,100,350,0.8\n";

static const char cities_csv[] = "name,state,state_code,population,lat,lon\n"
                                 "Austin,Texas,TX,1000000,30.3005,-97.7522\n"
                                 "Round Rock,Texas,TX,100000,30.5083,-97.6789\n"
                                 "Georgetown,Texas,TX,50000,30.6327,-97.6772\n"
                                 "Georgetown,Kentucky,KY,30000,38.2098,-84.5588\n";

static const char pats_csv[] = "pattern,match,share,basis\n"
                               "head,{service} {city},1.0,definition\n"
                               "city state,{city} {st},0.1,x\n"
                               "secondary service,{service2},0.3,x\n"
                               "near me,near me,1.5,x\n"
                               "city near me,{city} near me,0.03,x\n"
                               "emergency,emergency,0.12,x\n"
                               "24 hour,24 hour|24/7,0.06,x\n"
                               "repair,repair|repairs,0.15,x\n"
                               "top rated,top rated|top,0.03,x\n"
                               "cost,cost|how much,0.08,x\n"
                               "other words,{other},0.05,x\n";

static const char dirs_txt[] = "yelp.com directory\nangi.com aggregator\nreddit.com forum\n";

static void load(struct research_data *d)
{
    memset(d, 0, sizeof(*d));
    assert_int_equal(research_niches_parse(d, niches_csv, strlen(niches_csv), "niches"), 0);
    assert_int_equal(research_cities_parse(d, cities_csv, strlen(cities_csv), "cities"), 0);
    assert_int_equal(research_volpat_parse(d, pats_csv, strlen(pats_csv), "pats"), 0);
    assert_int_equal(research_dirs_parse(d, dirs_txt, strlen(dirs_txt), "dirs"), 0);
}

static double share_named(const struct research_data *d, const char *name)
{
    for (size_t i = 0; i < d->n_pats; i++)
        if (strcmp(d->pats[i].name, name) == 0)
            return d->pats[i].share;
    fail_msg("no pattern '%s'", name);
    return 0;
}

static long long est(const struct research_data *d, const char *q, const struct research_city *loc,
                     struct research_volume_est *e)
{
    assert_int_equal(research_volume_estimate(d, &d->niches[0], loc, q, e), 1);
    return e->volume;
}

static void test_head_and_long_tail(void **state)
{
    (void)state;
    struct research_data d;
    load(&d);
    const struct research_city *austin = &d.cities[0];
    struct research_volume_est e;
    /* head: population x searches_per_1000 / 1000, both word orders */
    long long head = est(&d, "plumber austin", austin, &e);
    assert_int_equal(head, llround(1000000 * 3.0 / 1000));
    assert_string_equal(e.pattern, "head");
    assert_true(e.share == 1.0 && e.rate == 3.0);
    assert_int_equal(est(&d, "Austin  Plumber", austin, &e), head);
    assert_int_equal(est(&d, "plumber in austin", austin, &e), head); /* "in" is a filler */
    /* every long-tail form gets less than the head, by its own share */
    static const char *const tail[] = {"emergency plumber austin", "plumber in austin tx",
                                       "drain cleaning austin", "plumber austin cost",
                                       "top rated plumber austin", "plumber austin salary",
                                       "24/7 plumber austin", "plumber austin near me"};
    static const char *const why[] = {"emergency", "city state", "secondary service", "cost",
                                      "top rated", "other words", "24 hour", "city near me"};
    for (size_t i = 0; i < ARRAY_SIZE(tail); i++) {
        long long v = est(&d, tail[i], austin, &e);
        assert_true(v < head);
        assert_string_equal(e.pattern, why[i]);
        assert_int_equal(v, llround(1000000 * 3.0 * share_named(&d, why[i]) / 1000));
    }
    /* combinations multiply; one pattern counts once however many terms */
    long long two = est(&d, "emergency plumber austin cost", austin, &e);
    assert_int_equal(two, llround(3000 * share_named(&d, "emergency") * share_named(&d, "cost")));
    assert_string_equal(e.pattern, "emergency x cost");
    est(&d, "24 hour 24/7 plumber austin", austin, &e);
    assert_true(fabs(e.share - share_named(&d, "24 hour")) < 1e-12);
    /* "top rated" (two words) wins over "top" */
    est(&d, "top rated plumber austin", austin, &e);
    assert_string_equal(e.pattern, "top rated");
    /* "repair" inside the service term "water heater repair" is not the
     * repair modifier; after the head term it is */
    est(&d, "water heater repair austin", austin, &e);
    assert_string_equal(e.pattern, "secondary service");
    est(&d, "plumber austin repair", austin, &e);
    assert_string_equal(e.pattern, "repair");
    research_data_release(&d);
}

static void test_near_me_and_cities(void **state)
{
    (void)state;
    struct research_data d;
    load(&d);
    const struct research_city *austin = &d.cities[0], *rr = &d.cities[1];
    struct research_volume_est e;
    /* "near me": no city in the query, the location's population */
    long long nm = est(&d, "plumber near me", rr, &e);
    assert_string_equal(e.pattern, "near me");
    assert_ptr_equal(e.city, rr);
    assert_int_equal(nm, llround(100000 * 3.0 * share_named(&d, "near me") / 1000));
    /* without any city there is nothing to scale */
    assert_int_equal(research_volume_estimate(&d, &d.niches[0], NULL, "plumber near me", &e), 0);
    assert_int_equal(e.volume, -1);
    /* a query naming another city than the location is about that city */
    est(&d, "plumber round rock", austin, &e);
    assert_ptr_equal(e.city, rr);
    /* the state after the city; the largest city of the name otherwise */
    est(&d, "plumber georgetown tx", NULL, &e);
    assert_string_equal(e.pattern, "city state");
    assert_int_equal(e.population, 50000);
    est(&d, "plumber georgetown ky", NULL, &e);
    assert_string_equal(e.pattern, "city state");
    assert_int_equal(e.population, 30000);
    /* population scales the estimate: 10x the people, 10x the searches */
    long long big = est(&d, "emergency plumber austin", NULL, &e);
    long long small = est(&d, "emergency plumber round rock", NULL, &e);
    assert_int_equal(big, small * 10);
    /* no niche: the default rate */
    assert_int_equal(research_volume_estimate(&d, NULL, austin, "austin", &e), 1);
    assert_true(e.rate == RESEARCH_SEARCHES_PER_1000);
    research_data_release(&d);
}

static void test_pattern_file_errors(void **state)
{
    (void)state;
    struct research_data d;
    memset(&d, 0, sizeof(d));
    static const char *const bad[] = {
        "pattern,match\nx,y\n",                                  /* no share column */
        "pattern,match,share\nemergency,emergency,lots\n",       /* share not a number */
        "pattern,match,share\nemergency,emergency,-1\n",         /* share out of range */
        "pattern,match,share\nx,{county},0.1\n",                 /* unknown placeholder */
        "pattern,match,share\na,cost,0.1\nb,price|cost,0.1\n",   /* term twice */
        "pattern,match,share\na,near me,1\nb,near me,2\n",       /* placeholder twice */
        "pattern,match,share\n,cost,0.1\n",                      /* empty name */
        "",                                                      /* empty file */
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        assert_int_equal(research_volpat_parse(&d, bad[i], strlen(bad[i]), "p.csv"), -1);
        research_data_release(&d);
    }
    research_data_release(&d);
}

/* The shipped data: every pattern row parses, and the head of every niche
 * outranks its long tail in the biggest city. */
static void test_shipped_patterns(void **state)
{
    (void)state;
    struct research_data d;
    memset(&d, 0, sizeof(d));
    assert_int_equal(research_data_load(&d, "keywords", RESEARCH_NICHES | RESEARCH_CITIES |
                                                            RESEARCH_PATTERNS), 0);
    assert_true(d.n_pats >= 20);
    const struct research_city *c = &d.cities[0];
    for (size_t i = 0; i < d.n_niches; i++) {
        const struct research_niche *n = &d.niches[i];
        char *head = xasprintf("%s %s", n->services[0], c->norm);
        char *tail = xasprintf("emergency %s %s", n->services[0], c->norm);
        struct research_volume_est h, t;
        assert_int_equal(research_volume_estimate(&d, n, c, head, &h), 1);
        assert_int_equal(research_volume_estimate(&d, n, c, tail, &t), 1);
        assert_true(t.volume < h.volume);
        assert_true(fabs(h.rate - n->searches_per_1000) < 1e-9);
        free(head);
        free(tail);
    }
    research_data_release(&d);
}

static void add_org(struct serp_page *p, const char *domain)
{
    char *url = xasprintf("https://www.%s/x", domain);
    serp_add_organic(p, url, "t", NULL);
    free(url);
}

/* Domain diversity and the reachable position. */
static void test_competition_factors(void **state)
{
    (void)state;
    struct research_data d;
    load(&d);
    struct serp_page p;
    serp_page_init(&p);
    /* austinplumbing.com twice: one competitor; yelp, angi, reddit soft */
    static const char *const doms[] = {"austinplumbing.com", "yelp.com", "austinplumbing.com",
                                       "bestplumber.com", "angi.com", "reddit.com",
                                       "acme.com", "yelp.com", "foo.com", "bar.com"};
    for (size_t i = 0; i < ARRAY_SIZE(doms); i++)
        add_org(&p, doms[i]);
    struct research_competition c;
    research_competition_of(&d, &p, &d.niches[0], &d.cities[0], &c);
    assert_int_equal(c.n_organic, 10);
    assert_int_equal(c.domains, 8);     /* 10 slots, 2 repeated */
    assert_int_equal(c.strong, 5);      /* austinplumbing, bestplumber, acme, foo, bar */
    assert_int_equal(c.emd_domains, 1); /* austinplumbing, once */
    assert_int_equal(c.exact_match, 2); /* the slot count stays as analyze shows it */
    assert_int_equal(c.pmd_domains, 1); /* bestplumber */
    serp_page_release(&p);

    struct research_score s = {.volume = 1000, .target = 1, .lead_value = 80, .conversion = 0.05,
                               .serp_known = 1, .comp = c};
    research_score_compute(&s);
    double hard = RESEARCH_HARD_EMD * 1 + RESEARCH_HARD_PMD * 1 + RESEARCH_HARD_OTHER * 3;
    assert_true(fabs(s.hard - hard) < 1e-12);
    assert_int_equal(s.reach, 1 + (int)lround(hard));
    assert_true(s.pack_factor == 1.0 && s.ads_factor == 1.0); /* no pack, no ads */
    assert_true(fabs(s.ctr - ctr_at(s.reach)) < 1e-12);
    assert_true(fabs(s.score - 1000 * ctr_at(s.reach) * 0.05 * 80) < 1e-9);
    assert_true(fabs(s.potential - 1000 * ctr_at(1) * 0.05 * 80) < 1e-9);

    /* the same page with a pack of 600+ reviews and 4 top ads */
    struct research_score full = s;
    full.comp.local_pack = 1;
    full.comp.reviews = 900;
    full.comp.ads_top = 6;
    research_score_compute(&full);
    assert_true(fabs(full.pack_factor - (1 - RESEARCH_PACK_BASE - RESEARCH_PACK_REVIEWS)) < 1e-12);
    assert_true(fabs(full.ads_factor - (1 - 4 * RESEARCH_AD_CLICKS)) < 1e-12);
    assert_true(full.score < s.score);

    /* a target worse than the reach caps it; reach never passes 11 */
    struct research_score t = s;
    t.target = 8;
    research_score_compute(&t);
    assert_int_equal(t.reach, 8);
    struct research_score wall = s;
    wall.comp.emd_domains = 10;
    wall.comp.strong = 10;
    wall.comp.pmd_domains = 0;
    research_score_compute(&wall);
    assert_int_equal(wall.reach, 11);

    /* competition orders as much as volume: an open page (directories
     * only) with a third of the volume beats a wall of exact-match domains */
    struct research_score open = {.volume = 1000, .target = 1, .lead_value = 80,
                                  .conversion = 0.05, .serp_known = 1};
    open.comp.n_organic = 10;
    open.comp.directories = 10;
    struct research_score sat = wall;
    sat.volume = 3000;
    research_score_compute(&open);
    research_score_compute(&sat);
    assert_true(open.score > sat.score);
    /* no SERP: the documented assumptions */
    struct research_score u = {.volume = 1000, .target = 1, .lead_value = 80, .conversion = 0.05};
    research_score_compute(&u);
    assert_int_equal(u.reach, 1 + (int)lround(RESEARCH_HARD_UNKNOWN));
    assert_true(u.competition == RESEARCH_COMPETITION_UNKNOWN);
    research_data_release(&d);
}

/* research_site_value: an imported volume wins; a keyword without one
 * gets the pattern estimate, marked. */
static void test_value_import_wins(void **state)
{
    (void)state;
    char dir[FIXTURE_DIR_LEN], path[FIXTURE_PATH_LEN];
    store *st;
    assert_int_equal(fixture_store_open("test_volume_est", dir, path, &st), 0);
    struct model_site site = {.domain = "rrplumbing.com", .status = "ranking", .rent = -1,
                              .niche = "plumbing"};
    assert_int_equal(store_site_add(st, &site, NULL), 0);
    static const char *const qs[] = {"plumber round rock", "emergency plumber round rock"};
    long long ids[2];
    for (int i = 0; i < 2; i++) {
        struct model_keyword k;
        memset(&k, 0, sizeof(k));
        k.query = (char *)qs[i];
        k.engine = SERP_GOOGLE;
        k.location = "Round Rock,Texas,United States";
        k.site = "rrplumbing.com";
        model_keyword_defaults(&k);
        assert_true(store_kw_add(st, &k, &ids[i]) >= 0);
    }
    struct store_volume v = {.query = "plumber round rock", .volume = 777, .cpc = -1,
                             .competition = -1, .source = "csv"};
    assert_int_equal(store_volume_set(st, &v), 0);
    struct research_data d;
    load(&d);
    struct config cfg;
    config_defaults(&cfg);
    struct research_site_value sv;
    assert_int_equal(research_site_value(st, &cfg, &d, "rrplumbing.com", 0, 0, &sv), 0);
    assert_int_equal(sv.n_kw, 2);
    int seen = 0;
    for (size_t i = 0; i < sv.n_kw; i++) {
        const struct research_kw_value *k = &sv.kw[i];
        if (k->keyword_id == ids[0]) { /* imported: 777 as given, not the estimate (300) */
            assert_int_equal(k->volume, 777);
            assert_false(k->volume_estimated);
            assert_null(k->volume_pattern);
            seen++;
        } else if (k->keyword_id == ids[1]) {
            assert_true(k->volume_estimated);
            assert_string_equal(k->volume_pattern, "emergency");
            assert_int_equal(k->volume, llround(100000 * 3.0 * share_named(&d, "emergency") / 1000));
            seen++;
        }
    }
    assert_int_equal(seen, 2);
    assert_int_equal(sv.volumes_known, 2);
    assert_int_equal(sv.volumes_estimated, 1);
    research_site_value_release(&sv);
    research_data_release(&d);
    assert_int_equal(fixture_store_close(dir, st), 0);
}

/* README "Worked example": plumber austin, 1 emd, 2 pmd, 2 other strong
 * domains, a pack of 450 reviews, 2 top ads -> reach 4, $532.44. */
static void test_worked_example(void **state)
{
    (void)state;
    struct research_score s = {.volume = 2900, .target = 1, .lead_value = 80, .conversion = 0.05,
                               .serp_known = 1};
    s.comp.n_organic = 10;
    s.comp.directories = 5;
    s.comp.strong = 5;
    s.comp.emd_domains = 1;
    s.comp.pmd_domains = 2;
    s.comp.local_pack = 1;
    s.comp.reviews = 450;
    s.comp.ads_top = 2;
    research_score_compute(&s);
    assert_true(fabs(s.hard - 2.8) < 1e-12);
    assert_int_equal(s.reach, 4);
    assert_true(fabs(s.pack_factor - 0.6375) < 1e-12);
    assert_true(fabs(s.ads_factor - 0.90) < 1e-12);
    assert_true(fabs(s.visits - 133.11) < 1e-9);
    assert_true(fabs(s.score - 532.44) < 1e-9);
    assert_true(fabs(s.potential - 3306.0) < 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_head_and_long_tail),   cmocka_unit_test(test_near_me_and_cities),
        cmocka_unit_test(test_pattern_file_errors),  cmocka_unit_test(test_shipped_patterns),
        cmocka_unit_test(test_competition_factors),  cmocka_unit_test(test_value_import_wins),
        cmocka_unit_test(test_worked_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
