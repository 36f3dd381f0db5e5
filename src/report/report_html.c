/* report_html.c - the self-contained HTML client report: headline numbers,
 * the site trend and per-keyword sparklines as inline SVG (report_svg.c),
 * the winners/losers and the keyword table. No script; every dynamic string
 * goes through report_html_escape(). Pure: model in, HTML out. */
#include "model.h"
#include "report.h"
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <strings.h>

#include "ctr.h"
#include "url.h"

/* --- escaping ------------------------------------------------------------ */

void report_html_escape(strbuf *sb, const char *s)
{
    if (!s)
        return;
    /* Plain ASCII is already clean: skip the sanitising copy (one per
     * string, several per keyword row). */
    const unsigned char *q = (const unsigned char *)s;
    while (*q && *q < 0x80)
        q++;
    char *clean = *q ? util_utf8_sanitize(s, strlen(s)) : NULL;
    for (const unsigned char *p = (const unsigned char *)(clean ? clean : s); *p; p++) {
        /* copy the run of characters that need nothing in one go: a
         * 100k-keyword report escapes a few million strings */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != 0x7f && *p != '&' && *p != '<' && *p != '>' && *p != '"' &&
               *p != '\'')
            p++;
        if (p > run)
            sb_add(sb, run, (size_t)(p - run));
        if (!*p)
            break;
        switch (*p) {
        case '&': sb_adds(sb, "&amp;"); break;
        case '<': sb_adds(sb, "&lt;"); break;
        case '>': sb_adds(sb, "&gt;"); break;
        case '"': sb_adds(sb, "&quot;"); break;
        case '\'': sb_adds(sb, "&#39;"); break;
        case '\t':
        case '\n': sb_addc(sb, (char)*p); break;
        default:
            sb_addc(sb, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
        }
    }
    free(clean);
}

int report_url_ok(const char *url)
{
    if (!url)
        return 0;
    size_t skip;
    if (strncasecmp(url, "https://", 8) == 0)
        skip = 8;
    else if (strncasecmp(url, "http://", 7) == 0)
        skip = 7;
    else
        return 0;
    if (!url[skip] || url[skip] == '/')
        return 0; /* no host */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return 0;
    if (!util_utf8_valid(url, strlen(url)))
        return 0;
    /* a host the browser would open somewhere else (a backslash in the
     * authority) or none at all: not a link */
    char *host = url_host(url);
    free(host);
    return host != NULL;
}

int report_sort_parse(const char *s, enum report_sort *out)
{
    static const char *const names[] = {"position", "change", "keyword", "volume"};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (util_streq(s, names[i])) {
            *out = (enum report_sort)i;
            return 0;
        }
    return -1;
}

/* An int without printf: several per keyword row. */
static void add_int(strbuf *sb, long long v)
{
    char tmp[24];
    size_t m = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[sizeof tmp - ++m] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[sizeof tmp - ++m] = '-';
    sb_add(sb, tmp + sizeof tmp - m, m);
}

/* --- the model ----------------------------------------------------------- */

static void kw_release(struct report_kw *k)
{
    free(k->query);
    free(k->engine);
    free(k->location);
    free(k->device);
    free(k->url);
    free(k->features);
    free(k->hist);
    for (size_t i = 0; i < k->n_ai; i++) {
        free(k->ai[i].domain);
        free(k->ai[i].url);
        free(k->ai[i].title);
    }
    free(k->ai);
}

void report_release(struct report *r)
{
    for (size_t i = 0; i < r->n_kw; i++)
        kw_release(&r->kw[i]);
    free(r->kw);
    free(r->days);
    for (size_t i = 0; i < r->n_rivals; i++)
        free(r->rivals[i].domain);
    free(r->rivals);
    report_grids_free(r->grids, r->n_grids);
    free(r->competitor);
    free(r->site);
    free(r->site_name);
    free(r->client);
    free(r->brand);
    memset(r, 0, sizeof *r);
}

/* One UTC day: the last check of each keyword that day counts. */
void report_trend(struct report *r)
{
    free(r->days);
    r->days = NULL;
    r->n_days = 0;
    struct metrics_series *kw = xcalloc(r->n_kw ? r->n_kw : 1, sizeof *kw);
    for (size_t i = 0; i < r->n_kw; i++) {
        kw[i].p = r->kw[i].hist;
        kw[i].n = r->kw[i].n_hist;
    }
    metrics_days(kw, r->n_kw, &r->days, &r->n_days);
    free(kw);
}

/* --- headline numbers ---------------------------------------------------- */

struct stats {
    int n, ranked, top3, top10;
    double avg, visibility;
};

static int ranked(int pos)
{
    return metrics_ranked(pos);
}

static struct stats stats_of(const struct report *r, int start)
{
    struct metrics_stats m = {0};
    for (size_t i = 0; i < r->n_kw; i++)
        metrics_stats_add(&m, start ? r->kw[i].start_position : r->kw[i].position);
    struct stats s = {.n = m.avg.n, .ranked = m.avg.ranked, .top3 = m.top3, .top10 = m.top10};
    s.avg = metrics_avg_position(&m.avg);
    s.visibility = s.n ? 100.0 * m.visibility_sum / s.n : 0;
    return s;
}

static int change_of(const struct report_kw *k)
{
    return metrics_period_change(k->start_position, k->position, k->depth);
}

static void change_cell(strbuf *sb, const struct report_kw *k)
{
    int c = change_of(k);
    if (!ranked(k->start_position) && ranked(k->position))
        sb_adds(sb, "<span class=\"up\">new</span>");
    else if (ranked(k->start_position) && !ranked(k->position))
        sb_adds(sb, "<span class=\"down\">lost</span>");
    else if (c > 0)
        sb_adds(sb, "<span class=\"up\">&#9650;&#8239;"), add_int(sb, c), sb_adds(sb, "</span>");
    else if (c < 0)
        sb_adds(sb, "<span class=\"down\">&#9660;&#8239;"), add_int(sb, -c), sb_adds(sb, "</span>");
    else
        sb_adds(sb, "<span class=\"same\">&#8211;</span>");
}

static void delta(strbuf *sb, double d, int higher_is_better, const char *fmt)
{
    if (fabs(d) < 0.05) {
        sb_adds(sb, "<span class=\"same\">no change</span>");
        return;
    }
    int good = (d > 0) == higher_is_better;
    sb_addf(sb, "<span class=\"%s\">%s", good ? "up" : "down", d > 0 ? "+" : "&#8722;");
    sb_addf(sb, fmt, fabs(d));
    sb_adds(sb, "</span> since start");
}

/* --- sorting ------------------------------------------------------------- */

static int cmp_query(const struct report_kw *a, const struct report_kw *b)
{
    int c = strcmp(a->query ? a->query : "", b->query ? b->query : "");
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int cmp_position(const void *pa, const void *pb)
{
    const struct report_kw *a = pa, *b = pb;
    int x = ranked(a->position) ? a->position : INT_MAX;
    int y = ranked(b->position) ? b->position : INT_MAX;
    return x != y ? (x > y) - (x < y) : cmp_query(a, b);
}

static int cmp_change(const void *pa, const void *pb)
{
    const struct report_kw *a = pa, *b = pb;
    int x = change_of(a), y = change_of(b);
    return x != y ? (x < y) - (x > y) : cmp_position(pa, pb);
}

static int cmp_keyword(const void *pa, const void *pb)
{
    return cmp_query(pa, pb);
}

static int cmp_volume(const void *pa, const void *pb)
{
    const struct report_kw *a = pa, *b = pb;
    return a->volume != b->volume ? (a->volume < b->volume) - (a->volume > b->volume)
                                  : cmp_position(pa, pb);
}

/* --- document ------------------------------------------------------------ */

static const char report_css[] =
    ":root{--ink:#1d2330;--mute:#5c6475;--line:#e3e6ec;--up:#17803d;--down:#c0392b;"
    "--accent:#0072B2}\n"
    "*{box-sizing:border-box}\n"
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif;color:var(--ink);margin:0;background:#f6f7f9}\n"
    "main{max-width:1100px;margin:0 auto;padding:28px 32px;background:#fff}\n"
    "header{border-bottom:3px solid var(--accent);padding-bottom:14px;margin-bottom:18px}\n"
    "header .brand{color:var(--accent);font-weight:700;letter-spacing:.04em;"
    "text-transform:uppercase;font-size:12px}\n"
    "h1{font-size:26px;margin:4px 0}\nh2{font-size:18px;margin:28px 0 10px}\n"
    ".meta{color:var(--mute)}\n"
    ".stale{border-left:4px solid #c0392b;padding:.4em .8em;background:#fdecea}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}\n"
    ".card{border:1px solid var(--line);border-radius:8px;padding:12px 14px}\n"
    ".card .v{font-size:24px;font-weight:700}\n.card .l{color:var(--mute);font-size:12px}\n"
    ".card .d{font-size:12px}\n"
    ".up{color:var(--up)}\n.down{color:var(--down)}\n.same{color:var(--mute)}\n"
    "svg.trend{width:100%;height:auto;display:block;margin:6px 0 14px}\n"
    "svg .grid{stroke:#e8eaef;stroke-width:1}\nsvg .ax{font-size:12px;fill:#5c6475}\n"
    "svg .st{font-size:14px;font-weight:600;fill:#1d2330}\n"
    "svg.spark polyline{fill:none;stroke:var(--accent);stroke-width:1.6}\n"
    "svg.spark .t10{stroke:#d6dae3;stroke-dasharray:2 2}\nsvg.spark .blk{fill:var(--down)}\n"
    ".two{display:grid;grid-template-columns:1fr 1fr;gap:18px}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);"
    "vertical-align:middle}\n"
    "th{font-size:12px;color:var(--mute);text-transform:uppercase;letter-spacing:.03em}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.url{max-width:260px;overflow-wrap:anywhere;font-size:12px}\n"
    ".q{font-weight:600;overflow-wrap:anywhere}\n.sub{color:var(--mute);font-size:12px}\n"
    ".tag{display:inline-block;background:#eef1f6;border-radius:4px;padding:0 5px;margin:1px;"
    "font-size:11px;color:#3a4252}\n"
    "footer{margin-top:28px;color:var(--mute);font-size:12px;border-top:1px solid var(--line);"
    "padding-top:10px}\n"
    "a{color:var(--accent)}\n"
    ".heat svg{max-width:100%;height:auto}\nh3{font-size:15px;margin:18px 0 4px}\n"
    "@media print{body{background:#fff}main{max-width:none;padding:0}"
    "h2{break-after:avoid}tr,.card,svg{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}@page{size:A4;margin:14mm}}\n";

static void pos_text(strbuf *sb, const struct report_kw *k, int pos)
{
    if (ranked(pos))
        add_int(sb, pos);
    else
        sb_adds(sb, "<span class=\"same\">&gt;&#8239;"), add_int(sb, k->depth > 0 ? k->depth : 100),
            sb_adds(sb, "</span>");
}

static void kw_label(strbuf *sb, const struct report_kw *k)
{
    sb_adds(sb, "<div class=\"q\">");
    report_html_escape(sb, k->query);
    sb_adds(sb, "</div><div class=\"sub\">");
    report_html_escape(sb, k->engine);
    if (k->location) { /* "Austin,Texas,United States" reads better spaced */
        sb_adds(sb, " &#183; ");
        char *loc = xstrdup(k->location), *save = NULL;
        int first = 1;
        for (char *t = strtok_r(loc, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (!first)
                sb_adds(sb, ", ");
            report_html_escape(sb, t);
            first = 0;
        }
        free(loc);
    }
    if (k->device && strcmp(k->device, "desktop") != 0) {
        sb_adds(sb, " &#183; ");
        report_html_escape(sb, k->device);
    }
    sb_adds(sb, "</div>");
}

/* v: the keywords sorted by cmp_change (one sort for both tables) */
static void movers(strbuf *sb, const struct report *r, const struct report_kw *v, int winners)
{
    sb_addf(sb, "<div><h2>%s</h2>", winners ? "Biggest winners" : "Biggest losers");
    int shown = 0;
    sb_adds(sb, "<table><tr><th>Keyword</th><th class=\"n\">Now</th>"
                "<th class=\"n\">Change</th></tr>\n");
    for (size_t j = 0; j < r->n_kw && shown < 5; j++) {
        const struct report_kw *k = &v[winners ? j : r->n_kw - 1 - j];
        int c = change_of(k);
        if (winners ? c <= 0 : c >= 0)
            break;
        sb_adds(sb, "<tr><td>");
        kw_label(sb, k);
        sb_adds(sb, "</td><td class=\"n\">");
        pos_text(sb, k, k->position);
        sb_adds(sb, "</td><td class=\"n\">");
        change_cell(sb, k);
        sb_adds(sb, "</td></tr>\n");
        shown++;
    }
    if (!shown)
        sb_addf(sb, "<tr><td colspan=\"3\" class=\"same\">No keyword %s in this period.</td></tr>",
                winners ? "moved up" : "moved down");
    sb_adds(sb, "</table></div>\n");
}

static void card(strbuf *sb, const char *label, const char *value, const char *delta_html)
{
    sb_adds(sb, "<div class=\"card\"><div class=\"l\">");
    report_html_escape(sb, label);
    sb_adds(sb, "</div><div class=\"v\">");
    sb_adds(sb, value); /* built here from numbers only */
    sb_adds(sb, "</div><div class=\"d\">");
    sb_adds(sb, delta_html ? delta_html : "&#160;");
    sb_adds(sb, "</div></div>\n");
}

/* "Search ranking report: NAME", or for a competitor's positions
 * "Competitor: DOMAIN vs NAME" (the subject first, never the client's
 * name in its place). */
static void title(strbuf *out, const struct report *r, const char *who)
{
    if (r->competitor) {
        sb_adds(out, "Competitor: ");
        report_html_escape(out, r->competitor);
        sb_adds(out, " vs ");
    } else {
        sb_adds(out, "Search ranking report: ");
    }
    report_html_escape(out, who);
}

static void avg_cell(strbuf *sb, double avg)
{
    if (avg > 0)
        sb_addf(sb, "<td class=\"n\">%.1f</td>", avg);
    else
        sb_adds(sb, "<td class=\"n\">&#8211;</td>");
}

/* The client next to each competitor of the site, on the same keywords
 * and the same rule for the average. */
static void rivals_table(strbuf *out, const struct report *r, const struct stats *now)
{
    sb_adds(out, "<h2>Competitors</h2>\n");
    if (!r->n_rivals) {
        sb_adds(out, "<p class=\"meta\">No competitors are tracked for this site (add one "
                     "with <code>serptrack site add DOMAIN --competitor</code>).</p>\n");
        return;
    }
    sb_adds(out, "<p class=\"meta\">Latest positions on this site's keywords; not ranked "
                 "counts as 100 in the average.</p>\n<table class=\"rivals\">\n<thead><tr>"
                 "<th>Site</th><th class=\"n\">Average position</th><th class=\"n\">Ranked"
                 "</th><th class=\"n\">Top 10</th><th class=\"n\">Top 3</th></tr></thead>\n"
                 "<tbody>\n<tr><td><strong>");
    report_html_escape(out, r->site);
    sb_adds(out, "</strong> (this site)</td>");
    avg_cell(out, now->avg);
    sb_addf(out, "<td class=\"n\">%d of %d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                 "</tr>\n",
            now->ranked, now->n, now->top10, now->top3);
    for (size_t i = 0; i < r->n_rivals; i++) {
        const struct report_rival *c = &r->rivals[i];
        sb_adds(out, "<tr><td>");
        report_html_escape(out, c->domain);
        sb_adds(out, "</td>");
        avg_cell(out, c->avg_position);
        sb_addf(out, "<td class=\"n\">%d of %d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                     "</tr>\n",
                c->ranked, c->n, c->top10, c->top3);
    }
    sb_adds(out, "</tbody>\n</table>\n");
}

/* The document head and the page header: title, brand, whose numbers for
 * whom over which period, and the warning when checks fell behind. */
static void html_head(strbuf *out, const struct report *r, const char *who, const char *since,
                      const char *until)
{
    sb_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'; img-src data:\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"serptrack\">\n<title>");
    title(out, r, who);
    sb_addf(out, " (%s to %s)</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", since,
            until, report_css);

    /* header */
    sb_adds(out, "<header><div class=\"brand\">");
    report_html_escape(out, r->brand ? r->brand : "serptrack");
    sb_adds(out, "</div><h1>");
    title(out, r, who);
    sb_adds(out, "</h1><div class=\"meta\">");
    if (r->competitor) {
        /* the competitor's numbers on the client's keywords: say so, and
         * never put the client's name where the subject's name goes */
        sb_adds(out, "Positions of the competitor <strong>");
        report_html_escape(out, r->competitor);
        sb_addf(out, "</strong> on the %zu keyword%s tracked for ", r->n_kw, r->n_kw == 1 ? "" : "s");
        report_html_escape(out, who);
        sb_adds(out, " (");
        report_html_escape(out, r->site);
        sb_addf(out, ") &#183; period %s to %s</div></header>\n", since, until);
    } else if (r->client) {
        sb_adds(out, "Prepared for <strong>");
        report_html_escape(out, r->client);
        sb_adds(out, "</strong> &#183; ");
    }
    if (!r->competitor) {
        report_html_escape(out, r->site);
        sb_addf(out, " &#183; period %s to %s</div></header>\n", since, until);
    }
    if (r->n_stale) {
        char last[32];
        sb_addf(out, "<p class=\"stale\"><strong>Warning:</strong> %zu keyword%s not checked as "
                     "often as scheduled (oldest data from %s): the latest positions may be "
                     "out of date.</p>\n",
                r->n_stale, r->n_stale == 1 ? " was" : "s were",
                r->stale_since ? util_fmt_time(r->stale_since, last) : "never");
    }
}

/* The headline cards: keywords, average position, top 3, top 10,
 * visibility (each with its change since the start), estimated visits,
 * Search Console clicks and leads when known. */
static void html_cards(strbuf *out, const struct report *r, const struct stats *now_p,
                       const struct stats *start_p)
{
    const struct stats now = *now_p, start = *start_p;
    strbuf v = STRBUF_INIT, d = STRBUF_INIT;
    sb_adds(out, "<section class=\"cards\">\n");
    sb_addf(&v, "%d", now.n);
    card(out, "Keywords tracked", sb_str(&v), NULL);
    sb_reset(&v);
    if (now.avg > 0)
        sb_addf(&v, "%.1f", now.avg);
    else
        sb_adds(&v, "&#8211;");
    /* the rule and the ranked count beside the number: an average alone
     * hides how many keywords are lost */
    sb_addf(&d, "<span class=\"avgn\">ranked %d of %d</span>", now.ranked, now.n);
    if (now.avg > 0 && start.avg > 0) {
        sb_adds(&d, " &#183; ");
        delta(&d, start.avg - now.avg, 1, "%.1f");
    }
    card(out, "Average position (not ranked counts as 100)", sb_str(&v), sb_str(&d));
    sb_reset(&v), sb_reset(&d);
    sb_addf(&v, "%d", now.top3);
    delta(&d, now.top3 - start.top3, 1, "%.0f");
    card(out, "Keywords in the top 3", sb_str(&v), sb_str(&d));
    sb_reset(&v), sb_reset(&d);
    sb_addf(&v, "%d", now.top10);
    delta(&d, now.top10 - start.top10, 1, "%.0f");
    card(out, "Keywords in the top 10", sb_str(&v), sb_str(&d));
    sb_reset(&v), sb_reset(&d);
    sb_addf(&v, "%.1f%%", now.visibility);
    delta(&d, now.visibility - start.visibility, 1, "%.1f pts");
    card(out, "Visibility score", sb_str(&v), sb_str(&d));
    sb_reset(&v), sb_reset(&d);
    double visits = 0;
    int with_volume = 0;
    for (size_t i = 0; i < r->n_kw; i++)
        if (r->kw[i].volume >= 0) {
            with_volume++;
            visits += metrics_visits_at((double)r->kw[i].volume,
                                        r->kw[i].share > 0 ? r->kw[i].share : 1.0,
                                        r->kw[i].position);
        }
    if (with_volume) {
        sb_addf(&v, "%.0f", visits);
        sb_addf(&d, "from %d keyword%s with known volume", with_volume, with_volume == 1 ? "" : "s");
    } else {
        sb_adds(&v, "&#8211;");
        sb_adds(&d, "no search volumes imported");
    }
    card(out, "Estimated monthly visits", sb_str(&v), sb_str(&d));
    sb_reset(&v), sb_reset(&d);
    if (r->gsc_days > 0 && !r->competitor) { /* what Google says it sent, beside the estimate */
        char a[11], b[11];
        sb_addf(&v, "%.0f", (double)r->gsc_clicks * 30.0 / r->gsc_days);
        sb_addf(&d, "per month; %lld clicks %s &#8211; %s", r->gsc_clicks,
                util_fmt_date(r->gsc_start, a), util_fmt_date(r->gsc_end, b));
        card(out, "Actual monthly clicks (Search Console)", sb_str(&v), sb_str(&d));
        sb_reset(&v), sb_reset(&d);
    }
    if (r->leads >= 0 && !r->competitor) {
        double weeks = (double)(r->until - r->since) / (7.0 * DAY_SECS);
        if (weeks < 1)
            weeks = 1;
        sb_addf(&v, "%.1f", (double)r->leads / weeks);
        sb_addf(&d, "%lld calls in the period", r->leads);
        card(out, "Leads per week", sb_str(&v), sb_str(&d));
    }
    sb_release(&v);
    sb_release(&d);
    sb_adds(out, "</section>\n");
}

/* One row of the keyword table. */
static void html_kw_row(strbuf *out, const struct report *r, const struct report_kw *k)
{
    sb_adds(out, "<tr><td>");
    kw_label(out, k);
    sb_adds(out, "</td><td class=\"n\">");
    if (k->status == REPORT_BLOCKED && !ranked(k->position))
        sb_adds(out, "<span class=\"same\">blocked</span>");
    else
        pos_text(out, k, k->position);
    sb_adds(out, "</td><td class=\"n\">");
    change_cell(out, k);
    sb_adds(out, "</td><td class=\"n\">");
    if (ranked(k->best))
        add_int(out, k->best);
    else
        sb_adds(out, "&#8211;");
    sb_adds(out, "</td><td>");
    report_svg_spark(out, r, k);
    sb_adds(out, "</td><td class=\"url\">");
    if (k->url && report_url_ok(k->url)) {
        sb_adds(out, "<a href=\"");
        report_html_escape(out, k->url);
        sb_adds(out, "\" rel=\"noopener noreferrer nofollow\">");
        report_html_escape(out, k->url);
        sb_adds(out, "</a>");
    } else if (k->url) {
        report_html_escape(out, k->url);
    } else {
        sb_adds(out, "&#8211;");
    }
    sb_adds(out, "</td><td>");
    if (k->in_local_pack > 3) /* beyond the 3-pack: the Maps list */
        sb_addf(out, "#%d in Maps", k->in_local_pack);
    else if (k->in_local_pack > 0)
        sb_addf(out, "&#10003; #%d in pack", k->in_local_pack);
    else if (k->in_local_pack < 0)
        sb_adds(out, "&#10003; in pack"); /* stored before pack positions were kept */
    else
        sb_adds(out, "&#8211;");
    sb_adds(out, "</td><td>");
    if (k->features && *k->features) {
        char *f = xstrdup(k->features), *save = NULL;
        for (char *t = strtok_r(f, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            sb_adds(out, "<span class=\"tag\">");
            report_html_escape(out, t);
            sb_adds(out, "</span>");
        }
        free(f);
    } else {
        sb_adds(out, "&#8211;");
    }
    sb_adds(out, "</td><td class=\"n\">");
    if (k->volume >= 0)
        add_int(out, k->volume);
    else
        sb_adds(out, "&#8211;");
    sb_adds(out, "</td></tr>\n");
}

/* Every keyword, in the report's sort order. */
static void html_kw_table(strbuf *out, const struct report *r)
{
    static const char *const sort_names[] = {"current position", "change", "keyword", "volume"};
    sb_addf(out, "<h2>All keywords</h2>\n<p class=\"meta\">Sorted by %s. Change compares the "
                 "first and the latest check of the period; &#9650; = moved up.</p>\n",
            sort_names[r->sort]);
    sb_adds(out, "<table class=\"kw\">\n<thead><tr><th>Keyword</th><th class=\"n\">Position</th>"
                 "<th class=\"n\">Change</th><th class=\"n\">Best</th><th>Trend</th>"
                 "<th>Ranking URL</th><th>Local pack</th><th>SERP features</th>"
                 "<th class=\"n\">Volume</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_kw; i++)
        html_kw_row(out, r, &r->kw[i]);
    if (!r->n_kw)
        sb_adds(out, "<tr><td colspan=\"9\" class=\"same\">No keywords are tracked for this "
                     "site yet.</td></tr>\n");
    sb_adds(out, "</tbody>\n</table>\n");
}

/* How the numbers are defined, and who generated the report when. */
static void html_footer(strbuf *out, const struct report *r, const char *gen)
{
    sb_adds(out, "<footer>Average position: over every tracked keyword, a keyword not ranked "
                 "within the results checked counting as 100 (as Semrush counts it), so a lost "
                 "keyword makes it worse. Visibility: each keyword's expected share of clicks at its position "
                 "relative to position 1, averaged over all tracked keywords (100% = every "
                 "keyword first). Click-through curve: ");
    report_html_escape(out, CTR_SOURCE);
    sb_adds(out, ". Estimated visits = monthly search volume &#215; the engine's share of "
                 "searches &#215; click-through rate at the current position (as in "
                 "<code>serptrack value</code>). Positions count organic results only. Generated ");
    sb_adds(out, gen);
    sb_adds(out, " by ");
    report_html_escape(out, r->brand ? r->brand : "serptrack");
    sb_adds(out, ".</footer>\n</main>\n</body>\n</html>\n");
}

void report_html(struct report *r, strbuf *out)
{
    static int (*const cmps[])(const void *, const void *) = {cmp_position, cmp_change,
                                                               cmp_keyword, cmp_volume};
    if (r->n_kw)
        qsort(r->kw, r->n_kw, sizeof *r->kw, cmps[r->sort]);
    if (!r->days)
        report_trend(r);
    char since[11], until[11], gen[21];
    util_fmt_date(r->since, since);
    util_fmt_date(r->until, until);
    util_fmt_time(r->generated_at, gen);
    const char *who = r->site_name ? r->site_name : r->site;

    html_head(out, r, who, since, until);

    /* headline numbers */
    struct stats now = stats_of(r, 0), start = stats_of(r, 1);
    html_cards(out, r, &now, &start);

    /* trend */
    sb_adds(out, "<h2>Trend</h2>\n");
    report_svg_trends(out, r);

    if (!r->competitor)
        rivals_table(out, r, &now);

    /* movers */
    sb_adds(out, "<section class=\"two\">\n");
    struct report_kw *byc = xmalloc((r->n_kw ? r->n_kw : 1) * sizeof *byc);
    if (r->n_kw) {
        memcpy(byc, r->kw, r->n_kw * sizeof *byc);
        qsort(byc, r->n_kw, sizeof *byc, cmp_change);
    }
    movers(out, r, byc, 1);
    movers(out, r, byc, 0);
    free(byc);
    sb_adds(out, "</section>\n");

    report_html_pack(out, r);
    report_html_grids(out, r);
    report_html_ai(out, r);

    html_kw_table(out, r);

    html_footer(out, r, gen);
}
