/* test_domain_index.c - the domain index (issue 13 #2) answers exactly what
 * the reference scan of every stored result list answers, for every domain,
 * on random pages: checks stored in and out of time order, in the same
 * second, failed checks, keywords removed (their checks deleted), checks
 * reparsed (results and status replaced), a database whose index is still
 * to be built (from before migration 7), and a read-only reader that
 * cannot rebuild it. */
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

#define NDOM 40
#define NKW 6

struct fx {
    char dir[64];
    char path[128];
    store *st;
    long long kw[NKW];
    unsigned long long rnd;
};

static unsigned rnd(struct fx *f, unsigned n)
{
    f->rnd = f->rnd * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(f->rnd >> 33) % n;
}

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_store_open("test_domidx", f->dir, f->path, &f->st) != 0)
        return -1;
    f->rnd = 42;
    for (int k = 0; k < NKW; k++) {
        char q[32];
        snprintf(q, sizeof q, "plumber city%d", k);
        struct model_keyword kw = {.query = q};
        if (store_kw_add(f->st, &kw, &f->kw[k]) != 0)
            return -1;
    }
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

/* A random page: up to 25 results over NDOM domains (a domain may appear
 * twice, under www. or a sub-domain), some without a host. */
static void random_page(struct fx *f, struct serp_page *p)
{
    serp_page_init(p);
    int n = (int)rnd(f, 26);
    for (int i = 0; i < n; i++) {
        GROW(p->organic, p->cap_organic, p->n_organic + 1);
        struct serp_organic *o = &p->organic[p->n_organic++];
        memset(o, 0, sizeof *o);
        o->position = i + 1 + (rnd(f, 20) == 0 ? 130 : 0); /* a few beyond 127 */
        unsigned d = rnd(f, NDOM), kind = rnd(f, 10);
        if (kind == 0)
            o->url = xstrdup("not a url");
        else
            o->url = xasprintf("https://%s.d%u.com/p%u", kind < 5 ? "www" : "blog", d,
                               rnd(f, 3));
        o->title = xasprintf("title %u", rnd(f, 4));
    }
}

static void save_random(struct fx *f, long long kw, time_t at)
{
    struct serp_page p;
    random_page(f, &p);
    unsigned k = rnd(f, 10);
    enum model_status status = k == 0 ? MODEL_ERROR : k == 1 ? MODEL_BLOCKED : MODEL_OK;
    struct model_check c = {.keyword_id = kw, .checked_at = at, .engine = SERP_GOOGLE,
                            .status = status, .depth = 30,
                            .page = status == MODEL_ERROR ? NULL : &p};
    assert_int_equal(track_check_save(f->st, &c, NULL), 0);
    serp_page_release(&p);
}

struct hit {
    long long kw;
    time_t at;
    int pos;
};
struct hits {
    struct hit *v;
    size_t n, cap;
};

static void collect(long long kw, time_t at, int pos, void *arg)
{
    struct hits *h = arg;
    GROW(h->v, h->cap, h->n + 1);
    h->v[h->n++] = (struct hit){kw, at, pos};
}

static int by_hit(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->kw != y->kw)
        return (x->kw > y->kw) - (x->kw < y->kw);
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Every domain (and one never seen) from `since`: index == scan. Returns
 * the number of positions compared. */
static size_t compare_all(store *st, time_t since)
{
    size_t total = 0;
    for (int d = 0; d <= NDOM; d++) {
        char dom[32];
        snprintf(dom, sizeof dom, "d%d.com", d);
        struct hits a = {0}, b = {0};
        assert_int_equal(store_domain_positions(st, dom, since, collect, &a), 0);
        assert_int_equal(store_domain_positions_scan(st, dom, since, collect, &b), 0);
        if (a.n > 1)
            qsort(a.v, a.n, sizeof *a.v, by_hit);
        if (b.n > 1)
            qsort(b.v, b.n, sizeof *b.v, by_hit);
        if (a.n != b.n)
            fail_msg("%s: index %zu positions, scan %zu", dom, a.n, b.n);
        for (size_t i = 0; i < a.n; i++)
            if (by_hit(&a.v[i], &b.v[i]) != 0)
                fail_msg("%s: index (%lld, %lld, %d) != scan (%lld, %lld, %d)", dom, a.v[i].kw,
                         (long long)a.v[i].at, a.v[i].pos, b.v[i].kw, (long long)b.v[i].at,
                         b.v[i].pos);
        total += a.n;
        free(a.v);
        free(b.v);
    }
    return total;
}

static const time_t T0 = 1767247200; /* 2026-01-01T06:00:00Z */

static void fill(struct fx *f, int days, time_t start)
{
    for (int d = 0; d < days; d++)
        for (int k = 0; k < NKW; k++) {
            if (!f->kw[k]) /* removed */
                continue;
            time_t at = start + (time_t)d * 86400 + (time_t)rnd(f, 600);
            save_random(f, f->kw[k], at);
            if (rnd(f, 15) == 0) /* a second check the same second */
                save_random(f, f->kw[k], at);
            if (rnd(f, 20) == 0) /* a late `track` of a past day */
                save_random(f, f->kw[k], at - (time_t)rnd(f, 40) * 86400);
        }
}

static void test_index_equals_scan(void **state)
{
    struct fx *f = *state;
    fill(f, 220, T0); /* crosses period boundaries */
    assert_true(compare_all(f->st, 0) > 1000);
    compare_all(f->st, T0 + 100 * 86400);
}

static void test_deletes_and_reparse(void **state)
{
    struct fx *f = *state;
    fill(f, 120, T0);
    assert_int_equal(store_kw_rm(f->st, f->kw[2]), 0);
    f->kw[2] = 0;
    compare_all(f->st, 0);
    /* a keyword id reused after its predecessor was removed */
    assert_int_equal(store_kw_rm(f->st, f->kw[NKW - 1]), 0);
    struct model_keyword kw = {.query = "new keyword"};
    assert_int_equal(store_kw_add(f->st, &kw, &f->kw[NKW - 1]), 0);
    fill(f, 30, T0 + 50 * 86400);
    compare_all(f->st, 0);
    /* reparse: results and status replaced */
    sqlite3 *db;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM \"check\" WHERE id % 7 = 1", -1, &s,
                                        NULL),
                     SQLITE_OK);
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        GROW(ids, cap, n + 1);
        ids[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        struct serp_page p;
        random_page(f, &p);
        int status = rnd(f, 4) == 0 ? MODEL_BLOCKED : rnd(f, 4) == 0 ? MODEL_OK : -1;
        assert_int_equal(track_check_replace(f->st, ids[i], &p, status, "x"), 0);
        serp_page_release(&p);
    }
    free(ids);
    compare_all(f->st, 0);
}

/* A database from before the index: built on first use, and a reader that
 * cannot write answers from the scan meanwhile. */
static void test_unbuilt_and_readonly(void **state)
{
    struct fx *f = *state;
    fill(f, 60, T0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DELETE FROM dom_kw; DELETE FROM dom_post;"
                                  "UPDATE state SET value = 0 WHERE key = 'domain_index'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    fill(f, 10, T0 + 60 * 86400); /* stored while unbuilt */
    store *ro;
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro, NULL), 0);
    assert_true(compare_all(ro, 0) > 100);
    store_close(ro);
    compare_all(f->st, 0); /* builds it */
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT value FROM state WHERE key ="
                                            " 'domain_index'), (SELECT count(*) FROM dom_kw)",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 1);
    assert_true(sqlite3_column_int(s, 1) > 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    fill(f, 5, T0 + 70 * 86400);
    compare_all(f->st, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_index_equals_scan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deletes_and_reparse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unbuilt_and_readonly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
