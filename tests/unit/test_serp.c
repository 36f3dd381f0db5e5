/* test_serp.c - the parsers on the golden pages in tests/golden (each
 * PAGE.html beside PAGE.expect.json, data-driven like jq's tests: one
 * cmocka case per page, found at run time), plus the model, link
 * unwrapping, counts and the SERP-API mapper. An expectation lists only
 * what it checks: every key present must match the parse JSON (objects
 * by their listed keys, arrays element by element and of equal length);
 * "http_status" is an input. The engine comes from detection, so every
 * page also checks serp_detect_engine. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../src/serp/dom.h"
#include "serp.h"
#include "util.h"

#define GOLDEN_DIR "tests/golden"

/* Subset match of want in got; describes the first difference in why. */
static int match(const json_t *want, const json_t *got, const char *path, strbuf *why)
{
    if (json_is_object(want)) {
        if (!json_is_object(got)) {
            sb_addf(why, "%s: not an object", path);
            return 0;
        }
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)want, k, v)
        {
            if (!strcmp(k, "http_status"))
                continue;
            char *sub = xasprintf("%s.%s", path, k);
            int ok = match(v, json_object_get(got, k), sub, why);
            free(sub);
            if (!ok)
                return 0;
        }
        return 1;
    }
    if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(got) != json_array_size(want)) {
            char *g = got ? json_dumps(got, JSON_COMPACT) : NULL;
            sb_addf(why, "%s: got %s, want %zu items", path, g ? g : "nothing",
                    json_array_size(want));
            free(g);
            return 0;
        }
        for (size_t i = 0; i < json_array_size(want); i++) {
            char *sub = xasprintf("%s[%zu]", path, i);
            int ok = match(json_array_get(want, i), json_array_get(got, i), sub, why);
            free(sub);
            if (!ok)
                return 0;
        }
        return 1;
    }
    if (json_is_number(want) && json_is_number(got) &&
        fabs(json_number_value(want) - json_number_value(got)) < 1e-9)
        return 1;
    if (json_equal((json_t *)want, (json_t *)got))
        return 1;
    char *w = json_dumps(want, JSON_ENCODE_ANY), *g = got ? json_dumps(got, JSON_ENCODE_ANY) : NULL;
    sb_addf(why, "%s: got %s, want %s", path, g ? g : "(absent)", w ? w : "?");
    free(w);
    free(g);
    return 0;
}

static void golden_page(void **state)
{
    const char *name = *state;
    char *html = xasprintf("%s/%s", GOLDEN_DIR, name);
    char *exp = xasprintf("%.*s.expect.json", (int)(strlen(html) - 5), html);
    char *buf;
    size_t len;
    assert_int_equal(util_read_file(html, 1u << 26, &buf, &len), 0);
    json_error_t jerr;
    json_t *want = json_load_file(exp, 0, &jerr);
    if (!want)
        fail_msg("%s: %s", exp, jerr.text);
    enum serp_engine e = serp_engine_from_name(json_string_value(json_object_get(want, "engine")));
    json_t *st = json_object_get(want, "http_status");
    /* Detection must agree, except on pages that carry no engine markup at
     * all (an empty body, a bare error page). */
    if (len && !st && serp_detect_engine(buf, len) != SERP_ENGINE_UNKNOWN)
        assert_string_equal(serp_engine_name(serp_detect_engine(buf, len)), serp_engine_name(e));
    struct serp_page p;
    serp_parse(e, buf, len, st ? (int)json_integer_value(st) : 0, &p);
    json_t *got = serp_page_to_json(&p);
    strbuf why = STRBUF_INIT;
    int ok = match(want, got, name, &why);
    if (!ok) {
        char *g = json_dumps(got, JSON_INDENT(1));
        print_error("%s\n", g);
        free(g);
    }
    /* Strings in the model are valid UTF-8 without NULs. */
    for (size_t i = 0; i < p.n_organic; i++) {
        assert_true(util_utf8_valid(p.organic[i].title, strlen(p.organic[i].title)));
        assert_true(util_utf8_valid(p.organic[i].url, strlen(p.organic[i].url)));
    }
    /* And the JSON shape reads back to the same JSON. */
    struct serp_page back;
    assert_int_equal(serp_page_from_json(got, &back), 0);
    json_t *again = serp_page_to_json(&back);
    assert_true(json_equal(got, again));
    json_decref(again);
    serp_page_release(&back);
    json_decref(got);
    json_decref(want);
    serp_page_release(&p);
    free(buf);
    free(html);
    free(exp);
    if (!ok) {
        static char msg[4096];
        snprintf(msg, sizeof(msg), "%s", sb_str(&why));
        sb_release(&why);
        fail_msg("%s", msg);
    }
    sb_release(&why);
}

/* --- model and helpers -------------------------------------------------- */

static void names_round_trip(void **state)
{
    (void)state;
    for (int e = SERP_GOOGLE; e <= SERP_DUCKDUCKGO; e++)
        assert_int_equal(serp_engine_from_name(serp_engine_name(e)), e);
    assert_int_equal(serp_engine_from_name("yahoo"), SERP_ENGINE_UNKNOWN);
    assert_null(serp_block_name(SERP_BLOCK_NONE));
    for (int b = SERP_BLOCK_CAPTCHA; b <= SERP_BLOCK_TRUNCATED; b++)
        assert_int_equal(serp_block_from_name(serp_block_name(b)), b);
    assert_string_equal(serp_block_name(SERP_BLOCK_RATE_LIMITED), "rate_limited");
    assert_string_equal(serp_block_name(SERP_BLOCK_JAVASCRIPT), "javascript_required");
    for (int i = 0; i < SERP_N_FEATURES; i++)
        assert_int_equal(serp_feature_from_name(serp_feature_name(1u << i)), 1u << i);
    assert_int_equal(serp_feature_from_name("nope"), 0);
}

static void append_renumbers(void **state)
{
    (void)state;
    struct serp_page a, b;
    serp_page_init(&a);
    serp_page_init(&b);
    serp_add_organic(&a, "https://a.example.com/", "A", NULL);
    serp_add_organic(&a, "https://b.example.com/", "B", "snip");
    serp_add_ad(&a, 0, "https://ad.example.com/", "Ad");
    serp_add_organic(&b, "https://c.example.com/", "C", NULL);
    serp_add_ad(&b, 1, "https://ad2.example.com/", "Ad2");
    serp_add_local(&b, "Shop", 4.5, 10, "https://shop.example.com/");
    b.features |= SERP_F_VIDEOS;
    serp_add_ai_cite(&b, "https://cited.example.com/", "Cited");
    assert_null(serp_add_ai_cite(&b, "https://cited.example.com/", "Again"));
    serp_page_append(&a, &b);
    assert_int_equal(a.n_ai_cited, 1); /* the first page with an overview */
    assert_true(a.features & SERP_F_AI_OVERVIEW);
    assert_int_equal(a.n_organic, 3);
    assert_int_equal(a.organic[2].position, 3);
    assert_string_equal(a.organic[2].domain, "example.com");
    assert_int_equal(a.n_ads, 1); /* kept from the first page that has them */
    assert_int_equal(a.n_local, 1);
    assert_true(a.features & SERP_F_VIDEOS);
    assert_true(a.features & SERP_F_LOCAL_PACK);
    assert_int_equal(b.n_organic, 0);
    serp_page_release(&a);
    serp_page_release(&b);
}

static void adders_sanitise(void **state)
{
    (void)state;
    struct serp_page p;
    serp_page_init(&p);
    serp_add_organic(&p, "https://x.example.co.uk/a", "  bad \xff\xfe  utf8\n", NULL);
    assert_true(util_utf8_valid(p.organic[0].title, strlen(p.organic[0].title)));
    assert_string_equal(p.organic[0].domain, "example.co.uk");
    serp_add_ad(&p, 1, "https://ads.example.com/", "x");
    serp_add_ad(&p, 1, "https://ads.example.com/2", "y");
    assert_int_equal(p.ads[1].position, 2);
    assert_true(p.features & SERP_F_ADS_BOTTOM);
    serp_page_release(&p);
}

static void from_json_rejects(void **state)
{
    (void)state;
    struct serp_page p;
    json_t *j = json_pack("{s:s,s:[i]}", "engine", "google", "organic", 3);
    assert_int_equal(serp_page_from_json(j, &p), -1);
    json_decref(j);
    j = json_string("x");
    assert_int_equal(serp_page_from_json(j, &p), -1);
    json_decref(j);
}

static void parse_rejects_non_html(void **state)
{
    (void)state;
    struct serp_page p;
    assert_int_equal(serp_parse(SERP_GOOGLE, "", 0, 0, &p), -1);
    assert_int_equal(p.block, SERP_BLOCK_EMPTY);
    serp_page_release(&p);
    static const char bin[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    assert_int_equal(serp_parse(SERP_GOOGLE, bin, sizeof(bin), 0, &p), -1);
    serp_page_release(&p);
    assert_int_equal(serp_parse(SERP_BING, "just words, no markup", 21, 0, &p), -1);
    serp_page_release(&p);
    /* 503 with a body is still rate limited, and understood. */
    assert_int_equal(serp_parse(SERP_BING, "<html></html>", 13, 503, &p), 0);
    assert_int_equal(p.block, SERP_BLOCK_RATE_LIMITED);
    serp_page_release(&p);
}

static void deep_nesting(void **state)
{
    (void)state;
    /* 100k nested divs: libxml2 caps depth; we must neither crash nor
     * recurse without bound. */
    strbuf sb = STRBUF_INIT;
    sb_adds(&sb, "<html><body><div id=\"rso\">");
    for (int i = 0; i < 100000; i++)
        sb_adds(&sb, "<div class=\"g\">");
    sb_adds(&sb, "<a href=\"https://deep.example.com/\"><h3>Deep</h3></a></body></html>");
    struct serp_page p;
    serp_parse(SERP_GOOGLE, sb.buf, sb.len, 0, &p);
    serp_page_release(&p);
    /* A title nested 200k deep: text extraction must not recurse. */
    sb_reset(&sb);
    sb_adds(&sb, "<html><body><div id=\"rso\"><div class=\"g\"><a href=\"https://d.example.com/\"><h3>");
    for (int i = 0; i < 200000; i++)
        sb_adds(&sb, "<span>");
    sb_adds(&sb, "deep title</h3></a></div><h2></h2><div role=\"heading\"></div></div></body></html>");
    serp_parse(SERP_GOOGLE, sb.buf, sb.len, 0, &p);
    assert_int_equal(p.n_organic, 1);
    assert_string_equal(p.organic[0].title, "deep title");
    serp_page_release(&p);
    sb_release(&sb);
}

/* Organic URLs of a page, one per line (caller frees). */
static char *organic_urls(const char *buf, size_t len)
{
    struct serp_page p;
    serp_parse(SERP_GOOGLE, buf, len, 0, &p);
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < p.n_organic; i++)
        sb_addf(&sb, "%s\n", p.organic[i].url);
    serp_page_release(&p);
    return sb.len ? sb_detach(&sb) : xstrdup("");
}

static void wholepage_big_blocks(void **state)
{
    (void)state;
    /* The whole-page knowledge layout puts the result column inside one
     * universal block (div.ULSxyf), after the entity header. However big
     * that header grows (images, tabs, 20,000 elements here) and however
     * deep the column sits, the results are the same. */
    char *buf;
    size_t len;
    assert_int_equal(util_read_file(GOLDEN_DIR "/google-2024-wholepage.html", 1u << 20, &buf, &len),
                     0);
    char *want = organic_urls(buf, len);
    assert_true(strlen(want) > 100);
    const char *header = strstr(buf, "<div class=\"kp-header\">");
    const char *column = strstr(buf, "<div class=\"TzHB6b");
    const char *column_end = column ? strstr(column, "\n  </div></div></div>") : NULL;
    assert_non_null(header);
    assert_non_null(column_end);
    strbuf sb = STRBUF_INIT;
    sb_add(&sb, buf, (size_t)(header - buf));
    sb_adds(&sb, "<div class=\"filler\">");
    for (int i = 0; i < 10000; i++)
        sb_adds(&sb, "<span><i>x</i></span>");
    sb_adds(&sb, "</div>");
    sb_add(&sb, header, (size_t)(column - header));
    for (int i = 0; i < 150; i++)
        sb_adds(&sb, "<div class=\"wrap\">");
    sb_add(&sb, column, (size_t)(column_end - column));
    for (int i = 0; i < 150; i++)
        sb_adds(&sb, "</div>");
    sb_adds(&sb, column_end);
    char *got = organic_urls(sb.buf, sb.len);
    assert_string_equal(got, want);
    free(got);
    free(want);
    sb_release(&sb);
    free(buf);
}

static void svg_bodies_skipped(void **state)
{
    (void)state;
    /* Inline SVG bodies are dropped before the parse: an icon's <title>
     * is not part of a result title, markup inside an SVG is never a
     * result, and an SVG left open loses nothing before it. */
    const char *page =
        "<html><body><div id=\"rso\">"
        "<div class=\"g\"><a href=\"https://a.example.com/\"><h3>Alpha<svg viewBox=\"0 0 24 24\">"
        "<title>external link</title><path d=\"M0 0h24v24H0z\"/></svg></h3></a></div>"
        "<SVG><a href=\"https://fake.example.com/\"><h3>Not a result</h3></a></SVG>"
        "<div class=\"g\"><a href=\"https://b.example.com/\"><h3>Beta</h3></a></div>"
        "<svg><svg><path/></svg><a href=\"https://c.example.com/\"><h3>Gamma</h3></a></svg>"
        "<div class=\"g\"><a href=\"https://d.example.com/\"><h3>Delta</h3></a></div>"
        "<svg class=\"open\"><path d=\"M1\"></div></body></html>";
    struct serp_page p;
    serp_parse(SERP_GOOGLE, page, strlen(page), 200, &p);
    assert_int_equal(p.n_organic, 4);
    assert_string_equal(p.organic[0].title, "Alpha");
    assert_string_equal(p.organic[1].url, "https://b.example.com/");
    /* a nested SVG ends the skip at its own close: what follows parses */
    assert_string_equal(p.organic[2].url, "https://c.example.com/");
    assert_string_equal(p.organic[3].title, "Delta");
    serp_page_release(&p);
}

static void utf8_check_agrees(void **state)
{
    (void)state;
    /* The fast validator must agree with util_utf8_valid on edge cases. */
    static const char *const cases[] = {
        "plain ascii text that is longer than eight bytes",
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8d\x8e ok",
        "bad \xff byte in the middle of a long line of text",
        "overlong \xc0\xaf slash",
        "surrogate \xed\xa0\x80 here",
        "cut at end \xe2\x82",
        "too big \xf4\x90\x80\x80",
        "",
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(dom_utf8_clean(cases[i], strlen(cases[i])),
                         util_utf8_valid(cases[i], strlen(cases[i])));
    static const char nul[] = "0123456789abcdef\0ghijklmnop";
    assert_int_equal(dom_utf8_clean(nul, sizeof(nul) - 1), 0);
}

static void huge_page(void **state)
{
    (void)state;
    /* 20 MB with a 16 MB inline script between results: every result on
     * both sides of it is found. */
    strbuf sb = STRBUF_INIT;
    sb_adds(&sb, "<html><head><title>big - Google Search</title></head><body><div id=\"rso\">");
    for (int i = 0; i < 10; i++) {
        if (i == 5) {
            sb_adds(&sb, "<script>var x=\"");
            char *chunk = xmalloc(1u << 20);
            memset(chunk, 'a', 1u << 20);
            for (int k = 0; k < 16; k++)
                sb_add(&sb, chunk, 1u << 20);
            free(chunk);
            sb_adds(&sb, "\";</script>");
        }
        sb_addf(&sb, "<div class=\"g\"><a href=\"https://r%d.example.com/\"><h3>R%d</h3></a></div>",
                i, i);
    }
    sb_adds(&sb, "</div></body></html>");
    assert_true(sb.len > 10u << 20);
    struct serp_page p;
    assert_int_equal(serp_parse(SERP_GOOGLE, sb.buf, sb.len, 200, &p), 0);
    assert_int_equal(p.n_organic, 10);
    assert_string_equal(p.organic[9].url, "https://r9.example.com/");
    serp_page_release(&p);
    sb_release(&sb);
}

static void detect_engines(void **state)
{
    (void)state;
    assert_int_equal(serp_detect_engine("<div id=\"rso\"></div>", 20), SERP_GOOGLE);
    assert_int_equal(serp_detect_engine("<ol id=\"b_results\"></ol>", 24), SERP_BING);
    const char *d = "<a class=\"result__a\" href=\"//duckduckgo.com/l/?uddg=x\">";
    assert_int_equal(serp_detect_engine(d, strlen(d)), SERP_DUCKDUCKGO);
    assert_int_equal(serp_detect_engine("<p>hello</p>", 12), SERP_ENGINE_UNKNOWN);
    assert_int_equal(serp_detect_engine(NULL, 0), SERP_ENGINE_UNKNOWN);
    /* Bing's Turnstile page carries no result markup, only its form; a
     * result of another engine linking there stays that engine's. */
    const char *ch = "<title>Bing</title><div class=\"captcha\"><form method=\"POST\" "
                     "action=\"https://bing.com/challenge/verify\"><div id=\"turnstile-widget\">";
    assert_int_equal(serp_detect_engine(ch, strlen(ch)), SERP_BING);
    const char *g = "<div id=\"search\"><a href=\"/url?q=https://www.bing.com/challenge/verify\">"
                    "</a></div><title>bing challenge - Google Search</title>";
    assert_int_equal(serp_detect_engine(g, strlen(g)), SERP_GOOGLE);
    const char *dd = "<div class=\"result results_links\"><a class=\"result__url\" "
                     "href=\"https://www.bing.com/challenge/verify\">x</a></div>";
    assert_int_equal(serp_detect_engine(dd, strlen(dd)), SERP_DUCKDUCKGO);
}

/* The query of a DuckDuckGo challenge page, from its form's action: raw
 * (spaces and '+' kept as written) or form-encoded ('+' is a space). */
static char *ddg_challenge_query(const char *action)
{
    char *html = xasprintf("<html><body><div class=\"anomaly-modal__modal\"><form "
                           "id=\"challenge-form\" action=\"%s\" method=\"POST\"></form>"
                           "</div></body></html>",
                           action);
    struct serp_page p;
    assert_int_equal(serp_parse(SERP_DUCKDUCKGO, html, strlen(html), 0, &p), 0);
    assert_int_equal(p.block, SERP_BLOCK_CAPTCHA);
    char *q = p.query ? xstrdup(p.query) : NULL;
    serp_page_release(&p);
    free(html);
    return q;
}

static void ddg_challenge_queries(void **state)
{
    (void)state;
    static const struct {
        const char *action, *want;
    } cases[] = {
        {"//duckduckgo.com/anomaly.js?sv=lite&amp;cc=botnet&amp;q=c++ for kids&amp;r=usc",
         "c++ for kids"},
        {"/anomaly.js?sv=html&amp;q=water+heater+repair&amp;o=x%3D", "water heater repair"},
        {"https://duckduckgo.com/anomaly.js?q=c%2B%2B", "c++"},
        {"//duckduckgo.com/anomaly.js?sv=lite&amp;q=&amp;r=usc", NULL},
        {"//duckduckgo.com/anomaly.js?sv=lite&amp;q=  &amp;r=usc", NULL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *q = ddg_challenge_query(cases[i].action);
        if (cases[i].want)
            assert_string_equal(q ? q : "(null)", cases[i].want);
        else
            assert_null(q);
        free(q);
    }
}

/* Counts through the public parser: the stats line in several locales. */
static long long count_of(const char *stats)
{
    char *html = xasprintf("<html><body><div id=\"result-stats\">%s</div><div id=\"rso\">"
                           "<div class=\"g\"><a href=\"https://a.example.com/\"><h3>A</h3></a>"
                           "</div></div></body></html>",
                           stats);
    struct serp_page p;
    serp_parse(SERP_GOOGLE, html, strlen(html), 0, &p);
    long long n = p.total_results;
    serp_page_release(&p);
    free(html);
    return n;
}

static void total_results_locales(void **state)
{
    (void)state;
    assert_int_equal(count_of("About 1,230,000 results (0.42 seconds)"), 1230000);
    assert_int_equal(count_of("Page 2 of about 123,664 results (0.31 seconds)"), 123664);
    assert_int_equal(count_of("Ungef\xc3\xa4hr 1.230.000 Ergebnisse (0,35 Sekunden)"), 1230000);
    assert_int_equal(count_of("Environ 1\xc2\xa0" "230\xc2\xa0" "000\xc2\xa0r\xc3\xa9sultats"), 1230000);
    assert_int_equal(count_of("Circa 1\xe2\x80\xaf" "230 risultati"), 1230);
    assert_int_equal(count_of("3 results (0.312 seconds)"), 3);
    assert_int_equal(count_of("no digits here"), -1);
    assert_int_equal(count_of("99999999999999999999999999 results"), -1);
}

/* --- SERP API JSON ------------------------------------------------------- */

static void api_maps_serpapi_shape(void **state)
{
    (void)state;
    const char *js =
        "{\"search_metadata\":{\"status\":\"Success\"},\"search_information\":{\"total_results\":1230000},"
        "\"search_parameters\":{\"q\":\"plumber austin\"},"
        "\"ads\":[{\"position\":1,\"block_position\":\"top\",\"title\":\"Ad 1\","
        "\"link\":\"https://ad.example.com/\"},{\"position\":1,\"block_position\":\"bottom\","
        "\"title\":\"Ad B\",\"link\":\"https://adb.example.com/\"},{\"block_position\":\"right\","
        "\"title\":\"Side\",\"link\":\"https://side.example.com/\"}],"
        "\"local_results\":{\"places\":[{\"position\":1,\"title\":\"Radiant\",\"rating\":4.8,"
        "\"reviews\":2345,\"links\":{\"website\":\"https://radiant.example.com/\"}},"
        "{\"title\":\"No site\",\"website\":\"https://nosite.example.org/x\"}]},"
        "\"related_questions\":[{\"question\":\"q?\"}],"
        "\"ai_overview\":{\"text_blocks\":[],\"references\":[{\"title\":\"Cited\","
        "\"link\":\"https://two.example.com/\",\"index\":0},{\"title\":\"no link\"},"
        "{\"title\":\"Again\",\"link\":\"https://two.example.com/\"},"
        "{\"link\":\"https://three.example.net/a\"}]},"
        "\"organic_results\":[{\"position\":1,\"title\":\"One\",\"link\":\"https://www.one.example.com/\","
        "\"snippet\":\"s1\"},{\"position\":2,\"title\":\"Two\",\"link\":\"https://two.example.com/\"},"
        "{\"position\":3,\"title\":\"bad link\",\"link\":42}]}";
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(serp_parse_api_json(SERP_GOOGLE, js, strlen(js), &p, &err), 0);
    assert_null(err);
    assert_int_equal(p.total_results, 1230000);
    assert_string_equal(p.query, "plumber austin");
    assert_int_equal(p.n_organic, 2);
    assert_string_equal(p.organic[0].url, "https://www.one.example.com/");
    assert_string_equal(p.organic[0].snippet, "s1");
    assert_int_equal(p.organic[1].position, 2);
    assert_int_equal(p.n_ads, 3);
    assert_int_equal(p.ads[1].block, SERP_AD_BOTTOM);
    assert_int_equal(p.ads[2].block, SERP_AD_SIDE); /* SerpApi's "right" */
    assert_true(p.features & SERP_F_ADS_SIDE);
    /* the cited sources, once each, in order; never organic */
    assert_true(p.features & SERP_F_AI_OVERVIEW);
    assert_int_equal(p.n_ai_cited, 2);
    assert_string_equal(p.ai_cited[0].title, "Cited");
    assert_string_equal(p.ai_cited[1].domain, "example.net");
    assert_int_equal(p.ai_cited[1].position, 2);
    assert_int_equal(p.n_local, 2);
    assert_string_equal(p.local[0].website, "https://radiant.example.com/");
    assert_int_equal(p.local[0].reviews, 2345);
    assert_string_equal(p.local[1].domain, "example.org");
    assert_true(p.features & SERP_F_LOCAL_PACK);
    assert_true(p.features & SERP_F_PEOPLE_ALSO_ASK);
    assert_int_equal(p.block, SERP_BLOCK_NONE);
    serp_page_release(&p);
}

static void api_errors(void **state)
{
    (void)state;
    struct serp_page p;
    char *err = NULL;
    const char *e1 = "{\"error\":\"Invalid API key. Your API key should be here.\"}";
    assert_int_equal(serp_parse_api_json(SERP_GOOGLE, e1, strlen(e1), &p, &err), -1);
    assert_non_null(err);
    assert_string_equal(err, "Invalid API key. Your API key should be here.");
    free(err);
    serp_page_release(&p);
    err = NULL;
    assert_int_equal(serp_parse_api_json(SERP_GOOGLE, "[1,2]", 5, &p, &err), -1);
    free(err);
    serp_page_release(&p);
    err = NULL;
    assert_int_equal(serp_parse_api_json(SERP_GOOGLE, "{not json", 9, &p, &err), -1);
    free(err);
    serp_page_release(&p);
    /* No results is an answer, not an error. */
    const char *e2 = "{\"search_information\":{\"organic_results_state\":\"Fully empty\"},"
                     "\"error\":\"Google hasn't returned any results for this query.\"}";
    err = NULL;
    assert_int_equal(serp_parse_api_json(SERP_GOOGLE, e2, strlen(e2), &p, &err), 0);
    assert_int_equal(p.no_results, 1);
    assert_int_equal(p.n_organic, 0);
    free(err);
    serp_page_release(&p);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(names_round_trip),     cmocka_unit_test(append_renumbers),
        cmocka_unit_test(adders_sanitise),      cmocka_unit_test(from_json_rejects),
        cmocka_unit_test(parse_rejects_non_html), cmocka_unit_test(deep_nesting),
        cmocka_unit_test(detect_engines),       cmocka_unit_test(utf8_check_agrees),
        cmocka_unit_test(huge_page),       cmocka_unit_test(api_maps_serpapi_shape),
        cmocka_unit_test(api_errors),           cmocka_unit_test(total_results_locales),
        cmocka_unit_test(wholepage_big_blocks), cmocka_unit_test(ddg_challenge_queries),
        cmocka_unit_test(svg_bodies_skipped),
    };
    char **names = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(GOLDEN_DIR);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l > 5 && !strcmp(de->d_name + l - 5, ".html")) {
                util_grow((void **)&names, &cap, n + 1, sizeof(*names));
                names[n++] = xstrdup(de->d_name);
            }
        }
        closedir(d);
    }
    if (n == 0) {
        fprintf(stderr, "test_serp: no golden pages in %s (run from the project root)\n",
                GOLDEN_DIR);
        return 1;
    }
    qsort(names, n, sizeof(*names), by_name);
    size_t total = ARRAY_SIZE(fixed) + n;
    struct CMUnitTest *tests = xcalloc(total, sizeof(*tests));
    memcpy(tests, fixed, sizeof(fixed));
    for (size_t i = 0; i < n; i++) {
        struct CMUnitTest *t = &tests[ARRAY_SIZE(fixed) + i];
        t->name = names[i];
        t->test_func = golden_page;
        t->initial_state = names[i];
    }
    int rc = _cmocka_run_group_tests("serp", tests, total, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(tests);
    return rc;
}
