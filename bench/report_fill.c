/* report_fill.c - bench/chart.sh's database half: fills DB through the
 * store API with one site, N keywords and DAYS daily checks each (top-10
 * organic results, the site drifting through them), so `serptrack report`
 * can be timed on a realistic year of history. Usage: report_fill DB N DAYS */
#include <math.h>

#include "serp.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include "bench_store.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: report_fill DB N DAYS\n");
        return 2;
    }
    int n = atoi(argv[2]), days = atoi(argv[3]);
    store *st;
    struct store_error oe;
    if (store_open(argv[1], STORE_CREATE, &st, &oe) != 0) {
        fprintf(stderr, "%s\n", oe.msg);
        return 1;
    }
    struct model_site site = {.domain = "bench-plumbing.com", .name = "Bench Plumbing",
                              .client = "Bench Client", .status = "rented", .rent = 500};
    if (store_site_add(st, &site, NULL) != 0)
        return bench_store_fail(st, "report_fill");
    long long *ids = xcalloc((size_t)n, sizeof *ids);
    for (int k = 0; k < n; k++) {
        struct model_keyword kw = {0};
        model_keyword_defaults(&kw);
        char *q = xasprintf("bench keyword %d austin", k);
        kw.query = q;
        kw.site = "bench-plumbing.com";
        kw.location = "Austin,Texas,United States";
        kw.depth = 10;
        if (store_kw_add(st, &kw, &ids[k]) < 0)
            return bench_store_fail(st, "report_fill");
        free(q);
    }
    time_t t0 = util_day_start(util_now()) - (time_t)(days - 1) * 86400 + 6 * 3600;
    double a = util_mono();
    for (int d = 0; d < days; d++) {
        if (store_begin(st) != 0)
            return bench_store_fail(st, "report_fill");
        for (int k = 0; k < n; k++) {
            struct serp_page page;
            serp_page_init(&page);
            page.engine = SERP_GOOGLE;
            int ours = 1 + (int)fmod(6 + 5 * sin((d + k * 7) / 25.0) + k % 4, 12); /* 11,12 = absent */
            for (int p = 1; p <= 10; p++) {
                char *url = p == ours ? xasprintf("https://bench-plumbing.com/s%d", k % 7)
                                      : xasprintf("https://competitor%d.example/p%d", p, k % 5);
                serp_add_organic(&page, url, "A result title", "snippet");
                free(url);
            }
            if ((d + k) % 3 == 0)
                page.features |= SERP_F_LOCAL_PACK | SERP_F_ADS_TOP;
            struct model_check c = {.keyword_id = ids[k],
                                    .checked_at = t0 + (time_t)d * 86400 + k,
                                    .engine = SERP_GOOGLE,
                                    .provider = "serp-api",
                                    .status = (d * 7 + k) % 97 == 0 ? MODEL_BLOCKED : MODEL_OK,
                                    .http_status = 200,
                                    .depth = 10,
                                    .requests = 1,
                                    .page = &page};
            if (c.status == MODEL_BLOCKED) {
                c.reason = "captcha";
                c.page = NULL;
            }
            if (track_check_save(st, &c, NULL) != 0)
                return bench_store_fail(st, "report_fill");
            serp_page_release(&page);
        }
        if (store_commit(st) != 0)
            return bench_store_fail(st, "report_fill");
    }
    printf("chart_fill_checks=%d\nchart_fill_s=%.2f\n", n * days, util_mono() - a);
    free(ids);
    store_close(st);
    return 0;
}
