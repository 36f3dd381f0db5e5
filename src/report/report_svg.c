/* report_svg.c - the report's inline SVG charts: the site trend (average
 * position; visibility, top 10 and top 3) and the per-keyword sparklines,
 * with report_fmt1, the fast "%.1f" their coordinates are written with. */
#include "model.h"
#include "report.h"
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

static void fmt_day(time_t t, char *buf, size_t len, const char *fmt)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, fmt, &tm);
}

struct series {
    const char *name, *colour;
    double (*get)(const struct metrics_day *);
};

static double get_avg(const struct metrics_day *d)
{
    return d->avg_position;
}
static double get_vis(const struct metrics_day *d)
{
    return 100 * d->visibility;
}
static double get_top10(const struct metrics_day *d)
{
    return 100 * d->top10;
}
static double get_top3(const struct metrics_day *d)
{
    return 100 * d->top3;
}

/* A line chart of the site trend: x = days, y either positions (inverted,
 * 1 on top) or percentages. Days without a value break the line. */
static void svg_trend(strbuf *sb, const struct report *r, const char *title,
                      const struct series *se, size_t nse, int inverted)
{
    const double W = 900, H = 240, L = 52, R = 16, T = 30, B = 34;
    double ymin = inverted ? 1 : 0, ymax = 100;
    if (inverted) {
        ymax = 10;
        for (size_t i = 0; i < r->n_days; i++)
            if (r->days[i].avg_position > ymax)
                ymax = ceil(r->days[i].avg_position / 10) * 10;
    }
    time_t t0 = r->since, t1 = r->until;
    if (r->n_days) {
        t0 = r->days[0].day;
        t1 = r->days[r->n_days - 1].day;
    }
    if (t1 - t0 < DAY_SECS)
        t1 = t0 + DAY_SECS;
    sb_addf(sb, "<svg class=\"trend\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", W, H);
    report_html_escape(sb, title);
    sb_adds(sb, "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    sb_addf(sb, "<text x=\"%.0f\" y=\"18\" class=\"st\">", L);
    report_html_escape(sb, title);
    sb_adds(sb, "</text>\n");
    /* grid and y labels at round values (positions: 1 and steps of ymax/4) */
    for (int g = 0; g <= 4; g++) {
        double v = inverted ? (g == 0 ? 1 : ymax * g / 4.0) : ymin + (ymax - ymin) * g / 4.0;
        double y = inverted ? T + (v - ymin) / (ymax - ymin) * (H - T - B)
                            : H - B - (v - ymin) / (ymax - ymin) * (H - T - B);
        sb_addf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", L, y,
                W - R, y);
        sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"ax\" text-anchor=\"end\">%.0f%s</text>\n",
                L - 6, y + 4, v, inverted ? "" : "%");
    }
    /* x labels: up to 6 dates */
    for (int g = 0; g <= 5; g++) {
        time_t t = t0 + (time_t)((double)(t1 - t0) * g / 5.0);
        double x = L + (W - L - R) * g / 5.0;
        char d[16];
        fmt_day(t, d, sizeof d, "%b %d");
        sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"ax\" text-anchor=\"%s\">%s</text>", x,
                H - B + 18, g == 0 ? "start" : g == 5 ? "end" : "middle", d);
    }
    sb_addc(sb, '\n');
    for (size_t s = 0; s < nse; s++) {
        int open = 0;
        for (size_t i = 0; i < r->n_days; i++) {
            double v = se[s].get(&r->days[i]);
            if (v < 0 || !isfinite(v)) {
                if (open)
                    sb_adds(sb, "\"/>\n");
                open = 0;
                continue;
            }
            double x = L + (W - L - R) * (double)(r->days[i].day - t0) / (double)(t1 - t0);
            double y = inverted ? T + (v - ymin) / (ymax - ymin) * (H - T - B)
                                : H - B - (v - ymin) / (ymax - ymin) * (H - T - B);
            if (!open)
                sb_addf(sb, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" points=\"",
                        se[s].colour);
            sb_addf(sb, "%.1f,%.1f ", x, y);
            open = 1;
        }
        if (open)
            sb_adds(sb, "\"/>\n");
        /* legend */
        double lx = W - R - 125.0 * (double)(nse - s);
        sb_addf(sb,
                "<rect x=\"%.0f\" y=\"9\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                "<text x=\"%.0f\" y=\"16\" class=\"ax\">",
                lx, se[s].colour, lx + 19);
        report_html_escape(sb, se[s].name);
        sb_adds(sb, "</text>\n");
    }
    if (!r->n_days)
        sb_addf(sb, "<text x=\"%.0f\" y=\"%.0f\" class=\"ax\" text-anchor=\"middle\">"
                    "no checks in this period</text>\n",
                W / 2, H / 2);
    sb_adds(sb, "</svg>\n");
}

void report_svg_trends(strbuf *out, const struct report *r)
{
    static const struct series avg[] = {{"average position", "#0072B2", get_avg}};
    static const struct series pct[] = {{"visibility", "#009E73", get_vis},
                                        {"in top 10", "#0072B2", get_top10},
                                        {"in top 3", "#D55E00", get_top3}};
    svg_trend(out, r, "Average position (1 = top; not ranked counts as 100)", avg, 1, 1);
    svg_trend(out, r, "Visibility, top 10 and top 3 share", pct, 3, 0);
}

/* The same text as printf("%.1f"):
 * a large report writes a few million sparkline coordinates and printf's
 * double conversion dominated. The decimal digit is decided exactly: fma
 * gives the sign of 10v - k (and of 10v - k - 0.5) without rounding, and an
 * exact half goes to the even digit as in printf (round-to-nearest). k stays
 * below 2^53 for |v| < 1e9; anything else goes to printf. */
const char *report_fmt1(char *buf, double v)
{
    if (!(fabs(v) < 1e9)) {
        snprintf(buf, 400, "%.1f", v);
        return buf;
    }
    size_t n = 0;
    if (signbit(v)) {
        buf[n++] = '-';
        v = -v;
    }
    long long k = (long long)(v * 10.0);
    while (fma(v, 10.0, -(double)(k + 1)) >= 0)
        k++;
    while (k > 0 && fma(v, 10.0, -(double)k) < 0)
        k--;
    double half = fma(v, 10.0, -((double)k + 0.5));
    if (half > 0 || (half == 0 && (k & 1)))
        k++;
    char tmp[24];
    size_t m = 0;
    long long ip = k / 10;
    do {
        tmp[m++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (m)
        buf[n++] = tmp[--m];
    buf[n++] = '.';
    buf[n++] = (char)('0' + k % 10);
    buf[n] = '\0';
    return buf;
}

/* Tiny per-keyword position line, 1 on top, over the report period. */
void report_svg_spark(strbuf *sb, const struct report *r, const struct report_kw *k)
{
    const double W = 120, H = 26;
    int depth = k->depth > 1 ? k->depth : 100;
    time_t t0 = r->since, t1 = r->until;
    if (k->n_hist && k->hist[0].t < t0)
        t0 = k->hist[0].t;
    if (t1 - t0 < DAY_SECS)
        t1 = t0 + DAY_SECS;
    /* W x H = 120 x 26, written out: one printf fewer per keyword */
    sb_adds(sb, "<svg class=\"spark\" viewBox=\"0 0 120 26\" width=\"120\" height=\"26\" "
                "xmlns=\"http://www.w3.org/2000/svg\">");
    char nb[400];
    const char *t10 = report_fmt1(nb, 1 + (H - 2) * 9.0 / (depth - 1));
    sb_adds(sb, "<line x1=\"0\" y1=\"");
    sb_adds(sb, t10);
    sb_adds(sb, "\" x2=\"120\" y2=\"");
    sb_adds(sb, t10);
    sb_adds(sb, "\" class=\"t10\"/>");
    int open = 0;
    for (size_t i = 0; i < k->n_hist; i++) {
        const struct metrics_point *p = &k->hist[i];
        double x = W * (double)(p->t - t0) / (double)(t1 - t0);
        if (p->status != REPORT_OK || !metrics_ranked(p->position)) {
            if (open)
                sb_adds(sb, "\"/>");
            open = 0;
            if (p->status == REPORT_BLOCKED) {
                sb_adds(sb, "<rect x=\"");
                sb_adds(sb, report_fmt1(nb, x - 1));
                sb_adds(sb, "\" y=\"");
                sb_adds(sb, report_fmt1(nb, H - 3));
                sb_adds(sb, "\" width=\"2\" height=\"3\" class=\"blk\"/>");
            }
            continue;
        }
        int pos = p->position > depth ? depth : p->position;
        double y = 1 + (H - 2) * (double)(pos - 1) / (depth - 1);
        if (!open)
            sb_adds(sb, "<polyline points=\"");
        sb_adds(sb, report_fmt1(nb, x));
        sb_addc(sb, ',');
        sb_adds(sb, report_fmt1(nb, y));
        sb_addc(sb, ' ');
        open = 1;
    }
    if (open)
        sb_adds(sb, "\"/>");
    sb_adds(sb, "</svg>");
}
