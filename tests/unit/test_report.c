/* test_report.c - the HTML client report: escaping proofs (hostile
 * keywords, titles and URLs parsed back with libxml2: no script element,
 * no on* attribute, no non-http link, the text still there), headline
 * numbers and the trend from a known history, and a self-contained
 * document (nothing to fetch). With SERPTRACK_REPORT_SAMPLE=FILE it also
 * writes a realistic sample report there (tests/browser.sh uses it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <math.h>
#include <strings.h>
#include <unistd.h>

#include "ctr.h"
#include "report.h"
#include "util.h"

static const char *const hostile[] = {
    "<script>alert(1)</script>",
    "\"onmouseover=alert(1) x=\"",
    "`touch pwned`",
    "system(\"touch pwned2\")",
    "two\nlines",
    "it's a \"quote\"",
    "bad \xff\xfe utf8 \xc3",
    "<img src=x onerror=alert(2)>",
    "</td></tr></table><iframe src=\"https://evil.example/\"></iframe>",
};

#define T0 1790000000 /* 2026-09-21 */

/* A keyword with `days` daily checks; pos(i) gives the position of day i
 * (0 = not ranked, -1 = blocked). */
static void add_kw(struct report *r, const char *query, const char *location, int days,
                   int (*pos)(int, int), int seed, long long volume, const char *url,
                   const char *features)
{
    r->kw = xrealloc(r->kw, (r->n_kw + 1) * sizeof *r->kw);
    struct report_kw *k = &r->kw[r->n_kw];
    memset(k, 0, sizeof *k);
    k->id = (long long)r->n_kw + 1;
    r->n_kw++;
    k->query = xstrdup(query);
    k->engine = xstrdup(seed % 3 == 2 ? "bing" : "google");
    k->location = xstrdup(location);
    k->device = xstrdup(seed % 4 == 3 ? "mobile" : "desktop");
    k->depth = 30;
    k->volume = volume;
    k->url = xstrdup(url);
    k->features = xstrdup(features);
    k->in_local_pack = seed % 2;
    k->hist = xcalloc((size_t)days, sizeof *k->hist);
    k->n_hist = (size_t)days;
    k->best = REPORT_NONE;
    k->start_position = REPORT_NONE;
    k->position = REPORT_NONE;
    for (int i = 0; i < days; i++) {
        int p = pos(i, seed);
        k->hist[i].t = T0 + (time_t)i * 86400 + 6 * 3600;
        k->hist[i].status = p < 0 ? REPORT_BLOCKED : REPORT_OK;
        k->hist[i].position = p > 0 ? p : REPORT_NONE;
        if (p < 0)
            continue;
        if (i == 0 || (k->start_position == REPORT_NONE && i == 0))
            k->start_position = p > 0 ? p : REPORT_NONE;
        k->position = p > 0 ? p : REPORT_NONE;
        if (p > 0 && (k->best == REPORT_NONE || p < k->best))
            k->best = p;
    }
    k->status = k->hist[days - 1].status;
}

static int pos_hostile(int i, int seed)
{
    if (i == 3)
        return -1;
    if (i == 5)
        return 0;
    return 2 + (i + seed) % 7;
}

static void hostile_report(struct report *r)
{
    memset(r, 0, sizeof *r);
    r->site = xstrdup("example.com");
    r->site_name = xstrdup(hostile[0]);
    r->client = xstrdup(hostile[1]);
    r->brand = xstrdup(hostile[7]);
    r->since = T0;
    r->until = T0 + 9 * 86400;
    r->generated_at = T0 + 10 * 86400;
    r->leads = 12;
    const char *urls[] = {"javascript:alert(1)", "https://ok.example/a?b=1&c=\"x\"><script>",
                          "data:text/html,<script>alert(3)</script>", " http://space.example/",
                          "http://x.example/`touch pwned`"};
    for (size_t i = 0; i < ARRAY_SIZE(hostile); i++)
        add_kw(r, hostile[i], hostile[(i + 1) % ARRAY_SIZE(hostile)], 10, pos_hostile, (int)i,
               (long long)i * 100 - 1, urls[i % ARRAY_SIZE(urls)],
               i % 2 ? "local_pack,<b>bold</b>,onload=x" : hostile[i]);
}

/* --- walking the parsed document ----------------------------------------- */

struct walk {
    int scripts, on_attrs, bad_links, resources, iframes;
    strbuf text;
};

static void walk(xmlNode *n, struct walk *w)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (strcasecmp(name, "script") == 0)
                w->scripts++;
            if (strcasecmp(name, "iframe") == 0 || strcasecmp(name, "img") == 0 ||
                strcasecmp(name, "object") == 0 || strcasecmp(name, "embed") == 0 ||
                strcasecmp(name, "link") == 0)
                w->iframes++;
            for (xmlAttr *a = n->properties; a; a = a->next) {
                const char *an = (const char *)a->name;
                xmlChar *val = xmlNodeListGetString(n->doc, a->children, 1);
                const char *v = val ? (const char *)val : "";
                if (strncasecmp(an, "on", 2) == 0)
                    w->on_attrs++;
                if (strcasecmp(an, "href") == 0 && !report_url_ok(v))
                    w->bad_links++;
                if (strcasecmp(an, "src") == 0 || strcasecmp(an, "srcset") == 0 ||
                    (strcasecmp(an, "style") == 0 && strstr(v, "url(")))
                    w->resources++;
                xmlFree(val);
            }
        } else if (n->type == XML_TEXT_NODE && n->content) {
            sb_adds(&w->text, (const char *)n->content);
            sb_addc(&w->text, '\x01');
        }
        walk(n->children, w);
    }
}

static void parse_and_walk(const char *html, size_t len, struct walk *w)
{
    memset(w, 0, sizeof *w);
    htmlDocPtr doc = htmlReadMemory(html, (int)len, "report.html", "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    assert_non_null(doc);
    walk(xmlDocGetRootElement(doc), w);
    xmlFreeDoc(doc);
}

static void test_escape(void **state)
{
    (void)state;
    struct {
        const char *in, *want;
    } cases[] = {
        {"a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"bad\xff", "bad\xef\xbf\xbd"},
        {"ctl\x01\x1b", "ctl  "},
        {"tab\tnl\n", "tab\tnl\n"},
        {"", ""},
        {NULL, ""},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        strbuf sb = STRBUF_INIT;
        report_html_escape(&sb, cases[i].in);
        assert_string_equal(sb_str(&sb), cases[i].want);
        sb_release(&sb);
    }
}

/* The sparklines' own "%.1f" must give printf's text exactly, including
 * exact halves (to the even digit), negative zero and huge values. */
static void test_fmt1(void **state)
{
    (void)state;
    double special[] = {0.0, -0.0, 0.05, -0.05, 0.25, 0.75, -0.25, 2.25, 0.45, 0.35,
                        0.04999999999999999, 1e-300, -1e-300, 999999999.95, 1e9, 1e15,
                        -1e20, 120.0, 25.0, NAN, INFINITY, -INFINITY};
    char a[400], b[400];
    for (size_t i = 0; i < ARRAY_SIZE(special); i++) {
        snprintf(b, sizeof b, "%.1f", special[i]);
        assert_string_equal(report_fmt1(a, special[i]), b);
    }
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 300000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        switch (i % 4) {
        case 0: v = (double)(x % 1000000) / 20.0 - 1000; break;   /* exact halves */
        case 1: v = 120.0 * (double)(x % 700000) / 604800.0; break; /* sparkline x */
        case 2: v = 1 + 24.0 * (double)(x % 100) / (double)(x % 97 + 1); break;
        default: v = nextafter((double)(x % 20000) / 20.0, (x & 1) ? 1e9 : -1e9);
        }
        snprintf(b, sizeof b, "%.1f", v);
        assert_string_equal(report_fmt1(a, v), b);
    }
}

static void test_url_ok(void **state)
{
    (void)state;
    assert_true(report_url_ok("https://example.com/a?b=1"));
    assert_true(report_url_ok("HTTP://example.com"));
    assert_false(report_url_ok("javascript:alert(1)"));
    assert_false(report_url_ok("JaVaScRiPt:alert(1)"));
    assert_false(report_url_ok("data:text/html,x"));
    assert_false(report_url_ok(" https://lead.space"));
    assert_false(report_url_ok("https://"));
    assert_false(report_url_ok("https:///path"));
    assert_false(report_url_ok("https://a b"));
    assert_false(report_url_ok("https://a\nb"));
    assert_false(report_url_ok("//example.com"));
    assert_false(report_url_ok(NULL));
}

static void test_hostile_report(void **state)
{
    (void)state;
    struct report r;
    hostile_report(&r);
    strbuf html = STRBUF_INIT;
    report_html(&r, &html);
    assert_true(util_utf8_valid(html.buf, html.len));
    struct walk w;
    parse_and_walk(html.buf, html.len, &w);
    assert_int_equal(w.scripts, 0);
    assert_int_equal(w.on_attrs, 0);
    assert_int_equal(w.bad_links, 0);
    assert_int_equal(w.resources, 0);
    assert_int_equal(w.iframes, 0);
    /* Every hostile string is still readable as text. */
    const char *text = sb_str(&w.text);
    for (size_t i = 0; i < ARRAY_SIZE(hostile); i++) {
        char *clean = util_utf8_sanitize(hostile[i], strlen(hostile[i]));
        if (!strstr(text, clean))
            fail_msg("hostile string %zu missing from the text", i);
        free(clean);
    }
    /* The one good-looking hostile URL is a link, escaped in the attribute. */
    assert_non_null(strstr(html.buf, "href=\"https://ok.example/a?b=1&amp;c=&quot;x&quot;&gt;"
                                     "&lt;script&gt;\""));
    assert_null(strstr(html.buf, "href=\"javascript"));
    assert_null(strstr(html.buf, "<script"));
    /* Self-contained: a CSP forbidding every fetch, and no external URL
     * other than the SVG namespace and the escaped keyword URLs. */
    assert_non_null(strstr(html.buf, "default-src 'none'"));
    assert_null(strstr(html.buf, "@import"));
    assert_null(strstr(html.buf, "<img"));
    assert_null(strstr(html.buf, "<iframe"));
    sb_release(&w.text);
    sb_release(&html);
    report_release(&r);
}

static int pos_a(int i, int seed)
{
    (void)seed;
    return i < 5 ? 12 : 2; /* 12 -> 2 */
}
static int pos_b(int i, int seed)
{
    (void)seed;
    return i < 5 ? 4 : 0; /* 4 -> not ranked */
}
static int pos_c(int i, int seed)
{
    (void)seed;
    return i == 9 ? 1 : 0; /* never ranked, then 1 */
}

static void test_numbers(void **state)
{
    (void)state;
    struct report r;
    memset(&r, 0, sizeof r);
    r.site = xstrdup("example.com");
    r.since = T0;
    r.until = T0 + 9 * 86400;
    r.leads = -1;
    add_kw(&r, "a", NULL, 10, pos_a, 0, 1000, "https://example.com/a", NULL);
    add_kw(&r, "b", NULL, 10, pos_b, 0, -1, NULL, NULL);
    add_kw(&r, "c", NULL, 10, pos_c, 0, 500, "https://example.com/c", NULL);
    report_trend(&r);
    assert_int_equal(r.n_days, 10);
    /* day 0: a=12, b=4, c unranked (counts as 100) */
    assert_true(fabs(r.days[0].avg_position - (12 + 4 + 100) / 3.0) < 1e-9);
    assert_int_equal(r.days[0].ranked, 2);
    assert_true(fabs(r.days[0].top3 - 0.0) < 1e-9);
    assert_true(fabs(r.days[0].top10 - 1.0 / 3) < 1e-9);
    /* day 9: a=2, b unranked, c=1 */
    assert_true(fabs(r.days[9].avg_position - (2 + 100 + 1) / 3.0) < 1e-9);
    assert_true(fabs(r.days[9].top3 - 2.0 / 3) < 1e-9);
    double vis = (ctr_visibility(2) + ctr_visibility(1)) / 3;
    assert_true(fabs(r.days[9].visibility - vis) < 1e-9);

    strbuf html = STRBUF_INIT;
    r.sort = REPORT_SORT_CHANGE;
    report_html(&r, &html);
    /* sorted by change: a (+10), c (new: 31 -> 1 = +30) first, b (lost) last */
    assert_string_equal(r.kw[0].query, "c");
    assert_string_equal(r.kw[1].query, "a");
    assert_string_equal(r.kw[2].query, "b");
    char *visits = xasprintf("%.0f", 1000 * ctr_at(2) + 500 * ctr_at(1));
    assert_non_null(strstr(html.buf, visits));
    free(visits);
    assert_non_null(strstr(html.buf, ">new<"));
    assert_non_null(strstr(html.buf, ">lost<"));
    assert_null(strstr(html.buf, "Leads per week")); /* no call data */
    /* the KPI: (2 + 100 + 1) / 3 = 34.3, its rule and the ranked count */
    assert_non_null(strstr(html.buf, "<div class=\"l\">Average position (not ranked counts as "
                                     "100)</div><div class=\"v\">34.3</div>"));
    assert_non_null(strstr(html.buf, "ranked 2 of 3"));
    sb_release(&html);
    report_release(&r);
}

/* Losing a keyword makes the average worse, never better. */
static void test_avg_rule(void **state)
{
    (void)state;
    struct metrics_avg a = {0};
    assert_true(metrics_avg_position(&a) < 0);
    metrics_avg_add(&a, 3);
    metrics_avg_add(&a, 5);
    assert_true(fabs(metrics_avg_position(&a) - 4.0) < 1e-9);
    struct metrics_avg lost = a;
    metrics_avg_add(&lost, REPORT_NONE); /* a third keyword, not ranked */
    assert_true(fabs(metrics_avg_position(&lost) - 36.0) < 1e-9);
    assert_true(metrics_avg_position(&lost) > metrics_avg_position(&a));
    assert_int_equal(lost.ranked, 2);
    assert_int_equal(lost.n, 3);
    metrics_avg_add(&lost, 0); /* < 1 is not a position either */
    assert_int_equal(lost.ranked, 2);
    assert_true(fabs(metrics_avg_position(&lost) - 52.0) < 1e-9);
}

/* A competitor's report names the competitor, never the client, and shows
 * its pack position; a client report lists the competitors. */
static void test_competitor(void **state)
{
    (void)state;
    struct report r;
    memset(&r, 0, sizeof r);
    r.site = xstrdup("austin-plumbing-pros.com");
    r.site_name = xstrdup("Austin Plumbing Pros");
    r.client = xstrdup("Lone Star Plumbing LLC");
    r.competitor = xstrdup("mr-plumber.com");
    r.since = T0;
    r.until = T0 + 9 * 86400;
    r.leads = 4;
    add_kw(&r, "a", NULL, 10, pos_a, 0, 1000, "https://www.mr-plumber.com/a", NULL);
    r.kw[0].in_local_pack = 2;
    strbuf html = STRBUF_INIT;
    report_html(&r, &html);
    assert_non_null(strstr(html.buf, "<title>Competitor: mr-plumber.com vs Austin Plumbing Pros"));
    assert_non_null(strstr(html.buf, "<h1>Competitor: mr-plumber.com vs Austin Plumbing Pros</h1>"));
    assert_null(strstr(html.buf, "Prepared for"));
    assert_null(strstr(html.buf, "Lone Star Plumbing LLC"));
    assert_null(strstr(html.buf, "Leads per week")); /* the client's calls */
    assert_null(strstr(html.buf, "class=\"rivals\""));
    assert_non_null(strstr(html.buf, "#2 in pack"));
    assert_non_null(strstr(html.buf, "href=\"https://www.mr-plumber.com/a\""));
    assert_non_null(strstr(html.buf, "on the 1 keyword tracked for")); /* not "1 keywords" */
    sb_release(&html);

    free(r.competitor);
    r.competitor = NULL;
    r.rivals = xcalloc(1, sizeof *r.rivals);
    r.n_rivals = 1;
    r.rivals[0] = (struct report_rival){xstrdup("<b>rival</b>.com"), 1, 1, 0, 1, 7.0};
    report_html(&r, &html);
    assert_non_null(strstr(html.buf, "Prepared for <strong>Lone Star Plumbing LLC</strong>"));
    assert_non_null(strstr(html.buf, "<h2>Competitors</h2>"));
    assert_non_null(strstr(html.buf, "<tr><td>&lt;b&gt;rival&lt;/b&gt;.com</td><td class=\"n\">"
                                     "7.0</td><td class=\"n\">1 of 1</td>"));
    sb_release(&html);
    report_release(&r);
}

static void test_empty(void **state)
{
    (void)state;
    struct report r;
    memset(&r, 0, sizeof r);
    r.site = xstrdup("empty.example");
    r.since = T0;
    r.until = T0;
    r.leads = -1;
    strbuf html = STRBUF_INIT;
    report_html(&r, &html);
    assert_non_null(strstr(html.buf, "No keywords are tracked"));
    struct walk w;
    parse_and_walk(html.buf, html.len, &w);
    assert_int_equal(w.scripts, 0);
    sb_release(&w.text);
    sb_release(&html);
    report_release(&r);
}

/* --- a realistic sample for the browser check and the README ------------- */
static int pos_wave(int i, int seed)
{
    if ((i * 7 + seed * 3) % 41 == 0)
        return -1;
    double base = 4 + seed * 2.3;
    double p = base + 5 * sin((i + seed * 5) / 9.0) - i * 0.06 * (seed % 3);
    if (p > 30)
        return 0;
    return p < 1 ? 1 : (int)p;
}

static void write_sample(const char *path)
{
    struct report r;
    memset(&r, 0, sizeof r);
    r.site = xstrdup("austin-plumbing-pros.com");
    r.site_name = xstrdup("Austin Plumbing Pros");
    r.client = xstrdup("Lone Star Plumbing LLC");
    r.brand = xstrdup("Rank & Rent Co.");
    r.since = T0;
    r.until = T0 + 59 * 86400;
    r.generated_at = T0 + 60 * 86400;
    r.leads = 37;
    const char *q[] = {"emergency plumber austin", "plumber austin tx", "water heater repair austin",
                       "drain cleaning austin", "24 hour plumber near me", "slab leak repair austin",
                       "tankless water heater installation", "<script>alert(1)</script> plumber",
                       "sewer line replacement austin", "leak detection austin"};
    for (size_t i = 0; i < ARRAY_SIZE(q); i++) {
        char *url = xasprintf("https://austin-plumbing-pros.com/%zu-%s", i, i % 2 ? "service" : "");
        add_kw(&r, q[i], "Austin,Texas,United States", 60, pos_wave, (int)i,
               i % 4 == 3 ? -1 : 1900 / (long long)(i + 1), url,
               i % 3 == 0 ? "local_pack,ads_top,people_also_ask" : "ads_top,videos");
        free(url);
    }
    strbuf html = STRBUF_INIT;
    report_html(&r, &html);
    if (util_write_file(path, html.buf, html.len, 0644) != 0)
        fail_msg("cannot write %s", path);
    sb_release(&html);
    report_release(&r);
}

static void test_sample(void **state)
{
    (void)state;
    const char *path = getenv("SERPTRACK_REPORT_SAMPLE");
    if (path && *path) {
        write_sample(path);
        return;
    }
    /* no destination asked for: still build it (a skip would read as a
     * failure in the TAP tally) and check it is valid, then drop it */
    char tmpl[] = "/tmp/serptrack-sample-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    close(fd);
    write_sample(tmpl);
    char *buf;
    size_t len;
    assert_int_equal(util_read_file(tmpl, 0, &buf, &len), 0);
    unlink(tmpl);
    assert_true(len > 10000 && util_utf8_valid(buf, len));
    assert_null(strstr(buf, "<script"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_url_ok),
        cmocka_unit_test(test_fmt1),
        cmocka_unit_test(test_hostile_report),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_avg_rule),
        cmocka_unit_test(test_competitor),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
