/* test_packmatch.c - local pack matching (issue 13 #8): the business name
 * key (case, punctuation, company suffixes, spacing), the phone key (last
 * 10 digits), the phone finder the parsers use, and the stored pack's
 * phone: kept by a round trip, and a pack stored before phones were kept
 * (format 0 blob) still read; the matching rule itself (track_match_rows),
 * pure: page + sites -> rank rows. */
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

static void key_is(const char *name, const char *want)
{
    char *k = track_business_key(name);
    if (want)
        assert_string_equal(k, want);
    else
        assert_null(k);
    free(k);
}

static void test_business_key(void **state)
{
    (void)state;
    key_is("Austin Plumbing Pros", "austin plumbing pros");
    key_is("  AUSTIN   plumbing-pros, LLC ", "austin plumbing pros");
    key_is("Austin Plumbing Pros Inc.", "austin plumbing pros");
    key_is("Austin Plumbing Pros, L.L.C.", "austin plumbing pros");
    key_is("Hill Country Plumbing Company", "hill country plumbing");
    key_is("Hill Country Plumbing Co., Inc.", "hill country plumbing");
    key_is("Bob's Plumbing", "bobs plumbing");
    key_is("Bob\xe2\x80\x99s Plumbing", "bobs plumbing");
    key_is("Smith & Sons", "smith and sons");
    key_is("Smith and Sons", "smith and sons");
    /* a suffix word only at the end, and never the whole name */
    key_is("Co Op Dental", "co op dental");
    key_is("LLC", "llc");
    key_is("Plomería Martínez", "plomería martínez");
    key_is("", NULL);
    key_is("  ,. ", NULL);
    key_is(NULL, NULL);
    /* different businesses stay different */
    char *a = track_business_key("Austin Plumbing Partners");
    char *b = track_business_key("Austin Plumbing Pros LLC");
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void test_phone_key(void **state)
{
    (void)state;
    char a[11], b[11];
    assert_int_equal(track_phone_key("+1 (512) 555-0100", a), 1);
    assert_string_equal(a, "5125550100");
    assert_int_equal(track_phone_key("512.555.0100", b), 1);
    assert_string_equal(a, b);
    assert_int_equal(track_phone_key("15125550100", b), 1);
    assert_string_equal(a, b);
    assert_int_equal(track_phone_key("555-0100", b), 0);
    assert_string_equal(b, "");
    assert_int_equal(track_phone_key(NULL, b), 0);
}

static void test_find_phone(void **state)
{
    (void)state;
    char *p = serp_find_phone("1200 Congress Ave Austin \xc2\xb7 (512) 555-0100");
    assert_string_equal(p, "(512) 555-0100");
    free(p);
    p = serp_find_phone("Call +1 512-555-0100 today");
    assert_string_equal(p, "+1 512-555-0100");
    free(p);
    /* a rating, a review count or a street number is no phone */
    assert_null(serp_find_phone("4.6 (123) \xc2\xb7 Plumber"));
    assert_null(serp_find_phone("1200 Congress Ave"));
    assert_null(serp_find_phone(NULL));
}

/* One page, four sites: organic best by registrable domain (any host),
 * pack by website, by business name, by phone; one site nowhere. */
static void test_match_rows(void **state)
{
    (void)state;
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    serp_add_organic(&p, "https://other.com/", "Other", "");
    serp_add_organic(&p, "https://blog.example.com/a", "A", "");
    serp_add_organic(&p, "https://www.example.com/b", "B", "");
    serp_add_local(&p, "Someone Else", -1, -1, "https://www.example.com/");
    serp_add_local(&p, "Bob's Plumbing, L.L.C.", -1, -1, NULL);
    serp_local_set_phone(serp_add_local(&p, "Unnamed", -1, -1, NULL), "+1 (512) 555-0100");
    struct store_rank_site sites[] = {
        {.id = 3, .domain = "example.com"},
        {.id = 5, .domain = "bobs.com", .business_name = "Bobs Plumbing"},
        {.id = 7, .domain = "call.com", .phone = "512.555.0100"},
        {.id = 9, .domain = "nowhere.com", .business_name = "Nobody", .phone = "555"},
    };
    struct model_rank_row rows[4];
    track_match_rows(&p, sites, 4, rows);
    assert_int_equal(rows[0].site_id, 3);
    assert_int_equal(rows[0].position, 2);
    assert_string_equal(rows[0].url, "https://blog.example.com/a");
    assert_int_equal(rows[0].local, 1);
    assert_int_equal(rows[1].site_id, 5);
    assert_int_equal(rows[1].position, MODEL_NONE);
    assert_null(rows[1].url);
    assert_int_equal(rows[1].local, 2);
    assert_int_equal(rows[2].local, 3);
    assert_int_equal(rows[2].position, MODEL_NONE);
    assert_int_equal(rows[3].site_id, 9);
    assert_int_equal(rows[3].position, MODEL_NONE);
    assert_int_equal(rows[3].local, 0);
    /* no page: every site absent */
    track_match_rows(NULL, sites, 1, rows);
    assert_int_equal(rows[0].position, MODEL_NONE);
    assert_int_equal(rows[0].local, 0);
    serp_page_release(&p);
}

/* Rows matched before a competitor was added are refused (STORE_ERR_STALE)
 * rather than stored without the competitor's row; track_check_save
 * matches again and stores a row for every site. */
static void test_stale_rows(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_packmatch.XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *st;
    assert_int_equal(store_open(path, STORE_CREATE, &st, NULL), 0);
    struct model_site s = {.domain = "example.com", .rent = -1};
    assert_int_equal(store_site_add(st, &s, NULL), 0);
    struct model_keyword k = {.query = "plumber austin", .site = "example.com"};
    long long kw;
    assert_int_equal(store_kw_add(st, &k, &kw), 0);
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    serp_add_organic(&p, "https://rival.com/", "Rival", "");
    serp_add_organic(&p, "https://example.com/", "Us", "");
    struct store_rank_site *sites;
    size_t n;
    assert_int_equal(store_rank_sites(st, kw, 0, &sites, &n), 0);
    assert_int_equal(n, 1);
    struct model_rank_row rows[1];
    track_match_rows(&p, sites, n, rows);
    store_rank_sites_free(sites, n);
    struct model_site c = {.domain = "rival.com", .rent = -1, .competitor = 1};
    assert_int_equal(store_site_add(st, &c, NULL), 0);
    struct model_check chk = {.keyword_id = kw, .checked_at = 1793512800, .engine = SERP_GOOGLE,
                              .provider = "direct", .status = MODEL_OK, .depth = 10,
                              .requests = 1, .page = &p, .ranks = rows, .n_ranks = 1};
    assert_int_equal(store_check_save(st, &chk, NULL), -1);
    assert_int_equal(store_errcode(st), STORE_ERR_STALE);
    store_err_clear(st);
    assert_int_equal(track_check_save(st, &chk, NULL), 0);
    struct store_history *h;
    assert_int_equal(store_history_list(st, kw, "rival.com", 0, &h, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].position, 1);
    store_history_free_list(h, n);
    assert_int_equal(store_history_list(st, kw, NULL, 0, &h, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].position, 2);
    store_history_free_list(h, n);
    serp_page_release(&p);
    store_close(st);
    unlink(path);
    rmdir(dir);
}

static void test_stored_phone(void **state)
{
    (void)state;
    char dir[FIXTURE_DIR_LEN], path[FIXTURE_PATH_LEN];
    store *st;
    assert_int_equal(fixture_store_open("test_packmatch", dir, path, &st), 0);
    struct model_site s = {.domain = "example.com", .rent = -1};
    assert_int_equal(store_site_add(st, &s, NULL), 0);
    struct model_keyword k = {.query = "plumber austin", .site = "example.com"};
    long long kw;
    assert_int_equal(store_kw_add(st, &k, &kw), 0);
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    serp_add_organic(&p, "https://other.com/", "Other", "");
    serp_local_set_phone(serp_add_local(&p, "Ours", 4.5, 10, NULL), "(512) 555-0100");
    serp_add_local(&p, "Theirs", -1, -1, "https://theirs.com/");
    struct model_check c = {.keyword_id = kw, .checked_at = 1793512800, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = MODEL_OK, .depth = 10,
                            .requests = 1, .page = &p};
    long long cid;
    assert_int_equal(track_check_save(st, &c, &cid), 0);
    serp_page_release(&p);

    struct store_check_info ci;
    struct serp_page got;
    serp_page_init(&got);
    assert_int_equal(store_serp_get(st, kw, 0, &ci, &got), 1);
    assert_int_equal(got.n_local, 2);
    assert_string_equal(got.local[0].phone, "(512) 555-0100");
    assert_null(got.local[0].website);
    assert_null(got.local[1].phone);
    assert_string_equal(got.local[1].website, "https://theirs.com/");
    store_check_info_release(&ci);
    serp_page_release(&got);
    store_close(st);

    /* a pack stored before phones: five one-byte varints an entry */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    long long ids[3] = {0};
    const char *q[3] = {"SELECT id FROM str WHERE s = 'Ours'",
                        "SELECT id FROM str WHERE s = 'Theirs'",
                        "SELECT id FROM url WHERE url = 'https://theirs.com/'"};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *qs;
        assert_int_equal(sqlite3_prepare_v2(db, q[i], -1, &qs, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(qs), SQLITE_ROW);
        ids[i] = sqlite3_column_int64(qs, 0);
        sqlite3_finalize(qs);
        assert_true(ids[i] > 0 && ids[i] < 128); /* one-byte varints */
    }
    /* (pos, name, website, rating + 1 or 0, reviews + 1) per entry */
    unsigned char old[] = {1, (unsigned char)ids[0], 0, 0, 0,
                           2, (unsigned char)ids[1], (unsigned char)ids[2], 0, 11};
    sqlite3_stmt *up;
    assert_int_equal(
        sqlite3_prepare_v2(db, "UPDATE result SET local = ?1 WHERE check_id = ?2", -1, &up, NULL),
        SQLITE_OK);
    sqlite3_bind_blob(up, 1, old, (int)sizeof old, SQLITE_STATIC);
    sqlite3_bind_int64(up, 2, cid);
    assert_int_equal(sqlite3_step(up), SQLITE_DONE);
    sqlite3_finalize(up);
    sqlite3_close(db);
    assert_int_equal(store_open(path, 0, &st, NULL), 0);
    serp_page_init(&got);
    assert_int_equal(store_serp_get(st, kw, 0, &ci, &got), 1);
    assert_int_equal(got.n_local, 2);
    assert_string_equal(got.local[0].name, "Ours");
    assert_null(got.local[0].phone);
    assert_string_equal(got.local[1].name, "Theirs");
    assert_string_equal(got.local[1].website, "https://theirs.com/");
    assert_int_equal(got.local[1].reviews, 10);
    store_check_info_release(&ci);
    serp_page_release(&got);
    assert_int_equal(fixture_store_close(dir, st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_business_key),
        cmocka_unit_test(test_phone_key),
        cmocka_unit_test(test_find_phone),
        cmocka_unit_test(test_match_rows),
        cmocka_unit_test(test_stale_rows),
        cmocka_unit_test(test_stored_phone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
