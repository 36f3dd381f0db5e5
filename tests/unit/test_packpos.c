/* test_packpos.c - the pack position everywhere but grids (issue 17 #1):
 * the pack alert rules on hand-made rank.local pairs, the pack CTR curve,
 * and value counting pack clicks beside organic ones without counting a
 * search twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "config.h"
#include "ctr.h"
#include "metrics.h"
#include "model.h"
#include "research.h"
#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

static void conf(struct config *cfg, const char *text)
{
    assert_int_equal(config_parse(cfg, text, strlen(text), "test.conf"), 0);
}

/* rule name of the one alert prev -> cur raises, "" when none */
static const char *pack_rule(const struct config *cfg, int prev, int cur, char what[64])
{
    struct track_alert a[1];
    size_t n = track_alert_pack_rules(cfg, prev, cur, a);
    assert_true(n <= 1);
    what[0] = '\0';
    if (!n)
        return "";
    snprintf(what, 64, "%s", a[0].what);
    const char *rule = a[0].rule;
    track_alert_list_free(a, n);
    return rule;
}

static void test_pack_rules(void **state)
{
    (void)state;
    struct config cfg;
    char what[64];
    conf(&cfg, "");
    assert_string_equal(pack_rule(&cfg, 2, 0, what), "lost_local");
    assert_string_equal(what, "left the local pack");
    assert_string_equal(pack_rule(&cfg, MODEL_PACK_UNKNOWN, 0, what), "lost_local");
    assert_string_equal(pack_rule(&cfg, 0, 3, what), "entered_local");
    assert_string_equal(what, "entered the local pack at 3");
    assert_string_equal(pack_rule(&cfg, 3, 1, what), "moved_local");
    assert_string_equal(what, "local pack 3 -> 1");
    assert_string_equal(pack_rule(&cfg, 1, 14, what), "moved_local"); /* a Maps list */
    assert_string_equal(what, "local pack 1 -> 14");
    /* the same place, out both times, or no rank row: nothing */
    assert_string_equal(pack_rule(&cfg, 2, 2, what), "");
    assert_string_equal(pack_rule(&cfg, 0, 0, what), "");
    assert_string_equal(pack_rule(&cfg, MODEL_NONE, 2, what), "");
    assert_string_equal(pack_rule(&cfg, 2, MODEL_NONE, what), "");
    /* rows stored before positions were kept never raise "moved" */
    assert_string_equal(pack_rule(&cfg, MODEL_PACK_UNKNOWN, 1, what), "");
    assert_string_equal(pack_rule(&cfg, 3, MODEL_PACK_UNKNOWN, what), "");
    assert_string_equal(pack_rule(&cfg, MODEL_PACK_UNKNOWN, MODEL_PACK_UNKNOWN, what), "");
    config_release(&cfg);

    /* each rule has its own key */
    conf(&cfg, "[alerts]\nlocal_pack_moved = no\n");
    assert_string_equal(pack_rule(&cfg, 3, 1, what), "");
    assert_string_equal(pack_rule(&cfg, 0, 1, what), "entered_local");
    assert_string_equal(pack_rule(&cfg, 1, 0, what), "lost_local");
    config_release(&cfg);
    conf(&cfg, "[alerts]\nlocal_pack_entered = no\nlocal_pack = no\n");
    assert_string_equal(pack_rule(&cfg, 0, 1, what), "");
    assert_string_equal(pack_rule(&cfg, 1, 0, what), "");
    assert_string_equal(pack_rule(&cfg, 2, 1, what), "moved_local");
    config_release(&cfg);
}

static void test_pack_kinds_listed(void **state)
{
    (void)state;
    const char *want[] = {"lost_local", "entered_local", "moved_local"};
    for (size_t w = 0; w < 3; w++) {
        int found = 0;
        for (size_t i = 0; track_alert_kinds[i]; i++)
            found |= strcmp(track_alert_kinds[i], want[w]) == 0;
        assert_true(found);
    }
}

static void test_pack_ctr_curve(void **state)
{
    (void)state;
    assert_true(ctr_pack_at(0) == 0.0);
    assert_true(ctr_pack_at(-1) == 0.0);
    assert_true(ctr_pack_at(MODEL_PACK_UNKNOWN) == 0.0);
    assert_true(ctr_pack_at(21) == 0.0);
    /* the documented 44 % over the 3-pack, 8 % over the Maps list 4-20 */
    double pack = 0, list = 0;
    for (int p = 1; p <= 3; p++)
        pack += ctr_pack_at(p);
    for (int p = 4; p <= 20; p++)
        list += ctr_pack_at(p);
    assert_true(fabs(pack - 0.44) < 1e-9);
    assert_true(fabs(list - 0.08) < 1e-9);
    /* never rising with the position, and every listed place counts */
    for (int p = 2; p <= 20; p++) {
        assert_true(ctr_pack_at(p) <= ctr_pack_at(p - 1));
        assert_true(ctr_pack_at(p) > 0);
    }
    /* a searcher clicks one result: the pack and organic #1 together
     * stay well under everyone */
    assert_true(ctr_at(1) + ctr_pack_at(1) < 1.0);
}

/* what chart --keyword draws on its "local pack" line for one check */
static void test_pack_place(void **state)
{
    (void)state;
    struct store_history h = {.status = MODEL_OK, .local = 2, .position = MODEL_NONE};
    assert_int_equal(metrics_pack_place(&h), 2);
    h.local = 17; /* a Maps list */
    assert_int_equal(metrics_pack_place(&h), 17);
    h.local = METRICS_PACK_MAX + 1;
    assert_int_equal(metrics_pack_place(&h), 0);
    h.local = 0;
    assert_int_equal(metrics_pack_place(&h), 0);
    h.local = MODEL_PACK_UNKNOWN; /* in the pack, place not kept: a gap */
    assert_int_equal(metrics_pack_place(&h), 0);
    h.local = 1;
    h.status = MODEL_BLOCKED;
    assert_int_equal(metrics_pack_place(&h), 0);
}

#define SITE "bobs-plumbing.com"

static long long add_kw(store *st, const char *q, const char *device)
{
    struct model_keyword k;
    memset(&k, 0, sizeof(k));
    k.query = (char *)q;
    k.engine = SERP_GOOGLE;
    k.location = "Austin,Texas,United States";
    k.site = SITE;
    k.device = (char *)device;
    model_keyword_defaults(&k);
    long long id;
    assert_true(store_kw_add(st, &k, &id) >= 0);
    return id;
}

/* A check of kw: the site at organic position org (0 = not ranked) and,
 * by business name, at pack place pack (0 = not in the pack). */
static void save_check(store *st, long long kw, int org, int pack)
{
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    for (int i = 1; i <= 5; i++) {
        char *url = xasprintf("https://%s/", i == org ? SITE : i == 1 ? "a.com" : "b.com");
        serp_add_organic(&p, url, "t", NULL);
        free(url);
    }
    for (int i = 1; i <= 3; i++)
        serp_add_local(&p, i == pack ? "Bob's Plumbing" : i == 1 ? "Ann's Pipes" : "Cal's Drains",
                       -1, -1, NULL);
    struct model_check c = {.keyword_id = kw, .checked_at = 1793512800, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = MODEL_OK, .http_status = 200,
                            .depth = 10, .requests = 1, .page = &p};
    assert_int_equal(track_check_save(st, &c, NULL), 0);
    serp_page_release(&p);
}

static void set_volume(store *st, const char *q, long long volume)
{
    struct store_volume v = {.query = (char *)q, .volume = volume, .cpc = -1, .competition = -1,
                             .source = "csv"};
    assert_int_equal(store_volume_set(st, &v), 0);
}

static const struct research_kw_value *row_of(const struct research_site_value *v, long long id)
{
    for (size_t i = 0; i < v->n_kw; i++)
        if (v->kw[i].keyword_id == id)
            return &v->kw[i];
    fail();
    return NULL;
}

static void test_value_with_pack(void **state)
{
    (void)state;
    char dir[FIXTURE_DIR_LEN], path[FIXTURE_PATH_LEN];
    store *st;
    assert_int_equal(fixture_store_open("test_packpos", dir, path, &st), 0);
    struct model_site site = {.domain = SITE, .status = "ranking", .rent = -1,
                              .business_name = "Bob's Plumbing"};
    assert_int_equal(store_site_add(st, &site, NULL), 0);
    long long k1 = add_kw(st, "plumber austin", "desktop");
    long long k2 = add_kw(st, "drain cleaning austin", "desktop");
    long long k3 = add_kw(st, "water heater austin", "desktop");
    /* one search tracked on both devices: its volume, pack clicks too,
     * is split between them, never counted twice */
    long long k4 = add_kw(st, "sewer repair austin", "desktop");
    long long k5 = add_kw(st, "sewer repair austin", "mobile");
    save_check(st, k1, 3, 2); /* organic #3 and pack #2 */
    save_check(st, k2, 0, 1); /* pack #1 only */
    save_check(st, k3, 2, 0); /* organic #2 only */
    save_check(st, k4, 0, 3);
    save_check(st, k5, 0, 3);
    set_volume(st, "plumber austin", 2900);
    set_volume(st, "drain cleaning austin", 1000);
    set_volume(st, "water heater austin", 500);
    set_volume(st, "sewer repair austin", 400);

    struct research_data d;
    memset(&d, 0, sizeof d);
    struct config cfg;
    config_defaults(&cfg);
    struct research_site_value v;
    assert_int_equal(research_site_value(st, &cfg, &d, SITE, 0, 0, &v), 0);
    double m = v.mobile_share;
    const struct research_kw_value *r1 = row_of(&v, k1), *r2 = row_of(&v, k2),
                                       *r3 = row_of(&v, k3), *r4 = row_of(&v, k4),
                                       *r5 = row_of(&v, k5);
    /* visits = volume x share (google 1) x (organic CTR + pack CTR) */
    assert_int_equal(r1->local_position, 2);
    assert_true(fabs(r1->pack_ctr - ctr_pack_at(2)) < 1e-12);
    assert_true(fabs(r1->visits - 2900 * (ctr_at(3) + ctr_pack_at(2))) < 1e-6);
    assert_true(fabs(r1->pack_visits - 2900 * ctr_pack_at(2)) < 1e-6);
    assert_true(fabs(r2->visits - 1000 * ctr_pack_at(1)) < 1e-6);
    assert_true(fabs(r2->pack_visits - r2->visits) < 1e-9);
    assert_int_equal(r3->local_position, 0);
    assert_true(r3->pack_visits == 0.0);
    assert_true(fabs(r3->visits - 500 * ctr_at(2)) < 1e-6);
    assert_true(fabs(r4->pack_visits - 400 * ctr_pack_at(3) * (1 - m)) < 1e-6);
    assert_true(fabs(r5->pack_visits - 400 * ctr_pack_at(3) * m) < 1e-6);
    double pack = 2900 * ctr_pack_at(2) + 1000 * ctr_pack_at(1) + 400 * ctr_pack_at(3);
    double organic = 2900 * ctr_at(3) + 500 * ctr_at(2);
    assert_true(fabs(v.pack_visits - pack) < 1e-6);
    assert_true(fabs(v.visits - (pack + organic)) < 1e-6);
    assert_int_equal(v.local, 4);
    /* a what-if moves the organic position only: the pack stays */
    research_site_value_release(&v);
    assert_int_equal(research_site_value(st, &cfg, &d, SITE, k2, 1, &v), 0);
    r2 = row_of(&v, k2);
    assert_true(fabs(r2->visits - 1000 * (ctr_at(1) + ctr_pack_at(1))) < 1e-6);
    assert_true(fabs(r2->pack_visits - 1000 * ctr_pack_at(1)) < 1e-6);
    research_site_value_release(&v);
    config_release(&cfg);
    assert_int_equal(fixture_store_close(dir, st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_rules),
        cmocka_unit_test(test_pack_kinds_listed),
        cmocka_unit_test(test_pack_ctr_curve),
        cmocka_unit_test(test_pack_place),
        cmocka_unit_test(test_value_with_pack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
