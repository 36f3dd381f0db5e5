/* test_aioverview.c - AI overviews (issue 18): cited links stored with a
 * check in order, read back equal to the parsed page, re-stored by a
 * replace, deleted with the check; old overviews without stored cites
 * read as unknown; the site match by registrable domain; the ai_cited /
 * ai_uncited alert rules, pure and through track_alert_evaluate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "config.h"
#include "report.h"
#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

struct fx {
    char dir[FIXTURE_DIR_LEN];
    char path[FIXTURE_PATH_LEN];
    store *st;
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_store_open("test_aioverview", f->dir, f->path, &f->st) != 0)
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

static const time_t T0 = 1793512800; /* 2026-11-01T06:00:00Z */
#define DAY 86400

static long long mk_kw(store *st, const char *query, const char *site)
{
    struct model_site s = {.domain = (char *)site, .rent = -1};
    assert_int_equal(store_site_add(st, &s, NULL), 0);
    struct model_keyword k = {.query = (char *)query, .site = (char *)site};
    long long id = 0;
    assert_int_equal(store_kw_add(st, &k, &id), 0);
    return id;
}

/* An ok check of kw at `at` with ten organic results and, when cites is
 * not NULL, an AI overview citing them (NULL-ended) in order. */
static long long save_check(store *st, long long kw, time_t at, const char *const *cites)
{
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    for (int i = 1; i <= 10; i++) {
        char url[64];
        snprintf(url, sizeof url, "https://org%d.com/", i);
        serp_add_organic(&p, url, "t", NULL);
    }
    for (int i = 0; cites && cites[i]; i++) {
        char *title = xasprintf("<script>alert(%d)</script> & title %d", i, i);
        serp_add_ai_cite(&p, cites[i], title);
        free(title);
    }
    struct model_check c = {.keyword_id = kw, .checked_at = at, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = MODEL_OK, .depth = 10,
                            .requests = 1, .page = &p};
    long long id = 0;
    assert_int_equal(track_check_save(st, &c, &id), 0);
    serp_page_release(&p);
    return id;
}

static long long count_rows(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_round_trip(void **state)
{
    struct fx *f = *state;
    long long kw = mk_kw(f->st, "water heater austin", "acme.com");
    static const char *const cites[] = {"https://www.energy.gov/x",
                                        "https://blog.acme.com/heaters/", "https://org3.com/",
                                        NULL};
    long long cid = save_check(f->st, kw, T0, cites);
    save_check(f->st, kw, T0 - DAY, NULL); /* older, no overview */

    struct serp_page p;
    assert_int_equal(store_page_load(f->st, cid, &p), 0);
    assert_true(p.features & SERP_F_AI_OVERVIEW);
    assert_int_equal(p.n_ai_cited, 3);
    assert_string_equal(p.ai_cited[0].url, "https://www.energy.gov/x");
    assert_string_equal(p.ai_cited[0].domain, "energy.gov");
    assert_string_equal(p.ai_cited[1].url, "https://blog.acme.com/heaters/");
    assert_string_equal(p.ai_cited[1].title, "<script>alert(1)</script> & title 1");
    assert_int_equal(p.ai_cited[2].position, 3);
    assert_int_equal(p.n_organic, 10);
    serp_page_release(&p);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM ai_cite"), 3);
    /* a check without an overview stores nothing extra */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM \"check\" WHERE ai_cites IS NULL"),
                     1);

    struct store_ai a;
    assert_int_equal(store_ai_nth(f->st, kw, 0, &a), 1);
    assert_int_equal(a.check_id, cid);
    assert_true(a.present && a.known);
    assert_int_equal(a.n, 3);
    assert_string_equal(a.cites[2].url, "https://org3.com/");
    struct track_ai_seen seen;
    track_ai_seen_of(&a, "acme.com", &seen);
    assert_int_equal(seen.cited, 2);
    store_ai_release(&a);
    assert_int_equal(store_ai_nth(f->st, kw, 1, &a), 1);
    assert_true(!a.present && a.known && a.n == 0);
    store_ai_release(&a);
    assert_int_equal(store_ai_nth(f->st, kw, 2, &a), 0);
    assert_int_equal(store_ai_last_overview(f->st, kw, T0 - 2 * DAY, 0, &a), 1);
    assert_int_equal(a.check_id, cid);
    store_ai_release(&a);
    assert_int_equal(store_ai_last_overview(f->st, kw, T0 - 2 * DAY, T0 - 1, &a), 0);

    /* a replace (reparse) re-stores them: here a page without overview */
    struct serp_page empty;
    serp_page_init(&empty);
    assert_int_equal(track_check_replace(f->st, cid, &empty, -1, NULL), 0);
    serp_page_release(&empty);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM ai_cite"), 0);
    assert_int_equal(store_ai_nth(f->st, kw, 0, &a), 1);
    assert_false(a.present);
    store_ai_release(&a);

    /* deleted with the check */
    long long cid2 = save_check(f->st, kw, T0 + DAY, cites);
    assert_true(cid2 > 0);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM ai_cite"), 3);
    assert_int_equal(store_kw_rm(f->st, kw), 0);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM ai_cite"), 0);
}

static void test_old_overview_unknown(void **state)
{
    struct fx *f = *state;
    long long kw = mk_kw(f->st, "plumber austin", "acme.com");
    static const char *const cites[] = {"https://acme.com/", NULL};
    save_check(f->st, kw, T0, cites);
    /* as a check stored before schema 13 left it: the feature, no cites */
    raw_sql(f->path, "DELETE FROM ai_cite; UPDATE \"check\" SET ai_cites = NULL");
    struct store_ai a;
    assert_int_equal(store_ai_nth(f->st, kw, 0, &a), 1);
    assert_true(a.present);
    assert_false(a.known);
    struct track_ai_seen seen;
    track_ai_seen_of(&a, "acme.com", &seen);
    assert_false(seen.known);
    store_ai_release(&a);
    assert_int_equal(store_ai_last_overview(f->st, kw, 0, 0, &a), 0);
}

static void test_match(void **state)
{
    (void)state;
    struct serp_page p;
    serp_page_init(&p);
    serp_add_ai_cite(&p, "https://notacme.com/", "a");
    serp_add_ai_cite(&p, "https://acme.com.au/", "b");
    serp_add_ai_cite(&p, "https://www.acme.com/x", "c");
    serp_add_ai_cite(&p, "https://shop.acme.com/", "d");
    assert_int_equal(track_ai_cite_position(p.ai_cited, p.n_ai_cited, "acme.com"), 3);
    assert_int_equal(track_ai_cite_position(p.ai_cited, p.n_ai_cited, "www.acme.com"), 3);
    assert_int_equal(track_ai_cite_position(p.ai_cited, p.n_ai_cited, "acme.com.au"), 2);
    assert_int_equal(track_ai_cite_position(p.ai_cited, p.n_ai_cited, "other.com"), 0);
    assert_int_equal(track_ai_cite_position(p.ai_cited, p.n_ai_cited, NULL), 0);
    assert_int_equal(track_ai_cite_position(p.ai_cited, 2, "acme.com"), 0);
    serp_page_release(&p);
}

static void test_rules(void **state)
{
    (void)state;
    struct config cfg;
    config_defaults(&cfg);
    assert_true(cfg.alerts.ai_overview);
    struct track_ai_seen none = {1, 0, 0}, shown = {1, 1, 0}, at2 = {1, 1, 2}, at1 = {1, 1, 1},
                         unknown = {0, 1, 0};
    struct track_alert al[1];
    assert_int_equal(track_alert_ai_rules(&cfg, &shown, &at2, al), 1);
    assert_string_equal(al[0].rule, "ai_cited");
    assert_non_null(strstr(al[0].what, "at 2"));
    track_alert_list_free(al, 1);
    assert_int_equal(track_alert_ai_rules(&cfg, &none, &at1, al), 1);
    assert_string_equal(al[0].rule, "ai_cited");
    track_alert_list_free(al, 1);
    assert_int_equal(track_alert_ai_rules(&cfg, &at2, &shown, al), 1);
    assert_string_equal(al[0].rule, "ai_uncited");
    assert_non_null(strstr(al[0].what, "no longer cited"));
    track_alert_list_free(al, 1);
    assert_int_equal(track_alert_ai_rules(&cfg, &at2, &none, al), 1);
    assert_string_equal(al[0].rule, "ai_uncited");
    assert_non_null(strstr(al[0].what, "is gone"));
    track_alert_list_free(al, 1);
    /* moving within the overview, staying out, or unknown: nothing */
    assert_int_equal(track_alert_ai_rules(&cfg, &at2, &at1, al), 0);
    assert_int_equal(track_alert_ai_rules(&cfg, &shown, &none, al), 0);
    assert_int_equal(track_alert_ai_rules(&cfg, &unknown, &at1, al), 0);
    assert_int_equal(track_alert_ai_rules(&cfg, &at1, &unknown, al), 0);
    cfg.alerts.ai_overview = 0;
    assert_int_equal(track_alert_ai_rules(&cfg, &shown, &at2, al), 0);
    assert_int_equal(track_alert_ai_rules(&cfg, &at2, &none, al), 0);
    config_release(&cfg);
}

static size_t rules_raised(store *st, const char *rule)
{
    struct store_alert *v;
    size_t n, k = 0;
    assert_int_equal(store_alert_list(st, 0, &v, &n), 0);
    for (size_t i = 0; i < n; i++)
        k += util_streq(v[i].rule, rule);
    store_alert_free_list(v, n);
    return k;
}

static void test_evaluate(void **state)
{
    struct fx *f = *state;
    struct config cfg;
    config_defaults(&cfg);
    long long kw = mk_kw(f->st, "water heater austin", "acme.com");
    static const char *const without[] = {"https://org1.com/", "https://org2.com/", NULL};
    static const char *const with[] = {"https://org1.com/", "https://www.acme.com/", NULL};
    save_check(f->st, kw, T0, without);
    save_check(f->st, kw, T0 + DAY, with);
    assert_true(track_alert_evaluate(f->st, &cfg, T0 + DAY + 60) >= 1);
    assert_int_equal(rules_raised(f->st, "ai_cited"), 1);
    save_check(f->st, kw, T0 + 2 * DAY, NULL);
    assert_true(track_alert_evaluate(f->st, &cfg, T0 + 2 * DAY + 60) >= 1);
    assert_int_equal(rules_raised(f->st, "ai_uncited"), 1);
    /* disabled: a new citation raises nothing */
    cfg.alerts.ai_overview = 0;
    save_check(f->st, kw, T0 + 3 * DAY, with);
    assert_true(track_alert_evaluate(f->st, &cfg, T0 + 3 * DAY + 60) >= 0);
    assert_int_equal(rules_raised(f->st, "ai_cited"), 1);
    config_release(&cfg);
}

/* The report's section: cited or not, where, the cited domains, every
 * string escaped; a keyword without stored cites is not listed. */
static void test_report(void **state)
{
    struct fx *f = *state;
    long long kw = mk_kw(f->st, "water heater austin", "acme.com");
    struct model_keyword k2 = {.query = "old overview", .site = "acme.com"};
    long long kw2 = 0;
    assert_int_equal(store_kw_add(f->st, &k2, &kw2), 0);
    static const char *const cites[] = {"https://evil.com/<script>alert(2)</script>",
                                        "https://www.acme.com/", NULL};
    save_check(f->st, kw, T0, cites);
    save_check(f->st, kw2, T0, cites);
    raw_sql(f->path, "UPDATE \"check\" SET ai_cites = NULL WHERE keyword_id = 2;"
                     "DELETE FROM ai_cite WHERE check_id IN"
                     " (SELECT id FROM \"check\" WHERE keyword_id = 2)");
    struct report r;
    assert_int_equal(report_build(f->st, "acme.com", NULL, 0, &r), 0);
    strbuf out = STRBUF_INIT;
    report_html(&r, &out);
    const char *html = sb_str(&out);
    const char *start = strstr(html, "<h2>AI overviews</h2>");
    assert_non_null(start);
    const char *end = strstr(start, "</table>");
    assert_non_null(end);
    char *sec = xstrndup(start, (size_t)(end - start));
    assert_null(strstr(html, "<script>"));
    assert_non_null(strstr(sec, "&lt;script&gt;alert(0)"));
    assert_non_null(strstr(sec, "#2</span>"));
    assert_non_null(strstr(sec, "<b title="));
    assert_non_null(strstr(sec, "acme.com</b>"));
    assert_null(strstr(sec, "old overview"));
    free(sec);
    sb_release(&out);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_overview_unknown, setup, teardown),
        cmocka_unit_test(test_match),
        cmocka_unit_test(test_rules),
        cmocka_unit_test_setup_teardown(test_evaluate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
