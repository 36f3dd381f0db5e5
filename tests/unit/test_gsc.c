/* test_gsc.c - the Search Console Queries.csv parser (BOM, the header of
 * each supported language, decimal comma, percentages, thousands, bad rows
 * named by file:line, another tab refused, hostile bytes) and the site CTR
 * curve fitted from its rows (threshold, shrinkage, clamps, monotony). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "ctr.h"
#include "research.h"
#include "util.h"

/* --- helpers ------------------------------------------------------------------ */
struct got {
    struct store_gsc_row v[64];
    size_t n;
};

static int collect(const struct research_gsc_row *r, void *arg)
{
    struct got *g = arg;
    if (g->n < 64)
        g->v[g->n++] = (struct store_gsc_row){xstrdup(r->query), r->clicks, r->impressions,
                                              r->ctr, r->position};
    return 0;
}

static void got_release(struct got *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].query);
    g->n = 0;
}

/* Runs the parser on buf with stderr captured into *err (owned). */
static long parse_capture(const char *buf, size_t len, const char *name, struct got *g, char **err)
{
    fflush(stderr);
    int saved = dup(2);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    dup2(fileno(tmp), 2);
    long n = research_gsc_parse(buf, len, name, collect, g);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    long size = ftell(tmp);
    if (size < 0)
        size = 0;
    rewind(tmp);
    *err = xcalloc((size_t)size + 1, 1);
    size_t rd = fread(*err, 1, (size_t)size, tmp);
    (*err)[rd] = '\0';
    fclose(tmp);
    return n;
}

static long parse_str(const char *s, struct got *g, char **err)
{
    return parse_capture(s, strlen(s), "Queries.csv", g, err);
}

/* --- headers ---------------------------------------------------------------------- */
static void test_languages(void **state)
{
    (void)state;
    /* the header Search Console writes in each language, then the same row */
    static const char *const headers[] = {
        "Top queries,Clicks,Impressions,CTR,Position",                              /* en */
        "Häufigste Suchanfragen,Klicks,Impressionen,Klickrate,Position",            /* de */
        "Häufigste Suchanfragen,Klicks,Impressionen,CTR,Durchschnittliche Position", /* de */
        "Requêtes les plus fréquentes,Clics,Impressions,CTR,Position",               /* fr */
        "Consultas principales,Clics,Impresiones,CTR,Posición",                     /* es */
        "Query più frequenti,Clic,Impressioni,CTR,Posizione",                      /* it */
        "Query principali,Clic,Impressioni,CTR,Posizione media",                   /* it */
        "Principais consultas,Cliques,Impressões,CTR,Posição",                       /* pt */
        "Populairste zoekopdrachten,Klikken,Vertoningen,CTR,Positie",               /* nl */
        "Najczęstsze zapytania,Kliknięcia,Wyświetlenia,CTR,Pozycja",                /* pl */
        "Najpopularniejsze zapytania,Kliknięcia,Wyświetlenia,CTR,Pozycja",          /* pl */
        "上位のクエリ,クリック数,表示回数,CTR,掲載順位",                               /* ja */
        "TOP QUERIES, clicks ,IMPRESSIONS,ctr,POSITION",                            /* any case */
    };
    for (size_t i = 0; i < ARRAY_SIZE(headers); i++) {
        char *buf = xasprintf("%s\nPlumber  Austin,12,340,3.53%%,4.7\n", headers[i]);
        struct got g = {.n = 0};
        char *err;
        long n = parse_str(buf, &g, &err);
        if (n != 1)
            fail_msg("header %zu '%s': %ld rows, stderr: %s", i, headers[i], n, err);
        assert_string_equal(g.v[0].query, "plumber austin");
        assert_int_equal(g.v[0].clicks, 12);
        assert_int_equal(g.v[0].impressions, 340);
        assert_true(fabs(g.v[0].ctr - 0.0353) < 1e-12);
        assert_true(fabs(g.v[0].position - 4.7) < 1e-12);
        got_release(&g);
        free(err);
        free(buf);
    }
}

static void test_bom_and_encodings(void **state)
{
    (void)state;
    const char *body = "Top queries,Clicks,Impressions,CTR,Position\nsäge kaufen,3,30,10%,2\n";
    char *bom = xasprintf("\xef\xbb\xbf%s", body);
    struct got a = {.n = 0}, b = {.n = 0};
    char *e1, *e2;
    assert_int_equal(parse_str(body, &a, &e1), 1);
    assert_int_equal(parse_str(bom, &b, &e2), 1);
    assert_string_equal(a.v[0].query, b.v[0].query); /* the BOM is not in the query */
    assert_string_equal(b.v[0].query, "säge kaufen");
    got_release(&a), got_release(&b);
    free(e1), free(e2), free(bom);

    /* UTF-16LE with a BOM (a spreadsheet's "Unicode text") is converted */
    char u16[256];
    size_t n = 0;
    u16[n++] = (char)0xFF, u16[n++] = (char)0xFE;
    for (const char *p = "Top queries\tClicks\tImpressions\tCTR\tPosition\nq\t1\t10\t10%\t3\n"; *p; p++)
        u16[n++] = *p, u16[n++] = '\0';
    struct got c = {.n = 0};
    char *e3;
    assert_int_equal(parse_capture(u16, n, "u16.csv", &c, &e3), 1);
    assert_int_equal(c.v[0].impressions, 10);
    got_release(&c);
    free(e3);
    /* without a BOM it is not UTF-8 text: refused, saying so */
    struct got d = {.n = 0};
    char *e4;
    assert_int_equal(parse_capture(u16 + 2, n - 2, "u16.csv", &d, &e4), -1);
    assert_non_null(strstr(e4, "'u16.csv': not UTF-8 text"));
    assert_int_equal(d.n, 0);
    free(e4);
    /* Latin-1 bytes are not UTF-8 either */
    struct got f = {.n = 0};
    char *e5;
    assert_int_equal(parse_str("Top queries,Clicks,Impressions,CTR,Position\ns\xe4ge,1,2,50%,1\n", &f, &e5), -1);
    assert_non_null(strstr(e5, "not UTF-8"));
    free(e5);
}

/* --- numbers ------------------------------------------------------------------------ */
static void test_counts(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        long long want; /* -1: refused */
    } cases[] = {
        {"0", 0},           {"1234", 1234},       {"1,234", 1234},      {"1.234", 1234},
        {"1 234", 1234},    {"1\xc2\xa0" "234", 1234}, {"1\xe2\x80\xaf" "234", 1234},
        {"1'234", 1234},    {"12,345,678", 12345678}, {"12.345.678", 12345678},
        {" 7 ", 7},
        /* a count is whole: these are not grouped thousands */
        {"1,5", -1},        {"1.5", -1},          {"12,34", -1},        {"1,2345", -1},
        {"1234,567", -1},   {"1,234.567", -1},    {"1.234,5", -1},      {",123", -1},
        {"1,,234", -1},     {"", -1},             {"-1", -1},           {"1e3", -1},
        {"abc", -1},        {"99999999999999999999999", -1},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        long long v = -42;
        int rc = research_gsc_count(cases[i].in, &v);
        if (cases[i].want < 0 ? rc != -1 : rc != 0 || v != cases[i].want)
            fail_msg("count '%s': rc %d, %lld (want %lld)", cases[i].in, rc, v, cases[i].want);
    }
}

static void test_decimals(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        double want; /* < 0: refused */
    } cases[] = {
        {"3.2", 3.2},    {"3,2", 3.2},     {"12", 12},       {"1.234,5", 1234.5},
        {"1,234.5", 1234.5}, {"1 234,5", 1234.5}, {"0,05", 0.05},
        {"1.2.3", -1},   {"3,2,1", -1},    {"1,5.2,1", -1},  {"", -1},   {"x", -1},
        {"1e5", -1},     {"inf", -1},      {"nan", -1},      {"-3", -1},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        double v = -42;
        int rc = research_gsc_decimal(cases[i].in, &v);
        if (cases[i].want < 0 ? rc != -1 : rc != 0 || fabs(v - cases[i].want) > 1e-12)
            fail_msg("decimal '%s': rc %d, %g (want %g)", cases[i].in, rc, v, cases[i].want);
    }
}

static void test_ctr_and_position_cells(void **state)
{
    (void)state;
    /* semicolons and decimal commas, as a German spreadsheet re-saves it */
    struct got g = {.n = 0};
    char *err;
    assert_int_equal(parse_str("Häufigste Suchanfragen;Klicks;Impressionen;Klickrate;Position\n"
                               "a;1.234;45.678;2,7 %;3,2\n"
                               "b;5;1 000;12,5%;10,0\n"
                               "c;3;40;;7\n"       /* no CTR: clicks / impressions */
                               "d;1;4;0.25;1\n",  /* a bare fraction, as the API writes it */
                               &g, &err),
                     4);
    assert_int_equal(g.v[0].clicks, 1234);
    assert_int_equal(g.v[0].impressions, 45678);
    assert_true(fabs(g.v[0].ctr - 0.027) < 1e-12);
    assert_true(fabs(g.v[0].position - 3.2) < 1e-12);
    assert_int_equal(g.v[1].impressions, 1000);
    assert_true(fabs(g.v[1].ctr - 0.125) < 1e-12);
    assert_true(fabs(g.v[1].position - 10.0) < 1e-12);
    assert_true(fabs(g.v[2].ctr - 3.0 / 40.0) < 1e-12);
    assert_true(fabs(g.v[3].ctr - 0.25) < 1e-12);
    got_release(&g);
    free(err);
    /* a tab-separated file works the same */
    assert_int_equal(parse_str("Top queries\tClicks\tImpressions\tCTR\tPosition\nx y\t1\t2\t50%\t1.5\n", &g, &err), 1);
    assert_string_equal(g.v[0].query, "x y");
    got_release(&g);
    free(err);
}

/* --- refusals ------------------------------------------------------------------------ */
static void test_bad_rows(void **state)
{
    (void)state;
    struct got g = {.n = 0};
    char *err;
    long n = parse_str("Top queries,Clicks,Impressions,CTR,Position\n"
                       "fine,1,10,10%,3\n"                /* 2 */
                       "more clicks,11,10,10%,3\n"        /* 3 */
                       ",1,10,10%,3\n"                    /* 4 */
                       "fraction,1.5,10,10%,3\n"          /* 5 */
                       "rate,1,10,150%,3\n"               /* 6 */
                       "zero,1,10,10%,0\n"                /* 7 */
                       "\"unterminated,1,10,10%,3\n",     /* 8 */
                       &g, &err);
    assert_int_equal(n, -1); /* one bad row fails the file */
    assert_non_null(strstr(err, "'Queries.csv':3: 11 clicks but only 10 impressions"));
    assert_non_null(strstr(err, "'Queries.csv':4: empty query"));
    assert_non_null(strstr(err, "'Queries.csv':5: clicks '1.5' is not a whole number"));
    assert_non_null(strstr(err, "'Queries.csv':6: CTR '150%' is not a rate"));
    assert_non_null(strstr(err, "'Queries.csv':7: position '0'"));
    assert_non_null(strstr(err, "'Queries.csv':8:"));
    assert_null(strstr(err, "'Queries.csv':2:"));
    /* each message is one line */
    int lines = 0;
    for (const char *p = err; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 6);
    got_release(&g);
    free(err);
    /* missing cells are bad rows, not crashes */
    assert_int_equal(parse_str("Top queries,Clicks,Impressions,CTR,Position\nshort,1\n", &g, &err), -1);
    assert_non_null(strstr(err, "'Queries.csv':2: impressions ''"));
    got_release(&g);
    free(err);
}

static void test_other_tabs(void **state)
{
    (void)state;
    static const struct {
        const char *csv, *want;
    } cases[] = {
        {"Top pages,Clicks,Impressions,CTR,Position\nhttps://a.com/,1,2,50%,1\n", "the Pages tab"},
        {"Häufigste Seiten,Klicks,Impressionen,CTR,Position\nhttps://a.com/,1,2,50%,1\n", "the Pages tab"},
        {"上位のページ,クリック数,表示回数,CTR,掲載順位\nhttps://a.com/,1,2,50%,1\n", "the Pages tab"},
        {"Country,Clicks,Impressions,CTR,Position\nUnited States,1,2,50%,1\n", "the Countries tab"},
        {"Device,Clicks,Impressions,CTR,Position\nDesktop,1,2,50%,1\n", "the Devices tab"},
        {"Date,Clicks,Impressions,CTR,Position\n2026-11-01,1,2,50%,1\n", "the Dates (Chart.csv) tab"},
        {"Filter,Value\nDate,Last 3 months\n", "the Filters tab"},
        {"keyword,volume\nplumber,10\n", "not a Search Console Queries.csv"},
        {"", "empty file"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct got g = {.n = 0};
        char *err;
        assert_int_equal(parse_capture(cases[i].csv, strlen(cases[i].csv), "Pages.csv", &g, &err), -1);
        if (!strstr(err, cases[i].want) || !strstr(err, "'Pages.csv':1:"))
            fail_msg("case %zu: '%s' not in: %s", i, cases[i].want, err);
        assert_int_equal(g.n, 0);
        free(err);
    }
}

static void test_hostile(void **state)
{
    (void)state;
    struct got g = {.n = 0};
    char *err;
    /* a NUL byte inside: refused, never read past */
    const char nul[] = "Top queries,Clicks,Impressions,CTR,Position\nq\0x,1,2,50%,1\n";
    assert_int_equal(parse_capture(nul, sizeof(nul) - 1, "n.csv", &g, &err), -1);
    free(err);
    /* header only: no rows, not an error */
    assert_int_equal(parse_str("Top queries,Clicks,Impressions,CTR,Position\n", &g, &err), 0);
    free(err);
    /* thousands of bad rows: it gives up after a screenful */
    strbuf sb = STRBUF_INIT;
    sb_adds(&sb, "Top queries,Clicks,Impressions,CTR,Position\n");
    for (int i = 0; i < 5000; i++)
        sb_adds(&sb, "q,x,y,z,w\n");
    assert_int_equal(parse_capture(sb.buf, sb.len, "many.csv", &g, &err), -1);
    assert_non_null(strstr(err, "too many bad rows"));
    int lines = 0;
    for (const char *p = err; *p; p++)
        lines += *p == '\n';
    assert_true(lines < 30);
    free(err);
    /* a long query and control characters survive as text */
    sb_reset(&sb);
    sb_adds(&sb, "Top queries,Clicks,Impressions,CTR,Position\n\"");
    for (int i = 0; i < 20000; i++)
        sb_addc(&sb, 'a');
    sb_adds(&sb, "\t<script>\",1,2,50%,1\n");
    assert_int_equal(parse_capture(sb.buf, sb.len, "long.csv", &g, &err), 1);
    assert_int_equal(strlen(g.v[0].query), 20000 + strlen(" <script>"));
    got_release(&g);
    free(err);
    sb_release(&sb);
    /* a row with more columns than the header: the named ones are read */
    assert_int_equal(parse_str("Top queries,Clicks,Impressions,CTR,Position\nq,1,2,50%,1,extra,more\n", &g, &err), 1);
    got_release(&g);
    free(err);
}

/* --- the site's CTR curve ------------------------------------------------------------ */
static void test_curve_threshold(void **state)
{
    (void)state;
    struct store_gsc_row rows[RESEARCH_CTR_MIN_QUERIES + 3];
    size_t n = 0;
    /* one short of the threshold, plus rows that never count: too few
     * impressions, or off page one */
    for (int i = 0; i < RESEARCH_CTR_MIN_QUERIES - 1; i++)
        rows[n++] = (struct store_gsc_row){"q", 50, 100, 0.5, 1 + i % 10};
    rows[n++] = (struct store_gsc_row){"thin", 5, RESEARCH_CTR_MIN_IMPRESSIONS - 1, 0.2, 2};
    rows[n++] = (struct store_gsc_row){"far", 5, 1000, 0.005, 10.6};
    struct research_ctr_curve c;
    research_ctr_fit(rows, n, &c);
    assert_false(c.calibrated);
    assert_int_equal(c.queries, RESEARCH_CTR_MIN_QUERIES - 1);
    assert_non_null(c.why);
    for (int p = 0; p <= 60; p++)
        assert_true(research_ctr_curve_at(&c, p) == ctr_at(p));
    /* the one more query that reaches it */
    rows[n++] = (struct store_gsc_row){"last", 50, RESEARCH_CTR_MIN_IMPRESSIONS, 0.5, 3};
    research_ctr_fit(rows, n, &c);
    assert_true(c.calibrated);
    assert_null(c.why);
    assert_int_equal(c.queries, RESEARCH_CTR_MIN_QUERIES);
    research_ctr_fit(NULL, 0, &c);
    assert_false(c.calibrated);
    assert_true(research_ctr_curve_at(NULL, 3) == ctr_at(3));
}

static void test_curve_fit(void **state)
{
    (void)state;
    /* a site clicked at twice the default rate at every position 1-10,
     * 1,000 impressions per position */
    struct store_gsc_row rows[10];
    double clicks = 0, expect = 0;
    for (int p = 1; p <= 10; p++) {
        long long c = llround(1000 * 2 * ctr_at(p));
        rows[p - 1] = (struct store_gsc_row){"q", c, 1000, (double)c / 1000, p};
        clicks += (double)c;
        expect += 1000 * ctr_at(p);
    }
    struct research_ctr_curve c;
    research_ctr_fit(rows, 10, &c);
    assert_true(c.calibrated);
    assert_int_equal(c.impressions, 10000);
    assert_true(fabs(c.scale - (clicks + RESEARCH_CTR_PRIOR_CLICKS) / (expect + RESEARCH_CTR_PRIOR_CLICKS)) < 1e-12);
    assert_true(c.scale > 1.9 && c.scale < 2.0);
    for (int p = 1; p <= 10; p++) {
        double prior = c.scale * ctr_at(p);
        double want = ((double)rows[p - 1].clicks + RESEARCH_CTR_PRIOR_IMPRESSIONS * prior) /
                      (1000 + RESEARCH_CTR_PRIOR_IMPRESSIONS);
        if (p > 1 && want > research_ctr_curve_at(&c, p - 1))
            want = research_ctr_curve_at(&c, p - 1);
        assert_true(fabs(research_ctr_curve_at(&c, p) - want) < 1e-12);
        /* close to what the site really does */
        assert_true(fabs(research_ctr_curve_at(&c, p) / (2 * ctr_at(p)) - 1) < 0.05);
    }
    /* beyond page one: the default taper at the site's level, capped */
    assert_true(fabs(research_ctr_curve_at(&c, 15) - ctr_at(15) * c.scale) < 1e-12);
    assert_true(research_ctr_curve_at(&c, 51) == 0);
    assert_true(research_ctr_curve_at(&c, 0) == 0);

    /* thin data stays near the default: 30 impressions a position, no clicks */
    for (int p = 1; p <= 10; p++)
        rows[p - 1] = (struct store_gsc_row){"q", 0, 30, 0, p};
    research_ctr_fit(rows, 10, &c);
    assert_true(c.calibrated);
    assert_true(c.scale >= 0.25 && c.scale < 1);
    for (int p = 1; p <= 10; p++) {
        double v = research_ctr_curve_at(&c, p);
        assert_true(v >= ctr_at(p) / 4 - 1e-12); /* clamped */
        assert_true(v <= ctr_at(p));
    }

    /* nonsense (every impression clicked at position 10, none at 1) is
     * clamped and the curve still falls with position */
    for (int p = 1; p <= 10; p++)
        rows[p - 1] = (struct store_gsc_row){"q", p == 10 ? 5000 : 0, 5000, 0, p};
    research_ctr_fit(rows, 10, &c);
    assert_true(research_ctr_curve_at(&c, 10) <= 4 * ctr_at(10) + 1e-12);
    assert_true(research_ctr_curve_at(&c, 1) >= ctr_at(1) / 4 - 1e-12);
    for (int p = 2; p <= 10; p++)
        assert_true(research_ctr_curve_at(&c, p) <= research_ctr_curve_at(&c, p - 1));
    /* average positions round to their place: 1.4 -> 1, 1.6 -> 2 */
    struct store_gsc_row two[RESEARCH_CTR_MIN_QUERIES];
    for (int i = 0; i < RESEARCH_CTR_MIN_QUERIES; i++)
        two[i] = (struct store_gsc_row){"q", 300, 1000, 0.3, i % 2 ? 1.6 : 1.4};
    research_ctr_fit(two, RESEARCH_CTR_MIN_QUERIES, &c);
    double d1 = 0, e = 0;
    for (int i = 0; i < RESEARCH_CTR_MIN_QUERIES; i++)
        d1 += 300, e += 1000 * ctr_at(i % 2 ? 2 : 1);
    assert_true(fabs(c.scale - (d1 + RESEARCH_CTR_PRIOR_CLICKS) / (e + RESEARCH_CTR_PRIOR_CLICKS)) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_bom_and_encodings),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_ctr_and_position_cells),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_other_tabs),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_curve_threshold),
        cmocka_unit_test(test_curve_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
