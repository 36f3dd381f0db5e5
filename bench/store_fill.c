/* store_fill.c - bench/store: fills a database through the store API with
 * DAYS of daily top-RESULTS checks for KEYWORDS keywords (rankings that
 * drift day by day over a pool of URLs shared between keywords, titles
 * stable, some snippets changing monthly), one transaction per check as
 * `run` stores them, then times the read queries. Prints key=value lines
 * for bench/run.sh.
 *
 * usage: store_fill DB [KEYWORDS [DAYS [RESULTS]]] */
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "metrics.h"
#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "bench_store.h"

#define POOL_EXTRA 30 /* candidate URLs per keyword beyond RESULTS */

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

struct cand {
    int i;
    double score;
};

static int by_score(const void *a, const void *b)
{
    double x = ((const struct cand *)a)->score, y = ((const struct cand *)b)->score;
    return (x > y) - (x < y);
}

static void add_org(struct serp_page *p, char *url, char *title, char *snip)
{
    GROW(p->organic, p->cap_organic, p->n_organic + 1);
    struct serp_organic *o = &p->organic[p->n_organic++];
    memset(o, 0, sizeof *o);
    o->position = (int)p->n_organic;
    o->url = url;
    o->title = title;
    o->snippet = snip;
}

static void page_free(struct serp_page *p)
{
    for (size_t i = 0; i < p->n_organic; i++) {
        free(p->organic[i].url);
        free(p->organic[i].title);
        free(p->organic[i].snippet);
    }
    free(p->organic);
    memset(p, 0, sizeof *p);
}

/* CPU seconds of this process: the machine is shared, wall time is noisy. */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

/* The synthetic page of keyword k on day d: a pool of candidate URLs with
 * a stable base rank plus daily noise (slow drift). */
static void gen_page(int k, int d, int nres, int pool, struct cand *c, struct serp_page *p)
{
    for (int i = 0; i < pool; i++) {
        /* a stable base rank plus daily noise: slow drift */
        double noise = (double)(mix(((uint64_t)k << 40) ^ ((uint64_t)i << 20) ^
                                    (uint64_t)d) % 1000) / 1000.0 * 6.0;
        c[i].i = i;
        c[i].score = i + noise;
    }
    qsort(c, (size_t)pool, sizeof *c, by_score);
    memset(p, 0, sizeof *p);
    p->engine = SERP_GOOGLE;
    p->total_results = 1000000;
    for (int r = 0; r < nres; r++) {
        int i = c[r].i;
        char *url, *title, *snip;
        if (i == 3) {
            url = xasprintf("https://www.example.com/plumber-city%d", k);
        } else if (i < 3) {
            static const char *const dirs[] = {"yelp.com", "angi.com", "homeadvisor.com"};
            url = xasprintf("https://www.%s/search?q=plumber+city%d", dirs[i], k);
        } else {
            /* domains shared across keywords, pages per keyword */
            int dom = (int)(mix((uint64_t)k * 131 + (uint64_t)i) % 5000);
            url = xasprintf("https://www.domain%d.com/plumbing/city%d/page%d", dom, k, i);
        }
        title = xasprintf("Emergency Plumber in City%d | 24/7 Service #%d", k, i);
        /* a fifth of the snippets are rewritten each month */
        int version = i % 5 == 0 ? d / 30 : 0;
        snip = xasprintf("Licensed plumbers serving City%d. Call now for fast repairs, "
                         "drains, water heaters and leaks. (v%d)", k, version);
        add_org(p, url, title, snip);
    }
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* --- the baseline: a plain row per result --------------------------------
 * What issue 9 measured at about 28 bytes per result: URLs, domains,
 * titles and snippets interned, one row per result, indexed by check and
 * by URL (for competitor questions). Same pages, same one transaction per
 * check, filled at a smaller size. */
static long long plain_intern(sqlite3 *db, sqlite3_stmt *sel, sqlite3_stmt *ins, const char *v,
                              long long extra)
{
    sqlite3_reset(sel);
    sqlite3_bind_text(sel, 1, v, -1, SQLITE_STATIC);
    if (sqlite3_step(sel) == SQLITE_ROW)
        return sqlite3_column_int64(sel, 0);
    sqlite3_reset(ins);
    sqlite3_bind_text(ins, 1, v, -1, SQLITE_STATIC);
    if (extra >= 0)
        sqlite3_bind_int64(ins, 2, extra);
    sqlite3_step(ins);
    return sqlite3_last_insert_rowid(db);
}

static int plain_fill(const char *path, int nkw, int days, int nres, int pool, struct cand *c,
                      double *bytes_per_result, double *cpu_s)
{
    remove(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return -1;
    sqlite3_exec(db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                 "CREATE TABLE str(id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE);"
                 "CREATE TABLE url(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE,"
                 " domain_id INTEGER NOT NULL);"
                 "CREATE TABLE chk(id INTEGER PRIMARY KEY, keyword_id INTEGER NOT NULL,"
                 " checked_at INTEGER NOT NULL);"
                 "CREATE INDEX chk_kw ON chk(keyword_id, checked_at);"
                 "CREATE TABLE result(check_id INTEGER NOT NULL, kind INTEGER NOT NULL,"
                 " position INTEGER NOT NULL, url_id INTEGER NOT NULL, title_id INTEGER,"
                 " snippet_id INTEGER);"
                 "CREATE INDEX result_check ON result(check_id);"
                 "CREATE INDEX result_url ON result(url_id);",
                 NULL, NULL, NULL);
    sqlite3_stmt *ss, *si, *us, *ui, *ci, *ri;
    sqlite3_prepare_v2(db, "SELECT id FROM str WHERE s = ?1", -1, &ss, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO str(s) VALUES (?1)", -1, &si, NULL);
    sqlite3_prepare_v2(db, "SELECT id FROM url WHERE url = ?1", -1, &us, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO url(url, domain_id) VALUES (?1, ?2)", -1, &ui, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO chk(keyword_id, checked_at) VALUES (?1, ?2)", -1, &ci,
                       NULL);
    sqlite3_prepare_v2(db, "INSERT INTO result VALUES (?1, 0, ?2, ?3, ?4, ?5)", -1, &ri, NULL);
    double c0 = cpu_now();
    long long results = 0;
    for (int d = 0; d < days; d++) {
        for (int k = 0; k < nkw; k++) {
            struct serp_page p;
            gen_page(k, d, nres, pool, c, &p);
            sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
            sqlite3_reset(ci);
            sqlite3_bind_int(ci, 1, k + 1);
            sqlite3_bind_int64(ci, 2, 1767247200LL + d * 86400LL);
            sqlite3_step(ci);
            long long cid = sqlite3_last_insert_rowid(db);
            for (size_t r = 0; r < p.n_organic; r++) {
                const char *u = p.organic[r].url;
                const char *h = strstr(u, "//");
                h = h ? h + 2 : u;
                char *host = xstrndup(h, strcspn(h, "/"));
                long long dom = plain_intern(db, ss, si, host, -1);
                free(host);
                long long uid = plain_intern(db, us, ui, u, dom);
                long long tid = plain_intern(db, ss, si, p.organic[r].title, -1);
                long long nid = plain_intern(db, ss, si, p.organic[r].snippet, -1);
                sqlite3_reset(ri);
                sqlite3_bind_int64(ri, 1, cid);
                sqlite3_bind_int(ri, 2, p.organic[r].position);
                sqlite3_bind_int64(ri, 3, uid);
                sqlite3_bind_int64(ri, 4, tid);
                sqlite3_bind_int64(ri, 5, nid);
                sqlite3_step(ri);
                results++;
            }
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
            page_free(&p);
        }
    }
    *cpu_s = cpu_now() - c0;
    sqlite3_finalize(ss);
    sqlite3_finalize(si);
    sqlite3_finalize(us);
    sqlite3_finalize(ui);
    sqlite3_finalize(ci);
    sqlite3_finalize(ri);
    sqlite3_close(db);
    *bytes_per_result = (double)file_size(path) / (double)results;
    remove(path);
    return 0;
}

static void nop(long long kw, time_t at, int pos, void *arg)
{
    (void)kw, (void)at, (void)pos;
    (*(long *)arg)++;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: store_fill DB [KEYWORDS [DAYS [RESULTS]]]\n");
        return 2;
    }
    const char *path = argv[1];
    int nkw = argc > 2 ? atoi(argv[2]) : 1000;
    int days = argc > 3 ? atoi(argv[3]) : 365;
    int nres = argc > 4 ? atoi(argv[4]) : 100;
    if (nkw < 1 || days < 1 || nres < 1 || nres > 100)
        return 2;
    remove(path);
    store *st;
    struct store_error oe;
    if (store_open(path, STORE_CREATE, &st, &oe) != 0) {
        fprintf(stderr, "%s\n", oe.msg);
        return 1;
    }
    struct model_site ours = {.domain = "example.com", .rent = -1};
    struct model_site c1 = {.domain = "domain17.com", .rent = -1, .competitor = 1};
    struct model_site c2 = {.domain = "yelp.com", .rent = -1, .competitor = 1};
    if (store_site_add(st, &ours, NULL) || store_site_add(st, &c1, NULL) ||
        store_site_add(st, &c2, NULL))
        return bench_store_fail(st, "store_fill");
    long long *ids = xcalloc((size_t)nkw, sizeof *ids);
    if (store_begin(st) != 0)
        return bench_store_fail(st, "store_fill");
    for (int k = 0; k < nkw; k++) {
        char q[64];
        snprintf(q, sizeof q, "emergency plumber city%d", k);
        struct model_keyword kw = {.query = q, .site = "example.com", .depth = nres < 10 ? 10 : nres};
        if (store_kw_add(st, &kw, &ids[k]) < 0)
            return bench_store_fail(st, "store_fill");
    }
    if (store_commit(st) != 0)
        return bench_store_fail(st, "store_fill");

    const time_t t0 = 1767247200; /* 2026-01-01T06:00:00Z */
    int pool = nres + POOL_EXTRA;
    struct cand *c = xcalloc((size_t)pool, sizeof *c);
    double t_start = util_mono(), c_start = cpu_now();
    long long results = 0;
    for (int d = 0; d < days; d++) {
        for (int k = 0; k < nkw; k++) {
            struct serp_page p;
            gen_page(k, d, nres, pool, c, &p);
            struct model_check chk = {.keyword_id = ids[k],
                                      .checked_at = t0 + (time_t)d * 86400 + (k % 60),
                                      .engine = SERP_GOOGLE, .provider = "serp-api",
                                      .status = MODEL_OK, .http_status = 200,
                                      .depth = nres, .requests = (nres + 9) / 10, .page = &p};
            if (track_check_save(st, &chk, NULL) != 0)
                return bench_store_fail(st, "store_fill");
            page_free(&p);
            results += nres;
        }
    }
    double t_fill = util_mono() - t_start, c_fill = cpu_now() - c_start;
    store_close(st); /* checkpoints the WAL into the file */
    long long bytes = file_size(path);

    if (store_open(path, 0, &st, &oe) != 0) {
        fprintf(stderr, "%s\n", oe.msg);
        return 1;
    }
    /* Each query three times, the best kept: the machine is shared. */
    double t_rank = 1e9, c_rank = 1e9, t_rank_comp = 1e9, t_hist = 1e9, t_report = 1e9,
           t_due = 1e9, t_serp = 1e9, t_dom = 1e9, t_dom_u = 1e9, t_any = 1e9, t_top = 1e9,
           t_any_scan = 1e9, t_top_scan = 1e9;
    long seen = 0, seen_u = 0, seen_any = 0, seen_top = 0, seen_scan = 0;
    int nrep = nkw < 200 ? nkw : 200;
#define TIMED(best, ...)                                                                     \
    do {                                                                                     \
        double t_ = util_mono();                                                             \
        __VA_ARGS__;                                                                         \
        t_ = util_mono() - t_;                                                               \
        if (t_ < (best))                                                                     \
            (best) = t_;                                                                     \
    } while (0)
    for (int rep = 0; rep < 3; rep++) {
        struct model_rank *rk;
        size_t nrk;
        struct store_history *h;
        size_t nh;
        double c0 = cpu_now();
        TIMED(t_rank, {
            if (metrics_rank_list(st, NULL, &rk, &nrk) != 0)
                return bench_store_fail(st, "store_fill");
        });
        if (cpu_now() - c0 < c_rank)
            c_rank = cpu_now() - c0;
        model_rank_free_list(rk, nrk);
        struct store_rank_filter rf = {.competitors = 1};
        TIMED(t_rank_comp, {
            if (metrics_rank_list(st, &rf, &rk, &nrk) != 0)
                return bench_store_fail(st, "store_fill");
        });
        model_rank_free_list(rk, nrk);
        TIMED(t_hist, {
            if (store_history_list(st, ids[nkw / 2], NULL, 0, &h, &nh) != 0)
                return bench_store_fail(st, "store_fill");
        });
        store_history_free_list(h, nh);
        /* what a client report for a 200-keyword site reads: the rank
         * table plus each keyword's year */
        struct store_rank_filter sf = {.site = "example.com"};
        TIMED(t_report, {
            if (metrics_rank_list(st, &sf, &rk, &nrk) != 0)
                return bench_store_fail(st, "store_fill");
            model_rank_free_list(rk, nrk);
            for (int k = 0; k < nrep; k++) {
                if (store_history_list(st, ids[k], NULL, 0, &h, &nh) != 0)
                    return bench_store_fail(st, "store_fill");
                store_history_free_list(h, nh);
            }
        });
        struct model_keyword *due;
        size_t ndue;
        TIMED(t_due, {
            if (store_kw_due(st, t0 + (time_t)days * 86400, &due, &ndue) != 0)
                return bench_store_fail(st, "store_fill");
        });
        model_keyword_free_list(due, ndue);
        struct store_check_info info;
        struct serp_page pg;
        TIMED(t_serp, {
            if (store_serp_get(st, ids[0], 0, &info, &pg) != 1)
                return bench_store_fail(st, "store_fill");
        });
        store_check_info_release(&info);
        serp_page_release(&pg);
        /* a tracked competitor over the whole period (rank rows), and an
         * untracked domain (a scan of every stored result list) */
        seen = seen_u = 0;
        TIMED(t_dom, {
            if (store_domain_positions(st, "domain17.com", 0, nop, &seen) != 0)
                return bench_store_fail(st, "store_fill");
        });
        TIMED(t_dom_u, {
            if (store_domain_positions(st, "domain42.com", 0, nop, &seen_u) != 0)
                return bench_store_fail(st, "store_fill");
        });
        /* issue 13 #2: any domain from the domain index against the scan of
         * every result list it replaced, for a domain on a few keywords
         * and for one on every keyword's first page (angi.com, base rank
         * 2: in the top 5 most days) */
        seen_any = seen_top = seen_scan = 0;
        TIMED(t_any, {
            if (store_domain_positions(st, "domain42.com", 0, nop, &seen_any) != 0)
                return bench_store_fail(st, "store_fill");
        });
        TIMED(t_top, {
            if (store_domain_positions(st, "angi.com", 0, nop, &seen_top) != 0)
                return bench_store_fail(st, "store_fill");
        });
        if (rep == 0) { /* a second each at full size: once is enough */
            TIMED(t_any_scan, {
                if (store_domain_positions_scan(st, "domain42.com", 0, nop, &seen_scan) != 0)
                    return bench_store_fail(st, "store_fill");
            });
            TIMED(t_top_scan, {
                if (store_domain_positions_scan(st, "angi.com", 0, nop, &seen_scan) != 0)
                    return bench_store_fail(st, "store_fill");
            });
        }
    }
    long long idx_bytes = -1;
    {
        sqlite3 *db;
        sqlite3_stmt *q;
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
            sqlite3_prepare_v2(db, "SELECT sum(pgsize) FROM dbstat WHERE name IN"
                                   " ('dom_kw', 'dom_post', 'dom_dirty')",
                               -1, &q, NULL) == SQLITE_OK) {
            if (sqlite3_step(q) == SQLITE_ROW)
                idx_bytes = sqlite3_column_int64(q, 0);
            sqlite3_finalize(q);
        }
        sqlite3_close(db);
    }
    store_close(st);

    /* the baseline layout on the same pages, at most 50 keywords */
    int nbase = nkw < 50 ? nkw : 50;
    double base_bpr = 0, base_cpu = 0;
    char *bpath = xasprintf("%s.plain", path);
    if (plain_fill(bpath, nbase, days, nres, pool, c, &base_bpr, &base_cpu) != 0)
        return 1;
    free(bpath);

    printf("store_keywords=%d\nstore_days=%d\nstore_results=%lld\n", nkw, days, results);
    printf("store_db_bytes=%lld\n", bytes);
    printf("store_bytes_per_result=%.2f\n", (double)bytes / (double)results);
    printf("store_baseline_plain_rows_bytes_per_result=%.2f\n", base_bpr);
    printf("store_bytes_per_result_vs_plain_rows=%.2f\n", (double)bytes / (double)results / base_bpr);
    printf("store_baseline_plain_rows_checks_per_cpu_s=%.0f\n", (double)nbase * days / base_cpu);
    printf("store_checks_per_s=%.0f\n", (double)nkw * days / t_fill);
    printf("store_results_per_s=%.0f\n", (double)results / t_fill);
    printf("store_fill_s=%.1f\nstore_fill_cpu_s=%.1f\n", t_fill, c_fill);
    printf("store_checks_per_cpu_s=%.0f\n", (double)nkw * days / c_fill);
    printf("store_insert_speed_vs_plain_rows=%.2f\n",
           ((double)nkw * days / c_fill) / ((double)nbase * days / base_cpu));
    printf("store_day_of_1000_checks_cpu_s=%.2f\n", c_fill / days / nkw * 1000);
    printf("store_rank_cpu_ms=%.1f\n", c_rank * 1e3);
    printf("store_rank_ms=%.1f\nstore_rank_competitors_ms=%.1f\n", t_rank * 1e3,
           t_rank_comp * 1e3);
    printf("store_report_%dkw_ms=%.1f\n", nrep, t_report * 1e3);
    printf("store_history_ms=%.2f\nstore_due_ms=%.1f\nstore_serp_get_ms=%.2f\n", t_hist * 1e3,
           t_due * 1e3, t_serp * 1e3);
    printf("store_competitor_year_ms=%.1f\nstore_competitor_year_rows=%ld\n", t_dom * 1e3, seen);
    printf("store_untracked_domain_year_ms=%.1f\nstore_untracked_domain_year_rows=%ld\n",
           t_dom_u * 1e3, seen_u);
    printf("anydomain_year_ms=%.1f\nanydomain_year_rows=%ld\n", t_any * 1e3, seen_any);
    printf("anydomain_top5_year_ms=%.1f\nanydomain_top5_year_rows=%ld\n", t_top * 1e3, seen_top);
    printf("anydomain_baseline_scan_year_ms=%.1f\n", t_any_scan * 1e3);
    printf("anydomain_baseline_scan_top5_year_ms=%.1f\n", t_top_scan * 1e3);
    printf("anydomain_speed_vs_scan=%.1f\n", t_any_scan / t_any);
    printf("anydomain_top5_speed_vs_scan=%.1f\n", t_top_scan / t_top);
    if (idx_bytes >= 0)
        printf("anydomain_index_bytes_per_result=%.2f\n", (double)idx_bytes / (double)results);
    free(ids);
    free(c);
    return 0;
}
