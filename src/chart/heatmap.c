/* heatmap.c - geo-grid scans drawn by gnuplot as heat maps, one or a
 * before/after pair: cells at their true offsets, coloured by band, the
 * number in each cell (see include/chart.h). Data goes inline as numeric
 * datablocks; the only user text (query, site) is one chart_quote()d
 * title. */
#include <math.h>
#include <stdlib.h>

#include "chart.h"
#include "grid.h"
#include "metrics.h"
#include "model.h"

/* "#rrggbb" as the integer gnuplot's `lc rgb variable` reads. */
static long rgb_of(const char *hex)
{
    return strtol(hex + 1, NULL, 16);
}

/* "ARP 3.2 · ATRP 7.9 · SoLV 41%" for a scan (ASCII "-" when undefined). */
static void metrics_line(strbuf *sb, const struct model_grid_point *p, size_t n)
{
    struct metrics_grid m;
    metrics_grid(p, n, &m);
    const char *dot = " \xc2\xb7 ";
    if (m.arp >= 0)
        sb_addf(sb, "ARP %.1f", m.arp);
    else
        sb_adds(sb, "ARP -");
    if (m.atrp >= 0)
        sb_addf(sb, "%sATRP %.1f", dot, m.atrp);
    else
        sb_addf(sb, "%sATRP -", dot);
    if (m.solv >= 0)
        sb_addf(sb, "%sSoLV %.0f%%", dot, m.solv * 100);
    else
        sb_addf(sb, "%sSoLV -", dot);
    if (m.n_blocked)
        sb_addf(sb, "%s%d blocked", dot, m.n_blocked);
    if (m.n_error)
        sb_addf(sb, "%s%d failed", dot, m.n_error);
}

/* The half width and half height of a cell in km, and the plot's ranges
 * from the whole grid's layout (not the scan's points, which may be few). */
struct heat_frame {
    double hw, hh, xmin, xmax, ymin, ymax;
};

static int frame_of(const struct model_grid *g, struct heat_frame *f)
{
    struct model_grid_point *all;
    size_t n;
    if (grid_points(g, &all, &n) != 0)
        return error("grid: cannot draw an invalid grid (size %d, spacing %g m)", g->size,
                     g->spacing_m);
    f->hw = g->spacing_m / 2000.0;
    f->hh = g->shape == MODEL_GRID_HEX ? g->spacing_m * sqrt(3.0) / 4000.0 : f->hw;
    f->xmin = f->xmax = f->ymin = f->ymax = 0;
    for (size_t i = 0; i < n; i++) {
        double x = all[i].east_m / 1000.0, y = all[i].north_m / 1000.0;
        f->xmin = fmin(f->xmin, x - f->hw);
        f->xmax = fmax(f->xmax, x + f->hw);
        f->ymin = fmin(f->ymin, y - f->hh);
        f->ymax = fmax(f->ymax, y + f->hh);
    }
    free(all);
    return 0;
}

/* Datablock $hK: east_km north_km band local status rgb; numbers only. */
static size_t write_block(strbuf *sb, int k, const struct model_grid_point *p, size_t n)
{
    size_t rows = 0;
    sb_addf(sb, "$h%d << EOD\n", k);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(p[i].east_m) || !isfinite(p[i].north_m))
            continue;
        int band = grid_band(&p[i]);
        int status = p[i].status == MODEL_OK ? 0 : p[i].status == MODEL_BLOCKED ? 1 : 2;
        sb_addf(sb, "%.6f %.6f %d %d %d %ld\n", p[i].east_m / 1000.0, p[i].north_m / 1000.0,
                band, band <= 2 ? p[i].local : 0, status, rgb_of(grid_band_colour(band)));
        rows++;
    }
    sb_adds(sb, "EOD\n");
    return rows;
}

/* The panel's title: head (NULL in a pair, whose head is the multiplot's)
 * over the date and metrics, joined by a newline made inside gnuplot so
 * the user text stays one single-quoted literal per line. */
static void write_panel(strbuf *sb, int k, size_t rows, const struct heat_frame *f,
                        const char *head, const char *line)
{
    sb_addf(sb, "set xrange [%.6f:%.6f]\nset yrange [%.6f:%.6f]\n", f->xmin, f->xmax, f->ymin,
            f->ymax);
    sb_adds(sb, "set title ");
    if (head) {
        chart_quote(sb, head);
        sb_adds(sb, " . sprintf('%c', 10) . ");
    }
    chart_quote(sb, line);
    sb_adds(sb, " font ',12'\n");
    sb_adds(sb, "plot ");
    if (rows) {
        sb_addf(sb, "$h%d using 1:2:(%.6f):(%.6f):6 with boxxyerror fs solid 1.0 border "
                    "lc rgb '#ffffff' lc rgb variable notitle, \\\n",
                k, f->hw, f->hh);
        /* white numbers on the dark bands (1-3, 11-20, blocked), black on the rest */
        sb_addf(sb, "     $h%d using 1:2:(($3==0||$3==2||$3==4) ? hm_label($3,$4,$5) : '') "
                    "with labels tc rgb '#ffffff' font ',11' notitle, \\\n"
                    "     $h%d using 1:2:(($3==0||$3==2||$3==4) ? '' : hm_label($3,$4,$5)) "
                    "with labels tc rgb '#000000' font ',11' notitle, \\\n",
                k, k);
    }
    sb_adds(sb, "     '+' using (0):(0) every ::0::0 with points pt 6 ps 4 lw 3 "
                "lc rgb '#000000' title 'centre'");
    for (int b = 0; b < GRID_BANDS; b++) {
        sb_addf(sb, ", \\\n     NaN with boxes fs solid 1.0 lc rgb '%s' title ",
                grid_band_colour(b));
        chart_quote(sb, grid_band_label(b));
    }
    sb_addc(sb, '\n');
}

/* "QUERY — SITE" (the pair's overall title and the head of a single one). */
static void head_of(strbuf *sb, const struct model_grid *g)
{
    sb_adds(sb, g->query ? g->query : "");
    sb_adds(sb, " \xe2\x80\x94 ");
    sb_adds(sb, g->site ? g->site : "");
}

int chart_heatmap_script(strbuf *sb, const char *out, const struct model_grid *g, time_t t0,
                         const struct model_grid_point *p0, size_t n0, time_t t1,
                         const struct model_grid_point *p1, size_t n1)
{
    int fmt = chart_format_of(out);
    if (fmt < 0)
        return error("chart: '%s': output must end in .png or .svg", out ? out : "");
    struct heat_frame f = {0, 0, 0, 0, 0, 0};
    if (!g || frame_of(g, &f) != 0)
        return g ? -1 : error("chart: no grid to draw");
    int pair = p1 != NULL;
    int w = pair ? 1500 : 800, h = 800;
    sb_adds(sb, "# serptrack grid heat map (user text only in single-quoted strings)\n"
                "set encoding utf8\n");
    sb_addf(sb, "set terminal %s size %d,%d font 'Sans,10' noenhanced background '#ffffff'\n",
            fmt == CHART_PNG ? "pngcairo" : "svg", w, h);
    sb_adds(sb, "set output ");
    if (chart_quote_path(sb, out) != 0)
        return -1;
    sb_adds(sb, "\nreset\nset termoption noenhanced\n");
    size_t rows0 = write_block(sb, 0, p0, n0), rows1 = pair ? write_block(sb, 1, p1, n1) : 0;
    sb_adds(sb, "hm_label(b,l,s) = s==1 ? 'X' : s==2 ? '!' : b==3 ? '-' : sprintf('%d', int(l))\n"
                "set size ratio -1\nset xlabel 'km east of centre'\n"
                "set ylabel 'km north of centre'\nset grid front lc rgb '#eeeeee'\n"
                "set key below center horizontal samplen 1.5\nset tics out nomirror\n");
    strbuf t = STRBUF_INIT;
    char date[11];
    if (pair) {
        head_of(&t, g);
        sb_adds(sb, "set multiplot layout 1,2 title ");
        chart_quote(sb, sb_str(&t));
        sb_adds(sb, " font ',14'\n");
    }
    for (int k = 0; k <= pair; k++) {
        sb_reset(&t);
        if (!pair)
            head_of(&t, g);
        strbuf m = STRBUF_INIT;
        sb_addf(&m, "%s \xc2\xb7 ", util_fmt_date(k ? t1 : t0, date));
        metrics_line(&m, k ? p1 : p0, k ? n1 : n0);
        write_panel(sb, k, k ? rows1 : rows0, &f, pair ? NULL : sb_str(&t), sb_str(&m));
        sb_release(&m);
    }
    sb_release(&t);
    if (pair)
        sb_adds(sb, "unset multiplot\n");
    sb_adds(sb, "set output\nundefine $h0 $h1\n");
    return 0;
}

static int heat_render(const char *out, const struct model_grid *g, time_t t0,
                       const struct model_grid_point *p0, size_t n0, time_t t1,
                       const struct model_grid_point *p1, size_t n1)
{
    strbuf sb = STRBUF_INIT;
    int rc = chart_heatmap_script(&sb, out, g, t0, p0, n0, t1, p1, n1);
    if (rc == 0)
        rc = chart_run_gnuplot(sb_str(&sb), sb.len);
    sb_release(&sb);
    return rc;
}

int chart_heatmap(const char *out, const struct model_grid *g, time_t checked_at,
                  const struct model_grid_point *p, size_t n)
{
    return heat_render(out, g, checked_at, p, n, 0, NULL, 0);
}

int chart_heatmap_pair(const char *out, const struct model_grid *g, time_t t0,
                       const struct model_grid_point *p0, size_t n0, time_t t1,
                       const struct model_grid_point *p1, size_t n1)
{
    static const struct model_grid_point none;
    /* p1 NULL means "single" to the script writer: an empty after-scan
     * still gets its panel */
    return heat_render(out, g, t0, p0, n0, t1, p1 ? p1 : &none, p1 ? n1 : 0);
}
