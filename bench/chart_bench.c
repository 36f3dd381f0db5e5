/* chart_bench.c - bench/chart.sh's renderer half: N keyword charts of a
 * year of daily positions through ONE gnuplot process vs one process per
 * chart, and the HTML report renderer on N keywords x DAYS days in memory.
 * Prints key=value lines. Usage: chart_bench DIR N DAYS */
#include <math.h>
#include <unistd.h>

#include "chart.h"
#include "report.h"
#include "util.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: chart_bench DIR N DAYS\n");
        return 2;
    }
    const char *dir = argv[1];
    int n = atoi(argv[2]), days = atoi(argv[3]);
    if (n < 1 || days < 2)
        return 2;
    time_t t0 = 1767225600; /* 2026-01-01 */
    struct chart_point *pts = xcalloc((size_t)n * days, sizeof *pts);
    struct chart_series *se = xcalloc((size_t)n, sizeof *se);
    struct chart_panel *pa = xcalloc((size_t)n, sizeof *pa);
    struct chart *ch = xcalloc((size_t)n, sizeof *ch);
    char **names = xcalloc((size_t)n, sizeof *names);
    for (int k = 0; k < n; k++) {
        for (int d = 0; d < days; d++) {
            struct chart_point *p = &pts[(size_t)k * days + d];
            p->t = t0 + (time_t)d * 86400;
            p->value = 1 + fmod(15 + 10 * sin((d + k * 7) / 20.0) + k % 5, 30);
            if ((d + k) % 53 == 0)
                p->mark = CHART_BLOCKED;
            else if ((d * 3 + k) % 29 == 0)
                p->mark = CHART_NONE;
        }
        names[k] = xasprintf("%s/kw%03d.png", dir, k);
        se[k] = (struct chart_series){"keyword", &pts[(size_t)k * days], (size_t)days, 0, 0};
        pa[k] = (struct chart_panel){"position", CHART_AXIS_RANK, 30, &se[k], 1};
        ch[k] = (struct chart){names[k], "keyword chart", &pa[k], 1};
    }
    /* warm-up: gnuplot's binary and the font cache in memory for both */
    if (chart_render(ch, 1) != 0)
        return 1;
    double a = util_mono();
    if (chart_render(ch, (size_t)n) != 0)
        return 1;
    double one = util_mono() - a;
    a = util_mono();
    for (int k = 0; k < n; k++)
        if (chart_render(&ch[k], 1) != 0)
            return 1;
    double each = util_mono() - a;
    printf("chart_keyword_charts=%d\nchart_days_per_chart=%d\n", n, days);
    printf("chart_one_process_s=%.3f\nchart_process_per_chart_s=%.3f\n", one, each);
    printf("chart_one_process_speedup=%.2f\n", one > 0 ? each / one : 0);

    /* the report renderer alone, same size, in memory */
    struct report r;
    memset(&r, 0, sizeof r);
    r.site = xstrdup("bench.example");
    r.since = t0;
    r.until = t0 + (time_t)(days - 1) * 86400;
    r.leads = -1;
    r.kw = xcalloc((size_t)n, sizeof *r.kw);
    r.n_kw = (size_t)n;
    for (int k = 0; k < n; k++) {
        struct report_kw *kw = &r.kw[k];
        kw->id = k + 1;
        kw->query = xasprintf("keyword %d austin", k);
        kw->engine = xstrdup("google");
        kw->device = xstrdup("desktop");
        kw->depth = 30;
        kw->volume = 100 + k;
        kw->hist = xcalloc((size_t)days, sizeof *kw->hist);
        kw->n_hist = (size_t)days;
        for (int d = 0; d < days; d++) {
            const struct chart_point *p = &pts[(size_t)k * days + d];
            kw->hist[d].t = p->t;
            kw->hist[d].status = p->mark == CHART_BLOCKED ? REPORT_BLOCKED : REPORT_OK;
            kw->hist[d].position = p->mark == CHART_VALUE ? (int)p->value : REPORT_NONE;
        }
        kw->start_position = kw->hist[0].position;
        kw->position = kw->best = kw->hist[days - 1].position;
        kw->url = xasprintf("https://bench.example/%d", k);
    }
    a = util_mono();
    strbuf html = STRBUF_INIT;
    report_trend(&r);
    report_html(&r, &html);
    double rt = util_mono() - a;
    printf("chart_report_render_s=%.3f\nchart_report_bytes=%zu\n", rt, html.len);
    sb_release(&html);
    report_release(&r);
    for (int k = 0; k < n; k++) {
        unlink(names[k]);
        free(names[k]);
    }
    free(names);
    free(ch);
    free(pa);
    free(se);
    free(pts);
    return 0;
}
