/* report_ai.c - the client report's AI overviews section (issue 18): per
 * keyword whose period had a Google AI overview, whether the site is among
 * its cited sources, where, and which domains it cites. Only overviews
 * whose cites were stored count: an older check says nothing rather than
 * "not cited". Every string from outside goes through report_html_escape(). */
#include <string.h>

#include "report_int.h"
#include "track.h"

int report_ai_fill(store *st, struct report *r, time_t since, time_t until)
{
    const char *who = r->competitor ? r->competitor : r->site;
    for (size_t i = 0; i < r->n_kw; i++) {
        struct report_kw *k = &r->kw[i];
        struct store_ai a;
        int got = store_ai_last_overview(st, k->id, since, until, &a);
        if (got < 0)
            return -1;
        if (got == 1) {
            k->ai_at = a.checked_at;
            k->ai_cited = track_ai_cite_position(a.cites, a.n, who);
            k->ai = xcalloc(a.n ? a.n : 1, sizeof *k->ai);
            for (size_t j = 0; j < a.n; j++) {
                k->ai[j].domain = a.cites[j].domain ? xstrdup(a.cites[j].domain) : NULL;
                k->ai[j].url = xstrdup(a.cites[j].url);
                k->ai[j].title = xstrdup(a.cites[j].title);
            }
            k->n_ai = a.n;
        }
        store_ai_release(&a);
    }
    return 0;
}

/* The cited sources in order: the domain, with the page's title and URL
 * on hover; the site's own in bold. */
static void sources(strbuf *out, const struct report_kw *k)
{
    for (size_t j = 0; j < k->n_ai; j++) {
        const struct report_cite *c = &k->ai[j];
        int own = k->ai_cited > 0 && (size_t)k->ai_cited == j + 1;
        sb_adds(out, j ? ", " : "");
        sb_adds(out, own ? "<b title=\"" : "<span title=\"");
        report_html_escape(out, c->title);
        sb_adds(out, " &#8212; ");
        report_html_escape(out, c->url);
        sb_adds(out, "\">");
        sb_addf(out, "%zu.&#8239;", j + 1);
        report_html_escape(out, c->domain ? c->domain : c->url);
        sb_adds(out, own ? "</b>" : "</span>");
    }
    if (!k->n_ai)
        sb_adds(out, "<span class=\"same\">no sources listed</span>");
}

void report_html_ai(strbuf *out, const struct report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_kw; i++)
        n += r->kw[i].ai_at != 0;
    if (!n)
        return;
    sb_adds(out, "<h2>AI overviews</h2>\n<p class=\"meta\">Google's AI overview on the latest "
                 "check of the period that showed one: whether the site is among the sources it "
                 "cites, and where (#1 = cited first). Keywords without an overview in the "
                 "period are not listed.</p>\n<table class=\"kw\">\n<thead><tr><th>Keyword</th>"
                 "<th>Cited</th><th>Sources cited</th><th>Seen</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_kw; i++) {
        const struct report_kw *k = &r->kw[i];
        if (!k->ai_at)
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
        if (k->ai_cited > 0)
            sb_addf(out, "<span class=\"up\">#%d</span>", k->ai_cited);
        else
            sb_adds(out, "<span class=\"same\">not cited</span>");
        sb_adds(out, "</td><td>");
        sources(out, k);
        char day[11];
        util_fmt_date(k->ai_at, day);
        sb_adds(out, "</td><td>");
        sb_adds(out, day);
        sb_adds(out, "</td></tr>\n");
    }
    sb_adds(out, "</tbody>\n</table>\n");
}
