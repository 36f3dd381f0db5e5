/* test_share.c - one fetch serves everyone (issue 18 #3): which keywords
 * share a fetch (equal and different by each field of the fetch key), the
 * groups' order, depth and site, and the per-member page copy cut to a
 * member's depth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "serp.h"
#include "track.h"
#include "util.h"

static struct model_keyword kw(const char *query, const char *site, int depth)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.query = (char *)query;
    k.engine = SERP_GOOGLE;
    k.location = (char *)"Austin,Texas,United States";
    k.device = (char *)"desktop";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.site = (char *)site;
    k.depth = depth;
    k.schedule = (char *)"daily";
    return k;
}

static void test_key_fields(void **state)
{
    (void)state;
    struct model_keyword a = kw("plumber austin", "a.com", 30);
    struct model_keyword b = kw("plumber austin", "b.com", 100);
    b.schedule = (char *)"weekly";
    /* site, depth and schedule are not the fetch */
    assert_int_equal(track_fetch_key_cmp(&a, &b), 0);
    struct model_keyword c = b;
    c.query = (char *)"Plumber austin";
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    c = b;
    c.engine = SERP_BING;
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    c = b;
    c.location = (char *)"Dallas,Texas,United States";
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    c = b;
    c.location = NULL;
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    assert_int_not_equal(track_fetch_key_cmp(&c, &a), 0);
    c = b;
    c.device = (char *)"mobile";
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    c = b;
    c.lang = (char *)"es";
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    c = b;
    c.country = (char *)"mx";
    assert_int_not_equal(track_fetch_key_cmp(&a, &c), 0);
    /* grid points: by coordinates */
    struct model_keyword p = a, q = b;
    p.point_radius_m = q.point_radius_m = 500;
    p.lat = q.lat = 30.1;
    p.lng = q.lng = -97.7;
    assert_int_equal(track_fetch_key_cmp(&p, &q), 0);
    q.lng = -97.8;
    assert_int_not_equal(track_fetch_key_cmp(&p, &q), 0);
    assert_int_not_equal(track_fetch_key_cmp(&a, &p), 0);
    /* an order: antisymmetric */
    c = b;
    c.query = (char *)"roofer";
    assert_true((track_fetch_key_cmp(&a, &c) < 0) == (track_fetch_key_cmp(&c, &a) > 0));
}

static void test_groups(void **state)
{
    (void)state;
    struct model_keyword v[5] = {
        kw("roofer", "a.com", 30),  kw("plumber", "a.com", 10), kw("roofer", "b.com", 50),
        kw("plumber", "b.com", 10), kw("electrician", "a.com", 20),
    };
    v[3].device = (char *)"mobile"; /* not shared with v[1] */
    for (int i = 0; i < 5; i++)
        v[i].id = i + 1;
    struct track_share sh;
    track_share_group(v, 5, &sh);
    assert_int_equal(sh.n_lead, 4);
    /* groups in the order of their first member */
    assert_int_equal(sh.lead[0].id, 1);
    assert_int_equal(sh.lead[1].id, 2);
    assert_int_equal(sh.lead[2].id, 4);
    assert_int_equal(sh.lead[3].id, 5);
    /* the roofer group: both members, deepest depth, no site */
    assert_int_equal(sh.start[1] - sh.start[0], 2);
    assert_int_equal(sh.member[sh.start[0]], 0);
    assert_int_equal(sh.member[sh.start[0] + 1], 2);
    assert_int_equal(sh.lead[0].depth, 50);
    assert_null(sh.lead[0].site);
    /* a group of one is the keyword itself */
    assert_int_equal(sh.start[2] - sh.start[1], 1);
    assert_string_equal(sh.lead[1].site, "a.com");
    assert_int_equal(sh.lead[1].depth, 10);
    assert_int_equal(sh.start[4], 5);
    track_share_release(&sh);
    track_share_group(v, 0, &sh);
    assert_int_equal(sh.n_lead, 0);
    track_share_release(&sh);
}

static void test_copy_page(void **state)
{
    (void)state;
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    char url[64];
    for (int i = 1; i <= 25; i++) {
        snprintf(url, sizeof url, "https://site%d.example.com/", i);
        serp_add_organic(&p, url, "t", NULL);
    }
    serp_add_ad(&p, SERP_AD_TOP, "https://ad.example.com/", "ad");
    struct serp_page d;
    assert_int_equal(track_share_copy_page(&p, 20, &d), 0);
    assert_int_equal(d.n_organic, 20);
    assert_int_equal(d.organic[19].position, 20);
    assert_string_equal(d.organic[19].url, p.organic[19].url);
    assert_int_equal(d.n_ads, 1);
    serp_page_release(&d);
    assert_int_equal(track_share_copy_page(&p, 100, &d), 0);
    assert_int_equal(d.n_organic, 25);
    serp_page_release(&d);
    serp_page_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_fields),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_copy_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
