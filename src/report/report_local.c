/* report_local.c - the client report's local sections: where the business
 * sits in the local results per keyword (the 3-pack, or the Maps list up to
 * 20) and how that moved over the period, and one heat map per geo-grid
 * with ARP / ATRP / SoLV and their change since the scan before. Blocked
 * points are counted and said, never shown as "not found". Every string
 * from outside goes through report_html_escape(). */
#include <math.h>
#include <string.h>

#include "report_int.h"

#define PACK_SLOTS 3 /* the pack on the results page; beyond it, the Maps list */

static void local_text(strbuf *sb, int local)
{
    if (local > 0 && local <= PACK_SLOTS)
        sb_addf(sb, "#%d in the 3-pack", local);
    else if (local > PACK_SLOTS)
        sb_addf(sb, "#%d in Maps", local);
    else if (local < 0)
        sb_adds(sb, "in the pack"); /* stored before pack positions were kept */
    else
        sb_adds(sb, "<span class=\"same\">not in it</span>");
}

/* start -> now: a smaller position is better; entering or leaving is said. */
static void local_change(strbuf *sb, const struct report_kw *k)
{
    int a = k->start_local, b = k->in_local_pack;
    if (!k->start_local_at || a < 0 || b < 0)
        sb_adds(sb, "<span class=\"same\">&#8211;</span>");
    else if (a == 0 && b > 0)
        sb_adds(sb, "<span class=\"up\">new</span>");
    else if (a > 0 && b == 0)
        sb_adds(sb, "<span class=\"down\">left</span>");
    else if (a > b)
        sb_addf(sb, "<span class=\"up\">&#9650;&#8239;%d</span>", a - b);
    else if (a < b)
        sb_addf(sb, "<span class=\"down\">&#9660;&#8239;%d</span>", b - a);
    else
        sb_adds(sb, "<span class=\"same\">=</span>");
}

static int pack_shown(const struct report_kw *k)
{
    return k->in_local_pack != 0 || (k->start_local_at && k->start_local != 0);
}

void report_html_pack(strbuf *out, const struct report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_kw; i++)
        n += pack_shown(&r->kw[i]);
    if (!n)
        return;
    sb_adds(out, "<h2>Local pack</h2>\n<p class=\"meta\">Where the business appears in the local "
                 "results of the latest check: #1&#8211;3 is the map pack on the results page, "
                 "#4&#8211;20 the rest of the Maps list (where the data source returns it). "
                 "Change compares the first and the latest check of the period; &#9650; = moved "
                 "up.</p>\n<table class=\"kw\">\n<thead><tr><th>Keyword</th><th>Now</th>"
                 "<th>Start of period</th><th class=\"n\">Change</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_kw; i++) {
        const struct report_kw *k = &r->kw[i];
        if (!pack_shown(k))
            continue;
        sb_adds(out, "<tr><td><div class=\"q\">");
        report_html_escape(out, k->query);
        sb_adds(out, "</div><div class=\"sub\">");
        report_html_escape(out, k->engine);
        if (k->location) {
            sb_adds(out, " &#183; ");
            report_html_escape(out, k->location);
        }
        sb_adds(out, "</div></td><td>");
        local_text(out, k->in_local_pack);
        sb_adds(out, "</td><td>");
        if (k->start_local_at)
            local_text(out, k->start_local);
        else
            sb_adds(out, "<span class=\"same\">&#8211;</span>");
        sb_adds(out, "</td><td class=\"n\">");
        local_change(out, k);
        sb_adds(out, "</td></tr>\n");
    }
    sb_adds(out, "</tbody>\n</table>\n");
}

static void spacing_text(strbuf *sb, double m)
{
    if (m >= 1000)
        sb_addf(sb, "%.3g km", m / 1000);
    else
        sb_addf(sb, "%.0f m", m);
}

/* One metric: its value (fmt, or percent) and the change from the scan
 * before, coloured by whether it is better. */
static void metric(strbuf *sb, const char *name, double now, double prev, int has_prev,
                   int lower_better, int percent)
{
    double k = percent ? 100 : 1;
    sb_addf(sb, "<div class=\"card\"><div class=\"l\">%s</div><div class=\"v\">", name);
    if (now < 0)
        sb_adds(sb, "&#8211;");
    else
        sb_addf(sb, percent ? "%.0f%%" : "%.1f", now * k);
    sb_adds(sb, "</div><div class=\"d\">");
    double d;
    enum metrics_move mv = metrics_grid_move(now, prev, percent, !lower_better, percent ? 0 : 1, &d);
    if (has_prev && mv == METRICS_MOVE_SAME) {
        sb_adds(sb, "<span class=\"same\">= since the scan before</span>");
    } else if (has_prev && mv != METRICS_MOVE_NONE) {
        sb_addf(sb, percent ? "<span class=\"%s\">%s%.0f pts</span> since the scan before"
                            : "<span class=\"%s\">%s%.1f</span> since the scan before",
                mv == METRICS_MOVE_BETTER ? "up" : "down", d > 0 ? "+" : "&#8722;", fabs(d));
    } else if (has_prev) {
        sb_adds(sb, "<span class=\"same\">no comparison</span>");
    }
    sb_adds(sb, "</div></div>\n");
}

static void grid_heading(strbuf *out, const struct model_grid *g)
{
    sb_adds(out, "<h3 class=\"q\">");
    report_html_escape(out, g->query);
    sb_adds(out, "</h3>\n<p class=\"meta\">");
    if (g->shape == MODEL_GRID_HEX)
        sb_addf(out, "Hex grid %d points across", g->size);
    else
        sb_addf(out, "%d&#215;%d grid", g->size, g->size);
    sb_adds(out, ", ");
    spacing_text(out, g->spacing_m);
    sb_adds(out, " apart, centred on ");
    if (g->location) {
        report_html_escape(out, g->location);
        sb_adds(out, " ");
    }
    sb_addf(out, "(%.5f, %.5f)", g->lat, g->lng);
    sb_adds(out, ", ");
    report_html_escape(out, g->device);
    sb_adds(out, ".");
}

static void grid_one(strbuf *out, const struct report_grid *rg)
{
    grid_heading(out, &rg->grid);
    if (!rg->scan.checked_at) {
        sb_adds(out, " No scan in this period.</p>\n");
        return;
    }
    char date[11];
    util_fmt_date(rg->scan.checked_at, date);
    sb_addf(out, " Scanned %s: found at %d of %d points", date, rg->n_found, rg->n_points);
    if (rg->n_blocked)
        sb_addf(out, "; <strong>%d of %d points blocked</strong> (not checked, not counted as "
                     "not found)",
                rg->n_blocked, rg->n_points);
    if (rg->n_error)
        sb_addf(out, "; %d of %d points failed", rg->n_error, rg->n_points);
    if (rg->prev_at) {
        char prev[11];
        util_fmt_date(rg->prev_at, prev);
        sb_addf(out, ". Changes against the scan of %s", prev);
    }
    sb_adds(out, ".</p>\n<div class=\"heat\">");
    grid_svg(out, &rg->grid, rg->scan.points, rg->scan.n_points, 360);
    sb_adds(out, "</div>\n<div class=\"cards\">\n");
    int hp = rg->prev_at != 0;
    metric(out, "ARP (average rank where found)", rg->arp, rg->prev_arp, hp, 1, 0);
    metric(out, "ATRP (average, not found = 21)", rg->atrp, rg->prev_atrp, hp, 1, 0);
    metric(out, "SoLV (share of points in the 3-pack)", rg->solv, rg->prev_solv, hp, 0, 1);
    sb_adds(out, "</div>\n");
}

void report_html_grids(strbuf *out, const struct report *r)
{
    if (!r->n_grids)
        return;
    sb_adds(out, "<h2>Local grid</h2>\n<p class=\"meta\">The same search made from every point of "
                 "a grid around the business, as customers across the area see it. Each cell is "
                 "the business's place in the local results there (1&#8211;20; none = not "
                 "found). ARP: average position over the points where it was found. ATRP: "
                 "average over all points checked, not found counting as 21. SoLV: share of "
                 "points checked where it is in the 3-pack. Blocked points were not checked and "
                 "count in none of them.</p>\n");
    for (size_t i = 0; i < r->n_grids; i++) {
        sb_adds(out, "<section class=\"grid\">\n");
        grid_one(out, &r->grids[i]);
        sb_adds(out, "</section>\n");
    }
}
