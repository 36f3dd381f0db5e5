/* test_store_location.c - locations as an entity (issue 16): migration 10
 * turns a schema-9 database's keyword.location strings into location rows
 * with every keyword, check and rank row kept and pointing at the right
 * one; store_location_get_or_add keeps one row per name and fills
 * coordinates later; keywords, checks and rank rows written by the store
 * carry their location. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <unistd.h>

#include "metrics.h"
#include "model.h"
#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

extern const char *const store_migrations[];

#define AUSTIN "Austin,Texas,United States"
#define DALLAS "Dallas,Texas,United States"

struct fx {
    char dir[64];
    char path[128];
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_dir("test_store_location", f->dir, f->path) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_store_close(f->dir, NULL);
    free(f);
    return rc;
}

/* The first column of the first row of sql, read with a connection of its
 * own (the store's may hold a snapshot); -999 when there is no row. */
static long long q(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long long v = -999;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

/* A database as schema 9 wrote it: keywords in Austin (two), Dallas and
 * national, each with an ok and a blocked check, rank rows of the ok
 * checks for our site and a competitor. */
static void make_v9(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (int v = 0; v < 9; v++)
        assert_int_equal(sqlite3_exec(db, store_migrations[v], NULL, NULL, NULL), SQLITE_OK);
    const char *data =
        "PRAGMA user_version = 9;"
        "INSERT INTO site(id, domain, created_at) VALUES (1, 'example.com', 0);"
        "INSERT INTO site(id, domain, competitor, created_at) VALUES (2, 'rival.com', 1, 0);"
        "INSERT INTO keyword(id, query, engine, location, device, lang, country, depth,"
        " site_id, schedule, created_at) VALUES"
        " (1, 'plumber', 'google', '" AUSTIN "', 'desktop', 'en', 'us', 30, 1, 'daily', 0),"
        " (2, 'plumber', 'google', '" DALLAS "', 'desktop', 'en', 'us', 30, 1, 'daily', 0),"
        " (3, 'plumber', 'google', NULL, 'desktop', 'en', 'us', 30, 1, 'daily', 0),"
        " (4, 'roofer', 'google', '" AUSTIN "', 'mobile', 'en', 'us', 30, 1, 'daily', 0);"
        "INSERT INTO str(id, s) VALUES (1, 'example.com');"
        "INSERT INTO url(id, url, domain_id) VALUES (1, 'https://example.com/', 1);"
        "INSERT INTO \"check\"(id, keyword_id, checked_at, engine, status, depth) VALUES"
        " (1, 1, 1000, 'google', 0, 30), (2, 1, 90000, 'google', 1, 0),"
        " (3, 2, 1000, 'google', 0, 30), (4, 2, 90000, 'google', 1, 0),"
        " (5, 3, 1000, 'google', 0, 30), (6, 3, 90000, 'google', 1, 0),"
        " (7, 4, 1000, 'google', 0, 30), (8, 4, 90000, 'google', 1, 0);"
        "INSERT INTO rank(site_id, keyword_id, checked_at, check_id, position, url_id, local)"
        " VALUES (1, 1, 1000, 1, 4, 1, 2), (2, 1, 1000, 1, NULL, NULL, 0),"
        " (1, 2, 1000, 3, 7, 1, 0), (2, 2, 1000, 3, 1, NULL, 0),"
        " (1, 3, 1000, 5, 9, 1, 0), (2, 3, 1000, 5, 2, NULL, 0),"
        " (1, 4, 1000, 7, 1, 1, -1), (2, 4, 1000, 7, 3, NULL, 0);";
    if (sqlite3_exec(db, data, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("v9 data: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
}

static void test_migrate_v9(void **state)
{
    struct fx *f = *state;
    make_v9(f->path);
    store *st = NULL;
    assert_int_equal(store_open(f->path, 0, &st, NULL), 0);
    assert_true(store_schema_version(st) >= 10);
    assert_int_equal(store_integrity_check(st), 0);
    const char *p = f->path;
    /* nothing lost */
    assert_int_equal(q(p, "SELECT count(*) FROM keyword"), 4);
    assert_int_equal(q(p, "SELECT count(*) FROM \"check\""), 8);
    assert_int_equal(q(p, "SELECT count(*) FROM rank"), 8);
    assert_int_equal(q(p, "SELECT count(*) FROM location"), 2);
    assert_int_equal(q(p, "SELECT sum(local) FROM rank"), 1); /* 2 + -1, kept */
    /* keywords point at their location by name; national at none */
    assert_int_equal(q(p, "SELECT count(*) FROM keyword k JOIN location l ON l.id = k.location_id"
                          " WHERE (k.id IN (1, 4) AND l.name = '" AUSTIN "')"
                          " OR (k.id = 2 AND l.name = '" DALLAS "')"),
                     3);
    assert_int_equal(q(p, "SELECT location_id IS NULL FROM keyword WHERE id = 3"), 1);
    /* every check and rank row carries its keyword's location */
    assert_int_equal(q(p, "SELECT count(*) FROM \"check\" c JOIN keyword k ON k.id = c.keyword_id"
                          " WHERE c.location_id IS k.location_id"),
                     8);
    assert_int_equal(q(p, "SELECT count(*) FROM \"check\" WHERE location_id IS NOT NULL"), 6);
    assert_int_equal(q(p, "SELECT count(*) FROM rank r JOIN keyword k ON k.id = r.keyword_id"
                          " WHERE r.location_id IS k.location_id"),
                     8);
    assert_int_equal(q(p, "SELECT count(*) FROM rank WHERE location_id IS NOT NULL"), 6);
    /* the string column is gone, the old key with it */
    assert_int_equal(q(p, "SELECT count(*) FROM pragma_table_info('keyword')"
                          " WHERE name = 'location'"),
                     0);
    assert_int_equal(q(p, "SELECT count(*) FROM sqlite_master WHERE name = 'keyword_key'"), 0);

    /* the store reads the names back */
    struct model_keyword k;
    assert_int_equal(store_kw_get(st, 2, &k), 1);
    assert_string_equal(k.location, DALLAS);
    assert_int_equal(k.has_coords, 0);
    model_keyword_release(&k);
    assert_int_equal(store_kw_get(st, 3, &k), 1);
    assert_null(k.location);
    assert_int_equal(k.location_id, 0);
    model_keyword_release(&k);
    struct model_rank *r;
    size_t n;
    assert_int_equal(metrics_rank_list(st, NULL, &r, &n), 0);
    assert_int_equal(n, 4);
    assert_string_equal(r[0].location, AUSTIN);
    assert_string_equal(r[1].location, DALLAS);
    assert_null(r[2].location);
    assert_string_equal(r[3].location, AUSTIN);
    assert_int_equal(r[0].position, 4); /* of the latest ok check */
    assert_int_equal(r[0].local_position, 2);
    model_rank_free_list(r, n);

    /* identity: the same (query, engine, location, device, site) is found,
     * a new location is a new keyword, which coordinates fill in */
    long long id = 0;
    struct model_keyword dup = {.query = "plumber", .location = AUSTIN, .site = "example.com"};
    assert_int_equal(store_kw_add(st, &dup, &id), 1);
    assert_int_equal(id, 1);
    struct model_keyword nat = {.query = "plumber", .site = "example.com"};
    assert_int_equal(store_kw_add(st, &nat, &id), 1);
    assert_int_equal(id, 3);
    struct model_keyword hou = {.query = "plumber", .location = "Houston,Texas,United States",
                                .site = "example.com", .lat = 29.7633, .lng = -95.3633,
                                .has_coords = 1};
    assert_int_equal(store_kw_add(st, &hou, &id), 0);
    assert_int_equal(id, 5);
    assert_int_equal(q(p, "SELECT count(*) FROM location"), 3);
    dup.lat = 30.2672;
    dup.lng = -97.7431;
    dup.has_coords = 1;
    assert_int_equal(store_kw_add(st, &dup, &id), 1);
    assert_int_equal(store_kw_get(st, 4, &k), 1); /* roofer: same location row */
    assert_int_equal(k.has_coords, 1);
    assert_true(k.lat > 30.26 && k.lat < 30.27);
    model_keyword_release(&k);
    assert_int_equal(q(p, "SELECT count(*) FROM keyword"), 5);
    store_close(st);
}

/* A check saved now carries its keyword's location, and so do the rank
 * rows written for it; reading the check back names it. */
static void test_check_location(void **state)
{
    struct fx *f = *state;
    store *st = NULL;
    assert_int_equal(store_open(f->path, STORE_CREATE, &st, NULL), 0);
    struct model_site site = {.domain = "example.com", .rent = -1};
    assert_int_equal(store_site_add(st, &site, NULL), 0);
    struct model_site rival = {.domain = "rival.com", .rent = -1, .competitor = 1};
    assert_int_equal(store_site_add(st, &rival, NULL), 0);
    long long kw = 0, nat = 0;
    struct model_keyword k = {.query = "plumber", .location = DALLAS, .site = "example.com"};
    assert_int_equal(store_kw_add(st, &k, &kw), 0);
    struct model_keyword kn = {.query = "plumber", .site = "example.com"};
    assert_int_equal(store_kw_add(st, &kn, &nat), 0);
    assert_true(kw != nat);
    struct serp_page pg;
    serp_page_init(&pg);
    struct model_check c = {.keyword_id = kw, .checked_at = 1793512800, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = MODEL_OK, .depth = 10,
                            .page = &pg};
    long long cid = 0, cid2 = 0;
    assert_int_equal(track_check_save(st, &c, &cid), 0);
    c.keyword_id = nat;
    assert_int_equal(track_check_save(st, &c, &cid2), 0);
    serp_page_release(&pg);
    const char *p = f->path;
    long long loc = q(p, "SELECT id FROM location WHERE name = '" DALLAS "'");
    assert_true(loc > 0);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT location_id FROM \"check\" WHERE id = %lld", cid);
    assert_int_equal(q(p, sql), loc);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM rank WHERE check_id = %lld AND location_id = %lld", cid, loc);
    assert_int_equal(q(p, sql), 2); /* our site and the competitor */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM rank WHERE check_id = %lld AND location_id IS NULL", cid2);
    assert_int_equal(q(p, sql), 2);
    struct store_check_info info;
    struct serp_page back;
    assert_int_equal(store_serp_get(st, kw, 0, &info, &back), 1);
    assert_string_equal(info.location, DALLAS);
    store_check_info_release(&info);
    serp_page_release(&back);
    assert_int_equal(store_serp_get(st, nat, 0, &info, &back), 1);
    assert_null(info.location);
    store_check_info_release(&info);
    serp_page_release(&back);
    store_close(st);
}

static void test_get_or_add(void **state)
{
    struct fx *f = *state;
    store *st = NULL;
    assert_int_equal(store_open(f->path, STORE_CREATE, &st, NULL), 0);
    long long a = 0, b = 0, c = 0;
    struct model_location l = {.name = AUSTIN};
    assert_int_equal(store_location_get_or_add(st, &l, &a), 0);
    assert_true(a > 0);
    assert_int_equal(store_location_get_or_add(st, &l, &b), 1);
    assert_int_equal(a, b);
    /* exact names: another spelling is another row */
    struct model_location lower = {.name = "austin,texas,united states"};
    assert_int_equal(store_location_get_or_add(st, &lower, &c), 0);
    assert_true(c != a);
    struct model_location got;
    assert_int_equal(store_location_get(st, a, &got), 1);
    assert_string_equal(got.name, AUSTIN);
    assert_int_equal(got.has_coords, 0);
    model_location_release(&got);
    /* coordinates arrive later and are then kept */
    struct model_location with = {.name = AUSTIN, .lat = 30.2672, .lng = -97.7431,
                                  .has_coords = 1};
    assert_int_equal(store_location_get_or_add(st, &with, &b), 1);
    assert_int_equal(b, a);
    struct model_location moved = {.name = AUSTIN, .lat = 1, .lng = 2, .has_coords = 1};
    assert_int_equal(store_location_get_or_add(st, &moved, &b), 1);
    assert_int_equal(store_location_get(st, a, &got), 1);
    assert_int_equal(got.has_coords, 1);
    assert_true(got.lat > 30.26 && got.lat < 30.27);
    assert_true(got.lng < -97.74 && got.lng > -97.75);
    assert_int_equal(got.radius_m, 0);
    model_location_release(&got);
    /* a grid point: coordinates and a radius from the start */
    struct model_location pt = {.name = "@30.2672000,-97.7431000", .lat = 30.2672,
                                .lng = -97.7431, .has_coords = 1, .radius_m = 500};
    assert_int_equal(store_location_get_or_add(st, &pt, &c), 0);
    assert_int_equal(store_location_find(st, pt.name, &got), 1);
    assert_int_equal(got.id, c);
    assert_int_equal(got.radius_m, 500);
    model_location_release(&got);
    assert_int_equal(store_location_get(st, 999, &got), 0);
    assert_int_equal(store_location_find(st, "Nowhere", &got), 0);
    struct model_location *v;
    size_t n;
    assert_int_equal(store_location_list(st, &v, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].name, pt.name); /* by name: '@' sorts first */
    assert_string_equal(v[1].name, AUSTIN);
    store_location_free_list(v, n);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_v9, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_location, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_or_add, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
