/* test_gridstore.c - what a geo-grid point asks and what a scan keeps:
 * the uule a+ value round-trips to 1e-7 degree over a table of places
 * (both hemispheres, the date line, the poles' edges), a point's Google
 * and SerpApi URLs carry its coordinates and never the city, and the
 * store keeps grids and scans whole (points, statuses, absent positions),
 * refuses damaged point blobs with an error, and applies the keywords'
 * due rule to grids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <sqlite3.h>

#include "crawl.h"
#include "fixture.h"
#include "url.h"
#include "util.h"

static const struct {
    double lat, lng;
} places[] = {
    {30.2672, -97.7431},     {0, 0},           {-33.8688, 151.2093},   {64.1466, -21.9426},
    {-89.9999999, 179.9999999}, {89.9999999, -180}, {51.5072178, -0.1275862}, {-0.0000001, 0.0000001},
};

static void test_uule_point_roundtrip(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        for (int r = 1; r < 200000; r *= 7) {
            char *u = engine_uule_point(places[i].lat, places[i].lng, r, 1764568800);
            assert_true(util_starts_with(u, "a+"));
            double lat, lng;
            int radius;
            assert_int_equal(engine_uule_point_decode(u, &lat, &lng, &radius), 0);
            assert_true(fabs(lat - places[i].lat) <= 1e-7);
            assert_true(fabs(lng - places[i].lng) <= 1e-7);
            assert_int_equal(radius, r);
            free(u);
        }
    }
    double lat, lng;
    /* not an a+ value, or one without coordinates */
    assert_int_equal(engine_uule_point_decode("w+CAIQICIaQXVzdGlu", &lat, &lng, NULL), -1);
    assert_int_equal(engine_uule_point_decode("a+cm9sZToxCg==", &lat, &lng, NULL), -1);
    assert_int_equal(engine_uule_point_decode("a+!!!", &lat, &lng, NULL), -1);
    assert_int_equal(engine_uule_point_decode(NULL, &lat, &lng, NULL), -1);
}

static struct model_keyword point_kw(void)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.query = (char *)"plumber austin";
    k.engine = SERP_GOOGLE;
    k.location = (char *)"Austin,Texas,United States";
    k.device = (char *)"desktop";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.depth = 10;
    k.lat = 30.2812345;
    k.lng = -97.7512345;
    k.has_coords = 1;
    k.point_radius_m = 750;
    return k;
}

static void test_point_urls(void **state)
{
    (void)state;
    struct config cfg;
    const char *conf = "[engine.google]\nbase_url = http://127.0.0.1:9/google\n";
    assert_int_equal(config_parse(&cfg, conf, strlen(conf), "t.conf"), 0);
    struct model_keyword k = point_kw();
    char *u = engine_search_url(&cfg, &k, 0);
    char *uule = url_query_param(u, "uule");
    assert_non_null(uule);
    double lat, lng;
    assert_int_equal(engine_uule_point_decode(uule, &lat, &lng, NULL), 0);
    assert_true(fabs(lat - k.lat) <= 1e-7 && fabs(lng - k.lng) <= 1e-7);
    free(uule);
    free(u);
    /* the same keyword without the point is searched by city name */
    k.point_radius_m = 0;
    u = engine_search_url(&cfg, &k, 0);
    uule = url_query_param(u, "uule");
    assert_true(util_starts_with(uule, "w+"));
    free(uule);
    free(u);
    config_release(&cfg);

    conf = "[engine.google]\nprovider = serp-api\nbase_url = http://127.0.0.1:9/serp-api\n"
           "api_key = k\n";
    assert_int_equal(config_parse(&cfg, conf, strlen(conf), "t.conf"), 0);
    k = point_kw();
    u = engine_search_url(&cfg, &k, 0);
    char *engine = url_query_param(u, "engine"), *ll = url_query_param(u, "ll"),
         *loc = url_query_param(u, "location");
    assert_string_equal(engine, "google_maps");
    assert_non_null(ll);
    assert_true(util_starts_with(ll, "@30.2812345,-97.7512345,"));
    assert_true(ll[strlen(ll) - 1] == 'z');
    assert_null(loc); /* the point, not the city */
    free(engine);
    free(ll);
    free(loc);
    free(u);
    config_release(&cfg);
    /* a wider radius is a lower zoom */
    assert_true(engine_point_zoom(200) > engine_point_zoom(5000));
    assert_true(engine_point_zoom(1) <= 21 && engine_point_zoom(100000000) >= 3);
}

/* --- the store ------------------------------------------------------------- */
static store *st;
static char dir[FIXTURE_DIR_LEN], path[FIXTURE_PATH_LEN];

static int setup(void **state)
{
    (void)state;
    if (fixture_store_open("gridstore", dir, path, &st) != 0)
        return -1;
    struct model_site s = {.domain = "example.com", .status = "ranking", .rent = -1};
    long long id;
    return store_site_add(st, &s, &id);
}

static int teardown(void **state)
{
    (void)state;
    return fixture_store_close(dir, st);
}

static struct model_grid grid(const char *schedule)
{
    struct model_grid g = {.query = "plumber austin", .site = "example.com",
                           .engine = SERP_GOOGLE, .lat = 30.2672, .lng = -97.7431, .size = 3,
                           .spacing_m = 1000, .shape = MODEL_GRID_SQUARE,
                           .schedule = (char *)schedule, .created_at = 1000};
    return g;
}

static void test_store_grid(void **state)
{
    (void)state;
    struct model_grid g = grid("daily");
    long long id, id2;
    assert_int_equal(store_grid_add(st, &g, &id), 0);
    /* the same grid again is refused; a different size is another grid */
    assert_int_equal(store_grid_add(st, &g, &id2), -1);
    assert_int_equal(store_errcode(st), STORE_ERR_CONSTRAINT);
    store_err_clear(st);
    g.size = 5;
    g.shape = MODEL_GRID_HEX;
    g.location = "Austin,Texas,United States";
    assert_int_equal(store_grid_add(st, &g, &id2), 0);
    g.site = "nowhere.example";
    assert_int_equal(store_grid_add(st, &g, &id2), -1);
    assert_int_equal(store_errcode(st), STORE_ERR_NOTFOUND);
    store_err_clear(st);

    struct model_grid got;
    assert_int_equal(store_grid_get(st, id2, &got), 1);
    assert_int_equal(got.size, 5);
    assert_int_equal(got.shape, MODEL_GRID_HEX);
    assert_string_equal(got.location, "Austin,Texas,United States");
    assert_string_equal(got.site, "example.com");
    assert_int_equal(got.last_scan, 0);
    model_grid_release(&got);

    /* a scan: every status and absent positions survive */
    struct model_grid_point p[3] = {
        {.row = 0, .col = 0, .lat = 30.1, .lng = -97.8, .east_m = -1000, .north_m = 1000,
         .status = MODEL_OK, .local = 2, .position = 7},
        {.row = 0, .col = 1, .lat = 30.2, .lng = -97.7, .status = MODEL_OK,
         .local = MODEL_NONE, .position = MODEL_NONE},
        {.row = 2, .col = 2, .lat = -30.3, .lng = 97.6, .status = MODEL_BLOCKED,
         .local = MODEL_NONE, .position = MODEL_NONE},
    };
    struct model_grid_scan sc = {.grid_id = id, .checked_at = 5000, .requests = 3, .points = p,
                                 .n_points = 3};
    long long sid;
    assert_int_equal(store_grid_scan_save(st, &sc, &sid), 0);
    sc.checked_at = 9000;
    p[0].local = 1;
    assert_int_equal(store_grid_scan_save(st, &sc, &sid), 0);
    struct model_grid_scan r;
    assert_int_equal(store_grid_scan_at(st, id, 8999, &r), 1);
    assert_int_equal(r.checked_at, 5000);
    assert_int_equal(r.n_points, 3);
    assert_int_equal(r.points[0].local, 2);
    assert_int_equal(r.points[0].position, 7);
    assert_true(r.points[0].east_m == -1000 && r.points[0].north_m == 1000);
    assert_int_equal(r.points[1].local, MODEL_NONE);
    assert_int_equal(r.points[1].position, MODEL_NONE);
    assert_int_equal(r.points[2].status, MODEL_BLOCKED);
    assert_int_equal(r.points[2].row, 2);
    assert_true(r.points[2].lat == -30.3 && r.points[2].lng == 97.6);
    model_grid_scan_release(&r);
    assert_int_equal(store_grid_scan_at(st, id, 0, &r), 1);
    assert_int_equal(r.checked_at, 9000);
    assert_int_equal(r.points[0].local, 1);
    model_grid_scan_release(&r);
    assert_int_equal(store_grid_scan_at(st, id, 4999, &r), 0);

    struct model_grid_scan *v;
    size_t n;
    assert_int_equal(store_grid_scans(st, id, 0, 0, 0, &v, &n), 0);
    assert_int_equal(n, 2);
    assert_null(v[0].points);
    assert_true(v[0].checked_at < v[1].checked_at);
    for (size_t i = 0; i < n; i++)
        model_grid_scan_release(&v[i]);
    free(v);
    assert_int_equal(store_grid_scans(st, id, 6000, 0, 1, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].n_points, 3);
    model_grid_scan_release(&v[0]);
    free(v);

    /* the due rule: daily grid id was scanned at 9000; the other never */
    struct model_grid *due;
    assert_int_equal(store_grid_due(st, 9000 + 3600, &due, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(due[0].id, id2);
    model_grid_free_list(due, n);
    assert_int_equal(store_grid_due(st, 9000 + DAY_SECS, &due, &n), 0);
    assert_int_equal(n, 2);
    model_grid_free_list(due, n);

    /* a damaged points blob is an error, not a crash or made-up points */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE grid_scan SET points = x'01050505' WHERE checked_at = 9000",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_grid_scan_at(st, id, 0, &r), -1);
    assert_int_equal(store_errcode(st), STORE_ERR_CORRUPT);
    store_err_clear(st);

    /* rm takes the scans with it */
    assert_int_equal(store_grid_rm(st, id), 1);
    assert_int_equal(store_grid_rm(st, id), 0);
    assert_int_equal(store_grid_scan_at(st, id, 0, &r), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uule_point_roundtrip),
        cmocka_unit_test(test_point_urls),
        cmocka_unit_test_setup_teardown(test_store_grid, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
