/* test_store.c - the SQLite store: opening (create 0600, migrate from 0,
 * refuse newer, foreign and non-SQLite files, read-only), round trips of
 * every table, hostile strings, domain matching in ranks, atomic check
 * saves and rank changes over synthetic days. Each test gets a fresh
 * database in its own temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metrics.h"
#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

/* Test-side adders (the model's own adders belong to the serp module). */
static void add_org(struct serp_page *p, const char *url, const char *title, const char *snip)
{
    GROW(p->organic, p->cap_organic, p->n_organic + 1);
    struct serp_organic *o = &p->organic[p->n_organic++];
    memset(o, 0, sizeof *o);
    o->position = (int)p->n_organic;
    o->url = xstrdup(url);
    o->title = xstrdup(title);
    o->snippet = xstrdup(snip);
}

static void add_ad(struct serp_page *p, int bottom, const char *url, const char *title)
{
    GROW(p->ads, p->cap_ads, p->n_ads + 1);
    struct serp_ad *a = &p->ads[p->n_ads++];
    memset(a, 0, sizeof *a);
    a->position = (int)p->n_ads;
    a->block = bottom ? SERP_AD_BOTTOM : SERP_AD_TOP;
    a->url = xstrdup(url);
    a->title = xstrdup(title);
}

static void add_local(struct serp_page *p, const char *name, double rating, int reviews,
                      const char *web)
{
    GROW(p->local, p->cap_local, p->n_local + 1);
    struct serp_local *l = &p->local[p->n_local++];
    memset(l, 0, sizeof *l);
    l->position = (int)p->n_local;
    l->name = xstrdup(name);
    l->rating = rating;
    l->reviews = reviews;
    l->website = xstrdup(web);
}

/* --- fixture: a temp dir with a fresh database ------------------------------ */
struct fx {
    char dir[64];
    char path[128];
    store *st;
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_store_open("test_store", f->dir, f->path, &f->st) != 0)
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

static long long mk_site(store *st, const char *domain, int competitor)
{
    struct model_site s = {.domain = (char *)domain, .rent = -1, .competitor = competitor};
    long long id = 0;
    assert_int_equal(store_site_add(st, &s, &id), 0);
    return id;
}

static long long mk_kw(store *st, const char *query, const char *site)
{
    struct model_keyword k = {.query = (char *)query, .site = (char *)site};
    long long id = 0;
    assert_int_equal(store_kw_add(st, &k, &id), 0);
    return id;
}

/* Saves an ok check where `domain` ranks at pos (0 = absent), in 30 results. */
static long long save_pos(store *st, long long kw, time_t at, const char *domain, int pos)
{
    struct serp_page p;
    serp_page_init(&p);
    for (int i = 1; i <= 30; i++) {
        char url[128];
        if (i == pos)
            snprintf(url, sizeof url, "https://www.%s/page", domain);
        else
            snprintf(url, sizeof url, "https://other%d.com/x", i);
        add_org(&p, url, "t", NULL);
    }
    struct model_check c = {.keyword_id = kw, .checked_at = at, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = MODEL_OK, .depth = 30,
                            .requests = 3, .page = &p};
    long long id = 0;
    assert_int_equal(track_check_save(st, &c, &id), 0);
    serp_page_release(&p);
    return id;
}

/* --- opening ------------------------------------------------------------------ */

static void test_open_create(void **state)
{
    struct fx *f = *state;
    struct stat sb;
    assert_int_equal(stat(f->path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(store_schema_version(f->st), store_schema_latest());
    assert_int_equal(store_integrity_check(f->st), 0);

    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.db", f->dir);
    store *st = NULL;
    assert_int_equal(store_open(missing, 0, &st, NULL), -1);
    assert_null(st);
    assert_int_not_equal(access(missing, F_OK), 0);
    /* reopening an existing database is a no-op migration */
    assert_int_equal(store_open(f->path, STORE_CREATE, &st, NULL), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    store_close(st);
}

static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_migrate_and_refuse(void **state)
{
    struct fx *f = *state;
    char p[160];
    store *st = NULL;

    /* version 0: an empty SQLite file is migrated to the latest schema */
    snprintf(p, sizeof p, "%s/v0.db", f->dir);
    raw_sql(p, "PRAGMA user_version = 0");
    assert_int_equal(store_open(p, 0, &st, NULL), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    store_close(st);

    /* a newer schema is refused, read-only too */
    snprintf(p, sizeof p, "%s/new.db", f->dir);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
    raw_sql(p, sql);
    assert_int_equal(store_open(p, 0, &st, NULL), -1);
    assert_int_equal(store_open(p, STORE_READONLY, &st, NULL), -1);

    /* someone else's SQLite database */
    snprintf(p, sizeof p, "%s/other.db", f->dir);
    raw_sql(p, "CREATE TABLE notes(x)");
    assert_int_equal(store_open(p, 0, &st, NULL), -1);

    /* not SQLite at all */
    snprintf(p, sizeof p, "%s/text.db", f->dir);
    const char junk[] = "this is not an SQLite database, just some text that is long enough "
                        "to fill a header and more......................................";
    assert_int_equal(util_write_file(p, junk, sizeof junk - 1, 0600), 0);
    assert_int_equal(store_open(p, 0, &st, NULL), -1);
    assert_int_equal(store_open(p, STORE_READONLY, &st, NULL), -1);
    /* and the file is left alone */
    char *buf;
    size_t len;
    assert_int_equal(util_read_file(p, 0, &buf, &len), 0);
    assert_int_equal(len, sizeof junk - 1);
    free(buf);

    /* read-only open of an older schema does not migrate */
    snprintf(p, sizeof p, "%s/v0b.db", f->dir);
    raw_sql(p, "PRAGMA user_version = 0");
    assert_int_equal(store_open(p, STORE_READONLY, &st, NULL), -1);
}

/* A database made by schema 1 (as the first release wrote it) with data:
 * opening migrates it and every query still answers. */
extern const char *const store_migrations[];

static void test_migrate_from_v1(void **state)
{
    struct fx *f = *state;
    char p[160];
    snprintf(p, sizeof p, "%s/v1.db", f->dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "PRAGMA user_version = 1;"
                     "INSERT INTO site(id, domain, created_at) VALUES (1, 'example.com', 0);"
                     "INSERT INTO keyword(id, query, engine, device, lang, country, depth,"
                     " site_id, schedule, created_at) VALUES (1, 'plumber', 'google',"
                     " 'desktop', 'en', 'us', 30, 1, 'daily', 0);"
                     "INSERT INTO str(id, s) VALUES (1, 'example.com');"
                     "INSERT INTO url(id, url, domain_id) VALUES (1, 'https://example.com/', 1);"
                     "INSERT INTO \"check\"(id, keyword_id, checked_at, engine, status, depth)"
                     " VALUES (1, 1, 1000, 'google', 0, 30), (2, 1, 90000, 'google', 1, 0);"
                     "INSERT INTO rank(site_id, keyword_id, checked_at, check_id, position,"
                     " url_id) VALUES (1, 1, 1000, 1, 4, 1);",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    store *st = NULL;
    assert_int_equal(store_open(p, STORE_READONLY, &st, NULL), -1); /* read-only never migrates */
    assert_int_equal(store_open(p, 0, &st, NULL), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    assert_int_equal(store_integrity_check(st), 0);
    struct store_history *h;
    size_t n;
    assert_int_equal(store_history_list(st, 1, NULL, 0, &h, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].position, 4);
    assert_string_equal(h[0].url, "https://example.com/");
    assert_int_equal(h[1].status, MODEL_BLOCKED);
    store_history_free_list(h, n);
    struct model_rank *r;
    assert_int_equal(metrics_rank_list(st, NULL, &r, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].position, 4);
    assert_int_equal(r[0].status, MODEL_BLOCKED);
    model_rank_free_list(r, n);
    store_close(st);
}

static void test_readonly(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    store *ro = NULL;
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro, NULL), 0);
    struct model_site s = {.domain = "second.com", .rent = -1};
    assert_int_equal(store_site_add(ro, &s, NULL), -1);
    struct model_site *v;
    size_t n;
    assert_int_equal(store_site_list(ro, &v, &n), 0);
    assert_int_equal(n, 1);
    model_site_free_list(v, n);
    store_close(ro);

    /* a write-protected file: refused for writing with a message */
    store_close(f->st);
    f->st = NULL;
    assert_int_equal(chmod(f->path, 0400), 0);
    if (geteuid() != 0) { /* root writes anyway */
        store *rw = NULL;
        assert_int_equal(store_open(f->path, 0, &rw, NULL), -1);
        assert_null(rw);
    }
    assert_int_equal(chmod(f->path, 0600), 0);
    assert_int_equal(store_open(f->path, 0, &f->st, NULL), 0);
}

/* --- sites ---------------------------------------------------------------------- */

static void test_sites(void **state)
{
    struct fx *f = *state;
    struct model_site s = {.domain = "WWW.Example.COM", .name = "Austin Plumbing",
                           .client = "Bob's", .status = "ranking", .rent = 500,
                           .niche = "plumbing", .phone = "+15125550100"};
    long long id;
    assert_int_equal(store_site_add(f->st, &s, &id), 0);
    assert_true(id > 0);
    /* the same registrable domain again */
    struct model_site dup = {.domain = "blog.example.com", .rent = -1};
    assert_int_equal(store_site_add(f->st, &dup, NULL), -1);
    struct model_site bad = {.domain = "x.com", .status = "sold", .rent = -1};
    assert_int_equal(store_site_add(f->st, &bad, NULL), -1);
    struct model_site nohost = {.domain = "", .rent = -1};
    assert_int_equal(store_site_add(f->st, &nohost, NULL), -1);

    struct model_site g;
    assert_int_equal(store_site_get(f->st, "https://example.com/", &g), 1);
    assert_string_equal(g.domain, "example.com");
    assert_string_equal(g.name, "Austin Plumbing");
    assert_string_equal(g.client, "Bob's");
    assert_string_equal(g.status, "ranking");
    assert_true(g.rent == 500);
    assert_string_equal(g.niche, "plumbing");
    assert_string_equal(g.phone, "+15125550100");
    assert_int_equal(g.competitor, 0);
    model_site_release(&g);

    /* update: only what is given changes */
    struct model_site u = {.domain = "example.com", .status = "rented", .rent = STORE_RENT_KEEP,
                           .competitor = -1};
    assert_int_equal(store_site_update(f->st, &u), 0);
    assert_int_equal(store_site_get(f->st, "example.com", &g), 1);
    assert_string_equal(g.status, "rented");
    assert_string_equal(g.name, "Austin Plumbing");
    assert_true(g.rent == 500);
    model_site_release(&g);
    u.rent = 750;
    u.status = NULL;
    u.competitor = 1;
    assert_int_equal(store_site_update(f->st, &u), 0);
    assert_int_equal(store_site_get(f->st, "example.com", &g), 1);
    assert_true(g.rent == 750);
    assert_int_equal(g.competitor, 1);
    model_site_release(&g);
    u.domain = "nosuch.com";
    assert_int_equal(store_site_update(f->st, &u), -1);

    mk_site(f->st, "rival.com", 1);
    struct model_site *v;
    size_t n;
    assert_int_equal(store_site_list(f->st, &v, &n), 0);
    assert_int_equal(n, 2);
    model_site_free_list(v, n);

    assert_int_equal(store_site_rm(f->st, "rival.com"), 0);
    assert_int_equal(store_site_rm(f->st, "rival.com"), -1);
    assert_int_equal(store_site_get(f->st, "rival.com", &g), 0);
}

/* --- keywords ---------------------------------------------------------------- */

static void test_keywords(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    mk_site(f->st, "second.com", 0);
    struct model_keyword k = {.query = "plumber austin", .engine = SERP_BING,
                              .location = "Austin,Texas,United States", .device = "mobile",
                              .depth = 50, .tags = " emergency , austin,,", .site = "example.com",
                              .schedule = "12h"};
    long long id, id2;
    assert_int_equal(store_kw_add(f->st, &k, &id), 0);
    assert_int_equal(store_kw_add(f->st, &k, &id2), 1); /* duplicate */
    assert_int_equal(id, id2);

    struct model_keyword g;
    assert_int_equal(store_kw_get(f->st, id, &g), 1);
    assert_string_equal(g.query, "plumber austin");
    assert_int_equal(g.engine, SERP_BING);
    assert_string_equal(g.location, "Austin,Texas,United States");
    assert_string_equal(g.device, "mobile");
    assert_string_equal(g.lang, "en");
    assert_string_equal(g.country, "us");
    assert_int_equal(g.depth, 50);
    assert_string_equal(g.tags, "emergency,austin");
    assert_string_equal(g.site, "example.com");
    assert_string_equal(g.schedule, "12h");
    model_keyword_release(&g);
    assert_int_equal(store_kw_get(f->st, 9999, &g), 0);

    struct model_keyword d = {.query = "drain cleaning", .site = "second.com"};
    long long id3;
    assert_int_equal(store_kw_add(f->st, &d, &id3), 0);
    assert_int_equal(store_kw_get(f->st, id3, &g), 1);
    assert_int_equal(g.engine, SERP_GOOGLE);
    assert_string_equal(g.device, "desktop");
    assert_int_equal(g.depth, 30);
    assert_string_equal(g.schedule, "daily");
    assert_null(g.location);
    assert_null(g.tags);
    model_keyword_release(&g);

    /* validation */
    struct model_keyword bad = {.query = "x", .depth = 500};
    assert_int_equal(store_kw_add(f->st, &bad, NULL), -1);
    struct model_keyword bad2 = {.query = "x", .schedule = "hourly"};
    assert_int_equal(store_kw_add(f->st, &bad2, NULL), -1);
    struct model_keyword bad3 = {.query = "x", .site = "unknown.com"};
    assert_int_equal(store_kw_add(f->st, &bad3, NULL), -1);
    struct model_keyword bad4 = {.query = ""};
    assert_int_equal(store_kw_add(f->st, &bad4, NULL), -1);

    struct model_keyword *v;
    size_t n;
    assert_int_equal(store_kw_list(f->st, NULL, &v, &n), 0);
    assert_int_equal(n, 2);
    model_keyword_free_list(v, n);
    struct store_kw_filter fl = {.tag = "austin"};
    assert_int_equal(store_kw_list(f->st, &fl, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, id);
    model_keyword_free_list(v, n);
    fl.tag = "aus"; /* a tag matches whole, not as a prefix */
    assert_int_equal(store_kw_list(f->st, &fl, &v, &n), 0);
    assert_int_equal(n, 0);
    model_keyword_free_list(v, n);
    struct store_kw_filter fs = {.site = "www.second.com"};
    assert_int_equal(store_kw_list(f->st, &fs, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, id3);
    model_keyword_free_list(v, n);

    /* due: never checked, then checked, then the interval passes */
    assert_int_equal(store_kw_due(f->st, T0, &v, &n), 0);
    assert_int_equal(n, 2);
    model_keyword_free_list(v, n);
    save_pos(f->st, id3, T0 + 5, "second.com", 3);
    assert_int_equal(store_kw_due(f->st, T0 + 60, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, id);
    model_keyword_free_list(v, n);
    assert_int_equal(store_kw_due(f->st, T0 + DAY, &v, &n), 0); /* 5 s early: still due */
    assert_int_equal(n, 2);
    model_keyword_free_list(v, n);
    assert_int_equal(store_kw_checked_since(f->st, id3, T0, 0), 1);
    assert_int_equal(store_kw_checked_since(f->st, id3, T0 + 10, 0), 0);
    assert_int_equal(store_kw_checked_since(f->st, id, T0, 1), 0);

    /* removing a keyword removes its checks */
    assert_int_equal(store_kw_rm(f->st, id3), 0);
    assert_int_equal(store_kw_rm(f->st, id3), -1);
    assert_int_equal(store_kw_checked_since(f->st, id3, 0, 1), 0);
}

static void test_due_schedules(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    struct model_keyword w = {.query = "weekly", .site = "example.com", .schedule = "weekly"};
    struct model_keyword h = {.query = "six-hourly", .site = "example.com", .schedule = "6h"};
    long long wid, hid;
    assert_int_equal(store_kw_add(f->st, &w, &wid), 0);
    assert_int_equal(store_kw_add(f->st, &h, &hid), 0);
    save_pos(f->st, wid, T0, "example.com", 1);
    save_pos(f->st, hid, T0, "example.com", 1);
    /* a blocked check does not count as done */
    struct model_check b = {.keyword_id = hid, .checked_at = T0 + 6 * 3600,
                            .status = MODEL_BLOCKED, .reason = "captcha"};
    assert_int_equal(track_check_save(f->st, &b, NULL), 0);
    struct model_keyword *v;
    size_t n;
    assert_int_equal(store_kw_due(f->st, T0 + 5 * 3600, &v, &n), 0);
    assert_int_equal(n, 0);
    model_keyword_free_list(v, n);
    assert_int_equal(store_kw_due(f->st, T0 + 6 * 3600 + 60, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, hid);
    model_keyword_free_list(v, n);
    assert_int_equal(store_kw_due(f->st, T0 + 6 * DAY, &v, &n), 0);
    assert_int_equal(n, 1);
    model_keyword_free_list(v, n);
    assert_int_equal(store_kw_due(f->st, T0 + 7 * DAY, &v, &n), 0);
    assert_int_equal(n, 2);
    model_keyword_free_list(v, n);
    assert_int_equal(store_kw_checked_since(f->st, hid, T0 + 1, 1), 1);
    assert_int_equal(store_kw_checked_since(f->st, hid, T0 + 1, 0), 0);
}

/* --- hostile strings ---------------------------------------------------------- */

static void test_hostile(void **state)
{
    struct fx *f = *state;
    char big[10241];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = (char)('a' + i % 26);
    big[sizeof big - 1] = '\0';
    const char *evil[] = {
        "plumber's \"best\" austin",
        "x'); DROP TABLE keyword; --",
        "<script>alert(1)</script>",
        "`touch /tmp/pwned` $(id)",
        "plombier à côté 🚰 東京",
        big,
    };
    mk_site(f->st, "example.com", 0);
    for (size_t i = 0; i < ARRAY_SIZE(evil); i++) {
        struct model_site s = {.domain = "example.com", .name = (char *)evil[i],
                               .client = (char *)evil[i], .rent = STORE_RENT_KEEP,
                               .competitor = -1};
        assert_int_equal(store_site_update(f->st, &s), 0);
        struct model_site g;
        assert_int_equal(store_site_get(f->st, "example.com", &g), 1);
        assert_string_equal(g.name, evil[i]);
        assert_string_equal(g.client, evil[i]);
        model_site_release(&g);

        long long id = mk_kw(f->st, evil[i], "example.com");
        struct model_keyword k;
        assert_int_equal(store_kw_get(f->st, id, &k), 1);
        assert_string_equal(k.query, evil[i]);
        model_keyword_release(&k);

        struct serp_page p;
        serp_page_init(&p);
        p.query = xstrdup(evil[i]);
        add_org(&p, "https://example.com/a?q=' OR 1=1 --", evil[i], evil[i]);
        add_ad(&p, 0, "https://ads.example.org/", evil[i]);
        add_local(&p, evil[i], 4.5, 10, NULL);
        struct model_check c = {.keyword_id = id, .checked_at = T0, .engine = SERP_GOOGLE,
                                .provider = "direct", .status = MODEL_OK, .depth = 10,
                                .page = &p};
        assert_int_equal(track_check_save(f->st, &c, NULL), 0);
        serp_page_release(&p);

        struct store_check_info info;
        assert_int_equal(store_serp_get(f->st, id, 0, &info, &p), 1);
        assert_string_equal(p.query, evil[i]);
        assert_int_equal(p.n_organic, 1);
        assert_string_equal(p.organic[0].title, evil[i]);
        assert_string_equal(p.organic[0].snippet, evil[i]);
        assert_string_equal(p.organic[0].url, "https://example.com/a?q=' OR 1=1 --");
        assert_string_equal(p.ads[0].title, evil[i]);
        assert_string_equal(p.local[0].name, evil[i]);
        store_check_info_release(&info);
        serp_page_release(&p);
    }
    struct model_keyword *v;
    size_t n;
    assert_int_equal(store_kw_list(f->st, NULL, &v, &n), 0);
    assert_int_equal(n, ARRAY_SIZE(evil));
    model_keyword_free_list(v, n);
    assert_int_equal(store_integrity_check(f->st), 0);
}

/* --- checks --------------------------------------------------------------------- */

static int raw_seen;

static int raw_cb(const struct store_check_info *c, const void *raw, size_t len, void *arg)
{
    (void)arg;
    assert_int_equal(c->status, MODEL_OK);
    assert_int_equal(len, 5000);
    assert_memory_equal(raw, arg ? arg : raw, len);
    raw_seen++;
    return 0;
}

static void test_check_roundtrip(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    long long kw = mk_kw(f->st, "plumber austin", "example.com");
    struct serp_page p;
    serp_page_init(&p);
    p.engine = SERP_GOOGLE;
    p.query = xstrdup("plumber austin");
    p.total_results = 1230000;
    p.features = SERP_F_LOCAL_PACK | SERP_F_ADS_TOP | SERP_F_PEOPLE_ALSO_ASK;
    add_org(&p, "https://yelp.com/austin-plumbers", "Top 10 Plumbers", "Find the best");
    add_org(&p, "https://www.example.com/", "Example Plumbing", NULL);
    add_org(&p, "https://angi.com/x", "Angi", "snip");
    add_ad(&p, 0, "https://ad1.com/", "Ad one");
    add_ad(&p, 1, "https://ad2.com/", "Ad two");
    add_local(&p, "Joe's Plumbing", 4.8, 120, "https://joesplumbing.com/");
    add_local(&p, "No Site Plumbing", -1, -1, NULL);
    char raw[5000];
    for (size_t i = 0; i < sizeof raw; i++)
        raw[i] = (char)("<html>"[i % 6]);
    struct model_check c = {.keyword_id = kw, .checked_at = T0, .engine = SERP_GOOGLE,
                            .provider = "serp-api", .status = MODEL_OK, .http_status = 200,
                            .depth = 30, .requests = 3, .page = &p, .raw = raw,
                            .raw_len = sizeof raw};
    long long cid;
    assert_int_equal(track_check_save(f->st, &c, &cid), 0);
    serp_page_release(&p);

    struct store_check_info info;
    assert_int_equal(store_serp_get(f->st, kw, 0, &info, &p), 1);
    assert_int_equal(info.id, cid);
    assert_int_equal(info.keyword_id, kw);
    assert_int_equal(info.checked_at, T0);
    assert_int_equal(info.engine, SERP_GOOGLE);
    assert_string_equal(info.provider, "serp-api");
    assert_int_equal(info.status, MODEL_OK);
    assert_null(info.reason);
    assert_int_equal(info.http_status, 200);
    assert_int_equal(info.depth, 30);
    assert_int_equal(p.engine, SERP_GOOGLE);
    assert_string_equal(p.query, "plumber austin");
    assert_int_equal(p.total_results, 1230000);
    assert_int_equal(p.features, SERP_F_LOCAL_PACK | SERP_F_ADS_TOP | SERP_F_PEOPLE_ALSO_ASK);
    assert_int_equal(p.n_organic, 3);
    assert_int_equal(p.organic[1].position, 2);
    assert_string_equal(p.organic[1].url, "https://www.example.com/");
    assert_string_equal(p.organic[1].domain, "example.com");
    assert_string_equal(p.organic[1].title, "Example Plumbing");
    assert_null(p.organic[1].snippet);
    assert_string_equal(p.organic[0].snippet, "Find the best");
    assert_int_equal(p.n_ads, 2);
    assert_int_equal(p.ads[1].block, SERP_AD_BOTTOM);
    assert_string_equal(p.ads[1].domain, "ad2.com");
    assert_int_equal(p.n_local, 2);
    assert_string_equal(p.local[0].name, "Joe's Plumbing");
    assert_true(p.local[0].rating > 4.79 && p.local[0].rating < 4.81);
    assert_int_equal(p.local[0].reviews, 120);
    assert_string_equal(p.local[0].domain, "joesplumbing.com");
    assert_true(p.local[1].rating < 0);
    assert_int_equal(p.local[1].reviews, -1);
    assert_null(p.local[1].website);
    store_check_info_release(&info);
    serp_page_release(&p);

    /* a blocked check the next day: latest, no results, no ranks */
    struct model_check b = {.keyword_id = kw, .checked_at = T0 + DAY, .engine = SERP_GOOGLE,
                            .provider = "direct", .status = MODEL_BLOCKED,
                            .reason = "captcha", .http_status = 429, .depth = 0};
    assert_int_equal(track_check_save(f->st, &b, NULL), 0);
    assert_int_equal(store_serp_get(f->st, kw, 0, &info, &p), 1);
    assert_int_equal(info.status, MODEL_BLOCKED);
    assert_string_equal(info.reason, "captcha");
    assert_int_equal(p.n_organic, 0);
    store_check_info_release(&info);
    serp_page_release(&p);
    /* by day: the first day's check; a day without checks: none */
    assert_int_equal(store_serp_get(f->st, kw, T0 + 3600, &info, &p), 1);
    assert_int_equal(info.id, cid);
    store_check_info_release(&info);
    serp_page_release(&p);
    assert_int_equal(store_serp_get(f->st, kw, T0 + 5 * DAY, &info, &p), 0);
    serp_page_release(&p);

    /* raw archive */
    raw_seen = 0;
    assert_int_equal(store_raw_each(f->st, 0, raw_cb, raw), 0);
    assert_int_equal(raw_seen, 1);

    /* replace: reparse found a captcha after all */
    struct serp_page np;
    serp_page_init(&np);
    add_org(&np, "https://example.com/new", "New", NULL);
    assert_int_equal(track_check_replace(f->st, cid, &np, -1, NULL), 0);
    serp_page_release(&np);
    struct store_history *h;
    size_t n;
    assert_int_equal(store_history_list(f->st, kw, NULL, 0, &h, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].position, 1);
    assert_string_equal(h[0].url, "https://example.com/new");
    assert_int_equal(h[0].depth, 30);
    assert_int_equal(h[1].status, MODEL_BLOCKED);
    assert_int_equal(h[1].position, MODEL_NONE);
    store_history_free_list(h, n);
    assert_int_equal(track_check_replace(f->st, cid, NULL, MODEL_BLOCKED, "captcha"), 0);
    assert_int_equal(store_history_list(f->st, kw, NULL, T0 + 1, &h, &n), 0);
    assert_int_equal(n, 1); /* since */
    store_history_free_list(h, n);
    assert_int_equal(store_history_list(f->st, kw, NULL, 0, &h, &n), 0);
    assert_int_equal(h[0].status, MODEL_BLOCKED);
    assert_string_equal(h[0].reason, "captcha");
    assert_int_equal(h[0].position, MODEL_NONE);
    store_history_free_list(h, n);

    assert_int_equal(store_raw_prune(f->st, T0 + 1), 0);
    raw_seen = 0;
    assert_int_equal(store_raw_each(f->st, 0, raw_cb, raw), 0);
    assert_int_equal(raw_seen, 0);

    /* a check for a keyword that does not exist */
    struct model_check nok = {.keyword_id = 999, .checked_at = T0, .status = MODEL_OK};
    assert_int_equal(track_check_save(f->st, &nok, NULL), -1);
}

/* --- domain matching ----------------------------------------------------------- */

struct dp {
    int calls, pos;
};

static void dp_cb(long long kw, time_t at, int pos, void *arg)
{
    (void)kw, (void)at;
    struct dp *d = arg;
    d->calls++;
    d->pos = pos;
}

static void test_domain_matching(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    mk_site(f->st, "rival.co.uk", 1);
    mk_site(f->st, "absent.com", 1);
    long long kw = mk_kw(f->st, "plumber", "example.com");
    struct serp_page p;
    serp_page_init(&p);
    add_org(&p, "https://example.com.evil.io/", "phish", NULL);  /* 1: not ours */
    add_org(&p, "https://notexample.com/", "other", NULL);       /* 2 */
    add_org(&p, "https://blog.rival.co.uk/post", "rival", NULL); /* 3 */
    add_org(&p, "https://blog.example.com/x", "ours", NULL);     /* 4 */
    add_org(&p, "https://www.example.com/", "ours too", NULL);   /* 5 */
    add_local(&p, "Rival", 5, 3, "https://www.rival.co.uk/");
    struct model_check c = {.keyword_id = kw, .checked_at = T0, .engine = SERP_GOOGLE,
                            .status = MODEL_OK, .depth = 10, .page = &p};
    assert_int_equal(track_check_save(f->st, &c, NULL), 0);
    serp_page_release(&p);

    struct model_rank *r;
    size_t n;
    assert_int_equal(metrics_rank_list(f->st, NULL, &r, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(r[0].site, "example.com");
    assert_int_equal(r[0].position, 4);
    assert_string_equal(r[0].url, "https://blog.example.com/x");
    assert_int_equal(r[0].in_local_pack, 0);
    assert_int_equal(r[0].competitor, 0);
    model_rank_free_list(r, n);

    struct store_rank_filter fl = {.competitors = 1};
    assert_int_equal(metrics_rank_list(f->st, &fl, &r, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(r[i].site, "rival.co.uk") == 0) {
            assert_int_equal(r[i].position, 3);
            assert_int_equal(r[i].in_local_pack, 1);
            assert_int_equal(r[i].competitor, 1);
        } else if (strcmp(r[i].site, "absent.com") == 0) {
            assert_int_equal(r[i].position, MODEL_NONE);
            assert_int_equal(r[i].best, MODEL_NONE);
            assert_int_equal(r[i].status, MODEL_OK);
        }
    }
    model_rank_free_list(r, n);

    struct dp d = {0, 0};
    assert_int_equal(store_domain_positions(f->st, "rival.co.uk", 0, dp_cb, &d), 0);
    assert_int_equal(d.calls, 1);
    assert_int_equal(d.pos, 3);
    d.calls = 0;
    assert_int_equal(store_domain_positions(f->st, "example.com", 0, dp_cb, &d), 0);
    assert_int_equal(d.pos, 4);
    d.calls = 0;
    assert_int_equal(store_domain_positions(f->st, "nowhere.com", 0, dp_cb, &d), 0);
    assert_int_equal(d.calls, 0);

    /* history of a competitor */
    struct store_history *h;
    assert_int_equal(store_history_list(f->st, kw, "rival.co.uk", 0, &h, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].position, 3);
    store_history_free_list(h, n);
    assert_int_equal(store_history_list(f->st, kw, "nosuch.com", 0, &h, &n), -1);

    /* removing a site removes its ranks but keeps the checks */
    assert_int_equal(store_site_rm(f->st, "rival.co.uk"), 0);
    assert_int_equal(store_kw_checked_since(f->st, kw, 0, 0), 1);
}

/* --- atomicity ------------------------------------------------------------------ */

static void test_atomic(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    long long kw = mk_kw(f->st, "plumber", "example.com");
    struct serp_page p;
    serp_page_init(&p);
    add_org(&p, "https://example.com/", "t", NULL);
    static const char tiny[1] = {0};
    /* the raw page is refused after the check and its results went in */
    struct model_check c = {.keyword_id = kw, .checked_at = T0, .status = MODEL_OK,
                            .depth = 10, .page = &p, .raw = tiny,
                            .raw_len = (size_t)65 << 20};
    assert_int_equal(track_check_save(f->st, &c, NULL), -1);
    assert_int_equal(store_kw_checked_since(f->st, kw, 0, 1), 0);
    struct store_history *h;
    size_t n;
    assert_int_equal(store_history_list(f->st, kw, NULL, 0, &h, &n), 0);
    assert_int_equal(n, 0);
    store_history_free_list(h, n);
    /* the store still works, and nested transactions roll back inner work */
    c.raw = NULL;
    c.raw_len = 0;
    assert_int_equal(store_begin(f->st), 0);
    assert_int_equal(track_check_save(f->st, &c, NULL), 0);
    assert_int_equal(store_begin(f->st), 0);
    mk_site(f->st, "inner.com", 0);
    store_rollback(f->st);
    assert_int_equal(store_commit(f->st), 0);
    struct model_site s;
    assert_int_equal(store_site_get(f->st, "inner.com", &s), 0);
    assert_int_equal(store_kw_checked_since(f->st, kw, 0, 0), 1);
    serp_page_release(&p);
}

/* --- rank changes over synthetic days ------------------------------------------- */

static void test_rank_changes(void **state)
{
    struct fx *f = *state;
    mk_site(f->st, "example.com", 0);
    long long kw = mk_kw(f->st, "plumber", "example.com");
    /* 40 days: absent for days 0-4, then 25 → 1 step by step (min 1) */
    int pos[40];
    for (int d = 0; d < 40; d++) {
        pos[d] = d < 5 ? 0 : (25 - (d - 5) > 1 ? 25 - (d - 5) : 1);
        /* a few seconds of jitter, as a cron would have */
        save_pos(f->st, kw, T0 + d * DAY + (d % 3), "example.com", pos[d]);
    }
    struct model_rank *r;
    size_t n;
    assert_int_equal(metrics_rank_list(f->st, NULL, &r, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].position, pos[39]);
    assert_int_equal(r[0].change_1d, pos[38] - pos[39]);
    assert_int_equal(r[0].change_7d, pos[32] - pos[39]);
    assert_int_equal(r[0].change_30d, pos[9] - pos[39]);
    assert_int_equal(r[0].best, 1);
    assert_int_equal(r[0].depth, 30);
    assert_int_equal(r[0].status, MODEL_OK);
    assert_int_equal(r[0].checked_at, T0 + 39 * DAY + 0);
    /* first day at <= 10: 25 - (d - 5) <= 10 → d = 20 */
    assert_int_equal(r[0].first_top10, T0 + 20 * DAY + (20 % 3));
    assert_string_equal(r[0].url, "https://www.example.com/page");
    model_rank_free_list(r, n);

    /* then a drop out of the results, then a blocked day */
    save_pos(f->st, kw, T0 + 40 * DAY, "example.com", 0);
    struct model_check b = {.keyword_id = kw, .checked_at = T0 + 41 * DAY,
                            .status = MODEL_BLOCKED, .reason = "rate_limited", .depth = 0};
    assert_int_equal(track_check_save(f->st, &b, NULL), 0);
    assert_int_equal(metrics_rank_list(f->st, NULL, &r, &n), 0);
    assert_int_equal(r[0].status, MODEL_BLOCKED);
    assert_string_equal(r[0].reason, "rate_limited");
    assert_int_equal(r[0].checked_at, T0 + 41 * DAY);
    assert_int_equal(r[0].position, MODEL_NONE);
    assert_int_equal(r[0].change_1d, MODEL_NONE);
    assert_int_equal(r[0].best, 1);
    assert_null(r[0].url);
    model_rank_free_list(r, n);

    /* a second keyword that never does better than 4: first_top10 still found */
    long long kw2 = mk_kw(f->st, "drain", "example.com");
    save_pos(f->st, kw2, T0, "example.com", 12);
    save_pos(f->st, kw2, T0 + DAY, "example.com", 7);
    save_pos(f->st, kw2, T0 + 2 * DAY, "example.com", 4);
    struct store_rank_filter f2 = {.site = "example.com"};
    assert_int_equal(metrics_rank_list(f->st, &f2, &r, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r[1].keyword_id, kw2);
    assert_int_equal(r[1].best, 4);
    assert_int_equal(r[1].first_top10, T0 + DAY);
    assert_int_equal(r[1].change_1d, 3);
    assert_int_equal(r[1].change_7d, MODEL_NONE);
    model_rank_free_list(r, n);

    /* filters */
    struct store_rank_filter fl = {.tag = "none"};
    assert_int_equal(metrics_rank_list(f->st, &fl, &r, &n), 0);
    assert_int_equal(n, 0);
    model_rank_free_list(r, n);
    fl.tag = NULL;
    fl.site = "nosuch.com";
    assert_int_equal(metrics_rank_list(f->st, &fl, &r, &n), -1);
}

/* --- the smaller tables ------------------------------------------------------------ */

static void test_misc(void **state)
{
    struct fx *f = *state;
    struct store_volume v = {.query = "  Plumber   AUSTIN ", .location = NULL, .volume = 1900,
                             .cpc = 32.5, .competition = 0.8, .source = "keyword-planner"};
    assert_int_equal(store_volume_set(f->st, &v), 0);
    v.location = "Austin,Texas,United States";
    v.volume = 720;
    v.cpc = -1;
    assert_int_equal(store_volume_set(f->st, &v), 0);
    struct store_volume g;
    assert_int_equal(store_volume_get(f->st, "plumber austin", "Austin,Texas,United States", &g),
                     1);
    assert_int_equal(g.volume, 720);
    assert_true(g.cpc < 0);
    store_volume_release(&g);
    assert_int_equal(store_volume_get(f->st, "plumber austin", "Dallas,Texas,United States", &g),
                     1);
    assert_int_equal(g.volume, 1900);
    assert_null(g.location);
    assert_true(g.cpc == 32.5);
    assert_string_equal(g.source, "keyword-planner");
    store_volume_release(&g);
    assert_int_equal(store_volume_get(f->st, "nothing", NULL, &g), 0);

    mk_site(f->st, "example.com", 0);
    struct store_lead l = {.site = "example.com", .called_at = T0, .duration = 95,
                           .caller = "+15125550111", .source = "tracking", .ext_id = "c1"};
    assert_int_equal(store_lead_add(f->st, &l), 0);
    assert_int_equal(store_lead_add(f->st, &l), 1);
    l.ext_id = NULL;
    l.called_at = T0 + 60;
    l.duration = 20;
    assert_int_equal(store_lead_add(f->st, &l), 0);
    assert_int_equal(store_lead_add(f->st, &l), 1);
    l.site = "unknown.com";
    assert_int_equal(store_lead_add(f->st, &l), -1);
    assert_int_equal(store_lead_count(f->st, "example.com", T0, T0 + DAY, 0), 2);
    assert_int_equal(store_lead_count(f->st, "example.com", T0, T0 + DAY, 30), 1);
    assert_int_equal(store_lead_count(f->st, "example.com", T0 + DAY, T0 + 2 * DAY, 0), 0);

    long long kw = mk_kw(f->st, "plumber", "example.com");
    struct store_alert a = {.raised_at = T0, .keyword_id = kw, .site = "example.com",
                            .rule = "left_top3", .message = "plumber: 2 → 5"};
    long long aid;
    assert_int_equal(store_alert_add(f->st, &a, &aid), 0);
    struct store_alert *av;
    size_t n;
    assert_int_equal(store_alert_list(f->st, 0, &av, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(av[0].message, "plumber: 2 → 5");
    assert_int_equal(av[0].sent, 0);
    store_alert_free_list(av, n);
    assert_int_equal(store_alert_mark_sent(f->st, aid), 0);
    assert_int_equal(store_alert_list(f->st, T0, &av, &n), 0);
    assert_int_equal(av[0].sent, 1);
    store_alert_free_list(av, n);
    assert_int_equal(store_alert_list(f->st, T0 + 1, &av, &n), 0);
    assert_int_equal(n, 0);
    store_alert_free_list(av, n);

    assert_int_equal(store_usage_add(f->st, T0, "serp-api", SERP_GOOGLE, 3, 1), 0);
    assert_int_equal(store_usage_add(f->st, T0 + 10, "serp-api", SERP_BING, 2, 0), 0);
    assert_int_equal(store_usage_add(f->st, T0 + 10, "direct", SERP_BING, 7, 2), 0);
    struct store_usage *u;
    assert_int_equal(store_usage_list(f->st, 0, &u, &n), 0);
    assert_int_equal(n, 3); /* one row per provider and engine */
    assert_string_equal(u[0].provider, "direct");
    assert_int_equal(u[1].engine, SERP_BING);
    assert_int_equal(u[1].requests, 2);
    assert_int_equal(u[2].engine, SERP_GOOGLE);
    assert_int_equal(u[2].requests, 3);
    assert_int_equal(u[2].failures, 1);
    store_usage_free_list(u, n);
    assert_int_equal(store_usage_list(f->st, T0 + 5, &u, &n), 0);
    assert_int_equal(u[1].requests, 2);
    store_usage_free_list(u, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_and_refuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sites, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keywords, setup, teardown),
        cmocka_unit_test_setup_teardown(test_due_schedules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_domain_matching, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rank_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misc, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
