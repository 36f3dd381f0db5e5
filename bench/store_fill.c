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

#include "serp.h"
#include "store.h"
#include "util.h"

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

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
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
    if (store_open(path, STORE_CREATE, &st) != 0)
        return 1;
    struct store_site ours = {.domain = "example.com", .rent = -1};
    struct store_site c1 = {.domain = "domain17.com", .rent = -1, .competitor = 1};
    struct store_site c2 = {.domain = "yelp.com", .rent = -1, .competitor = 1};
    if (store_site_add(st, &ours, NULL) || store_site_add(st, &c1, NULL) ||
        store_site_add(st, &c2, NULL))
        return 1;
    long long *ids = xcalloc((size_t)nkw, sizeof *ids);
    store_begin(st);
    for (int k = 0; k < nkw; k++) {
        char q[64];
        snprintf(q, sizeof q, "emergency plumber city%d", k);
        struct store_keyword kw = {.query = q, .site = "example.com", .depth = nres < 10 ? 10 : nres};
        if (store_kw_add(st, &kw, &ids[k]) < 0)
            return 1;
    }
    store_commit(st);

    const time_t t0 = 1767247200; /* 2026-01-01T06:00:00Z */
    int pool = nres + POOL_EXTRA;
    struct cand *c = xcalloc((size_t)pool, sizeof *c);
    double t_start = util_mono(), c_start = cpu_now();
    long long results = 0;
    for (int d = 0; d < days; d++) {
        for (int k = 0; k < nkw; k++) {
            for (int i = 0; i < pool; i++) {
                /* a stable base rank plus daily noise: slow drift */
                double noise = (double)(mix(((uint64_t)k << 40) ^ ((uint64_t)i << 20) ^
                                            (uint64_t)d) % 1000) / 1000.0 * 6.0;
                c[i].i = i;
                c[i].score = i + noise;
            }
            qsort(c, (size_t)pool, sizeof *c, by_score);
            struct serp_page p;
            memset(&p, 0, sizeof p);
            p.engine = SERP_GOOGLE;
            p.total_results = 1000000;
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
                add_org(&p, url, title, snip);
            }
            struct store_check chk = {.keyword_id = ids[k],
                                      .checked_at = t0 + (time_t)d * 86400 + (k % 60),
                                      .engine = SERP_GOOGLE, .provider = "serp-api",
                                      .status = STORE_OK, .http_status = 200,
                                      .depth = nres, .requests = (nres + 9) / 10, .page = &p};
            if (store_check_save(st, &chk, NULL) != 0)
                return 1;
            page_free(&p);
            results += nres;
        }
    }
    double t_fill = util_mono() - t_start, c_fill = cpu_now() - c_start;
    store_close(st); /* checkpoints the WAL into the file */
    long long bytes = file_size(path);

    if (store_open(path, 0, &st) != 0)
        return 1;
    double t = util_mono(), c0 = cpu_now();
    struct store_rank *rk;
    size_t nrk;
    if (store_rank_list(st, NULL, &rk, &nrk) != 0)
        return 1;
    double t_rank = util_mono() - t, c_rank = cpu_now() - c0;
    store_rank_free_list(rk, nrk);
    struct store_rank_filter rf = {.competitors = 1};
    t = util_mono();
    if (store_rank_list(st, &rf, &rk, &nrk) != 0)
        return 1;
    double t_rank_comp = util_mono() - t;
    store_rank_free_list(rk, nrk);
    t = util_mono();
    struct store_history *h;
    size_t nh;
    if (store_history_list(st, ids[nkw / 2], NULL, 0, &h, &nh) != 0)
        return 1;
    double t_hist = util_mono() - t;
    store_history_free_list(h, nh);
    t = util_mono();
    struct store_keyword *due;
    size_t ndue;
    if (store_kw_due(st, t0 + (time_t)days * 86400, &due, &ndue) != 0)
        return 1;
    double t_due = util_mono() - t;
    store_keyword_free_list(due, ndue);
    t = util_mono();
    struct store_check_info info;
    struct serp_page pg;
    if (store_serp_get(st, ids[0], 0, &info, &pg) != 1)
        return 1;
    double t_serp = util_mono() - t;
    store_check_info_release(&info);
    serp_page_release(&pg);
    /* a tracked competitor over the whole period (rank rows), and an
     * untracked domain (a scan of every stored result list) */
    long seen = 0, seen_u = 0;
    t = util_mono();
    store_domain_positions(st, "domain17.com", 0, nop, &seen);
    double t_dom = util_mono() - t;
    t = util_mono();
    store_domain_positions(st, "domain42.com", 0, nop, &seen_u);
    double t_dom_u = util_mono() - t;
    store_close(st);

    printf("store_keywords=%d\nstore_days=%d\nstore_results=%lld\n", nkw, days, results);
    printf("store_db_bytes=%lld\n", bytes);
    printf("store_bytes_per_result=%.2f\n", (double)bytes / (double)results);
    printf("store_checks_per_s=%.0f\n", (double)nkw * days / t_fill);
    printf("store_results_per_s=%.0f\n", (double)results / t_fill);
    printf("store_fill_s=%.1f\nstore_fill_cpu_s=%.1f\n", t_fill, c_fill);
    printf("store_checks_per_cpu_s=%.0f\n", (double)nkw * days / c_fill);
    printf("store_day_of_1000_checks_cpu_s=%.2f\n", c_fill / days / nkw * 1000);
    printf("store_rank_cpu_ms=%.1f\n", c_rank * 1e3);
    printf("store_rank_ms=%.1f\nstore_rank_competitors_ms=%.1f\n", t_rank * 1e3,
           t_rank_comp * 1e3);
    printf("store_history_ms=%.2f\nstore_due_ms=%.1f\nstore_serp_get_ms=%.2f\n", t_hist * 1e3,
           t_due * 1e3, t_serp * 1e3);
    printf("store_competitor_year_ms=%.1f\nstore_competitor_year_rows=%ld\n", t_dom * 1e3, seen);
    printf("store_untracked_domain_year_ms=%.1f\nstore_untracked_domain_year_rows=%ld\n",
           t_dom_u * 1e3, seen_u);
    free(ids);
    free(c);
    return 0;
}
