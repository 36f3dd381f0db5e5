/* test_smartdepth.c - the store side of smart depth numbering (issue 12
 * #6): the organic counts per page a check was numbered with come back
 * from the latest ok check that recorded them (skipping failed, older and
 * approximate ones; a damaged list counts as unknown), and history and
 * check info carry the approximate flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <unistd.h>

#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

struct fx {
    char dir[64];
    char path[128];
    store *st;
    long long kw;
};

static const time_t T0 = 1793512800; /* 2026-11-01T06:00:00Z */
#define DAY 86400

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_store_open("test_smartdepth", f->dir, f->path, &f->st) != 0)
        return -1;
    struct model_site s = {.domain = "example.com", .rent = -1};
    if (store_site_add(f->st, &s, NULL) != 0)
        return -1;
    struct model_keyword k = {.query = "plumber austin", .site = "example.com"};
    if (store_kw_add(f->st, &k, &f->kw) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_store_close(f->dir, f->st);
    free(f);
    return rc;
}

/* An ok (or failed) check at `at` with the site at pos, numbered with the
 * given counts (n = 0: unknown) and approximate flag. */
static void save(struct fx *f, time_t at, enum model_status status, int pos, const int *counts,
                 int n, int approx)
{
    struct serp_page p;
    serp_page_init(&p);
    serp_add_organic(&p, "https://other.com/", "t", NULL);
    serp_add_organic(&p, "https://www.example.com/", "t", NULL);
    p.organic[0].position = pos - 1;
    p.organic[1].position = pos;
    struct model_check c = {.keyword_id = f->kw, .checked_at = at, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = status, .depth = 20,
                            .requests = 1, .page = &p, .page_organic = counts,
                            .n_page_organic = n, .approx = approx,
                            .reason = status == MODEL_OK ? NULL : "timeout"};
    assert_int_equal(track_check_save(f->st, &c, NULL), 0);
    serp_page_release(&p);
}

static void test_counts(void **state)
{
    struct fx *f = *state;
    int got[10];
    assert_int_equal(store_kw_page_counts(f->st, f->kw, got, 10), 0);
    const int full[] = {8, 10, 10};
    save(f, T0, MODEL_OK, 14, full, 3, 0);
    /* later: an approximate probe, and a failed check with counts */
    save(f, T0 + DAY, MODEL_OK, 16, NULL, 0, 1);
    const int bad[] = {7, 10};
    save(f, T0 + 2 * DAY, MODEL_ERROR, 13, bad, 2, 0);
    assert_int_equal(store_kw_page_counts(f->st, f->kw, got, 10), 3);
    assert_int_equal(got[0], 8);
    assert_int_equal(got[1], 10);
    assert_int_equal(got[2], 10);
    assert_int_equal(store_kw_page_counts(f->st, f->kw, got, 2), 2);
    /* a newer exact probe carries the counts it numbered with */
    const int probe[] = {9, 10};
    save(f, T0 + 3 * DAY, MODEL_OK, 15, probe, 2, 0);
    assert_int_equal(store_kw_page_counts(f->st, f->kw, got, 10), 2);
    assert_int_equal(got[0], 9);
}

static void test_damaged(void **state)
{
    struct fx *f = *state;
    const int full[] = {8, 10};
    save(f, T0, MODEL_OK, 14, full, 2, 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE \"check\" SET pages = '8,x'", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    int got[10];
    assert_int_equal(store_kw_page_counts(f->st, f->kw, got, 10), 0);
}

static void test_approx_flag(void **state)
{
    struct fx *f = *state;
    const int full[] = {8, 10};
    save(f, T0, MODEL_OK, 14, full, 2, 0);
    save(f, T0 + DAY, MODEL_OK, 16, NULL, 0, 1);
    struct store_history *h;
    size_t n;
    assert_int_equal(store_history_list(f->st, f->kw, NULL, 0, &h, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].position, 14);
    assert_int_equal(h[0].approx, 0);
    assert_int_equal(h[1].position, 16);
    assert_int_equal(h[1].approx, 1);
    store_history_free_list(h, n);
    struct store_check_info ci;
    struct serp_page p;
    assert_int_equal(store_serp_get(f->st, f->kw, T0, &ci, &p), 1);
    assert_int_equal(ci.approx, 0);
    assert_string_equal(ci.pages, "8,10");
    store_check_info_release(&ci);
    serp_page_release(&p);
    assert_int_equal(store_serp_get(f->st, f->kw, T0 + DAY, &ci, &p), 1);
    assert_int_equal(ci.approx, 1);
    assert_null(ci.pages);
    store_check_info_release(&ci);
    serp_page_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_approx_flag, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
