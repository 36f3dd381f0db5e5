/* grid_bench.c - storing and reading geo-grid scans (issue 17): a 21 x 21
 * scan stored (median of many), then a year of weekly scans of it read
 * back as `grid show --since` does (every scan with its points and its
 * metrics). Baseline in the same run: one keyword check with 100
 * results stored through the same store (rank rows matched, as track stores it), so the ratio says what a
 * 441-point scan costs against the row the store is built for.
 * key=value lines for bench/run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_store.h"
#include "grid.h"
#include "metrics.h"
#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    return v[n / 2];
}

/* A deterministic scan: positions by distance from the centre, some
 * points not found, a few blocked. */
static void fill_points(struct model_grid_point *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        unsigned h = (unsigned)(i * 2654435761u) ^ seed;
        double d = p[i].east_m * p[i].east_m + p[i].north_m * p[i].north_m;
        int pos = 1 + (int)(d / 4e6) + (int)(h % 3);
        p[i].status = h % 97 == 0 ? MODEL_BLOCKED : MODEL_OK;
        p[i].local = pos > 20 ? MODEL_NONE : pos;
        p[i].position = pos + 4 > 100 ? MODEL_NONE : pos + 4;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: grid_bench DB [REPS]\n");
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 50;
    struct store_error e;
    store *st;
    if (store_open(argv[1], STORE_CREATE, &st, &e) != 0) {
        fprintf(stderr, "grid_bench: %s\n", e.msg);
        return 1;
    }
    struct model_site site = {.domain = "bench-plumbing.com", .status = "ranking", .rent = -1};
    long long sid;
    if (store_site_add(st, &site, &sid) != 0)
        return bench_store_fail(st, "grid_bench");
    struct model_grid g = {.query = "plumber austin", .site = "bench-plumbing.com",
                           .engine = SERP_GOOGLE, .device = "desktop", .lang = "en",
                           .country = "us", .lat = 30.2672, .lng = -97.7431, .size = 21,
                           .spacing_m = 800, .shape = MODEL_GRID_SQUARE, .schedule = "weekly",
                           .created_at = 1700000000};
    if (store_grid_add(st, &g, &g.id) != 0)
        return bench_store_fail(st, "grid_bench");
    struct model_grid_point *pts;
    size_t n;
    if (grid_points(&g, &pts, &n) != 0)
        return 1;
    double *t = xcalloc((size_t)reps, sizeof *t);
    time_t t0 = 1700000000;
    for (int r = 0; r < reps; r++) {
        fill_points(pts, n, (unsigned)r);
        struct model_grid_scan sc = {.grid_id = g.id, .checked_at = t0 + r * WEEK_SECS,
                                     .requests = (int)n, .points = pts, .n_points = n};
        long long id;
        double a = util_mono();
        if (store_grid_scan_save(st, &sc, &id) != 0)
            return bench_store_fail(st, "grid_bench");
        t[r] = util_mono() - a;
    }
    printf("grid_points=%zu\n", n);
    printf("grid_store_scan_ms=%.2f\n", median(t, reps) * 1000);
    /* baseline: one check of 100 organic results through the same store */
    struct model_keyword k = {.query = "plumber austin", .site = "bench-plumbing.com"};
    model_keyword_defaults(&k);
    long long kid;
    if (store_kw_add(st, &k, &kid) != 0)
        return bench_store_fail(st, "grid_bench");
    double *b = xcalloc((size_t)reps, sizeof *b);
    for (int r = 0; r < reps; r++) {
        struct serp_page pg;
        serp_page_init(&pg);
        for (int i = 0; i < 100; i++) {
            char url[128], title[64];
            snprintf(url, sizeof url, "https://site%d-%d.example/page", i, r % 7);
            snprintf(title, sizeof title, "Result %d", i);
            serp_add_organic(&pg, url, title, "a snippet");
        }
        struct model_check c = {.keyword_id = kid, .checked_at = t0 + r * DAY_SECS,
                                .engine = SERP_GOOGLE, .provider = "direct", .status = MODEL_OK,
                                .depth = 100, .requests = 10, .page = &pg};
        double a = util_mono();
        if (track_check_save(st, &c, NULL) != 0)
            return bench_store_fail(st, "grid_bench");
        b[r] = util_mono() - a;
        serp_page_release(&pg);
    }
    double base = median(b, reps) * 1000;
    printf("grid_store_check_baseline_ms=%.2f\n", base);
    printf("grid_store_scan_vs_check=%.2f\n", median(t, reps) * 1000 / base);
    /* a year of weekly scans read back with their metrics, as grid show --since */
    for (int r = 0; r < 10; r++) {
        double a = util_mono();
        struct model_grid_scan *v;
        size_t nv;
        if (store_grid_scans(st, g.id, t0, 0, 1, &v, &nv) != 0)
            return bench_store_fail(st, "grid_bench");
        double sum = 0;
        for (size_t i = 0; i < nv; i++) {
            struct metrics_grid m;
            metrics_grid(v[i].points, v[i].n_points, &m);
            sum += m.atrp;
            model_grid_scan_release(&v[i]);
        }
        free(v);
        t[r] = util_mono() - a;
        if (r == 0)
            printf("grid_year_scans=%zu\n", nv);
        if (sum < 0)
            printf("grid_note_unused=%f\n", sum);
    }
    printf("grid_show_year_ms=%.2f\n", median(t, 10) * 1000);
    free(t);
    free(b);
    free(pts);
    store_close(st);
    return 0;
}
